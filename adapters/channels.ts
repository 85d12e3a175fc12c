/**
 * Facts about channels that only the adapters need: the one vocabulary of channel names (activity `channelId`,
 * queues, outbox, metrics, logs, reports) and the one text splitter, driven by each adapter's own limit. The bot
 * replies in whole messages; the door it leaves by cuts them to what its platform shows.
 *
 * @example
 * splitLongMessages([{ type: 'message', text: longAnswer, suggestedActions }], ZALO_MAX_TEXT)
 * // → several messages of at most 2000 characters, cut at sentence ends, the buttons on the last one
 */
import { ActivityTypes, type Activity } from 'botbuilder';

export type ChannelName = 'zalo' | 'messenger' | 'webchat';
/** Channels whose replies are pushed to a platform API through the outbox. */
export type PushChannel = Exclude<ChannelName, 'webchat'>;

/** Longest message our web chat page shows in one bubble (the platforms' limits are in their protocol files). */
export const WEBCHAT_MAX_TEXT = 4000;

/**
 * Splits text into chunks of at most `max` characters (NFC), at sentence ends where possible, then at line breaks,
 * then at spaces; a word longer than the limit is cut.
 */
export function splitText(text: string, max: number): string[] {
  const limit = Math.max(20, max);
  const normal = text.normalize('NFC');
  if (normal.length <= limit) return [normal];
  const pieces = normal.match(/[^.!?\n]+(?:[.!?]+|\n+|$)\s*/g) ?? [normal];
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim()) out.push(current.trim());
    current = '';
  };
  for (let piece of pieces) {
    while (piece.length > limit) {
      flush();
      const space = piece.lastIndexOf(' ', limit);
      const cut = space > limit / 2 ? space : limit;
      out.push(piece.slice(0, cut).trim());
      piece = piece.slice(cut);
    }
    if (current.length + piece.length > limit) flush();
    current += piece;
  }
  flush();
  return out;
}

/** Message activities longer than `max` become several, in order; cards and suggested actions stay on the last. */
export function splitLongMessages(activities: Partial<Activity>[], max: number): Partial<Activity>[] {
  return activities.flatMap((activity) => {
    if (activity.type !== ActivityTypes.Message || !activity.text || activity.text.length <= max) return [activity];
    const chunks = splitText(activity.text, max);
    const { attachments, suggestedActions, ...rest } = activity;
    return chunks.map((text, i) => (i === chunks.length - 1 ? { ...rest, text, attachments, suggestedActions } : { ...rest, text }));
  });
}
