/**
 * The narrow search interface the hotline staff console uses: candidate cards with sources, validity and a
 * ready-to-send reply, and the province level table. Staff see candidates even when the bot would not answer.
 */
import { today, foldVietnamese, normalizeVietnamese, type CardRecord, type CardStatus, type KnowledgeIndex } from '../knowledge';
import { detectLanguage } from './language';
import { sourcesOf, validityLine } from './replies';
import { latestLevel } from './travel';

export interface StaffResult {
  id: string;
  topic: string;
  title: string;
  answer: string;
  sources: { number: string; date: string | null; section?: string }[];
  status: CardStatus;
  /** The same first line as the bot's answer when the rule does not apply on the as-of date. */
  validity?: string;
  validFrom: string;
  validTo?: string;
  supersededBy?: string;
  score: number;
  /** The text to paste into a chat or read out: the validity line, the answer and the source line. */
  reply: string;
  /** The English version of the card, when it has one: title, answer and the ready reply in English. */
  english?: { title: string; answer: string; reply: string };
}

/** The ready reply of a card in its index's language: validity line, answer, source line. */
function readyReply(index: KnowledgeIndex, card: CardRecord, asOf: string): { validity?: string; reply: string } {
  const validity = validityLine(index, card, asOf);
  const src = sourcesOf(index, card);
  return { validity, reply: `${validity ? `${validity}\n\n` : ''}${card.answer.replace(/\*\*/g, '')}\n\n${src.line}` };
}

export function staffSearch(index: KnowledgeIndex, q: string, opts: { topic?: string; limit?: number; asOf?: string } = {}): Promise<StaffResult[]> {
  const query = String(q ?? '')
    .trim()
    .slice(0, 300);
  if (!query) return Promise.resolve([]);
  // A question typed in English searches the English versions; every result shows both versions.
  const searched = index.forLanguage(detectLanguage(query));
  return searched.search(query, { limit: 40, asOf: opts.asOf ?? today() }).then((r) =>
    r.hits
      .filter((h) => !opts.topic || h.card.topic === opts.topic)
      .slice(0, opts.limit ?? 10)
      .map((h) => {
        const c = index.cardsById.get(h.card.id) ?? h.card;
        const { validity, reply } = readyReply(index, c, r.asOf);
        const en = index.english?.cardsById.get(c.id);
        return {
          id: c.id,
          topic: c.topic,
          title: c.title,
          answer: c.answer,
          sources: c.sources.map((s) => {
            const d = index.documentsById.get(s.doc);
            return { number: d?.number ?? s.doc, date: d?.issued ?? null, ...(s.section ? { section: s.section } : {}) };
          }),
          status: h.status,
          ...(validity ? { validity } : {}),
          validFrom: c.valid_from,
          ...(c.valid_to ? { validTo: c.valid_to } : {}),
          ...(c.superseded_by ? { supersededBy: c.superseded_by } : {}),
          score: Math.round(h.score * 1000) / 1000,
          reply,
          ...(en && index.english ? { english: { title: en.title, answer: en.answer, reply: readyReply(index.english, en, r.asOf).reply } } : {}),
        };
      }),
  );
}

export interface StaffLevel {
  province: string;
  name: string;
  level?: number;
  validFrom?: string;
  validTo?: string;
  source?: string;
  sample?: boolean;
}

/**
 * Provinces whose name or alias contains the query (accents ignored), each with the latest published level on or
 * before `asOf` and the list it comes from (staff see its date; the bot itself uses a list only inside its window).
 */
export function staffLevels(index: KnowledgeIndex, q: string, asOf = new Date().toISOString().slice(0, 10)): StaffLevel[] {
  const fold = (s: string) =>
    foldVietnamese(normalizeVietnamese(s))
      .replace(/[^a-z0-9 ]+/g, ' ')
      .trim();
  const query = fold(String(q ?? ''));
  return index.data.provinces
    .filter((p) => !query || [p.name, ...p.aliases].some((n) => fold(n).includes(query)))
    .map((p) => {
      const row = latestLevel(index.data.levels, p.id, asOf);
      return {
        province: p.id,
        name: p.name,
        ...(row ? { level: row.level, validFrom: row.valid_from, validTo: row.valid_to, source: row.source, sample: row.sample === 'yes' } : {}),
      };
    });
}

export function staffTopics(index: KnowledgeIndex): string[] {
  return [...new Set(index.data.cards.map((c) => c.topic))].sort();
}

export interface StaffPassage {
  doc: string;
  number: string;
  date: string | null;
  location: string;
  text: string;
  score: number;
}

/** Passages of official texts (knowledge/sources) matching the query, with their exact location. */
export function staffPassages(index: KnowledgeIndex, q: string, limit = 5): StaffPassage[] {
  return index.searchPassages(q, limit).map(({ passage, score }) => {
    const d = index.documentsById.get(passage.doc);
    return {
      doc: passage.doc,
      number: d?.number ?? passage.doc,
      date: d?.issued ?? null,
      location: passage.location,
      text: passage.text,
      score: Math.round(score * 1000) / 1000,
    };
  });
}
