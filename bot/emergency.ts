/**
 * Replies for a frightened person: the emergency (first message under 160 characters with a call button, details
 * after), the turns that follow it, and readings that are under the thresholds. Texts come from
 * `knowledge/conversation.yaml`; what was recognised comes from triage.
 *
 * @example
 * const [first, details] = emergencyReply(conv, result, 'vi', warningSigns);
 * first.text     // "⚠️ Gọi ngay 115: SpO2 93%. Không gọi được thì …"   (≤ 160 characters)
 * first.actions  // [{ type: 'call', title: 'Gọi 115', value: '115' }]
 */
import { ActionTypes, type CardAction } from 'botbuilder';
import { foldVietnamese, normalizeVietnamese, type Conversation } from '../knowledge';
import type { TriageResult } from './triage';

export const FIRST_MESSAGE_MAX = 160;

import type { Lang } from './texts';

export type { Lang };

export interface EmergencyMessage {
  text: string;
  actions: CardAction[];
}

/** The call button: Bot Framework's `call` action; adapters turn it into each platform's button. */
export function callAction(conv: Conversation, lang: Lang): CardAction {
  const c = conv.emergency.call;
  // The value is the bare number: Web Chat opens "tel:" + value itself; the Zalo and Messenger adapters add their own form.
  return { type: ActionTypes.Call, title: lang === 'en' ? c.title_en : c.title, value: c.number };
}

/** What was recognised, in a few words: the alarming reading first, else the first sign. */
function signText(result: TriageResult, lang: Lang): string {
  const reading = result.readings.find((r) => r.alarming);
  if (reading) return lang === 'en' ? reading.labelEn : reading.label;
  const sign = result.signs[0];
  if (sign) return lang === 'en' ? sign.labelEn : sign.label;
  return lang === 'en' ? 'danger sign' : 'dấu hiệu nguy hiểm';
}

/** The first message: "⚠️ Gọi ngay 115: <sign>. …", cut so that it stays within 160 characters. */
export function firstMessage(conv: Conversation, result: TriageResult, lang: Lang): string {
  const template = lang === 'en' ? conv.emergency.first_en : conv.emergency.first;
  let sign = signText(result, lang);
  const room = FIRST_MESSAGE_MAX - (template.length - '{sign}'.length);
  if (sign.length > room) sign = `${sign.slice(0, Math.max(1, room - 1)).trimEnd()}…`;
  return template.replace('{sign}', sign);
}

/**
 * Two messages: the short call to action with its button, then what to do while waiting and the warning signs
 * (`signs`: the warning-sign card's text and source line, when a COVID warning sign or a reading was found).
 */
export function emergencyReply(
  conv: Conversation,
  result: TriageResult,
  lang: Lang,
  signs?: { answer: string; source: string },
): [EmergencyMessage, EmergencyMessage] {
  const call = callAction(conv, lang);
  const covidSign = result.readings.some((r) => r.alarming) || result.signs.some((s) => 'doc' in s.basis);
  const details =
    lang === 'en'
      ? conv.emergency.details_en
      : [conv.emergency.details, ...(signs && covidSign ? [`${conv.emergency.signs_intro}\n${signs.answer}`, signs.source] : [])].join('\n\n');
  return [
    { text: firstMessage(conv, result, lang), actions: [call] },
    { text: details, actions: [call] },
  ];
}

/**
 * The reply in the turns after an emergency, in the message's language: cannot get through, waiting, a little
 * better, or anything else.
 * `text` is the message as triage prepared it (teencode expanded: "ko" → "khong").
 */
export function afterEmergencyReply(conv: Conversation, text: string, lang: Lang): { text: string; matched: boolean } {
  const a = conv.emergency.after;
  const folded = ` ${foldVietnamese(normalizeVietnamese(text)).replace(/[^a-z0-9]+/g, ' ')} `;
  const has = (patterns: string[]): boolean =>
    patterns.some((p) =>
      folded.includes(
        ` ${foldVietnamese(normalizeVietnamese(p))
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()} `,
      ),
    );
  const reply = (c: { reply: string; reply_en: string }): string => (lang === 'en' ? c.reply_en : c.reply);
  if (has(a.cannot_reach.patterns)) return { text: reply(a.cannot_reach), matched: true };
  if (has(a.better.patterns)) return { text: reply(a.better), matched: true };
  if (has(a.waiting.patterns)) return { text: reply(a.waiting), matched: true };
  return { text: lang === 'en' ? a.default_en : a.default, matched: false };
}

/** "SpO2 98%: chưa tới ngưỡng cảnh báo (≤ 96%)." for every reading of the message (none alarming). */
export function readingLines(conv: Conversation, result: TriageResult, lang: Lang = 'vi'): string {
  return result.readings
    .map((r) =>
      ((r.high && (r.measure === 'temperature' ? conv.reading_fever : conv.reading_high)) || conv.reading_ok)
        .replace('{reading}', lang === 'en' ? r.labelEn : r.label)
        .replace('{threshold}', lang === 'en' ? r.thresholdEn : r.threshold),
    )
    .join('\n');
}
