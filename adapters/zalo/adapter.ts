/**
 * Zalo OA door: webhook events → activities → the bot → customer-service messages through the outbox.
 */
import { ActivityTypes, type Activity, type ConversationReference } from 'botbuilder';
import { ChannelAdapter, actionsOf, callsOf, plain } from '../channel-adapter';
import type { Outbox } from '../outbox';
import { ZALO_MAX_BUTTONS, ZALO_MAX_BUTTON_TITLE, ZALO_MAX_TEXT, type ZaloButton, type ZaloEvent, type ZaloSendRequest } from './protocol';

export class ZaloAdapter extends ChannelAdapter {
  constructor(outbox: Outbox) {
    super(outbox, 'zalo', ZALO_MAX_TEXT);
  }

  /** The activity for a webhook event (text, follow, or a media message answered politely by the bot). */
  static toActivity(e: Exclude<ZaloEvent, { kind: 'ignore' }>, raw: unknown): Activity {
    const base = {
      id: e.id,
      channelId: 'zalo',
      serviceUrl: 'zalo://',
      timestamp: new Date(Number(e.timestamp) || Date.now()),
      conversation: { id: `zalo:${e.oaId}:${e.userId}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: e.userId, name: '' },
      recipient: { id: e.oaId || 'oa', name: 'OA' },
      locale: 'vi-VN',
      channelData: raw,
    };
    if (e.kind === 'follow') return { ...base, type: ActivityTypes.ConversationUpdate, membersAdded: [base.from] } as Activity;
    return { ...base, type: ActivityTypes.Message, text: e.kind === 'text' ? e.text : '' } as Activity;
  }

  protected toRequests(activity: Partial<Activity>, ref: ConversationReference): ZaloSendRequest[] {
    if (activity.type !== ActivityTypes.Message || !activity.text) return [];
    const userId = ref.user?.id ?? '';
    // A call button comes first: `oa.open.phone` dials the number from the chat.
    const buttons: ZaloButton[] = [
      ...callsOf(activity).map(
        (c): ZaloButton => ({ title: c.title.slice(0, ZALO_MAX_BUTTON_TITLE), type: 'oa.open.phone', payload: { phone_code: c.number } }),
      ),
      ...actionsOf(activity).map((a): ZaloButton => ({ title: a.title.slice(0, ZALO_MAX_BUTTON_TITLE), type: 'oa.query.hide', payload: a.value })),
    ].slice(0, ZALO_MAX_BUTTONS);
    const message = { text: plain(activity.text), ...(buttons.length ? { attachment: { type: 'template' as const, payload: { buttons } } } : {}) };
    return [{ recipient: { user_id: userId }, message }];
  }
}
