/** The Web Chat door: the bot's replies are appended to the Direct Line conversation log the browser polls. */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { WEBCHAT_MAX_TEXT, splitLongMessages } from '../channels';
import { BaseAdapter } from '../base-adapter';
import type { ConversationLog } from './store';

export const BOT_ACCOUNT = { id: 'bot', name: 'Trợ lý COVID-19', role: 'bot' };

export class DirectLineAdapter extends BaseAdapter {
  constructor(private readonly store: ConversationLog) {
    super('web chat');
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conv = context.activity.conversation.id;
    const out: ResourceResponse[] = [];
    for (const a of splitLongMessages(activities, WEBCHAT_MAX_TEXT)) {
      if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Typing) {
        out.push({ id: randomUUID() });
        continue;
      }
      const stored = await this.store.append(conv, { ...a, from: BOT_ACCOUNT, channelId: 'webchat', conversation: { id: conv } as Activity['conversation'] });
      out.push({ id: stored?.id ?? randomUUID() });
    }
    return out;
  }
}
