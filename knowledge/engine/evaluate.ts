/**
 * Retrieval evaluation: every card's own questions plus the labelled development set, and the out-of-scope set.
 * Used by `kb eval`, by the benchmark and by tests.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYaml, type ContentProblem } from '../content/load';
import { EvalSetSchema, OutOfScopeSetSchema, ThresholdsSchema, type Thresholds } from '../content/schema';
import { isUnaccented } from '../text/vietnamese';
import type { KnowledgeIndex, SearchResult } from './search';

export interface LabelledQuestion {
  q: string;
  expect: string;
  /** 'card' for a card's own phrasing, 'dev' for the development set. */
  origin: 'card' | 'dev';
  file?: string;
}

export interface EvalSets {
  labelled: LabelledQuestion[];
  outOfScope: string[];
  thresholds?: Thresholds;
  problems: ContentProblem[];
}

/** Reads `eval/dev-*.yaml`, `eval/out-of-scope.yaml` and `eval/thresholds.yaml` under the content root. */
export function loadEvalSets(root: string, index: KnowledgeIndex): EvalSets {
  const dir = join(root, 'eval');
  const problems: ContentProblem[] = [];
  const labelled: LabelledQuestion[] = index.data.cards.flatMap((c) => c.questions.map((q) => ({ q, expect: c.id, origin: 'card' as const })));
  const outOfScope: string[] = [];
  let thresholds: Thresholds | undefined;
  if (!existsSync(dir)) return { labelled, outOfScope, problems };
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const display = relative(process.cwd(), file);
    const text = readFileSync(file, 'utf8');
    if (/^dev-.*\.ya?ml$/.test(name)) {
      const r = parseYaml(text, EvalSetSchema, display);
      problems.push(...r.problems);
      r.value?.questions.forEach((item, i) => {
        if (!index.cardsById.has(item.expect)) {
          problems.push({ file: display, field: `questions.${i}.expect`, message: `Không có thẻ "${item.expect}"` });
        } else labelled.push({ q: item.q, expect: item.expect, origin: 'dev', file: display });
      });
    } else if (/^out-of-scope\.ya?ml$/.test(name)) {
      const r = parseYaml(text, OutOfScopeSetSchema, display);
      problems.push(...r.problems);
      outOfScope.push(...(r.value?.questions.map((x) => x.q) ?? []));
    } else if (/^thresholds\.ya?ml$/.test(name)) {
      const r = parseYaml(text, ThresholdsSchema, display);
      problems.push(...r.problems);
      thresholds = r.value;
    }
  }
  return { labelled, outOfScope, thresholds, problems };
}

export interface Failure {
  q: string;
  expect: string;
  got: string[];
  decision: string;
  origin: 'card' | 'dev' | 'oos';
}

export interface SliceMetrics {
  n: number;
  top1: number;
  top3: number;
  mrr: number;
}

export interface EvalReport extends SliceMetrics {
  oosDeclined: number;
  oosN: number;
  /** Share of in-scope questions wrongly declined. */
  inScopeDeclined: number;
  dev: SliceMetrics & { top1Unaccented: number; nUnaccented: number; top1Accented: number };
  failures: Failure[];
}

function slice(rows: { rank: number }[]): SliceMetrics {
  const n = rows.length || 1;
  return {
    n: rows.length,
    top1: rows.filter((r) => r.rank === 1).length / n,
    top3: rows.filter((r) => r.rank >= 1 && r.rank <= 3).length / n,
    mrr: rows.reduce((s, r) => s + (r.rank > 0 ? 1 / r.rank : 0), 0) / n,
  };
}

/** Runs every question through the engine. `asOf` fixes the date so results do not drift with the calendar. */
export async function evaluate(index: KnowledgeIndex, sets: EvalSets, asOf?: string): Promise<EvalReport> {
  const rows: { rank: number; origin: 'card' | 'dev'; unaccented: boolean; declined: boolean }[] = [];
  const failures: Failure[] = [];
  for (const item of sets.labelled) {
    const r: SearchResult = await index.search(item.q, { asOf, limit: 10 });
    const ids = r.hits.map((h) => h.card.id);
    const rank = ids.indexOf(item.expect) + 1;
    rows.push({ rank, origin: item.origin, unaccented: isUnaccented(item.q), declined: r.decision === 'out_of_scope' });
    if (rank !== 1) failures.push({ q: item.q, expect: item.expect, got: ids.slice(0, 3), decision: r.decision, origin: item.origin });
  }
  let declined = 0;
  for (const q of sets.outOfScope) {
    const r = await index.search(q, { asOf });
    if (r.decision === 'out_of_scope') declined++;
    else failures.push({ q, expect: '(out of scope)', got: r.hits.slice(0, 3).map((h) => h.card.id), decision: r.decision, origin: 'oos' });
  }
  const dev = rows.filter((r) => r.origin === 'dev');
  const devUn = dev.filter((r) => r.unaccented);
  const devAcc = dev.filter((r) => !r.unaccented);
  return {
    ...slice(rows),
    oosDeclined: sets.outOfScope.length ? declined / sets.outOfScope.length : 1,
    oosN: sets.outOfScope.length,
    inScopeDeclined: rows.filter((r) => r.declined).length / (rows.length || 1),
    dev: {
      ...slice(dev),
      top1Unaccented: slice(devUn).top1,
      nUnaccented: devUn.length,
      top1Accented: slice(devAcc).top1,
    },
    failures,
  };
}

/** Names every threshold the report falls below. */
export function belowThresholds(report: EvalReport, t: Thresholds): string[] {
  const out: string[] = [];
  const check = (name: string, value: number, min: number): void => {
    if (value < min) out.push(`${name} ${value.toFixed(3)} < ${min}`);
  };
  check('top1', report.top1, t.top1);
  check('dev.top1', report.dev.top1, t.top1);
  check('dev.top1Unaccented', report.dev.top1Unaccented, t.top1Unaccented);
  check('top3', report.top3, t.top3);
  check('mrr', report.mrr, t.mrr);
  check('oosDeclined', report.oosDeclined, t.oosDeclined);
  return out;
}
