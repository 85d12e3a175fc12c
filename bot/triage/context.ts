/**
 * The context of a phrase inside a message: its clause, the negation that applies to it, whether the clause is a
 * general question, figurative speech, or a symptom that has passed. Rules come from `knowledge/triage.yaml`.
 */
import type { TriageRules } from '../../knowledge';
import { PhraseSet, type Token } from './tokens';

/** How a whole message is figurative (see {@link ContextRules.figurativeMessage}). */
export type Figurative = 'joke' | 'hyperbole' | 'setting';

const unmasked = (tokens: readonly Token[]): Token[] => tokens.map((t) => ({ ...t, masked: false }));

/** Days of the illness named in tokens[from, to): "ngày 3", "ngày thứ 8" (not "3 ngày", a duration). */
function illnessDays(tokens: readonly Token[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to - 1; i++) {
    if (tokens[i]!.f !== 'ngay') continue;
    const at = tokens[i + 1]!.f === 'thu' ? i + 2 : i + 1;
    const t = tokens[at];
    if (at < to && t?.kind === 'num' && /^\d{1,2}$/.test(t.a) && Number(t.a) <= 30) out.push(Number(t.a));
  }
  return out;
}

/**
 * The last year before today's guidance (QĐ 261/QĐ-BYT, 2022) and the pandemic it answers: an event dated to a year up
 * to this one ("nhồi máu cơ tim năm 2019") is long ago, like "năm ngoái".
 */
const LONG_AGO_YEAR = 2020;

/**
 * Years up to {@link LONG_AGO_YEAR} in tokens[from, to), from "năm"/"in" before them ("năm 2019", "in 2018"); not one
 * opened by "từ"/"since" a few words before ("từ tháng 3 năm 2019" goes on).
 */
function yearsBeforeGuidance(tokens: readonly Token[], from: number, to: number): { at: number; length: number }[] {
  const out: { at: number; length: number }[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'num' || !/^(19|20)\d\d$/.test(t.a) || Number(t.a) > LONG_AGO_YEAR) continue;
    const at = ['nam', 'in'].includes(tokens[i - 1]?.f ?? '') ? i - 1 : i;
    if (tokens.slice(Math.max(from, at - 4), at).some((w) => SINCE_NOW.has(w.f) || w.f === 'ke')) continue;
    out.push({ at, length: i + 1 - at });
  }
  return out;
}

/** Words right after "là bình thường" that make it a question about a reading ("… là bình thường không"). */
const QUESTION_AFTER = new Set(['khong', 'chua', 'ha', 'hong', 'chu']);

/** Words that make a long-ago marker the start of something still going on ("từ năm ngoái", "since last year"). */
const SINCE = new Set(['tu', 'since', 'nhu', 'like', 'giong']);
/** Words that make a past marker the start of something still going on ("từ hôm qua", "since yesterday"). */
const SINCE_NOW = new Set(['tu', 'since']);
/** … or a period still going on ("đang trong thời gian bệnh", "đang lúc bệnh"). */
const NOT_PAST_BEFORE = new Set([...SINCE_NOW, 'dang', 'hon', 'than']);
/** The writer, after a causative "làm" ("làm em nghẹt thở"). */
const PERSONS = new Set(['em', 'e', 'toi', 'minh', 'tui', 'tao', 'anh', 'chi', 'me', 'to']);
/** "về", "on", "about": what a piece of study or writing is about. Folded. */
const ABOUT = new Set(['ve', 'on', 'about']);
/** Units of an age given just before a word ("2 tuổi lỡ uống"). Folded. */
const AGE_UNITS = new Set(['tuoi', 'thang', 't']);
/** After "từng", these make it "each" ("đau quặn từng cơn", "thở từng hơi"), not "once" (history). Folded. */
const EACH = new Set([
  'con',
  'dot',
  'hoi',
  'luc',
  'chut',
  'ngum',
  'buoc',
  'cau',
  'tieng',
  'giay',
  'phut',
  'ngay',
  'dem',
  'nguoi',
  'cai',
  'vien',
  'mieng',
  'nhip',
  'tua',
  'khuc',
  'cuc',
  'giot',
  'ti',
]);
const eachOf = (tokens: readonly Token[], at: number, length: number): boolean => length === 1 && tokens[at]?.f === 'tung' && EACH.has(tokens[at + 1]?.f ?? '');
/** Before a word of recovery, a wish or a need, not a recovery ("cần giấy để đi làm lại", "muốn về nhà"). Folded. */
const WANTED = new Set(['can', 'muon', 'de', 'mong', 'phai', 'want', 'wants', 'need', 'needs']);
/** Words of degree after a sign ("khó thở quá", "đau lắm"): it is felt, not studied. Folded. */
const DEGREE = new Set(['qua', 'lam', 'wa', 'ghe']);
/** The writer, right after a family word ("chồng tôi", "mẹ em", "ba nhà mình"). Folded. */
const OWN = new Set(['em', 'e', 'toi', 'minh', 'tui', 'tao', 'to', 't']);
/** Words of a symptom before "đến", "tới" ("đau tới ngất", "mệt đến xỉu"): a degree of it, not a figure. */
const SYMPTOM_BEFORE = new Set(['dau', 'met', 'ho', 'sot', 'non', 'oi', 'kho', 'tuc']);
/** The second word of a degree said in two ("đến mức", "tới nỗi", "đến độ"). */
const DEGREE_NOUNS = new Set(['muc', 'noi', 'do']);
/** Words that say a finding is happening now or has just happened ("vừa co giật", "đang khó thở"). */
const JUST_NOW = new Set(['vua', 'dang', 'now', 'currently']);
/** Words of today between a long-ago marker and a finding. */
const NOW = new Set(['gio', 'nay', 'hien', 'lai', 'now', 'today', 'again', 'currently']);
/** A word of now, either kind. */
const ofNow = (t: Token): boolean => NOW.has(t.f) || JUST_NOW.has(t.f);
/**
 * "có lúc" (at times) takes its time from the words before it: past in "hôm qua có lúc 88", today in "tối nay có lúc
 * 88", "giờ có lúc 90".
 */
const atTimesToday = (tokens: readonly Token[], at: number): boolean =>
  tokens[at]?.f === 'co' && tokens[at + 1]?.f === 'luc' && NOW.has(tokens[at - 1]?.f ?? '');

/** Colours and coldness of the skin: "hết" right after one is "all of it" ("tím hết rồi", "lạnh hết rồi"). Folded. */
const SPREAD = new Set(['tim', 'tai', 'xanh', 'lanh', 'tham', 'nhot', 'xam', 'bam', 'ngat', 'met', 'toat']);
/** Words after "lo" that make it a worry said now ("lo quá", "lo lắm"), not "lỡ". Folded. */
const WORRIED = new Set(['qua', 'lam', 'wa', 'ghe', 'thiet', 'that', 'vl', 'vai']);
/** Words that open a condition with a group ("khi trẻ …", "lúc người già …"). Folded. */
const WHEN = new Set(['khi', 'luc']);
/** "vì", "do", "because (of)": the reason of a stay in care. Folded. */
const FOR = new Set(['vi', 'do', 'because']);
const THEN = new Set(['thi', 'la', 'moi']);
/** The word that closes a condition and opens its consequence ("nếu … thì …", "if … then …"). Folded. */
const CONSEQUENCE = new Set(['thi', 'then']);
/** Words that say a scenario's event is real or now ("giờ cô giáo ngất thật"). Folded. */
const REAL = new Set(['gio', 'that', 'really', 'actually']);
/** Words that say a supposed value is so already ("giả sử đo lại vẫn 92"). Folded. */
const ALREADY = new Set(['van', 'still', 'nua', 'again']);
/** Causative verbs before a finding ("làm em nghẹt thở", "khiến tôi khó thở"). Folded. */
const CAUSE = new Set(['lam', 'khien']);
/** The word before "thì" that makes it the consequence of what was just said ("như vậy thì", "thế này thì"). Folded. */
const SO = new Set(['vay', 'the', 'nay']);
/** A copula between a subject and its state ("deadline is suffocating me"). Folded. */
const COPULA = new Set(['is', 'are', 'was', 'were']);
/** Words of purpose before "khỏi" ("để khỏi", "cho khỏi": so as not to). Folded. */
const PURPOSE = new Set(['de', 'cho']);

export class ContextRules {
  readonly not: PhraseSet;
  readonly relief: PhraseSet;
  /** Unaccented words that are relief verbs only beside a modal ("chua do", "do roi"). */
  private readonly ambiguousRelief: Set<string>;
  private readonly reliefBefore: Set<string>;
  private readonly reliefAfter: Set<string>;
  private readonly notCancelledBy: PhraseSet;
  private readonly boundaries: PhraseSet;
  private readonly affirmers: PhraseSet;
  private readonly cuesBefore: PhraseSet;
  private readonly mishap: PhraseSet;
  private readonly mishapActs: PhraseSet;
  private readonly drugNames: PhraseSet;
  private readonly notReliefBefore: PhraseSet;
  private readonly cuesAnywhere: PhraseSet;
  private readonly cuesMessage: PhraseSet;
  private readonly cuesReadings: PhraseSet;
  private readonly framing: PhraseSet;
  private readonly topic: PhraseSet;
  private readonly knowledge: PhraseSet;
  private readonly knowledgeUnless: PhraseSet;
  private readonly supposing: PhraseSet;
  private readonly figurativeWords: PhraseSet;
  private readonly contexts: PhraseSet;
  private readonly prone: PhraseSet;
  private readonly medical: PhraseSet;
  private readonly hyperbole: PhraseSet;
  private readonly stories: PhraseSet;
  private readonly pastMarkers: PhraseSet;
  private readonly history: PhraseSet;
  private readonly resolved: PhraseSet;
  private readonly longAgo: PhraseSet;
  private readonly recurred: PhraseSet;
  private readonly inCare: PhraseSet;
  private readonly inCareUndone: PhraseSet;
  private readonly asking: PhraseSet;
  private readonly worry: PhraseSet;
  private readonly defining: PhraseSet;
  private readonly howMuch: PhraseSet;
  private readonly compare: PhraseSet;
  private readonly compareHow: PhraseSet;
  private readonly list: PhraseSet;
  private readonly groups: PhraseSet;
  private readonly sudden: PhraseSet;
  private readonly things: PhraseSet;
  readonly patient: PhraseSet;
  private readonly humour: string[];
  private readonly humourOver: PhraseSet;
  private readonly scope: number;

  constructor(rules: TriageRules) {
    const n = rules.negation;
    this.not = PhraseSet.of(n.not);
    this.relief = PhraseSet.of(n.relief);
    this.ambiguousRelief = new Set(n.ambiguous_relief);
    this.reliefBefore = new Set(n.relief_before);
    this.reliefAfter = new Set(n.relief_after);
    this.notCancelledBy = PhraseSet.of(n.not_cancelled_by);
    this.boundaries = PhraseSet.of(n.boundaries);
    this.affirmers = PhraseSet.of(n.affirmers);
    this.scope = n.scope;
    this.cuesBefore = PhraseSet.of(rules.general_cues.before);
    this.mishap = PhraseSet.of(rules.general_cues.mishap);
    this.mishapActs = PhraseSet.of(rules.general_cues.mishap_acts);
    this.drugNames = PhraseSet.of(n.drug_names);
    this.notReliefBefore = PhraseSet.of(n.not_relief_before);
    this.cuesAnywhere = PhraseSet.of(rules.general_cues.anywhere);
    this.cuesMessage = PhraseSet.of(rules.general_cues.message);
    this.cuesReadings = PhraseSet.of(rules.general_cues.readings);
    this.framing = PhraseSet.of(rules.general_cues.framing);
    this.topic = PhraseSet.of(rules.general_cues.topic);
    this.knowledge = PhraseSet.of(rules.general_cues.knowledge);
    this.knowledgeUnless = PhraseSet.of(rules.general_cues.knowledge_unless);
    this.supposing = PhraseSet.of(rules.general_cues.supposing);
    this.figurativeWords = PhraseSet.of(rules.figurative.before);
    this.contexts = PhraseSet.of(rules.figurative.contexts);
    this.prone = PhraseSet.of(rules.figurative.prone);
    this.medical = PhraseSet.of(rules.figurative.medical);
    this.hyperbole = PhraseSet.of(rules.figurative.hyperbole);
    this.stories = PhraseSet.of(rules.figurative.stories);
    this.humour = rules.figurative.humour.map((h) => h.toLowerCase());
    this.humourOver = PhraseSet.of(rules.figurative.humour_over);
    this.pastMarkers = PhraseSet.of(rules.past.markers);
    this.history = PhraseSet.of(rules.past.history);
    this.resolved = PhraseSet.of(rules.past.resolved);
    this.longAgo = PhraseSet.of(rules.past.long_ago);
    this.recurred = PhraseSet.of(rules.past.recurred);
    this.inCare = PhraseSet.of(rules.past.in_care);
    this.inCareUndone = PhraseSet.of(rules.past.in_care_undone);
    this.asking = PhraseSet.of(rules.past.asking);
    this.worry = PhraseSet.of(rules.past.worry);
    this.defining = PhraseSet.of(rules.general_cues.defining);
    this.howMuch = PhraseSet.of(rules.general_cues.how_much);
    this.compare = PhraseSet.of(rules.general_cues.compare);
    this.compareHow = PhraseSet.of(rules.general_cues.compare_how);
    this.list = PhraseSet.of(rules.general_cues.list);
    this.groups = PhraseSet.of(rules.people.groups);
    this.sudden = PhraseSet.of(rules.figurative.sudden);
    this.things = PhraseSet.of(rules.figurative.things);
    this.patient = PhraseSet.of(rules.people.patient);
  }

  /** Clause number of every token: a new clause at . ? ! ; line breaks and boundary words ("nhưng", "mà", "but"). */
  clauses(tokens: readonly Token[]): number[] {
    const out: number[] = [];
    let c = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.kind === 'stop') c++;
      else if (this.boundaries.at(tokens, i)) c++;
      out.push(c);
    }
    return out;
  }

  /** Sentence number of every token (. ? ! ; line breaks only). */
  sentences(tokens: readonly Token[]): number[] {
    let s = 0;
    return tokens.map((t) => (t.kind === 'stop' ? ++s : s));
  }

  private isNot(tokens: readonly Token[], i: number): number {
    const m = this.not.at(tokens, i);
    if (!m) return 0;
    if (this.notCancelledBy.at(tokens, i + m.length)) return 0; // "không biết", "không rõ"
    return m.length;
  }

  private isRelief(tokens: readonly Token[], i: number): boolean {
    const m = this.relief.at(tokens, i);
    if (!m) return false;
    // "sau khi khỏi covid", "hết bệnh": the illness has passed, not the symptom.
    if (this.notCancelledBy.at(tokens, i + m.length)) return false;
    // "phù hết người": all over the body; "lăn khỏi sofa": off it. Not gone.
    if (this.notReliefBefore.at(tokens, i + m.length)) return false;
    // "thuốc hạ sốt", "thuốc giảm đau": the name of a medicine, not a relief ("uống nhầm cả vỉ thuốc hạ sốt").
    for (let s = Math.max(0, i - 3); s <= i; s++) {
      const d = this.drugNames.at(tokens, s);
      if (d && s + d.length > i) return false;
    }
    const t = tokens[i]!;
    // "để khỏi làm phiền", "cho khỏi lo": "khỏi" after a purpose word is "so as not to", not a recovery.
    if (t.f === 'khoi' && PURPOSE.has(tokens[i - 1]?.f ?? '')) return false;
    if (t.plain && this.ambiguousRelief.has(t.f)) {
      return this.reliefBefore.has(tokens[i - 1]?.f ?? '') || this.reliefAfter.has(tokens[i + 1]?.f ?? '');
    }
    return true;
  }

  /** True when a negation ("không", "không ai") ends at position `end` in the same clause. */
  notEndsAt(tokens: readonly Token[], clause: readonly number[], end: number): boolean {
    for (let s = end; s >= Math.max(0, end - 2); s--) {
      const m = this.not.at(tokens, s);
      if (m && s + m.length - 1 === end && clause[s] === clause[end + 1]) return true;
    }
    return false;
  }

  /**
   * True when a not-word or a relief word ("hết") lies in tokens[from, to) within the part of the second word (after
   * the last comma): it undoes a pair ("ngực hết tức", "môi hồng, không tím"). A negation in an earlier part says
   * something else ("mẹ mất vì covid, em không chịu nổi, muốn đi theo mẹ"); "hết" right after a colour is "all of it"
   * ("tím hết môi").
   */
  undone(tokens: readonly Token[], from: number, to: number): boolean {
    let j = to;
    while (j > from && tokens[j - 1]!.kind !== 'comma') j--;
    for (; j < to; j++) {
      if (tokens[j]!.f === 'het' && SPREAD.has(tokens[j - 1]?.f ?? '')) continue;
      if (this.not.at(tokens, j) || this.isRelief(tokens, j)) return true;
    }
    return false;
  }

  /**
   * Cues of a condition ("nếu", "lỡ") in tokens[from, to): not a mishap told ("em lỡ uống nước rửa tay, giờ rát
   * họng"): a word of `general_cues.mishap` right after someone or right before one of its acts ("lỡ chặt dao vào
   * chân"), with no "thì" after it in its sentence ("mình lỡ bị covid thì sao" stays a condition).
   */
  private conditionCues(tokens: readonly Token[], from: number, to: number): { at: number; length: number }[] {
    const sentence = this.sentences(tokens);
    return this.cuesBefore.positions(tokens, from, to).filter((p) => {
      if (!this.mishap.at(tokens, p.at)) return true;
      // Someone just before ("bé lỡ nuốt", "thằng con tôi 2 tuổi lỡ uống"): an accident that happened, not a supposition.
      const someone =
        PERSONS.has(tokens[p.at - 1]?.f ?? '') ||
        this.patient.anyIn(tokens, Math.max(0, p.at - 2), p.at) ||
        (tokens[p.at - 2]?.kind === 'num' && AGE_UNITS.has(tokens[p.at - 1]?.f ?? '')) ||
        this.mishapActs.at(tokens, p.at + p.length) !== undefined;
      const then = tokens.some((t, k) => k > p.at && sentence[k] === sentence[p.at] && t.f === 'thi');
      return !someone || then;
    });
  }

  /**
   * True when the part of the message (between commas) around `at` carries a past marker ("tuần trước"), or a day of
   * the illness before a later one the message also gives ("Ngày 3 SpO2 95; ngày 8 hiện tại SpO2 98").
   */
  pastPart(tokens: readonly Token[], clause: readonly number[], at: number): boolean {
    let from = at;
    while (from > 0 && clause[from - 1] === clause[at] && tokens[from - 1]!.kind !== 'comma') from--;
    let to = at;
    while (to < tokens.length && clause[to] === clause[at] && tokens[to]!.kind !== 'comma') to++;
    // A word of today between a past marker and the value dates the value today ("hôm qua 98 hôm nay chỉ 95").
    // … and one before the value dates it today even when a past marker follows ("hôm nay 98 hôm qua 95").
    const today = (p: { at: number; length: number }): boolean =>
      p.at < at ? tokens.slice(p.at + p.length, at).some(ofNow) : tokens.slice(from, at).some(ofNow);
    if (this.historyIn(tokens, from, to) || this.pastMarkerIn(tokens, from, to, [], today) || this.longAgoIn(tokens, from, to, at)) return true;
    const day = illnessDays(tokens, from, to)[0];
    return day !== undefined && illnessDays(tokens, 0, tokens.length).some((d) => d > day);
  }

  /**
   * A history marker in tokens[from, to) ("bé từng co giật", "lúc đó"), not one that opens something still going on
   * ("từ lúc đó cứ lơ mơ", "since then").
   */
  private historyIn(tokens: readonly Token[], from: number, to: number): boolean {
    return this.history.positions(tokens, from, to).some((p) => !SINCE_NOW.has(tokens[p.at - 1]?.f ?? '') && !eachOf(tokens, p.at, p.length));
  }

  /**
   * A past marker in tokens[from, to) that dates something: not one that starts something still going on ("từ hôm
   * qua bé cử động ít", "since yesterday evening", "đang trong thời gian bệnh"), nor a word of the finding itself
   * (`finding`: "thở hụt hơi" typed "tho hut hoi" has no "hồi").
   */
  private pastMarkerIn(
    tokens: readonly Token[],
    from: number,
    to: number,
    finding: readonly (readonly [number, number])[] = [],
    overridden: (p: { at: number; length: number }) => boolean = () => false,
  ): boolean {
    return this.pastMarkers
      .positions(tokens, from, to)
      .some(
        (p) =>
          !overridden(p) &&
          !NOT_PAST_BEFORE.has(tokens[p.at - 1]?.f ?? '') &&
          !atTimesToday(tokens, p.at) &&
          !eachOf(tokens, p.at, p.length) &&
          !finding.some(([s, e]) => p.at < e && p.at + p.length > s),
      );
  }

  /**
   * A long-ago marker in tokens[from, to) ("năm ngoái", "last year") that dates the finding at `at`: not opened by
   * "từ"/"since" ("từ năm ngoái" goes on), and with no "giờ", "nay", "lại" between the two ("năm ngoái đột quỵ giờ lại
   * méo miệng" is today's).
   */
  longAgoIn(tokens: readonly Token[], from: number, to: number, at: number): boolean {
    return [...this.longAgo.positions(tokens, from, to), ...yearsBeforeGuidance(tokens, from, to)].some((p) => {
      if (SINCE.has(tokens[p.at - 1]?.f ?? '') || SINCE.has(tokens[p.at - 2]?.f ?? '')) return false;
      const [a, b] = p.at < at ? [p.at + p.length, at] : [at, p.at];
      return !tokens.slice(a, b).some((t) => NOW.has(t.f));
    });
  }

  /** "now it's back", "giờ bị lại" (not "không bị lại") from position `from` on: a passed sign has come back. */
  private recurredAfter(tokens: readonly Token[], clause: readonly number[], from: number): boolean {
    // "em hay lo bị lại", "sợ bị lại": a fear of it coming back, not a return.
    return this.recurred
      .positions(tokens, from)
      .some(
        (x) =>
          !this.notEndsAt(tokens, clause, x.at - 1) &&
          !this.notEndsAt(tokens, clause, x.at - 2) &&
          !this.worry.at(tokens, x.at - 1) &&
          !this.worry.at(tokens, x.at - 2),
      );
  }

  /**
   * "hàng xóm em bị khó thở, xe 115 đã chở đi viện rồi, nhà em có cần test không": a later part of the sentence of a
   * finding at [start, end) says the person is already in care (`past.in_care`), not negated or asked about ("chưa nhập
   * viện", "đã nhập viện chưa"), and the finding is not said again after it ("đã nhập viện, giờ vẫn khó thở": the
   * caller reads that one on its own).
   */
  inCareAfter(tokens: readonly Token[], sentence: readonly number[], start: number, end: number): boolean {
    for (const p of this.inCare.positions(tokens, end)) {
      if (sentence[p.at] !== sentence[start]) return false;
      if (!tokens.slice(end, p.at).some((t) => t.kind === 'comma')) continue;
      let partEnd = p.at + p.length;
      while (partEnd < tokens.length && sentence[partEnd] === sentence[start] && tokens[partEnd]!.kind !== 'comma') partEnd++;
      const asked = tokens.slice(p.at + p.length, partEnd).some((_, k) => this.isNot(tokens, p.at + p.length + k) > 0);
      if (!asked && this.careHolds(tokens, p)) return true;
    }
    return false;
  }

  /**
   * "ông nội đã được đưa vào viện vì SpO2 thấp, …": the person is in care for the finding that starts at `start` (an
   * `past.in_care` phrase, then "vì"/"do"/"because of" right before it), not negated, and the care did not fail later
   * (`past.in_care_undone` anywhere after the phrase, as in {@link inCareAfter}).
   */
  inCareFor(tokens: readonly Token[], sentence: readonly number[], start: number): boolean {
    let because = start - 1;
    if (tokens[because]?.f === 'bi') because--;
    if (tokens[because]?.f === 'of' && tokens[because - 1]?.f === 'because') because--;
    if (!FOR.has(tokens[because]?.f ?? '')) return false;
    for (const p of this.inCare.positions(tokens, Math.max(0, because - 8), because)) {
      if (p.at + p.length !== because || sentence[p.at] !== sentence[start]) continue;
      if (this.careHolds(tokens, p)) return true;
    }
    return false;
  }

  /**
   * A `past.in_care` phrase at `p` that holds: not negated ("chưa nhập viện"), and not undone anywhere after it
   * (`past.in_care_undone`: turned away, waiting, sent home, still or again ill, "viện hết chỗ, đang chờ"). A word of
   * now right before the writer's question ("…, giờ hỏi giấy nghỉ ốm": `past.asking`), before the writer ("giờ tui có
   * phải cách ly không") or before good news (`past.resolved`: "bé giờ ổn", "giờ đã tỉnh") says nothing of the care.
   */
  private careHolds(tokens: readonly Token[], p: { at: number; length: number }): boolean {
    const negated = [p.at - 1, p.at - 2].some((j) => j >= 0 && this.isNot(tokens, j) > 0);
    const good = this.resolved.positions(tokens, p.at + p.length);
    const undone = this.inCareUndone.positions(tokens, p.at + p.length).some((u) => {
      const after = u.at + u.length;
      // Inside good news: the "lại" of "tỉnh lại".
      if (good.some((r) => r.at <= u.at && after <= r.at + r.length)) return false;
      if (!NOW.has(tokens[after - 1]!.f)) return true;
      // "…, giờ hỏi …", "…, giờ tui có phải cách ly không": the writer goes on about their own business; "…, bé giờ ổn",
      // "giờ đã tỉnh": the news is good.
      if (this.asking.at(tokens, after) || (OWN.has(tokens[after]?.f ?? '') && !this.patient.at(tokens, after))) return false;
      return !good.some((r) => r.at >= after && r.at <= after + 1);
    });
    return !negated && !undone;
  }

  /** A message asking "what if": a general-question cue ("nếu", "khi nào") somewhere in it. */
  hypothetical(tokens: readonly Token[]): boolean {
    return this.conditionCues(tokens, 0, tokens.length).length > 0;
  }

  /**
   * In a message asking "what if", whether a value at a position is asked about (a bound such as "dưới 95" is then a
   * threshold): yes after a cue in its clause ("nếu mẹ em SpO2 dưới 94 thì…"), unless the condition has closed with its
   * "thì" before the value ("nếu tối nay không đỡ thì sao, spo2 tụt xuống 92": the value is reported); otherwise not
   * when its part names someone in particular or says it is so already ("mẹ em SpO2 dưới 94, khi nào cần đi viện",
   * "SpO2 dưới 94 rồi, nếu tối nay không đỡ thì sao").
   */
  hypotheticalAt(tokens: readonly Token[], clause: readonly number[]): (at: number) => boolean {
    if (!this.hypothetical(tokens)) return () => false;
    return (at) => {
      let from = at;
      while (from > 0 && clause[from - 1] === clause[at]) from--;
      const cue = this.conditionCues(tokens, from, at).pop();
      if (cue) return !tokens.slice(cue.at + cue.length, at).some((t) => CONSEQUENCE.has(t.f));
      let pf = at;
      while (pf > from && tokens[pf - 1]!.kind !== 'comma') pf--;
      return !this.patient.anyIn(tokens, pf, at) && tokens[at + 1]?.f !== 'roi';
    };
  }

  /**
   * Polarity of a finding at [start, end): false when its clause negates it ("không khó thở", "hết khó thở",
   * "khó thở đã đỡ"), true when it stands or is negated twice ("chưa đỡ khó thở", "khó thở không giảm").
   */
  affirmed(tokens: readonly Token[], clause: readonly number[], start: number, end: number): boolean {
    const c = clause[start];
    let flips = 0;
    let seen = 0;
    let lastFlip = -1;
    // "không ăn không bú", "không sốt không uống được": a finding that carries its own negation, listed after another
    // negative; the negation before it is that other word's ("không phải không bú" still negates it).
    const listed = this.isNot(tokens, start) > 0;
    // Back to the start of the clause or a comma ("không sốt, khó thở": the negation stays in its part).
    for (let i = start - 1; i >= 0 && clause[i] === c && tokens[i]!.kind !== 'comma' && seen < this.scope; i--) {
      // Negations chain only when adjacent ("vẫn chưa hết", "chưa đỡ"); "no fever no cough" is two negations.
      if (lastFlip >= 0 && i < lastFlip - 1) break;
      seen++;
      if (this.affirmers.at(tokens, i) || this.patient.at(tokens, i)) {
        // "không bị", "không ai bị", "chưa thấy": part of the negation; otherwise the negation before it stops here.
        if (!this.notEndsAt(tokens, clause, i - 1)) break;
        if (lastFlip >= 0) lastFlip = i;
        continue;
      }
      if (this.isNot(tokens, i) || this.isRelief(tokens, i)) {
        flips++;
        lastFlip = i;
      } else if (listed && i === start - 1 && tokens[i]!.kind === 'word' && tokens[i]!.f !== 'phai') break;
    }
    if (flips % 2 === 1) return false;
    // After the finding, within its clause and before a comma: "khó thở hết rồi" / "khó thở không giảm".
    // A bare "hết" right after it means "all" ("tím hết"), not "gone", unless "rồi"/"hẳn" or "đã" goes with it; right
    // after a colour or a coldness it is "all" even with "rồi" ("ngón tay ngón chân tím hết rồi": gone is "hết tím").
    for (let i = end; i < Math.min(tokens.length, end + 4) && clause[i] === c && tokens[i]!.kind !== 'comma'; i++) {
      if (tokens[i]!.f === 'het' && i === end && SPREAD.has(tokens[end - 1]!.f) && tokens[i + 1]?.f !== 'han') continue;
      if (tokens[i]!.f === 'het' && !['roi', 'han'].includes(tokens[i + 1]?.f ?? '') && tokens[i - 1]?.f !== 'da') continue;
      if (this.isRelief(tokens, i)) {
        let negated = false;
        for (let j = end; j < i; j++) if (this.isNot(tokens, j)) negated = !negated;
        return negated;
      }
    }
    return true;
  }

  /** A general or hypothetical question ("nếu khó thở thì…", "khó thở là gì") rather than a description. */
  general(tokens: readonly Token[], clause: readonly number[], start: number, end: number): boolean {
    const c = clause[start];
    let from = start;
    while (from > 0 && clause[from - 1] === c) from--;
    let to = end;
    while (to < tokens.length && clause[to] === c) to++;
    // A cue in the part of the finding (between commas): "em khó thở quá, máy đo có chính xác không" is a description.
    let pf = start;
    while (pf > from && tokens[pf - 1]!.kind !== 'comma') pf--;
    let pt = end;
    while (pt < to && tokens[pt]!.kind !== 'comma') pt++;
    if (this.knowledgeQuestion(tokens, pf, pt) || this.topicOf(tokens, pf, start, pt)) return true;
    // "có tiền sử động kinh, vừa co giật 10 phút", "ông có tiền sử hen, giờ khó thở": a part that says it is happening
    // now is not under a cue before it.
    const now = tokens.slice(pf, start).some(ofNow);
    // A cue in an earlier part with a word of now after it, before the finding, does not reach it either ("bị F0 nên lỡ 2
    // buổi lọc, giờ phù toàn thân, khó thở").
    if (this.conditionCues(tokens, now ? pf : from, start).some((c) => c.at >= pf || !tokens.slice(c.at + c.length, pf).some(ofNow))) return true;
    if (this.conditionGoesOn(tokens, clause, from, start, end)) return true;
    // Someone in particular, outside the finding itself ("hôn mê" is not "mẹ", "bỏ bú" not "bố").
    const someone = this.patient.positions(tokens, from, to).some((p) => p.at + p.length <= start || p.at >= end);
    if (this.cuesAnywhere.anyIn(tokens, pf, pt) && !someone) return true;
    if (this.definedOrAsked(tokens, pf, start, end)) return true;
    if (this.groupAsked(tokens, pf, start, end)) return true;
    // "… hỏi để biết thôi": the whole message is asked in advance, unless it is about someone in particular.
    if (!this.cuesMessage.anyIn(tokens, 0, tokens.length)) return false;
    // Someone named after the cue in its part (up to a comma or the end of the clause) is whom it is asked for
    // ("để phòng cho ông bà"), not a patient.
    let forWhom = false;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.kind === 'comma' || (i > 0 && clause[i] !== clause[i - 1])) forWhom = false;
      if (this.cuesMessage.at(tokens, i)) forWhom = true;
      else if (!forWhom && (i < start || i >= end) && this.patient.at(tokens, i)) return false;
    }
    return true;
  }

  /**
   * The whole message asks for knowledge (`general_cues.knowledge`: "có phải dấu hiệu", "liên quan đến", "a sign of",
   * in the part [pf, pt) of the sign: "môi tím là do thiếu oxy hả, tím cả môi rồi" tells one), and names nobody (no `people.patient`, none of `general_cues.knowledge_unless`: "em", "con", "my"), no number and
   * nothing of now or of degree ("giờ", "đang", "quá"), and is about people in general (`people.groups`): "lú lẫn ở
   * người già có phải dấu hiệu covid nặng không".
   */
  private knowledgeQuestion(tokens: readonly Token[], pf: number, pt: number): boolean {
    const all = tokens.length;
    return (
      this.knowledge.anyIn(tokens, pf, pt) &&
      // About people in general ("ở người già", "trẻ em"), not a sign told alone ("khó thở có phải dấu hiệu nặng không"
      // is most often written by the person who has it).
      this.groups.anyIn(tokens, 0, all) &&
      !this.patient.anyIn(tokens, 0, all) &&
      !this.knowledgeUnless.anyIn(tokens, 0, all) &&
      !tokens.some((t) => t.kind === 'num' || t.kind === 'bp' || t.kind === 'pct')
    );
  }

  /**
   * The sign at [start, …) is the topic of a piece of study or writing (`general_cues.topic`: "báo cáo", "tiểu luận")
   * earlier in its part [pf, pt): "về", "on" or "about" after that word, and at most 4 words between it and the sign,
   * none of them someone in particular (a group such as "trẻ em" aside), "thì", "mà" or a word of now; nothing of now
   * or degree ("quá", "lắm") after the sign in its part ("Em đang viết báo cáo về sốc phản vệ").
   */
  private topicOf(tokens: readonly Token[], pf: number, start: number, pt: number): boolean {
    const work = this.topic.positions(tokens, pf, start)[0];
    if (!work) return false;
    let about = -1;
    for (let i = start - 1; i >= Math.max(work.at + work.length, start - 5); i--) {
      if (ABOUT.has(tokens[i]!.f)) {
        about = i;
        break;
      }
    }
    if (about < 0) return false;
    const grouped = new Set(this.groups.positions(tokens, about + 1, start).flatMap((g) => Array.from({ length: g.length }, (_, k) => g.at + k)));
    for (let i = about + 1; i < start; i++) {
      if (grouped.has(i)) continue;
      const t = tokens[i]!;
      if (this.patient.at(tokens, i) || PERSONS.has(t.f) || ofNow(t) || ['thi', 'ma', 'then'].includes(t.f)) return false;
    }
    return !tokens.slice(start, pt).some((t) => ofNow(t) || DEGREE.has(t.f));
  }

  /**
   * A sign asked about, whoever is named: defined by a question right before it in its part ("bé 1 tuổi thở bao nhiêu
   * là thở nhanh", "để phòng co giật", one word may come between); asked for after "liệt kê" in its sentence, with
   * nobody and no "now" between ("liệt kê giúp em những dấu hiệu như khó thở, tím môi, lơ mơ"); or compared with
   * another condition in a sentence that names nobody, not even the writer, no number and nothing of now ("lơ mơ là
   * sao, phân biệt với ngủ say thế nào", "ngất xỉu khác gì với chóng mặt").
   */
  private definedOrAsked(tokens: readonly Token[], pf: number, start: number, end: number): boolean {
    if (this.defining.positions(tokens, Math.max(pf, start - 6), start).some((p) => p.at + p.length >= start - 1)) return true;
    const sentence = this.sentences(tokens);
    let sf = start;
    while (sf > 0 && sentence[sf - 1] === sentence[start]) sf--;
    let st = start;
    while (st < tokens.length && sentence[st] === sentence[start]) st++;
    // Outside the finding itself ("hôn mê" is not "mẹ").
    const outside = (from: number, to: number): Token[] => tokens.slice(from, to).filter((_, k) => from + k < start || from + k >= end);
    const nowOrSomeone = (from: number, to: number): boolean =>
      this.patient.positions(tokens, from, to).some((p) => p.at + p.length <= start || p.at >= end) || outside(from, to).some(ofNow);
    const list = this.list.positions(tokens, sf, start).pop();
    if (list && !nowOrSomeone(list.at + list.length, start)) return true;
    // A threshold asked in the part, nobody in particular named and nothing of now: "bao nhiêu … thì/là" around it.
    let pt = end;
    while (pt < tokens.length && sentence[pt] === sentence[start] && tokens[pt]!.kind !== 'comma') pt++;
    const much = this.howMuch.positions(tokens, pf, pt)[0];
    if (much && tokens.slice(much.at + much.length, pt).some((t) => THEN.has(t.f)) && !nowOrSomeone(pf, pt)) return true;
    const differ = tokens.findIndex((t, k) => k >= sf && k < st && t.f === 'khac');
    const compared = this.compare.anyIn(tokens, sf, st) || (differ >= 0 && this.compareHow.anyIn(tokens, differ + 1, st));
    return compared && !nowOrSomeone(sf, st) && !outside(sf, st).some((t) => PERSONS.has(t.f) || t.kind === 'num');
  }

  /**
   * "người già bỏ ăn thì có phải dấu hiệu nặng không", "trẻ em co giật thì làm gì": a group of people in general
   * (`people.groups` of triage.yaml) opens the part of the sign, right before it (or before "bị"), and "thì" follows the sign in that part.
   * Not when someone in particular or "now" is in the part ("người già nhà em bỏ ăn thì…" does not open with the sign).
   */
  private groupAsked(tokens: readonly Token[], pf: number, start: number, end: number): boolean {
    const group = this.groups.at(tokens, pf);
    if (!group) return false;
    const subjectEnd = pf + group.length;
    if (subjectEnd !== start && !(subjectEnd + 1 === start && tokens[subjectEnd]!.f === 'bi')) return false;
    let pt = end;
    while (pt < tokens.length && tokens[pt]!.kind !== 'comma' && tokens[pt]!.kind !== 'stop') pt++;
    if (!tokens.slice(end, pt).some((t) => t.f === 'thi')) return false;
    return !tokens.slice(end, pt).some(ofNow) && !this.patient.anyIn(tokens, end, pt);
  }

  /**
   * "Nếu đang ở nhà một mình mà thấy khó thở thì…", "giả sử mình ở một mình mà bị ngất thì…": a condition goes on
   * across "mà" up to its "thì". True when the clause of a finding starts with "mà", the clause before it opens a
   * condition ("nếu", "giả sử") with no "thì" of its own, a "thì" follows the finding in its sentence, and nobody in
   * particular is named between "mà" and the finding ("nếu gọi 115 không được mà mẹ em khó thở thì…" is about her),
   * unless the cue ends right at the "mà" ("lỡ mà", "mai mốt mà": one conjunction, whose subject is the one named:
   * "lỡ mà nửa đêm ông em khó thở thì…").
   */
  private conditionGoesOn(tokens: readonly Token[], clause: readonly number[], from: number, start: number, end: number): boolean {
    if (from === 0 || tokens[from]!.f !== 'ma' || !this.boundaries.at(tokens, from) || tokens[from - 1]!.kind === 'stop') return false;
    let then = false;
    for (let i = end; i < tokens.length && tokens[i]!.kind !== 'stop' && !then; i++) then = tokens[i]!.f === 'thi';
    if (!then) return false;
    let before = from - 1;
    while (before > 0 && clause[before - 1] === clause[from - 1]) before--;
    const found = this.conditionCues(tokens, before, from).pop();
    const cue = found?.at ?? this.openedAsCondition(tokens, before, from);
    if (cue === undefined || tokens.slice(cue, from).some((t) => t.f === 'thi')) return false;
    const conjunction = found !== undefined && found.at + found.length >= from;
    return conjunction || !this.patient.anyIn(tokens, from, start);
  }

  /**
   * Where a clause tokens[from, to) opens a condition without a cue of `general_cues.before`: "lo" typed without
   * accents at the start of the message ("Lo dang cach ly ma bi kho tho thi goi ai": "lỡ", or "lo" worrying about
   * what may come), or "khi", "lúc" followed by a group of people in general ("khi trẻ sốt cao mà co giật thì…").
   */
  private openedAsCondition(tokens: readonly Token[], from: number, to: number): number | undefined {
    const t = tokens[from];
    if (!t || from >= to) return undefined;
    // Not "lo quá mà bị khó thở thì sao" (worried now, and breathless).
    if (from === 0 && t.plain && t.f === 'lo' && !WORRIED.has(tokens[from + 1]?.f ?? '')) return from;
    if (WHEN.has(t.f) && this.groups.at(tokens, from + 1)) return from;
    return undefined;
  }

  /**
   * Someone else's story, a film, the news, a game, with nobody of the family in it: nothing in it is alarming.
   * Returns whether the token at a position is part of the story: the whole message when it opens with the story
   * ("Đọc báo thấy…", "Nhóm Zalo share bài…", even with family words); otherwise only the sentence that tells it
   * ("Em có tập thở theo video trên mạng. Nhưng tối nay em đo oxy chỉ được 93"). An opening story ends at a later part
   * (between commas) that names the writer's own family and tells no story ("đọc báo thấy covid gây đột quỵ, …, chồng
   * tôi 15 phút trước nói lẫn lộn, miệng méo": see {@link ownFamilyPart}).
   */
  storyAt(tokens: readonly Token[], sentence: readonly number[]): (at: number) => boolean {
    if (this.stories.anyIn(tokens, 0, 3)) {
      const own = this.ownFamilyPart(tokens);
      return (at) => own === undefined || at < own;
    }
    const told = this.stories.positions(tokens);
    if (!told.length || this.patient.anyIn(tokens, 0, tokens.length)) return () => false;
    const sentences = new Set(told.map((p) => sentence[p.at]));
    return (at) => sentences.has(sentence[at]!);
  }

  /**
   * Where the first part (between commas or stops) starts that names the writer's own family ("chồng tôi", "mẹ em",
   * "ba nhà mình", "my husband") and has no word of a story, after the first part; undefined if none.
   */
  private ownFamilyPart(tokens: readonly Token[]): number | undefined {
    const sep = (t: Token): boolean => t.kind === 'comma' || t.kind === 'stop';
    const first = tokens.findIndex(sep);
    if (first < 0) return undefined;
    for (const p of this.patient.positions(tokens, first + 1)) {
      let after = p.at + p.length;
      if (tokens[after]?.f === 'nha') after++;
      const own = tokens[p.at]!.f === 'my' || OWN.has(tokens[after]?.f ?? '');
      if (!own) continue;
      let from = p.at;
      while (from > 0 && !sep(tokens[from - 1]!)) from--;
      let to = p.at;
      while (to < tokens.length && !sep(tokens[to]!)) to++;
      if (!this.stories.anyIn(tokens, from, to)) return from;
    }
    return undefined;
  }

  /**
   * "Tình huống giả định: …", "Kịch bản diễn tập của trường: …": the first sentence of a message that opens with a
   * scenario set for practice describes nothing happening. Only as the message's first words ("đang chạy kịch bản diễn
   * tập thì anh ấy ngất thật" is real), and not when that sentence speaks of now or of it being real ("kịch bản diễn
   * tập xong rồi, giờ cô giáo ngất thật").
   */
  scenarioAt(tokens: readonly Token[], sentence: readonly number[]): (at: number) => boolean {
    if (!this.framing.at(tokens, 0)) return () => false;
    const first = sentence[0];
    if (tokens.some((t, k) => sentence[k] === first && (JUST_NOW.has(t.f) || REAL.has(t.f)))) return () => false;
    return (at) => sentence[at] === first;
  }

  /**
   * Values supposed, not measured: after a plain supposition (`general_cues.supposing`: "giả sử", "nếu sau này") in the
   * sentence, with a "thì" after the value that opens its question, and neither a "thì" nor a word saying it is so
   * already ("vẫn", "still") between the cue and the value. Across "mà" ("nếu sau này bé mà thở 50 lần một phút thì…").
   */
  supposedAt(tokens: readonly Token[], sentence: readonly number[]): (at: number) => boolean {
    const cues = this.supposing.positions(tokens);
    if (!cues.length) return () => false;
    return (at) =>
      cues.some((c) => {
        if (c.at + c.length > at || sentence[c.at] !== sentence[at]) return false;
        if (tokens.slice(c.at + c.length, at).some((t) => CONSEQUENCE.has(t.f) || ALREADY.has(t.f))) return false;
        return tokens.some((t, k) => k > at && sentence[k] === sentence[at] && CONSEQUENCE.has(t.f));
      });
  }

  /**
   * Where the laughing words of a message are, as token positions: each word of `figurative.humour` found in the
   * message (emoji and "=))" are no tokens), placed by `prefixLength`, the number of tokens of the text before it.
   */
  laughs(raw: string, prefixLength: (text: string) => number): number[] {
    const lower = raw.toLowerCase();
    return this.humourIn(lower).map(({ at }) => prefixLength(lower.slice(0, at)));
  }

  /**
   * Where the laughing words of `figurative.humour` are in a lowercased text. A word of letters counts as a word of its
   * own, or repeated ("kkk", "hahaha"), never inside another word ("trekking" has no "kk", "lollipop" no "lol").
   */
  private humourIn(lower: string): { h: string; at: number }[] {
    const out: { h: string; at: number }[] = [];
    for (const h of this.humour)
      for (let i = lower.indexOf(h); i >= 0; i = lower.indexOf(h, i + h.length)) {
        if (/^\p{L}+$/u.test(h)) {
          if (/\p{L}/u.test(lower[i - 1] ?? '')) continue;
          const word = /^\p{L}+/u.exec(lower.slice(i))![0];
          if (word !== h && ![...word].every((ch) => h.includes(ch))) continue;
        }
        out.push({ h, at: i });
      }
    return out;
  }

  /**
   * The joke is over: a word of now (`figurative.humour_over`) after the last laughing word ("hihi tưởng con nghịch …,
   * giờ chảy nước miếng", "=)) cười té ghế, bà em té thật, …", "lol …, now he's gasping"). "that" typed for "thật"
   * only at the end of a part (not the English word).
   */
  jokeOver(tokens: readonly Token[], laughs: readonly number[]): boolean {
    if (!laughs.length) return false;
    return this.humourOver.positions(tokens, Math.max(...laughs)).some((p) => {
      const t = tokens[p.at]!;
      // "bao giờ có điện lại", "mấy giờ": a question of when, not now.
      if (t.f === 'gio' && ['bao', 'may'].includes(tokens[p.at - 1]?.f ?? '')) return false;
      if (!(t.plain && t.f === 'that')) return true;
      const next = tokens[p.at + 1];
      return !next || next.kind === 'comma' || next.kind === 'stop';
    });
  }

  /**
   * The sentences of a message about the illness that laugh ("probably just anxiety lol"): set aside like a story;
   * none when the joke is over (`over`, see {@link jokeOver}).
   */
  jokeAt(tokens: readonly Token[], sentence: readonly number[], over = false): (at: number) => boolean {
    if (over) return () => false;
    const laughing = new Set(
      tokens
        .filter((t) => this.humour.includes(t.a))
        .map((t) => tokens.indexOf(t))
        .map((i) => sentence[i]!),
    );
    return (at) => laughing.has(sentence[at]!);
  }

  /**
   * Numbers given as the normal range in general ("SpO2 95–100% là bình thường"), not as someone's reading: those
   * in the part of the message (between commas, within its clause) that says so, unless someone in particular is
   * named in that part ("mẹ em SpO2 95 là bình thường không"). "spo2 mình 95% thôi, bt là 99 mà": the 95 is a
   * reading, the usual 99 is not; "ngưỡng là 96, mẹ em đo 95": the 95 is.
   */
  generalReadingsAt(tokens: readonly Token[], clause: readonly number[]): (at: number) => boolean {
    // "SpO2 94 PR 88 là bình thường không": a cue asked as a question is about the reading, not the normal range.
    const cues = this.cuesReadings.positions(tokens).filter((c) => !QUESTION_AFTER.has(tokens[c.at + c.length]?.f ?? ''));
    if (!cues.length) return () => false;
    const part: number[] = [];
    let n = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.kind === 'comma' || (i > 0 && clause[i] !== clause[i - 1])) n++;
      part.push(n);
    }
    const general = new Set(cues.map((c) => part[c.at]!));
    for (const p of this.patient.positions(tokens)) general.delete(part[p.at]!);
    return (at) => general.has(part[at]!);
  }

  /**
   * "có nên uống thuốc ngủ không", "should I take …": asking whether to do something, right before the finding, is
   * advice sought, not an event.
   */
  advice(tokens: readonly Token[], start: number): boolean {
    const a = tokens[start - 1]?.f;
    const b = tokens[start - 2]?.f;
    return a === 'nen' || (b === 'co' && a === 'nen') || (b === 'should' && a === 'i');
  }

  /**
   * "Mình bị đau ngực …. Giờ mình không đau nữa": a later clause says that this very finding (its first word, or all
   * of it) is no more ("không … nữa", "không còn …").
   */
  resolvedLater(tokens: readonly Token[], clause: readonly number[], start: number, end: number): boolean {
    const head = tokens.slice(start, end).map((t) => t.f);
    // Said of the same person: a clause naming someone not named with the finding is about them ("bố em đau ngực
    // dữ dội. Mẹ em thì không đau nữa").
    const named = (c: number): Set<string> =>
      new Set(
        this.patient
          .positions(tokens)
          .filter((p) => clause[p.at] === c)
          .map((p) =>
            tokens
              .slice(p.at, p.at + p.length)
              .map((t) => t.f)
              .join(' '),
          ),
      );
    const withFinding = named(clause[start]!);
    for (let j = end; j < tokens.length; j++) {
      if (clause[j] === clause[start] || !this.isNot(tokens, j)) continue;
      if ([...named(clause[j]!)].some((p) => !withFinding.has(p))) continue;
      let k = j + this.isNot(tokens, j);
      if (tokens[k]?.f === 'con') k++;
      for (const len of [head.length, 1]) {
        if (head.slice(0, len).every((w, n) => tokens[k + n]?.f === w) && ['nua'].includes(tokens[k + len]?.f ?? '')) return true;
      }
    }
    return false;
  }

  /**
   * "Tiền điện … làm tôi xỉu ngang", "nhạc karaoke to đến nghẹt thở", "đơn hàng dồn dập đến mức thở không kịp": a word
   * people use figuratively, caused by an everyday thing (`figurative.contexts`) earlier in its sentence ("làm" + a
   * person, or "đến", "tới", "đến mức", "tới nỗi"), or named right after it with "với" ("thở không nổi với cái deadline",
   * "thở không nổi với đống việc").
   */
  causedByEveryday(tokens: readonly Token[], sentence: readonly number[], start: number, end = start + 1): boolean {
    let to = start;
    while (to < tokens.length && sentence[to] === sentence[start] && tokens[to]!.kind !== 'comma') to++;
    if (this.blamedOnEveryday(tokens, sentence, start, end)) return true;
    // "đến mức", "tới nỗi", "đến độ": a degree said in two words.
    const two = DEGREE_NOUNS.has(tokens[start - 1]?.f ?? '') && ['den', 'toi'].includes(tokens[start - 2]?.f ?? '') ? 1 : 0;
    const a = tokens[start - 1 - two]?.f ?? '';
    const b = tokens[start - 2 - two]?.f ?? '';
    // "đau tới ngất" is a degree of pain, not of a thing.
    // ("làm tôi xỉu": "tôi" typed without accents is also "tới".)
    // "giá xăng tăng làm khó thở", "deadline khiến em ngộp thở": "làm"/"khiến", with or without a person.
    const causative = !two && ((CAUSE.has(b) && PERSONS.has(a)) || CAUSE.has(a));
    const degree = !causative && ['den', 'toi'].includes(a) && !SYMPTOM_BEFORE.has(b);
    // "giá thịt heo như vậy thì không thở nổi": the consequence of the thing just said ("như vậy thì", "kiểu này thì").
    const consequence = !causative && !degree && a === 'thi' && SO.has(b);
    // "this deadline is suffocating me": the everyday thing is the subject of the finding (not "chơi game xỉu").
    const subject = COPULA.has(a) && this.contexts.positions(tokens, Math.max(0, start - 6), start).some((p) => p.at + p.length === start - 1);
    if (subject) return true;
    if (!degree && !causative && !consequence) return false;
    // The everyday thing in the part of the finding (from the last comma); after "đến", "tới" with nothing medical in
    // that part unless it exaggerates.
    let from = start;
    while (from > 0 && sentence[from - 1] === sentence[start] && tokens[from - 1]!.kind !== 'comma') from--;
    if (!this.contexts.anyIn(tokens, from, start)) return false;
    return !degree || !this.medical.anyIn(tokens, from, to) || this.hyperbole.anyIn(tokens, start, to);
  }

  /**
   * "thở không nổi với cái deadline", "khó thở với đống việc": the finding at [start, end) is blamed on an everyday
   * thing (`figurative.contexts`) named right after it with "với", in its part.
   */
  blamedOnEveryday(tokens: readonly Token[], sentence: readonly number[], start: number, end: number): boolean {
    let to = start;
    while (to < tokens.length && sentence[to] === sentence[start] && tokens[to]!.kind !== 'comma') to++;
    return tokens[end]?.f === 'voi' && end < to && this.contexts.anyIn(tokens, end + 1, Math.min(to, end + 3));
  }

  /**
   * "đang chơi game thì ngất", "đang kẹt xe tự nhiên xỉu": a finding told as a sudden event ("đang … thì", "tự nhiên",
   * "bỗng") is not a figure of speech, even in an everyday setting.
   */
  suddenEvent(tokens: readonly Token[], sentence: readonly number[], start: number): boolean {
    for (let i = start - 1; i >= Math.max(0, start - 3) && sentence[i] === sentence[start]; i--) {
      if (this.sudden.at(tokens, i)) return true;
      if (tokens[i]!.f === 'thi' && tokens.slice(0, i).some((t, k) => sentence[k] === sentence[start] && JUST_NOW.has(t.f))) return true;
    }
    return false;
  }

  /**
   * "ví tiền co giật", "ảnh chụp giấy xn lờ mờ": a thing (`figurative.things`) right before the finding is its subject,
   * and a thing falls ill only in speech.
   */
  thingBefore(tokens: readonly Token[], start: number): boolean {
    return this.things.positions(tokens, Math.max(0, start - 4), start).some((p) => p.at + p.length === start);
  }

  /** Whether a finding at tokens[start, end) is said in words people use figuratively ("nghẹt thở", "tím tái"). */
  figurativeProne(tokens: readonly Token[], start: number, end: number): boolean {
    return this.prone.anyIn(tokens, Math.max(0, start - 1), end);
  }

  /** "muốn xỉu", "suýt ngất": the word just before the finding makes it figurative. */
  figurativeBefore(tokens: readonly Token[], start: number): boolean {
    for (let i = start - 1; i >= Math.max(0, start - 2); i--) {
      // Not across a comma or a stop ("da đẹp, môi tím").
      if (tokens[i]!.kind === 'comma' || tokens[i]!.kind === 'stop') return false;
      // "tức muốn nổ ngực": "muốn" stays figurative inside a masked phrase ("muốn nổ").
      if (tokens[i]!.masked ? this.figurativeWords.at(unmasked(tokens.slice(i, i + 4)), 0) : this.figurativeWords.at(tokens, i)) return true;
    }
    return false;
  }

  /**
   * The whole message is a joke ('joke'); or it is about traffic, bills or the boss with nothing medical in it, and
   * says so with a word of exaggeration ('hyperbole': "tụt huyết áp luôn") or names nobody ill ('setting');
   * undefined otherwise. `someone`: the message names someone by their age ("e 50 tuổi"), who is then as particular
   * as "mẹ em". (Someone else's story is scoped by sentence: {@link storyAt}.)
   */
  figurativeMessage(raw: string, tokens: readonly Token[], someone = false, jokeOver = false): Figurative | undefined {
    const lower = raw.toLowerCase();
    const all = tokens.length;
    // "covid day 5 … cant catch my breath … probably just anxiety lol": in a message about the illness, a laughing
    // word is scoped to its sentence (see {@link jokeAt}); an emoji or a message with nothing medical stays a joke.
    const jokes = [...new Set(this.humourIn(lower).map((j) => j.h))];
    // (Not when the joke is over: {@link jokeOver}.)
    if (jokes.length && !jokeOver && !(this.medical.anyIn(tokens, 0, all) && jokes.every((h) => tokens.some((t) => t.a === h)))) return 'joke';
    if (!this.contexts.anyIn(tokens, 0, all) || this.medical.anyIn(tokens, 0, all)) return undefined;
    if (this.hyperbole.anyIn(tokens, 0, all)) return 'hyperbole';
    return someone || this.patient.anyIn(tokens, 0, all) ? undefined : 'setting';
  }

  /**
   * A finding long ago ("năm ngoái"), or in a clause with a past marker followed later by a clause saying it has passed
   * (and not that it came back: "đã đỡ, giờ bị lại"), or (`calmAfter`) by a reading under the thresholds ("tháng trước ngã quỵ vì tụt huyết áp, …, mấy tuần nay huyết áp 120/75").
   */
  passed(
    tokens: readonly Token[],
    clause: readonly number[],
    start: number,
    calmAfter?: (at: number) => boolean,
    finding: readonly (readonly [number, number])[] = [],
  ): boolean {
    // The part of the clause between commas: "tuần trước bị khó thở, nay xuất viện rồi".
    const c = clause[start];
    let from = start;
    while (from > 0 && clause[from - 1] === c && tokens[from - 1]!.kind !== 'comma') from--;
    let to = start;
    while (to < tokens.length && clause[to] === c && tokens[to]!.kind !== 'comma') to++;
    // History ("bé từng co giật", "mũi trước bị phản vệ"): in the past, whatever follows.
    if (this.historyIn(tokens, from, start)) return true;
    // Long ago ("năm ngoái"), unless it came back ("năm ngoái bị đột quỵ, hôm nay bị lại").
    if (this.longAgoIn(tokens, from, to, start)) return !this.recurredAfter(tokens, clause, to);
    // A past marker, a year before today's guidance ("bị đột quỵ năm 2019") or a month ("tháng 2").
    const year = tokens
      .slice(from, to)
      .some((t, k) => t.kind === 'num' && ((Number(t.a) >= 1990 && Number(t.a) <= 2025) || (tokens[from + k - 1]?.f === 'thang' && Number(t.a) <= 12)));
    // A day of the illness before a later one the message gives ("khó thở hôm ngày 3, đến ngày 5 thì hết").
    const day = illnessDays(tokens, from, to)[0];
    const earlierDay = day !== undefined && illnessDays(tokens, to, tokens.length).some((d) => d > day);
    // A past marker in an earlier part of the clause dates the parts after it, up to a word of today ("con hôm
    // trước nôn nhiều, không uống được, …" but not "hôm qua sốt, giờ không uống được").
    let clauseFrom = from;
    while (clauseFrom > 0 && clause[clauseFrom - 1] === c) clauseFrom--;
    const earlierPart =
      clauseFrom < from &&
      this.pastMarkers.positions(tokens, clauseFrom, from).some(
        (p) =>
          // One word typed without accents may be another word ("ra hoi" is "ra hơi", not "hồi").
          (p.length > 1 || !tokens[p.at]!.plain) &&
          !NOT_PAST_BEFORE.has(tokens[p.at - 1]?.f ?? '') &&
          !atTimesToday(tokens, p.at) &&
          !tokens.slice(p.at + p.length, start).some(ofNow),
      );
    // (Not a word of the finding itself: "thở hụt hơi" typed "tho hut hoi" has no "hồi".)
    if (!year && !earlierDay && !earlierPart && !this.pastMarkerIn(tokens, from, to, finding)) return false;
    for (const r of this.resolved.positions(tokens, to)) {
      const rc = clause[r.at];
      // Wanted, not done: "em cần giấy để đi làm lại", "muốn về nhà".
      if (tokens.slice(Math.max(0, r.at - 3), r.at).some((t, k) => clause[Math.max(0, r.at - 3) + k] === rc && WANTED.has(t.f))) continue;
      let negated = false;
      for (let j = Math.max(0, r.at - 3); j < r.at; j++) if (clause[j] === rc && this.isNot(tokens, j)) negated = true;
      // Negated just after, in the same part: "ăn uống bình thường không nổi", "đỡ chưa?" is not a recovery.
      const after = r.at + r.length;
      if (after < tokens.length && clause[after] === rc && tokens[after]!.kind !== 'comma' && this.isNot(tokens, after)) negated = true;
      // "it got better, now it's back": it has come back after passing.
      if (!negated) return !this.recurredAfter(tokens, clause, r.at + r.length);
    }
    return calmAfter?.(to) ?? false;
  }
}
