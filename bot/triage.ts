/**
 * Emergency triage over the QĐ 261 warning signs. Rule-based and deterministic; the phrases and thresholds come
 * from `knowledge/triage.yaml`, so the content team changes them without touching code.
 *
 * It runs first on every turn: a message that describes a warning sign ("bố em spo2 93, thở dốc") gets
 * "gọi 115 / trạm y tế ngay" before anything else.
 *
 * @example
 * const triage = new Triage(rules);
 * triage.check('sp02 93').emergency          // true
 * triage.check('spo2 98%, nhịp thở 16').emergency // false
 */
import type { TriageRules } from '../knowledge/content/schema';
import { foldVietnamese, normalizeVietnamese } from '../knowledge/text/vietnamese';
import { findAll, matchesAt } from './phrases';

export interface TriageResult {
  emergency: boolean;
  /** What was found, in plain Vietnamese ("SpO2 93% (≤ 96%)", "khó thở"). */
  reasons: string[];
}

const NUMBER = /^\d{1,3}(?:,\d+)?$/;

function tokensOf(text: string): string[] {
  const folded = foldVietnamese(normalizeVietnamese(String(text ?? ''))).replace(/(\d)\.(\d)/g, '$1,$2');
  return folded.match(/\d{2,3}\/\d{2,3}|\d+(?:,\d+)?|[a-z0-9]+/g) ?? [];
}

const phrase = (p: string): string[] => tokensOf(p);

const toNumber = (t: string): number => Number(t.replace(',', '.'));

export class Triage {
  private readonly symptoms: { label: string; tokens: string[] }[];
  private readonly negations: Set<string>;
  private readonly cues: string[][];
  private readonly words: Record<'spo2' | 'breathing' | 'pulse' | 'bp', string[][]>;
  private readonly breathingUnits: Set<string>;
  /** Every measure word with the list it belongs to, for "another measure starts here". */
  private readonly allMeasureWords: { words: string[][]; w: string[] }[];

  constructor(private readonly rules: TriageRules) {
    this.symptoms = rules.symptoms.map((s) => ({ label: s, tokens: phrase(s) }));
    this.negations = new Set(rules.negations.map((n) => foldVietnamese(normalizeVietnamese(n))));
    this.cues = rules.general_question_cues.map(phrase);
    const m = rules.measures;
    this.words = {
      spo2: m.spo2.words.map(phrase),
      breathing: m.breathing.words.map(phrase),
      pulse: m.pulse.words.map(phrase),
      bp: m.blood_pressure.words.map(phrase),
    };
    this.breathingUnits = new Set(m.breathing.unit_words.flatMap(phrase));
    this.allMeasureWords = Object.values(this.words).flatMap((words) => words.filter((w) => w.length > 0).map((w) => ({ words, w })));
  }

  /** The card that lists the warning signs, and the document they come from. */
  get card(): string {
    return this.rules.card;
  }

  get source(): string {
    return this.rules.source;
  }

  /** Checks one message. Never throws. */
  check(text: string): TriageResult {
    const tokens = tokensOf(text).slice(0, 400);
    const reasons: string[] = [];
    this.checkSymptoms(tokens, reasons);
    this.checkMeasures(tokens, reasons);
    return { emergency: reasons.length > 0, reasons };
  }

  private checkSymptoms(tokens: string[], reasons: string[]): void {
    const present = new Set(tokens);
    for (const s of this.symptoms) {
      if (!present.has(s.tokens[0]!)) continue;
      for (const at of findAll(tokens, s.tokens)) {
        const before = tokens.slice(Math.max(0, at - 2), at);
        if (before.some((t) => this.negations.has(t))) continue;
        const window = tokens.slice(Math.max(0, at - 5), at);
        if (this.cues.some((c) => findAll(window, c).length > 0)) continue;
        reasons.push(s.label);
        break;
      }
    }
  }

  /** True when another measure's word starts at position k ("nhịp thở bình thường, spo2 98": 98 is not a breathing rate). */
  private otherMeasureAt(tokens: string[], k: number, own: string[][]): boolean {
    for (const { words, w } of this.allMeasureWords) {
      if (words !== own && tokens[k] === w[0] && matchesAt(tokens, w, k)) return true;
    }
    return false;
  }

  /**
   * First number within `reach` tokens after one of `words`, stopping at the word of a measure other than `own`
   * (the list `words` belongs to).
   */
  private numberAfter(tokens: string[], words: string[][], reach: number, own: string[][] = words): { value: number; at: number; raw: string }[] {
    const out: { value: number; at: number; raw: string }[] = [];
    for (const w of words) {
      for (const at of findAll(tokens, w)) {
        for (let k = at + w.length; k < Math.min(tokens.length, at + w.length + reach); k++) {
          if (this.otherMeasureAt(tokens, k, own)) break;
          const t = tokens[k]!;
          if (NUMBER.test(t) || /^\d{2,3}\/\d{2,3}$/.test(t)) {
            out.push({ value: toNumber(t), at: k, raw: t });
            break;
          }
        }
      }
    }
    return out;
  }

  private age(tokens: string[]): number | undefined {
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (NUMBER.test(tokens[i]!) && tokens[i + 1] === 'tuoi') return toNumber(tokens[i]!);
      if (NUMBER.test(tokens[i]!) && tokens[i + 1] === 'thang' && tokens[i + 2] === 'tuoi') return toNumber(tokens[i]!) / 12;
    }
    if (findAll(tokens, ['so', 'sinh']).length) return 0;
    return undefined;
  }

  private checkMeasures(tokens: string[], reasons: string[]): void {
    const m = this.rules.measures;
    for (const { value } of this.numberAfter(tokens, this.words.spo2, 5)) {
      if (value >= m.spo2.plausible[0] && value <= m.spo2.plausible[1] && value <= m.spo2.alarm_at_or_below) {
        reasons.push(`SpO2 ${value}% (≤ ${m.spo2.alarm_at_or_below}%)`);
        break;
      }
    }
    const age = this.age(tokens);
    const limit =
      age === undefined || age >= 12
        ? m.breathing.adult_at_or_above
        : age >= 5
          ? m.breathing.child_5_to_12_at_or_above
          : age >= 1
            ? m.breathing.child_1_to_5_at_or_above
            : m.breathing.infant_at_or_above;
    for (const w of this.words.breathing) {
      const bare = w.length === 1; // "thở" alone needs a unit after the number ("thở 28 lần")
      for (const { value, at } of this.numberAfter(tokens, [w], bare ? 2 : 5, this.words.breathing)) {
        if (bare && !this.breathingUnits.has(tokens[at + 1] ?? '')) continue;
        if (value >= m.breathing.plausible[0] && value <= m.breathing.plausible[1] && value >= limit) {
          reasons.push(`nhịp thở ${value} lần/phút (≥ ${limit}${age !== undefined && age < 12 ? ` ở trẻ ${age < 1 ? 'dưới 1' : Math.floor(age)} tuổi` : ''})`);
          break;
        }
      }
      if (reasons.some((r) => r.startsWith('nhịp thở'))) break;
    }
    for (const { value } of this.numberAfter(tokens, this.words.pulse, 5)) {
      if (value < m.pulse.plausible[0] || value > m.pulse.plausible[1]) continue;
      if (value > m.pulse.above || value < m.pulse.below) {
        reasons.push(`mạch ${value} lần/phút (> ${m.pulse.above} hoặc < ${m.pulse.below})`);
        break;
      }
    }
    for (const { raw } of this.numberAfter(tokens, this.words.bp, 5)) {
      const bp = /^(\d{2,3})\/(\d{2,3})$/.exec(raw);
      if (!bp) continue;
      const sys = Number(bp[1]);
      const dia = Number(bp[2]);
      if (sys < m.blood_pressure.systolic_below || dia < m.blood_pressure.diastolic_below) {
        reasons.push(`huyết áp ${sys}/${dia} mmHg (< ${m.blood_pressure.systolic_below}/${m.blood_pressure.diastolic_below})`);
        break;
      }
    }
  }
}
