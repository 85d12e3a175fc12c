/**
 * What every webhook channel shares: a `BotAdapter` that runs the bot on an activity and turns the bot's replies
 * into platform requests, delivered through the outbox. Each platform only says how one reply becomes requests.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type CardAction, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { BaseAdapter } from './base-adapter';
import type { Channel, Outbox } from './outbox';

export abstract class ChannelAdapter extends BaseAdapter {
  constructor(
    protected readonly outbox: Outbox,
    protected readonly channel: Channel,
  ) {
    super(channel);
  }

  /** Platform requests for one outgoing activity (may be none, e.g. for trace activities). */
  protected abstract toRequests(activity: Partial<Activity>, conversation: ConversationReference): unknown[];

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const ref = TurnContext.getConversationReference(context.activity) as ConversationReference;
    const requests = activities.flatMap((a) => (a.type === ActivityTypes.Message || a.type === ActivityTypes.Typing ? this.toRequests(a, ref) : []));
    if (requests.length) await this.outbox.enqueue({ channel: this.channel, key: ref.conversation.id, requests });
    return activities.map(() => ({ id: randomUUID() }));
  }
}

/** Splits text into chunks of at most `max` characters (NFC), at sentence or line ends where possible. */
export function chunkText(text: string, max: number): string[] {
  const t = text.normalize('NFC');
  if (t.length <= max) return [t];
  const out: string[] = [];
  let rest = t;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('. '), window.lastIndexOf(' '));
    const at = cut > max / 2 ? cut + 1 : max;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at);
  }
  if (rest.trim()) out.push(rest.trim());
  return out;
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
