/**
 * Triage evaluation on the sets in `knowledge/eval/triage-*.yaml`: recall on alarming messages and the false-alarm
 * rate on calm ones, per file. `triage-tuning.yaml` is for tuning the rules; `triage-locked.yaml` was written before
 * the rules and is never tuned against: only its figures are looked at.
 *
 * @example
 * const sets = loadTriageSets('knowledge');
 * const report = evaluateTriage(new Triage(rules), sets);   // [{ name: 'locked', recall: 0.93, falseAlarms: 0.04, … }]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { parseYaml, type ContentProblem } from '../../knowledge';
import type { Triage } from './index';

const Item = z.strictObject({ kind: z.string().min(2), text: z.string().min(1) });
export const TriageSetSchema = z.strictObject({ alarming: z.array(Item).min(1), calm: z.array(Item).min(1) });
export type TriageSet = z.infer<typeof TriageSetSchema> & { name: string; file: string };

export interface TriageSetReport {
  name: string;
  alarming: number;
  calm: number;
  recall: number;
  falseAlarms: number;
  /** Missed alarming and flagged calm messages (printed only for sets that may be tuned against). */
  missed: { kind: string; text: string }[];
  flagged: { kind: string; text: string; reasons: string[] }[];
  byKind: Record<string, { n: number; right: number }>;
}

/** Reads every `eval/triage-<name>.yaml` under the content root. */
export function loadTriageSets(root: string): { sets: TriageSet[]; problems: ContentProblem[] } {
  const dir = join(root, 'eval');
  const sets: TriageSet[] = [];
  const problems: ContentProblem[] = [];
  if (!existsSync(dir)) return { sets, problems };
  for (const name of readdirSync(dir).sort()) {
    const m = /^triage-(.+)\.ya?ml$/.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    const r = parseYaml(readFileSync(file, 'utf8'), TriageSetSchema, relative(process.cwd(), file));
    problems.push(...r.problems);
    if (r.value) sets.push({ ...r.value, name: m[1]!, file });
  }
  return { sets, problems };
}

export function evaluateTriage(triage: Triage, sets: TriageSet[]): TriageSetReport[] {
  return sets.map((set) => {
    const byKind: Record<string, { n: number; right: number }> = {};
    const tally = (kind: string, right: boolean): void => {
      byKind[kind] ??= { n: 0, right: 0 };
      const k = byKind[kind]!;
      k.n++;
      if (right) k.right++;
    };
    const missed: TriageSetReport['missed'] = [];
    const flagged: TriageSetReport['flagged'] = [];
    for (const item of set.alarming) {
      const ok = triage.check(item.text).emergency;
      tally(`alarming/${item.kind}`, ok);
      if (!ok) missed.push(item);
    }
    for (const item of set.calm) {
      const r = triage.check(item.text);
      tally(`calm/${item.kind}`, !r.emergency);
      if (r.emergency) flagged.push({ ...item, reasons: r.reasons });
    }
    return {
      name: set.name,
      alarming: set.alarming.length,
      calm: set.calm.length,
      recall: 1 - missed.length / set.alarming.length,
      falseAlarms: flagged.length / set.calm.length,
      missed,
      flagged,
      byKind,
    };
  });
}
