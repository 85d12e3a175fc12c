/**
 * Channel-neutral replies: text plus suggested actions, and channel data describing the turn
 * (`kind`, `sources`, `entries`, `score`) for the `ask` tool, reports and tests.
 */
import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import { cardStatus, type Conversation, type CardRecord, type KnowledgeIndex } from '../knowledge';
import { localized, type Lang } from './texts';

export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'referral' | 'emergency' | 'smalltalk' | 'handoff' | 'prompt';

export interface SourceRef {
  doc: string;
  date: string | null;
}

export interface TurnSummary {
  kind: ReplyKind;
  sources: SourceRef[];
  entries: string[];
  score: number;
  /** Cards offered for the other questions of a message that asked two things. */
  offered?: string[];
}

/** Payloads carried by buttons. Adapters pass them back as the message text. */
export const PAYLOAD = {
  card: (id: string) => `card:${id}`,
  travel: 'menu:travel',
  feedback: (up: boolean, cardId: string) => `feedback:${up ? 'up' : 'down'}:${cardId}`,
  noneOfThese: 'none:clarify',
  language: (lang: Lang) => `lang:${lang}`,
};

export function parsePayload(
  text: string,
):
  | { type: 'card'; id: string }
  | { type: 'travel' }
  | { type: 'feedback'; up: boolean; cardId: string }
  | { type: 'none' }
  | { type: 'language'; lang: Lang }
  | undefined {
  const t = text.trim();
  if (t === 'lang:en' || t === 'lang:vi') return { type: 'language', lang: t.slice(5) as Lang };
  let m = /^card:([a-z0-9-]+)$/.exec(t);
  if (m) return { type: 'card', id: m[1]! };
  if (t === PAYLOAD.travel) return { type: 'travel' };
  if (t === PAYLOAD.noneOfThese) return { type: 'none' };
  m = /^feedback:(up|down):([a-z0-9-]+)$/.exec(t);
  if (m) return { type: 'feedback', up: m[1] === 'up', cardId: m[2]! };
  return undefined;
}

/** dd/mm/yyyy from YYYY-MM-DD (partial dates stay as they are, reordered). */
export function viDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}

/**
 * " ngày 31/01/2022", " tháng 08/2021" or " năm 2022" for a document date known to the day, month or year
 * (in English " of 31/01/2022", " of 08/2021", " of 2022").
 */
export function dateLabel(date: string | null | undefined, lang: Lang = 'vi'): string {
  if (!date) return '';
  if (lang === 'en') return ` of ${viDate(date)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return ` ngày ${viDate(date)}`;
  if (/^\d{4}-\d{2}$/.test(date)) return ` tháng ${viDate(date)}`;
  return ` năm ${date}`;
}

/** "QĐ 261/QĐ-BYT ngày 31/01/2022" for each source of a card. */
export function sourcesOf(index: KnowledgeIndex, card: CardRecord, lang: Lang = index.language): { line: string; refs: SourceRef[] } {
  const labels = localized(index.data.conversation, lang).labels;
  const refs: SourceRef[] = [];
  const parts: string[] = [];
  for (const s of card.sources) {
    const d = index.documentsById.get(s.doc);
    if (!d) continue;
    const date = d.issued ?? null;
    refs.push({ doc: d.number, date });
    // A fact known only from the press is labelled as such.
    const press = d.kind === 'press' ? labels.press : '';
    const name = lang === 'en' ? (d.number_en ?? d.number) : d.number;
    parts.push(`${press}${name}${dateLabel(date, lang)}${s.section && lang === 'vi' ? ` (${s.section})` : ''}`);
  }
  return { line: `${labels.source}: ${parts.join('; ')}`, refs };
}

/** A short button title: the card title without its parenthesis, at most `max` characters. */
export function buttonTitle(title: string, max = 40): string {
  const t = title.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function cardButton(card: CardRecord): CardAction {
  return { type: ActionTypes.PostBack, title: buttonTitle(card.title), value: PAYLOAD.card(card.id) };
}

/** The message activity of one reply, whole: the channel it leaves by splits it to its platform's length. */
export function message(text: string, actions: CardAction[], summary: TurnSummary, lang: Lang = 'vi'): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: 'markdown',
    locale: lang === 'en' ? 'en-US' : 'vi-VN',
    channelData: { turn: summary },
    ...(actions.length ? { suggestedActions: { actions, to: [] } } : {}),
  };
}

/**
 * The first line of an answer whose rule does not apply on `asOf`: the period it applied in and what ended or
 * replaced it ("⏳ Thông tin của giai đoạn 31/01/2022–19/10/2023, nay không còn áp dụng: từ 20/10/2023 …").
 * Undefined for a rule in force on that date.
 */
export function validityLine(
  index: KnowledgeIndex,
  card: CardRecord,
  asOf: string,
  conv: Conversation = localized(index.data.conversation, index.language),
): string | undefined {
  const v = conv.validity;
  const status = cardStatus(card, asOf);
  const from = viDate(card.valid_from);
  if (status === 'not_yet') return v.not_yet.replace('{from}', from);
  if (status === 'current' || !card.valid_to) return undefined;
  const to = viDate(card.valid_to);
  if (status === 'superseded') {
    const newer = card.superseded_by ? index.cardsById.get(card.superseded_by) : undefined;
    return v.superseded
      .replace('{from}', from)
      .replace('{to}', to)
      .replace('{newer}', newer?.title ?? '');
  }
  const by = card.ended_by ? index.documentsById.get(card.ended_by) : undefined;
  const special = card.ended_by ? v.ended_by[card.ended_by] : undefined;
  if (special) return special.replace('{from}', from).replace('{to}', to);
  return v.ended
    .replace('{from}', from)
    .replace('{to}', to)
    .replace('{ended}', by ? `${by.number}${dateLabel(by.issued, index.language)}` : '');
}
