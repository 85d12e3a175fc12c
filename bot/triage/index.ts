/**
 * Emergency triage: does this message describe a danger sign that needs 115 or the health station now?
 *
 * Deterministic and auditable: every phrase, threshold and scoping word comes from `knowledge/triage.yaml`, and
 * every finding names its basis (document and section). It runs first on every turn, on the normalised,
 * teencode-expanded text, with negation scoped to its clause and measurements parsed with the age they apply to.
 *
 * @example
 * const triage = new Triage(rules);
 * triage.check('me e chua do kho tho').emergency                 // true
 * triage.check('bé 8 tuổi thở 24 lần/phút').emergency            // false (threshold 30 at 5–<12)
 * triage.check('spo2 98').readings[0]                            // { label: 'SpO2 98%', alarming: false, threshold: '≤ 96%', … }
 */
import type { TriageBasis, TriageRules } from '../../knowledge';
import { ContextRules, type Figurative } from './context';
import { Measures, type Reading } from './measures';
import { detectLanguage } from '../language';
import { PhraseSet, rewrite, tokenize, type Key, compile, keyMatches, type Token } from './tokens';

export type { Reading } from './measures';

/** One warning sign found in the message. */
export interface Finding {
  id: string;
  label: string;
  labelEn: string;
  basis: TriageBasis;
  /** The words of the message that matched (folded), for staff. */
  evidence: string;
}

export interface TriageResult {
  emergency: boolean;
  /** Short labels of what was found, alarming first ("SpO2 93% (≤ 96%)", "khó thở"). */
  reasons: string[];
  /** Warning signs described in words. */
  signs: Finding[];
  /** Every measurement read, alarming or not. */
  readings: Reading[];
}

type Sign = TriageRules['signs'][number];

/** A phrase or pair found in the message; `tail` is where the second word of a pair starts. */
interface Candidate {
  sign: Sign;
  start: number;
  end: number;
  tail?: number;
  /** Where the first word of a pair ends (the words between it and `tail` are not the finding's). */
  head?: number;
}

interface CompiledPair {
  first: PhraseSet;
  second: PhraseSet;
  within: number;
}

interface CompiledCount {
  first: PhraseSet;
  units: PhraseSet;
  atOrAbove: number;
  within: number;
  per: PhraseSet;
}

/** "có uống thuốc ngủ được không": whether something is allowed is asked, it is not said to have happened. */
const PERMISSION_AFTER = new Set(['khong', 'chu', 'ha', 'hong', 'khg']);
const permission = (tokens: readonly Token[], c: Candidate): boolean =>
  tokens[c.start - 1]?.f === 'co' && ['duoc', 'dc'].includes(tokens[c.end]?.f ?? '') && PERMISSION_AFTER.has(tokens[c.end + 1]?.f ?? '');

/** Words before an age that date an event to it ("hồi 1 tuổi", "năm 2 tuổi", "lúc 18 tháng"). Folded. */
const AT_AGE = new Set(['hoi', 'luc', 'khi', 'nam', 'when', 'at']);

/** "buồn nôn", "buồn ói": nausea, not vomiting. */
const nausea = (tokens: readonly Token[], c: Candidate): boolean =>
  c.end - c.start === 1 && ['non', 'oi'].includes(tokens[c.start]!.f) && tokens[c.start - 1]?.f === 'buon';

export class Triage {
  private readonly rewrites: PhraseSet<string>;
  private readonly mask: PhraseSet;
  private readonly ctx: ContextRules;
  private readonly measures: Measures;
  /** Each phrase with every sign that lists it ("không uống được": a child's sign and an older person's). */
  private readonly phrases: PhraseSet<Sign[]>;
  private readonly pairs: { sign: Sign; pair: CompiledPair }[];
  private readonly counts: { sign: Sign; count: CompiledCount }[];
  /** The pairs whose first phrase may start with a word (folded), so that a message is read once for all pairs. */
  private readonly pairsByFirst = new Map<string, number[]>();
  private readonly unlessNext: Map<string, Key[][]>;
  private readonly pregnant: PhraseSet;
  private readonly elderly: PhraseSet;
  private readonly notElderly: PhraseSet;
  private readonly fever: PhraseSet;
  private readonly onOxygen: PhraseSet;
  /** Multi-word phrases written as one word ("khothoquaaa"), by their first three letters, longest first. */
  private readonly glued = new Map<string, { joined: string; sign: Sign }[]>();

  private readonly alone: { sign: Sign; core: PhraseSet; all: PhraseSet }[];
  private readonly undoneBy: Map<string, PhraseSet>;
  private readonly together: { sign: Sign; groups: PhraseSet[] }[];

  constructor(private readonly rules: TriageRules) {
    this.rewrites = new PhraseSet<string>(Object.entries(rules.rewrite).flatMap(([to, from]) => from.map((v): [string, string] => [v, to])));
    this.mask = PhraseSet.of(rules.mask);
    this.ctx = new ContextRules(rules);
    this.measures = new Measures(rules);
    // Sign phrases read hỏi and ngã alike ("khó thỡ", "bất tĩnh"); negation and context words do not.
    const bySigns = new Map<string, Sign[]>();
    for (const s of rules.signs) for (const p of s.phrases) bySigns.set(p, [...(bySigns.get(p) ?? []), s]);
    this.phrases = new PhraseSet<Sign[]>(bySigns, true);
    this.pairs = rules.signs.flatMap((sign) =>
      sign.pairs.map((p) => ({ sign, pair: { first: PhraseSet.of(p.first, true), second: PhraseSet.of(p.then, true), within: p.within } })),
    );
    this.counts = rules.signs.flatMap((sign) =>
      sign.counts.map((c) => ({
        sign,
        count: { first: PhraseSet.of(c.first, true), units: PhraseSet.of(c.units, true), atOrAbove: c.at_or_above, within: c.within, per: PhraseSet.of(c.per) },
      })),
    );
    rules.signs
      .flatMap((sign) => sign.pairs.map((p) => p.first))
      .forEach((first, n) => {
        for (const word of new Set(first.map((f) => compile(f)[0]?.f ?? ''))) this.pairsByFirst.set(word, [...(this.pairsByFirst.get(word) ?? []), n]);
      });
    this.unlessNext = new Map(rules.signs.map((s) => [s.id, s.unless_next.map((p) => compile(p))]));
    this.undoneBy = new Map(rules.signs.filter((s) => s.undone_by.length).map((s) => [s.id, PhraseSet.of(s.undone_by)]));
    this.together = rules.signs.flatMap((sign) => sign.together.map((groups) => ({ sign, groups: groups.map((g) => PhraseSet.of(g, true)) })));
    this.alone = rules.signs.flatMap((sign) =>
      sign.alone ? [{ sign, core: PhraseSet.of(sign.alone.words, true), all: PhraseSet.of([...sign.alone.words, ...sign.alone.with], true) }] : [],
    );
    this.pregnant = PhraseSet.of(rules.people.pregnant);
    this.elderly = PhraseSet.of(rules.people.elderly);
    this.notElderly = PhraseSet.of(rules.people.not_elderly);
    this.fever = PhraseSet.of(rules.measures.temperature.words);
    this.onOxygen = PhraseSet.of(rules.people.on_oxygen);
    const glued = rules.signs
      .flatMap((sign) => sign.phrases.map((p) => ({ keys: compile(p), sign })))
      .filter((g) => g.keys.length > 1)
      .map((g) => ({ joined: g.keys.map((k) => k.f).join(''), sign: g.sign }))
      .sort((x, y) => y.joined.length - x.joined.length);
    for (const g of glued) {
      const key = g.joined.slice(0, 3);
      this.glued.set(key, [...(this.glued.get(key) ?? []), g]);
    }
  }

  /**
   * A phrase written as one word: at its start ("khothoquaaa"), or inside it when six letters or more
   * ("metoikhothoqua").
   */
  private gluedIn(w: string, english: () => boolean): Sign | undefined {
    // Inside an English word ("au-thorit-y") a joined phrase is chance: only at its start there.
    for (let o = 0; o === 0 || (o + 6 <= w.length && !english()); o++) {
      for (const g of this.glued.get(w.slice(o, o + 3)) ?? []) {
        if ((o === 0 || g.joined.length >= 6) && w.startsWith(g.joined, o)) return g.sign;
      }
    }
    return undefined;
  }

  /**
   * An older person is meant: an age from `people.elderly_from_years` ("mẹ em 72 tuổi", "ba tui 78t"), or a word of
   * `people.elderly` ("bà nội", "ông cụ") that is not part of one of `people.not_elderly` ("bà bầu", "ông xã").
   */
  private isElderly(tokens: readonly Token[], ages = this.measures.ages(tokens)): boolean {
    if (ages.some((a) => a.months >= this.rules.people.elderly_from_years * 12)) return true;
    const not = this.notElderly.positions(tokens);
    return this.elderly.positions(tokens).some((p) => !not.some((n) => n.at <= p.at && n.at + n.length >= p.at + p.length));
  }

  /** A sign whose `alone` words make up the whole message (punctuation aside): "cứu", "help!!", "cấp cứu! tai nạn!". */
  private aloneSign(tokens: readonly Token[]): Sign | undefined {
    const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'num');
    if (!words.length || words.length > 8) return undefined;
    for (const a of this.alone) {
      let core = false;
      let i = 0;
      for (; i < words.length; ) {
        const m = a.all.at(words, i);
        if (!m) break;
        if (a.core.at(words, i)) core = true;
        i += m.length;
      }
      if (i === words.length && core) return a.sign;
    }
    return undefined;
  }

  /** The card that lists the warning signs, and the document they come from. */
  get card(): string {
    return this.rules.card;
  }

  get source(): string {
    return this.rules.source;
  }

  /** Ages stated in a message, in months ("bé 10 tháng", "mẹ em 72 tuổi"). */
  ages(text: string): number[] {
    return this.measures.ages(this.tokens(text)).map((a) => a.months);
  }

  /** The prepared tokens of a message (rewritten, harmless phrases masked): for tests and staff tools. */
  tokens(text: string): Token[] {
    return rewrite(tokenize(text), this.rewrites, this.mask);
  }

  /** Checks one message. Never throws. */
  check(text: string): TriageResult {
    const raw = String(text ?? '');
    const tokens = this.tokens(raw);
    const clause = this.ctx.clauses(tokens);
    const sentence = this.ctx.sentences(tokens);
    // Readings too are set aside in a joke or a story about traffic, bills, a crush ("tim đập 200 nhịp"), and in
    // the parts of the message that tell someone else's story, state the normal range, or have passed.
    // A laugh followed by a word of now ("hihi …, giờ chảy nước miếng") is over: what follows is real.
    const jokeOver = this.ctx.jokeOver(
      tokens,
      this.ctx.laughs(raw, (text) => this.tokens(text).length),
    );
    const ages = this.measures.ages(tokens);
    const figurative = this.ctx.figurativeMessage(raw, tokens, ages.length > 0, jokeOver);
    const told = this.ctx.storyAt(tokens, sentence);
    const joke = this.ctx.jokeAt(tokens, sentence, jokeOver);
    // A scenario set for practice ("Tình huống giả định: …") is read like a story.
    const scenario = this.ctx.scenarioAt(tokens, sentence);
    const story = (at: number): boolean => scenario(at) || told(at) || joke(at);
    const general = this.ctx.generalReadingsAt(tokens, clause);
    const supposed = this.ctx.supposedAt(tokens, sentence);
    const pregnant = this.pregnant.anyIn(tokens, 0, tokens.length) || this.measures.gestation(tokens);
    const readings = figurative
      ? []
      : this.measures.readings(tokens, sentence, {
          hypothetical: this.ctx.hypotheticalAt(tokens, clause),
          pastAt: (at) => this.ctx.pastPart(tokens, clause, at),
          passedAt: (at) => this.ctx.passed(tokens, clause, at),
          ignoreAt: (at) => story(at) || general(at) || supposed(at),
          pregnant,
        });
    // A message in English (of a few words at least: short glued teencode reads as English too, "bame bikhotho"); only
    // asked, once, when a long word might hold a glued phrase.
    let english: boolean | undefined;
    const isEnglish = (): boolean => (english ??= tokens.length >= 4 && detectLanguage(raw) === 'en');
    const signs = this.findSigns(tokens, clause, readings, story, figurative, { ages, pregnant, english: isEnglish });
    const cry = this.aloneSign(tokens);
    if (cry && !signs.some((s) => s.id === cry.id))
      signs.push({ id: cry.id, label: cry.label, labelEn: cry.label_en, basis: cry.basis, evidence: tokens.map((t) => t.f).join(' ') });
    const alarming = readings.filter((r) => r.alarming);
    const reasons = [...alarming.map((r) => `${r.label} (${r.threshold})`), ...signs.map((s) => s.label)];
    return { emergency: reasons.length > 0, reasons: [...new Set(reasons)], signs, readings };
  }

  private candidates(tokens: readonly Token[], sentence: readonly number[], applies: (sign: Sign) => boolean, english: () => boolean): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      // Every phrase that starts here: a shorter one stands when the longer one's sign does not apply ("bé không
      // chịu ăn uống gì": an older person's phrase, and a child's "không chịu ăn").
      const ms = this.phrases.allAt(tokens, i);
      for (const m of ms) for (const sign of m.value) out.push({ sign, start: i, end: i + m.length });
      if (ms.length) continue;
      if (tokens[i]!.plain && tokens[i]!.kind === 'word' && tokens[i]!.f.length >= 6) {
        const sign = this.gluedIn(tokens[i]!.f, english);
        if (sign) out.push({ sign, start: i, end: i + 1 });
      }
    }
    // Pairs, read in one pass over the message (each pair's candidates in the order of the rules).
    const byPair: Candidate[][] = this.pairs.map(() => []);
    for (let i = 0; i < tokens.length; i++) {
      for (const n of this.pairsByFirst.get(tokens[i]!.f) ?? []) {
        const { sign, pair } = this.pairs[n]!;
        const first = pair.first.at(tokens, i);
        if (!first) continue;
        const from = i + first.length;
        // Within the sentence: "con đạp liên tục mà hôm nay chỉ 1 2 lần" pairs across "mà".
        for (let k = from; k <= Math.min(tokens.length - 1, from + pair.within) && sentence[k] === sentence[i]; k++) {
          const t = pair.second.at(tokens, k);
          if (t) {
            // "môi không tím": a negation between the two words undoes the pair (unless the tail itself is negative).
            if (!this.ctx.undone(tokens, from, k)) byPair[n]!.push({ sign, start: i, end: k + t.length, tail: k, head: from });
            break;
          }
        }
      }
    }
    for (const list of byPair) out.push(...list);
    out.push(...this.countsIn(tokens, sentence));
    // Words of every group of a sign's `together` anywhere in the message ("tối nay" + "thuốc chuột" + "xin lỗi má"):
    // the finding stands at the first group's words.
    // (The groups after the first are only looked for while every one before them was found.)
    for (const { sign, groups } of this.together) {
      const first = groups[0]!.positions(tokens)[0];
      if (first && groups.slice(1).every((g) => g.anyIn(tokens, 0, tokens.length))) out.push({ sign, start: first.at, end: first.at + first.length });
    }
    // A match inside a longer match of another sign gives way to it ("không thở được" is not "không thở").
    // A sign that needs someone (a child, an older person) and does not apply gives way to none.
    // … nor does one undone by the words right after it ("quanh môi, họng căng cứng, tim đập": "tim đập" is no "tím").
    const kept = out.filter((c) => applies(c.sign) && !this.followedByUnless(tokens, c));
    return kept.filter((c) => !kept.some((o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start));
  }

  /** The words right after a candidate are one of its sign's `unless_next` ("không thở dốc", "bị giật điện thoại"). */
  private followedByUnless(tokens: readonly Token[], c: Candidate): boolean {
    const next = this.unlessNext.get(c.sign.id) ?? [];
    return next.some((keys) => keys.every((k, j) => keyMatches(tokens[c.end + j], k)));
  }

  /**
   * Counts taken at once ("uống 20 viên paracetamol", "took 30 pills"): a word of a sign's `counts.first`, then a
   * number from its threshold with a unit, in the same sentence; not undone by a negation between them ("uống không
   * tới 10 viên"), and not said per day in its part ("mỗi ngày uống 10 viên").
   */
  private countsIn(tokens: readonly Token[], sentence: readonly number[]): Candidate[] {
    const out: Candidate[] = [];
    for (const { sign, count } of this.counts) {
      for (let i = 0; i < tokens.length; i++) {
        const first = count.first.at(tokens, i);
        if (!first) continue;
        const from = i + first.length;
        for (let k = from; k <= Math.min(tokens.length - 1, from + count.within) && sentence[k] === sentence[i]; k++) {
          const t = tokens[k]!;
          const unit = count.units.at(tokens, k + 1);
          if (t.kind !== 'num' || !unit || Number(t.a.replace(',', '.')) < count.atOrAbove) continue;
          let pf = i;
          while (pf > 0 && tokens[pf - 1]!.kind !== 'comma' && tokens[pf - 1]!.kind !== 'stop') pf--;
          let pt = k + 1 + unit.length;
          while (pt < tokens.length && tokens[pt]!.kind !== 'comma' && tokens[pt]!.kind !== 'stop') pt++;
          if (!this.ctx.undone(tokens, from, k) && !count.per.anyIn(tokens, pf, pt))
            out.push({ sign, start: i, end: k + 1 + unit.length, tail: k, head: from });
          break;
        }
      }
    }
    return out;
  }

  /**
   * The warning signs described in words. In a message set in everyday life ("chơi game xong…"), a sign alone is
   * taken as a figure of speech, but two different signs are a description ("ngực trái đau rát, cánh tay tê, mặt
   * tái"); a joke, or a setting with a word of exaggeration ("sợ tới co giật luôn"), stays figurative.
   */
  private findSigns(
    tokens: Token[],
    clause: number[],
    readings: Reading[],
    story: (at: number) => boolean,
    figurativeMessage: Figurative | undefined,
    read: { ages: ReturnType<Measures['ages']>; pregnant: boolean; english: () => boolean },
  ): Finding[] {
    const found = new Map<string, Finding>();
    const inSetting = new Map<string, Finding>();
    // Vital signs under the thresholds, by position: one read after a past finding says it has passed.
    const calm = readings.filter((r) => !r.alarming && r.measure !== 'temperature').map((r) => this.measures.positionOf(r) ?? -1);
    const calmAfter = (at: number): boolean => calm.some((p) => p >= at);
    const { ages, pregnant } = read;
    const child = this.measures.isChild(tokens, ages);
    const elderly = this.isElderly(tokens, ages);
    // Temperatures stated in degrees (not "48h" of a lasting fever): for a baby's fever and the signs with `fever_from`.
    const temperatures = readings
      .filter((r) => r.measure === 'temperature')
      .map((r) => Number(r.value))
      .filter((v) => !Number.isNaN(v));
    // A baby whose stated age is under the infant fever rule's (every age in the message), with no temperature stated:
    // the temperature rules judge a stated one ("bé 2 tháng sốt 37,6" is not 38).
    const infantMonths = this.rules.measures.temperature.infant?.under_months;
    const infant = infantMonths !== undefined && ages.length > 0 && ages.every((a) => a.months < infantMonths) && !temperatures.length;
    // Someone on oxygen therapy, not said to be off it ("thở oxy tại nhà 2 lít", not "không phải thở oxy").
    const onOxygen = this.onOxygen.positions(tokens).some((p) => this.ctx.affirmed(tokens, clause, p.at, p.at + p.length));
    // A fever said to be there: not "hết sốt", "không sốt" ("e f0 ngày 6, hết sốt … 2 bạn đó âm tính" has no "ban đỏ").
    const fever =
      this.fever.positions(tokens).some((p) => this.ctx.affirmed(tokens, clause, p.at, p.at + p.length)) ||
      readings.some((r) => r.measure === 'temperature' && (r.alarming || Number.isNaN(Number(r.value)) || Number(r.value) >= 37.5));
    // Whether the person a sign needs (a child, a pregnancy, a fever, an older person, someone on oxygen) is in the message.
    const applies = (s: Sign): boolean =>
      (s.requires !== 'child' || child) &&
      (s.requires !== 'infant' || infant) &&
      (s.requires !== 'pregnant' || pregnant) &&
      (s.requires !== 'fever' || fever) &&
      (s.requires !== 'elderly' || elderly) &&
      (s.requires !== 'oxygen' || onOxygen);
    const cands = this.candidates(tokens, this.ctx.sentences(tokens), applies, read.english);
    // Ages an event is dated to ("hồi 1 tuổi con bị sốt co giật, giờ 6 tuổi rồi"), younger than an age given later:
    // a sign in the part (between commas) of such an age, after it, was at that age, long ago.
    const thenAges = ages.filter((a) => AT_AGE.has(tokens[a.at - 1]?.f ?? '') && ages.some((b) => b.at > a.at && b.months > a.months)).map((a) => a.at);
    const atYoungerAge = (start: number): boolean =>
      thenAges.some((at) => at < start && clause[at] === clause[start] && !tokens.slice(at, start).some((t) => t.kind === 'comma'));
    for (const c of cands) {
      const s = c.sign;
      if (
        found.has(s.id) ||
        inSetting.has(s.id) ||
        (story(c.start) && !s.literal) ||
        (figurativeMessage !== undefined && figurativeMessage !== 'setting' && !s.literal)
      )
        continue;
      if (!this.ctx.affirmed(tokens, clause, c.start, c.end)) continue;
      if (!s.literal && this.ctx.general(tokens, clause, c.start, c.end)) continue;
      if (!s.literal && (this.ctx.figurativeBefore(tokens, c.start) || (c.tail !== undefined && this.ctx.figurativeBefore(tokens, c.tail)))) continue;
      if (!s.literal && this.ctx.thingBefore(tokens, c.start)) continue;
      const words: [number, number][] =
        c.tail !== undefined
          ? [
              [c.start, c.head ?? c.start],
              [c.tail, c.end],
            ]
          : [[c.start, c.end]];
      if (this.ctx.passed(tokens, clause, c.start, calmAfter, words) || atYoungerAge(c.start)) continue;
      // Already in care ("xe 115 đã chở đi viện rồi", "đã nhập viện vì SpO2 thấp"), unless a danger to oneself.
      const inCare =
        this.ctx.inCareAfter(tokens, this.ctx.sentences(tokens), c.start, c.end) || this.ctx.inCareFor(tokens, this.ctx.sentences(tokens), c.start);
      if (!s.literal && inCare) continue;
      // A fever stated under the sign's line ("sau sinh 1 tháng, sốt 37,8").
      if (s.fever_from !== undefined && temperatures.length && temperatures.every((v) => v < s.fever_from!)) continue;
      // Dealt with later in the message ("bé hóc kẹo, vỗ lưng ra được rồi, giờ chơi bình thường").
      // ("chưa lấy ra được" is not dealt with.)
      const undone = this.undoneBy.get(s.id)?.positions(tokens, c.end) ?? [];
      if (!s.literal && undone.some((p) => !this.ctx.notEndsAt(tokens, clause, p.at - 1) && !this.ctx.notEndsAt(tokens, clause, p.at - 2))) continue;
      if (
        this.ctx.advice(tokens, c.start) ||
        nausea(tokens, c) ||
        (!s.literal && permission(tokens, c)) ||
        this.ctx.resolvedLater(tokens, clause, c.start, c.end)
      )
        continue;
      if (!s.literal && this.ctx.figurativeProne(tokens, c.start, c.end) && this.ctx.causedByEveryday(tokens, this.ctx.sentences(tokens), c.start, c.end))
        continue;
      // In an everyday setting only words people use figuratively are set aside: "trận đấu nghẹt thở" is not an
      // emergency, "đang chơi game thì đau ngực dữ dội" is, and so is a sudden event ("đang chơi game thì ngất"). So is
      // any sign that the message blames on the everyday thing with "với" ("khó thở với cái deadline này").
      const settingOnly =
        figurativeMessage === 'setting' &&
        !s.literal &&
        (this.ctx.figurativeProne(tokens, c.start, c.end) || this.ctx.causedByEveryday(tokens, this.ctx.sentences(tokens), c.start, c.end)) &&
        !this.ctx.suddenEvent(tokens, this.ctx.sentences(tokens), c.start);
      (settingOnly ? inSetting : found).set(s.id, {
        id: s.id,
        label: s.label,
        labelEn: s.label_en,
        basis: s.basis,
        evidence: tokens
          .slice(c.start, c.end)
          .map((t) => t.f)
          .join(' '),
      });
    }
    if (new Set([...found.keys(), ...inSetting.keys()]).size >= 2) for (const [id, f] of inSetting) found.set(id, f);
    return [...found.values()];
  }
}
