/**
 * Runs the bot in this process, without HTTP: one call per user message, the bot's replies returned.
 * Used by `npm run ask` and by tests that want the whole pipeline.
 *
 * @example
 * const adapter = new InProcessAdapter();
 * const replies = await adapter.say('test nhanh 2 vach', (ctx) => bot.run(ctx), { conversationId: 'c1' });
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { BaseAdapter } from './base-adapter';
import { WEBCHAT_MAX_TEXT, splitLongMessages } from './channels';

export interface InProcessAddress {
  conversationId: string;
  userId?: string;
  channelId?: string;
}

export class InProcessAdapter extends BaseAdapter {
  private readonly outbox = new Map<string, Partial<Activity>[]>();

  constructor() {
    super('in process');
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const key = context.activity.conversation.id;
    const list = this.outbox.get(key) ?? [];
    this.outbox.set(key, list);
    // Split as web chat splits, so `npm run ask` and the tests see what a citizen sees.
    return splitLongMessages(activities, WEBCHAT_MAX_TEXT).map((a) => {
      if (a.type === ActivityTypes.Message) list.push(a);
      return { id: randomUUID() };
    });
  }

  private activity(type: string, address: InProcessAddress, extra: Partial<Activity>): Activity {
    const channelId = address.channelId ?? 'cli';
    const user = { id: address.userId ?? `user-${address.conversationId}`, name: 'Người dùng' };
    return {
      type,
      id: randomUUID(),
      channelId,
      serviceUrl: 'inprocess://',
      timestamp: new Date(),
      conversation: { id: address.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: user,
      recipient: { id: 'bot', name: 'Trợ lý' },
      locale: 'vi-VN',
      ...extra,
    } as Activity;
  }

  private async turn(activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    this.outbox.set(activity.conversation.id, []);
    await this.runMiddleware(new TurnContext(this, activity), logic);
    const replies = this.outbox.get(activity.conversation.id) ?? [];
    this.outbox.delete(activity.conversation.id);
    return replies;
  }

  /** A user message; resolves with the bot's replies to it. */
  say(text: string, logic: (ctx: TurnContext) => Promise<void>, address: InProcessAddress): Promise<Partial<Activity>[]> {
    return this.turn(this.activity(ActivityTypes.Message, address, { text, textFormat: 'plain' }), logic);
  }

  /** A new conversation (the user joined); resolves with the welcome. */
  join(logic: (ctx: TurnContext) => Promise<void>, address: InProcessAddress): Promise<Partial<Activity>[]> {
    const a = this.activity(ActivityTypes.ConversationUpdate, address, {});
    a.membersAdded = [a.from];
    return this.turn(a, logic);
  }
}
