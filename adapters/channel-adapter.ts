/**
 * What every webhook channel shares: a `BotAdapter` that runs the bot on an activity and turns the bot's replies
 * into platform requests, delivered through the outbox. Each platform only says how one reply becomes requests.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type CardAction, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { BaseAdapter } from './base-adapter';
import { splitLongMessages, type PushChannel } from './channels';
import type { Outbox } from './outbox';

export abstract class ChannelAdapter extends BaseAdapter {
  constructor(
    protected readonly outbox: Outbox,
    protected readonly channel: PushChannel,
    /** Longest text one platform message may carry: longer replies are split before they become requests. */
    private readonly maxText: number,
  ) {
    super(channel);
  }

  /** Platform requests for one outgoing activity (may be none, e.g. for trace activities). */
  protected abstract toRequests(activity: Partial<Activity>, conversation: ConversationReference): unknown[];

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const ref = TurnContext.getConversationReference(context.activity) as ConversationReference;
    const requests = splitLongMessages(activities, this.maxText).flatMap((a) =>
      a.type === ActivityTypes.Message || a.type === ActivityTypes.Typing ? this.toRequests(a, ref) : [],
    );
    if (requests.length) await this.outbox.enqueue({ channel: this.channel, key: ref.conversation.id, requests });
    return activities.map(() => ({ id: randomUUID() }));
  }
}

/** Suggested actions of an activity with a string value (call buttons excepted: see {@link callsOf}). */
export function actionsOf(activity: Partial<Activity>): { title: string; value: string }[] {
  return ((activity.suggestedActions?.actions ?? []) as CardAction[])
    .filter((a) => a.type !== 'call' && a.title && (typeof a.value === 'string' || typeof a.title === 'string'))
    .map((a) => ({ title: String(a.title), value: typeof a.value === 'string' ? a.value : String(a.title) }));
}

/**
 * Call buttons of an activity (Bot Framework `call` actions, `tel:` values), on its cards or among its suggested
 * actions: each platform renders them as its own phone button.
 */
export function callsOf(activity: Partial<Activity>): { title: string; number: string }[] {
  const out: { title: string; number: string }[] = [];
  for (const a of buttonsOf(activity)) {
    const number = typeof a.value === 'string' ? a.value.replace(/^tel:/, '').replace(/[^\d+]/g, '') : '';
    if (a.type === 'call' && number && !out.some((o) => o.number === number)) out.push({ title: String(a.title), number });
  }
  return out;
}

/** Every button of a reply: those on its cards (an emergency's call button), then its suggested actions. */
export function buttonsOf(activity: Partial<Activity>): CardAction[] {
  const onCards = (activity.attachments ?? []).flatMap((a) => ((a.content as { buttons?: CardAction[] } | undefined)?.buttons ?? []) as CardAction[]);
  return [...onCards, ...((activity.suggestedActions?.actions ?? []) as CardAction[])];
}

/** Markdown bold/italic markers removed for platforms that show plain text. */
export function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/(^|\s)_(.+?)_(?=\s|$)/g, '$1$2');
}
