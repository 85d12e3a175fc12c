/**
 * Messages that ask two things (`knowledge/eval/two-questions-*.yaml`): the development set carries its labels
 * (`expect`, one group of right cards per question); the locked set (written by someone who saw no card, never tuned
 * against) has its labels in `two-questions-locked-labels.yaml`. Every message goes through the whole bot.
 *
 * Figures: main answered right (the answer is right for one of the two questions), both covered (the answer is right
 * for one question and a card offered for the other question is right for the other), confidently wrong (answered
 * with a card right for neither), and wrong offers (offered cards right for neither, of all cards offered).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { parse } from 'yaml';
import { z } from 'zod';
import type { KnowledgeIndex } from '../../knowledge/engine/search';
import type { TurnSummary } from '../../bot/replies';
import { evaluationBot } from './locked-eval';

const Expect = z.array(z.array(z.string().min(2)).min(1)).length(2);
const DevSchema = z.strictObject({ items: z.array(z.strictObject({ text: z.string().min(4), expect: Expect })) });
const LockedSchema = z.strictObject({ items: z.array(z.strictObject({ text: z.string().min(4), asks: z.array(z.string()).length(2) })) });
const LabelsSchema = z.strictObject({ labels: z.array(z.strictObject({ index: z.number().int().min(0), expect: Expect })) });

export interface TwoQuestionItem {
  text: string;
  /** Right cards for each of the two questions. */
  expect: [string[], string[]];
}

export interface TwoQuestionReport {
  n: number;
  mainRight: number;
  bothCovered: number;
  confidentlyWrong: number;
  /** Cards offered for another question, in all; and the share of them right for neither question. */
  offered: number;
  wrongOffers: number;
  failures: { text: string; answered?: string; offered: string[] }[];
}

/** Reads a two-question set: `dev` (labels inline) or `locked` (labels in their own file). Problems are returned. */
export function loadTwoQuestions(root: string, which: 'dev' | 'locked', cardIds: Set<string>): { items: TwoQuestionItem[]; problems: string[] } {
  const dir = join(root, 'eval');
  const file = join(dir, `two-questions-${which}.yaml`);
  const problems: string[] = [];
  if (!existsSync(file)) return { items: [], problems };
  let items: TwoQuestionItem[];
  if (which === 'dev') {
    items = DevSchema.parse(parse(readFileSync(file, 'utf8'))).items.map((i) => ({ text: i.text, expect: [i.expect[0]!, i.expect[1]!] }));
  } else {
    const labelsFile = join(dir, 'two-questions-locked-labels.yaml');
    if (!existsSync(labelsFile)) return { items: [], problems: ['two-questions-locked-labels.yaml: chưa có nhãn'] };
    const set = LockedSchema.parse(parse(readFileSync(file, 'utf8')));
    const labels = new Map(LabelsSchema.parse(parse(readFileSync(labelsFile, 'utf8'))).labels.map((l) => [l.index, l.expect]));
    items = [];
    set.items.forEach((item, index) => {
      const expect = labels.get(index);
      if (!expect) problems.push(`two-questions-locked.yaml: items[${index}] chưa có nhãn`);
      else items.push({ text: item.text, expect: [expect[0]!, expect[1]!] });
    });
  }
  for (const item of items) for (const id of item.expect.flat()) if (!cardIds.has(id)) problems.push(`two-questions-${which}: "${id}" không phải thẻ`);
  return { items, problems };
}

export async function evaluateTwoQuestions(index: KnowledgeIndex, items: TwoQuestionItem[], asOf: string): Promise<TwoQuestionReport> {
  const { adapter, logic } = evaluationBot(index, asOf);
  const report: TwoQuestionReport = { n: 0, mainRight: 0, bothCovered: 0, confidentlyWrong: 0, offered: 0, wrongOffers: 0, failures: [] };
  let wrongOffers = 0;
  for (const [i, item] of items.entries()) {
    const replies: Partial<Activity>[] = await adapter.say(item.text, logic, { conversationId: `two-questions-${i}` });
    const summary = replies.find((r) => r.channelData?.turn)?.channelData?.turn as TurnSummary | undefined;
    const answered = summary?.kind === 'answer' ? summary.entries[0] : undefined;
    const offered = summary?.offered ?? [];
    const [a, b] = item.expect;
    report.n++;
    const main = answered && a.includes(answered) ? 0 : answered && b.includes(answered) ? 1 : -1;
    if (main >= 0) report.mainRight++;
    else if (answered) report.confidentlyWrong++;
    const other = main === 0 ? b : a;
    if (main >= 0 && offered.some((id) => other.includes(id))) report.bothCovered++;
    else report.failures.push({ text: item.text, answered: summary?.kind === 'answer' ? answered : summary?.kind, offered });
    report.offered += offered.length;
    wrongOffers += offered.filter((id) => !a.includes(id) && !b.includes(id)).length;
  }
  const share = (x: number, of: number): number => (of ? x / of : 0);
  return {
    ...report,
    mainRight: share(report.mainRight, report.n),
    bothCovered: share(report.bothCovered, report.n),
    confidentlyWrong: share(report.confidentlyWrong, report.n),
    wrongOffers: share(wrongOffers, report.offered),
  };
}
