/** The Web Chat door: the bot's replies are appended to the Direct Line conversation log the browser polls. */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { BaseAdapter } from '../../bot/base-adapter';
import type { ConversationStore } from './store';

export const BOT_ACCOUNT = { id: 'bot', name: 'Trợ lý COVID-19', role: 'bot' };

export class DirectLineAdapter extends BaseAdapter {
  constructor(private readonly store: ConversationStore) {
    super('web chat');
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conv = context.activity.conversation.id;
    return activities.map((a) => {
      if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Typing) return { id: randomUUID() };
      const stored = this.store.append(conv, { ...a, from: BOT_ACCOUNT, channelId: 'webchat', conversation: { id: conv } as Activity['conversation'] });
      return { id: stored?.id ?? randomUUID() };
    });
  }
}
