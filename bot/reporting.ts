/**
 * What people asked, for the content team and the daily report the communication plan asks for:
 * unanswered questions grouped by their words, and one day's traffic by topic, channel, outcome and hour.
 */
import { tokenize, foldVietnamese, normalizeVietnamese } from '../knowledge';
import type { GapRecord } from './gaps';
import { createStateBackend, type StateSettings } from './state';
import type { TurnRecord } from './traffic';

const FILLER = new Set(
  'a ad ah ak anh ban bot cho chi co cua da di duoc em gi giup ha hoi khong ko la lam minh nao nha nhe oi roi sao the thi toi tui va vay voi xin'.split(' '),
);

/** Content words of a question, accent-folded, without fillers or redaction labels. */
export function gapKey(text: string): string[] {
  const tokens = tokenize(normalizeVietnamese(text.replace(/\[[^\]]*\]/g, ' '))).map(foldVietnamese);
  return [...new Set(tokens.filter((t) => t.length > 1 && !FILLER.has(t)))].sort();
}

export interface GapGroup {
  words: string[];
  count: number;
  examples: string[];
  kinds: Record<string, number>;
  lastSeen: string;
}

const jaccard = (a: string[], b: string[]): number => {
  const sb = new Set(b);
  const inter = a.filter((x) => sb.has(x)).length;
  return inter / (a.length + b.length - inter || 1);
};

/** Groups similar questions (same or mostly the same content words), most frequent first. */
export function groupGaps(records: GapRecord[], similarity = 0.5): GapGroup[] {
  const groups: GapGroup[] = [];
  for (const r of records) {
    if (r.kind === 'feedback_down') continue;
    const words = gapKey(r.text);
    if (words.length === 0) continue;
    let best: GapGroup | undefined;
    let bestScore = 0;
    for (const g of groups) {
      const s = jaccard(words, g.words);
      if (s > bestScore) {
        bestScore = s;
        best = g;
      }
    }
    if (best && bestScore >= similarity) {
      best.count++;
      if (best.examples.length < 3 && !best.examples.includes(r.text)) best.examples.push(r.text);
      best.kinds[r.kind] = (best.kinds[r.kind] ?? 0) + 1;
      if (r.time > best.lastSeen) best.lastSeen = r.time;
    } else {
      groups.push({ words, count: 1, examples: [r.text], kinds: { [r.kind]: 1 }, lastSeen: r.time });
    }
  }
  return groups.sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
}

/** Vietnam time (UTC+7, no daylight saving): the day and hour a record belongs to. */
export function vnDateHour(iso: string): { date: string; hour: number } {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  return { date: d.toISOString().slice(0, 10), hour: d.getUTCHours() };
}

export interface DailyStats {
  date: string;
  turns: number;
  byKind: Record<string, number>;
  byTopic: Record<string, number>;
  byChannel: Record<string, number>;
  byHour: number[];
  rates: { answered: number; clarified: number; declined: number };
  emergencies: number;
  topGaps: GapGroup[];
  topDownvoted: { card: string; count: number }[];
}

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

export function dailyStats(date: string, turns: TurnRecord[], gaps: GapRecord[]): DailyStats {
  const day = turns.filter((t) => vnDateHour(t.time).date === date);
  const dayGaps = gaps.filter((g) => vnDateHour(g.time).date === date);
  const byKind: Record<string, number> = {};
  const byTopic: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  const byHour = new Array<number>(24).fill(0);
  for (const t of day) {
    bump(byKind, t.kind);
    bump(byChannel, t.channel);
    if (t.topic && t.kind !== 'smalltalk') bump(byTopic, t.topic);
    byHour[vnDateHour(t.time).hour]!++;
  }
  const questions = (byKind.answer ?? 0) + (byKind.clarify ?? 0) + (byKind.fallback ?? 0);
  const rate = (n: number) => (questions ? n / questions : 0);
  const down: Record<string, number> = {};
  for (const g of dayGaps) if (g.kind === 'feedback_down') for (const e of g.entries ?? []) bump(down, e);
  return {
    date,
    turns: day.length,
    byKind,
    byTopic,
    byChannel,
    byHour,
    rates: { answered: rate(byKind.answer ?? 0), clarified: rate(byKind.clarify ?? 0), declined: rate(byKind.fallback ?? 0) },
    emergencies: byKind.emergency ?? 0,
    topGaps: groupGaps(dayGaps).slice(0, 10),
    topDownvoted: Object.entries(down)
      .map(([card, count]) => ({ card, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
  };
}

/** Recorded questions from where this deployment keeps them (Redis when configured, else the gaps file). */
export async function loadGaps(settings: StateSettings & { gapsFile: string }): Promise<GapRecord[]> {
  const state = createStateBackend(settings);
  try {
    return await state
      .gapStore(
        settings.gapsFile,
        (t) => t,
        () => undefined,
      )
      .all();
  } finally {
    await state.close();
  }
}
