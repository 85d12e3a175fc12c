/**
 * Evaluation on the locked question sets (`knowledge/eval/locked-*.yaml`, labels in `locked-labels.yaml`), written in
 * citizens' words by people who saw no card and never used for tuning. Every question goes through the whole bot
 * (follow-ups as real conversations), and single questions also through the engine for accent consistency.
 *
 * Figures: top-1 (the first card offered is right), answered-or-among-choices, confidently wrong (answered with a card
 * that is not right), COVID questions without a card declined or referred, and accent consistency (the same decision
 * and card with and without accents).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, UserState, type Activity } from 'botbuilder';
import { parse } from 'yaml';
import { z } from 'zod';
import type { KnowledgeIndex } from '../../knowledge/engine/search';
import { foldVietnamese, normalizeVietnamese } from '../../knowledge/text/vietnamese';
import { CovidBot } from '../../bot/bot';
import { MemoryGapRecorder } from '../../bot/gaps';
import { InProcessAdapter } from '../../adapters/in-process-adapter';
import type { TurnSummary } from '../../bot/replies';

const LockedSetSchema = z.strictObject({
  long: z.array(z.string().min(2)).default([]),
  short: z.array(z.string().min(2)).default([]),
  followups: z.array(z.array(z.string().min(1)).min(2)).default([]),
  no_card: z.array(z.string().min(2)).default([]),
  /** Questions outside COVID-19 (the English sets): declined, never answered; they need no label. */
  out_of_scope: z.array(z.string().min(2)).default([]),
});
const LabelsSchema = z.strictObject({
  labels: z.array(
    z.strictObject({
      /** The set the item belongs to; may be left out when the labels file covers one set. */
      file: z.string().optional(),
      section: z.enum(['long', 'short', 'followups', 'no_card']),
      index: z.number().int().min(0),
      expect: z.array(z.string()),
    }),
  ),
});

export interface LockedItem {
  file: string;
  section: 'long' | 'short' | 'followups' | 'no_card' | 'out_of_scope';
  index: number;
  /** The turns (one for single questions); the last one is judged. */
  turns: string[];
  expect: string[];
}

export interface LockedReport {
  n: number;
  /** Items with at least one right card. */
  answerable: number;
  top1: number;
  answeredOrChoices: number;
  /** Share of all items answered with a card that is not right (including questions no card answers). */
  confidentlyWrong: number;
  /** Items no card answers (or only a referral card): declined, referred, or answered with a right referral card. */
  noCard: number;
  noCardDeclined: number;
  /** Single questions whose decision and card are the same with and without accents. */
  accentConsistency: number;
  /** Questions outside COVID-19 and the share of them declined (not answered, no choices offered). */
  outOfScope: number;
  outOfScopeDeclined: number;
  bySection: Record<string, { n: number; answerable: number; top1: number; answeredOrChoices: number; confidentlyWrong: number }>;
}

/**
 * Reads question sets in this format and their labels: the locked sets (`locked-*.yaml` + `locked-labels.yaml`, the
 * default) or the development conversations (`{ sets: /^devconv-questions$/, labels: 'devconv-labels.yaml' }`).
 * Problems (unlabelled items, unknown cards) are returned, not thrown.
 */
export function loadLocked(
  root: string,
  cardIds: Set<string>,
  which: { sets: RegExp; labels: string } = { sets: /^locked-(?!labels)[a-z0-9]+$/, labels: 'locked-labels.yaml' },
): { items: LockedItem[]; problems: string[] } {
  const dir = join(root, 'eval');
  const problems: string[] = [];
  const labelsFile = join(dir, which.labels);
  if (!existsSync(labelsFile)) return { items: [], problems };
  const labels = LabelsSchema.parse(parse(readFileSync(labelsFile, 'utf8')));
  const key = (file: string, section: string, index: number) => `${file}|${section}|${index}`;
  const items: LockedItem[] = [];
  const names = readdirSync(dir)
    .sort()
    .map((name) => /^([a-z0-9-]+)\.ya?ml$/.exec(name)?.[1])
    .filter((n): n is string => !!n && which.sets.test(n));
  const byKey = new Map(labels.labels.map((l) => [key(l.file ?? names[0] ?? '', l.section, l.index), l.expect]));
  for (const base of names) {
    const name = `${base}.yaml`;
    const m = [base, base] as const;
    const set = LockedSetSchema.parse(parse(readFileSync(join(dir, name), 'utf8')));
    for (const section of ['long', 'short', 'followups', 'no_card'] as const) {
      set[section].forEach((entry, index) => {
        const expect = byKey.get(key(m[1]!, section, index));
        if (!expect) {
          problems.push(`${name}: ${section}[${index}] chưa có nhãn`);
          return;
        }
        for (const id of expect) if (!cardIds.has(id)) problems.push(`${name}: ${section}[${index}] nhãn "${id}" không phải thẻ`);
        items.push({ file: m[1]!, section, index, turns: Array.isArray(entry) ? entry : [entry], expect });
      });
    }
    set.out_of_scope.forEach((text, index) => {
      items.push({ file: m[1]!, section: 'out_of_scope', index, turns: [text], expect: [] });
    });
  }
  return { items, problems };
}

const fold = (s: string): string => foldVietnamese(normalizeVietnamese(s));

/** A bot on in-memory state answering as of `asOf`, and the adapter to talk to it in process. */
export function evaluationBot(
  index: KnowledgeIndex,
  asOf: string,
): { adapter: InProcessAdapter; logic: (ctx: Parameters<CovidBot['run']>[0]) => Promise<void> } {
  const bot = new CovidBot({
    index: () => index,
    conversationState: new ConversationState(new MemoryStorage()),
    userState: new UserState(new MemoryStorage()),
    gaps: new MemoryGapRecorder(),
    today: () => asOf,
  });
  return { adapter: new InProcessAdapter(), logic: (ctx) => bot.run(ctx) };
}

/** Runs every item through a fresh bot conversation (as of `asOf`) and the engine. */
export async function evaluateLocked(index: KnowledgeIndex, items: LockedItem[], asOf: string): Promise<LockedReport> {
  const { adapter, logic } = evaluationBot(index, asOf);
  const bySection: LockedReport['bySection'] = {};
  let top1 = 0;
  let choices = 0;
  let wrong = 0;
  let answerable = 0;
  let noCard = 0;
  let noCardDeclined = 0;
  let singles = 0;
  let outOfScope = 0;
  let outOfScopeDeclined = 0;
  let consistent = 0;
  let n = 0;
  for (const item of items) {
    const conversationId = `locked-${item.file}-${item.section}-${item.index}`;
    let replies: Partial<Activity>[] = [];
    for (const turn of item.turns) replies = await adapter.say(turn, logic, { conversationId });
    const summary = replies.find((r) => r.channelData?.turn)?.channelData?.turn as TurnSummary | undefined;
    const kind = summary?.kind ?? 'fallback';
    const entries = summary?.entries ?? [];
    const right = (id: string | undefined) => !!id && item.expect.includes(id);
    const referral = (id: string | undefined) => !!id && index.cardsById.get(id)?.topic === 'referral';
    bySection[item.section] ??= { n: 0, answerable: 0, top1: 0, answeredOrChoices: 0, confidentlyWrong: 0 };
    const s = bySection[item.section]!;
    n++;
    s.n++;
    const answered = kind === 'answer';
    if (answered && !right(entries[0])) {
      wrong++;
      s.confidentlyWrong++;
    }
    const onlyReferral = item.expect.length === 0 || item.expect.every((id) => referral(id));
    if (item.section === 'out_of_scope') {
      outOfScope++;
      if (!answered && kind !== 'clarify' && kind !== 'emergency') outOfScopeDeclined++;
    } else if (onlyReferral) {
      noCard++;
      if ((answered && (right(entries[0]) || (item.expect.length === 0 && referral(entries[0])))) || (!answered && kind !== 'emergency')) noCardDeclined++;
    }
    if (item.expect.length) {
      answerable++;
      s.answerable++;
      if (right(entries[0])) {
        top1++;
        s.top1++;
      }
      if ((answered && right(entries[0])) || (kind === 'clarify' && entries.some(right))) {
        choices++;
        s.answeredOrChoices++;
      }
    }
    if (item.turns.length === 1) {
      singles++;
      const a = await index.search(item.turns[0]!, { asOf });
      const b = await index.search(fold(item.turns[0]!), { asOf });
      if (a.decision === b.decision && (a.decision !== 'answer' || a.hits[0]?.card.id === b.hits[0]?.card.id)) consistent++;
    }
  }
  const share = (x: number, of: number): number => (of ? x / of : 1);
  for (const s of Object.values(bySection)) {
    s.top1 = share(s.top1, s.answerable);
    s.answeredOrChoices = share(s.answeredOrChoices, s.answerable);
    s.confidentlyWrong = share(s.confidentlyWrong, s.n);
  }
  return {
    n,
    answerable,
    top1: share(top1, answerable),
    answeredOrChoices: share(choices, answerable),
    confidentlyWrong: share(wrong, n),
    noCard,
    noCardDeclined: share(noCardDeclined, noCard),
    accentConsistency: share(consistent, singles),
    outOfScope,
    outOfScopeDeclined: share(outOfScopeDeclined, outOfScope),
    bySection,
  };
}
