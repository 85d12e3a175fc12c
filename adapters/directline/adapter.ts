/** The Web Chat door: the bot's replies are appended to the Direct Line conversation log the browser polls. */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ConversationStore } from './store';

export const BOT_ACCOUNT = { id: 'bot', name: 'Trợ lý COVID-19', role: 'bot' };

export class DirectLineAdapter extends BotAdapter {
  constructor(private readonly store: ConversationStore) {
    super();
  }

  async processActivity(activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conv = context.activity.conversation.id;
    return activities.map((a) => {
      if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Typing) return { id: randomUUID() };
      const stored = this.store.append(conv, { ...a, from: BOT_ACCOUNT, channelId: 'webchat', conversation: { id: conv } as Activity['conversation'] });
      return { id: stored?.id ?? randomUUID() };
    });
  }

  async updateActivity(): Promise<void> {
    throw new Error('updateActivity is not supported on web chat');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('deleteActivity is not supported on web chat');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }
}
