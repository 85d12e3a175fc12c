/** Messenger door: webhook events → activities → the bot → Send API requests through the outbox. */
import { ActivityTypes, type Activity, type ConversationReference } from 'botbuilder';
import { ChannelAdapter, actionsOf, callsOf, plain } from '../channel-adapter';
import type { Outbox } from '../outbox';
import {
  MESSENGER_COUNTRY_CODE,
  MESSENGER_MAX_QUICK_REPLIES,
  MESSENGER_MAX_TEMPLATE_TEXT,
  MESSENGER_MAX_TEXT,
  MESSENGER_MAX_TITLE,
  type MessengerEvent,
  type MessengerRequest,
} from './protocol';

export class MessengerAdapter extends ChannelAdapter {
  constructor(outbox: Outbox) {
    super(outbox, 'messenger', MESSENGER_MAX_TEXT);
  }

  static toActivity(e: MessengerEvent, raw: unknown): Activity {
    return {
      type: ActivityTypes.Message,
      id: e.id,
      channelId: 'messenger',
      serviceUrl: 'messenger://',
      timestamp: new Date(e.timestamp),
      conversation: { id: `fb:${e.pageId}:${e.psid}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: e.psid, name: '' },
      recipient: { id: e.pageId, name: 'Page' },
      locale: 'vi-VN',
      text: e.kind === 'text' ? e.text : '',
      channelData: raw,
    } as Activity;
  }

  protected toRequests(activity: Partial<Activity>, ref: ConversationReference): MessengerRequest[] {
    const recipient = { id: ref.user?.id ?? '' };
    if (activity.type === ActivityTypes.Typing) return [{ recipient, sender_action: 'typing_on' }];
    if (activity.type !== ActivityTypes.Message || !activity.text) return [];
    const text = plain(activity.text);
    const quick = actionsOf(activity)
      .slice(0, MESSENGER_MAX_QUICK_REPLIES)
      .map((a) => ({
        content_type: 'text' as const,
        title: a.title.length > MESSENGER_MAX_TITLE ? `${a.title.slice(0, MESSENGER_MAX_TITLE - 1)}…` : a.title,
        payload: a.value.slice(0, 1000),
      }));
    const calls = callsOf(activity).slice(0, 3);
    const quickReplies = quick.length ? { quick_replies: quick } : {};
    // A call button needs a button template (text ≤ 640).
    if (calls.length && text.length <= MESSENGER_MAX_TEMPLATE_TEXT) {
      const buttons = calls.map((c) => ({
        type: 'phone_number' as const,
        title: c.title.slice(0, MESSENGER_MAX_TITLE),
        payload: c.number.startsWith('+') ? c.number : `${MESSENGER_COUNTRY_CODE}${c.number.replace(/^0/, '')}`,
      }));
      const message = { attachment: { type: 'template' as const, payload: { template_type: 'button' as const, text, buttons } }, ...quickReplies };
      return [
        { recipient, sender_action: 'typing_on' },
        { recipient, messaging_type: 'RESPONSE', message },
      ];
    }
    return [
      { recipient, sender_action: 'typing_on' },
      { recipient, messaging_type: 'RESPONSE', message: { text, ...quickReplies } },
    ];
  }
}
