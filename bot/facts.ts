/**
 * Facts a citizen states about the person they ask for (age, pregnancy, chronic disease, vaccination), kept for the
 * conversation so that later answers can use them: an elderly F0 with a chronic disease gets the high-risk note,
 * the travel advisor does not ask again for the vaccination already stated. Words come from
 * `knowledge/conversation.yaml` (`facts`); only these labels are kept, never the citizen's own text.
 *
 * @example
 * readFacts(conv, 'mẹ em 72 tuổi bị tiểu đường, đã tiêm 3 mũi', ages) // { age: 72, chronic: true, vaccination: 'du_lieu' }
 */
import { foldVietnamese, normalizeVietnamese, type Conversation, type Vaccination } from '../knowledge';
import { recognizeVaccination } from './travel';

export interface ConversationFacts {
  /** Age in years of the person asked about, when stated. */
  age?: number;
  pregnant?: boolean;
  chronic?: boolean;
  vaccination?: Vaccination;
}

const folded = (s: string): string =>
  ` ${foldVietnamese(normalizeVietnamese(s.toLowerCase()))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
const has = (text: string, words: string[]): boolean => words.some((w) => text.includes(folded(w)));

/** The facts a message states; `ages` are the ages (in months) triage read from it. */
export function readFacts(conv: Conversation, text: string, agesInMonths: number[]): ConversationFacts {
  const t = folded(text);
  const f = conv.facts;
  const out: ConversationFacts = {};
  if (agesInMonths.length) out.age = Math.floor(Math.max(...agesInMonths) / 12);
  if (has(t, f.pregnant)) out.pregnant = true;
  if (has(t, f.chronic)) out.chronic = true;
  const v = recognizeVaccination(text);
  if (v) out.vaccination = v;
  return out;
}

/** Merges new facts into those kept (a later statement wins). */
export function mergeFacts(kept: ConversationFacts | undefined, now: ConversationFacts): ConversationFacts {
  return { ...(kept ?? {}), ...now };
}

/** The note an answer on home care or warning signs gets for a person at higher risk, if the facts say so. */
export function riskNote(conv: Conversation, facts: ConversationFacts | undefined, topic: string): string | undefined {
  if (!facts || !(conv.facts.note_topics as string[]).includes(topic)) return undefined;
  const who: string[] = [];
  if (facts.age !== undefined && facts.age >= conv.facts.elderly_from) who.push(conv.facts.labels.elderly.replace('{age}', String(facts.age)));
  if (facts.chronic) who.push(conv.facts.labels.chronic);
  if (facts.pregnant) who.push(conv.facts.labels.pregnant);
  return who.length ? conv.facts.high_risk_note.replace('{who}', who.join(', ')) : undefined;
}
