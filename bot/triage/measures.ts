/**
 * Measurements in a message (SpO2, breathing rate, pulse, blood pressure, temperature) and the ages they apply
 * to, compared with the thresholds of `knowledge/triage.yaml`.
 *
 * @example
 * readings(tokens('bé 10 tháng thở 55 lần/phút'))
 * // [{ measure: 'breathing', value: 55, alarming: true, threshold: '≥ 50 lần/phút (trẻ 2–11 tháng)', … }]
 */
import type { TriageBasis, TriageRules } from '../../knowledge';
import { PRICE, PhraseSet, type Token } from './tokens';

export type Measure = 'spo2' | 'breathing' | 'pulse' | 'blood_pressure' | 'temperature';

export interface Reading {
  measure: Measure;
  /** The value as the citizen gave it ("93", "85/55", "39,5"). */
  value: string;
  alarming: boolean;
  /** "SpO2 93%", "nhịp thở 55 lần/phút (bé 10 tháng)". */
  label: string;
  /** The same in English ("breathing 55/min"). */
  labelEn: string;
  /** What it was compared with: "≤ 96%", "≥ 50 lần/phút ở trẻ 2–11 tháng". */
  threshold: string;
  /** The same in English ("≥ 50/min for a child of 10 months"). */
  thresholdEn: string;
  basis: TriageBasis;
  /** Not alarming but above the normal range (a high blood pressure): `threshold` is then that range's line. */
  high?: boolean;
}

interface Age {
  at: number;
  months: number;
}

const num = (t: Token | undefined): number | undefined => (t?.kind === 'num' ? Number(t.a.replace(',', '.')) : undefined);

/** A number read after a measure word; `hi` is the top of an approximate reading ("8 mấy": 81, hi 89). */
interface Value {
  at: number;
  value: number;
  hi: number;
  raw: string;
}

/** Where a reading is scoped out: a part said to be past, passed, or general (`readings` options). */
export interface ReadingScope {
  /** The message asks "what if" (about the value at a position): bounds such as "dưới 95" are thresholds, not readings. */
  hypothetical?: boolean | ((at: number) => boolean);
  /** The token lies in a part of the message said to be past ("tuần trước SpO2 93"). */
  pastAt?: (at: number) => boolean;
  /** The token lies in a past part that a later part says has passed ("tuần trước SpO2 93 …, giờ ra viện rồi"). */
  passedAt?: (at: number) => boolean;
  /** The token lies in a general statement or someone else's story ("SpO2 95–100% là bình thường"). */
  ignoreAt?: (at: number) => boolean;
  /** The message speaks of a pregnancy or a birth just given: a high blood pressure is then alarming too. */
  pregnant?: boolean;
}

const shown = (v: { value: number; hi: number }): string => (v.hi > v.value ? `${v.value}–${v.hi}` : String(v.value));

const YEAR_UNITS = new Set(['tuoi', 't', 'year', 'years', 'yo', 'yr', 'yrs', 'y']);
const MONTH_UNITS = new Set(['thang', 'month', 'months', 'mo', 'mos', 'm']);
const WEEK_UNITS = new Set(['tuan', 'week', 'weeks', 'w', 'wk', 'wks']);
const DAY_UNITS = new Set(['ngay', 'day', 'days']);
const HALF = new Set(['ruoi']);
const OLD = new Set(['tuoi', 'old']);
/** Words of degrees after a temperature ("39 độ", "40.2 degrees"). */
const DEGREES = new Set(['do', 'degrees', 'degree']);
/** Words between a fever and its day ("sốt tới nay là ngày thứ tư"). */
const DAY_BRIDGE = new Set(['toi', 'den', 'nay', 'la', 'duoc']);
/** Words between a blood-pressure word and a pressure said in tens ("huyết áp còn 8/5"). */
const TENS_BRIDGE = new Set(['con', 'la', 'chi', 'co', 'do', 'tut', 'xuong', 'len']);
/** Words that may follow a temperature written as a decimal with no word of fever ("37,5 mà giờ 38,1", "38,1 độ", "39.6 and not down"). */
const DECIMAL_TEMP_NEXT = new Set([...DEGREES, 'c', 'ma', 'roi', 'va', 'nhung', 'van', 'and', 'but', 'still', 'since']);
/** Words between a child and its age that say whose child it is or how old it has got ("cháu ngoại tôi mới được"). */
const OWNER_FILLERS = new Set(['toi', 'em', 'e', 'minh', 'nha', 'noi', 'ngoai', 'gai', 'trai', 'moi', 'duoc', 'co', 'vua', 'cua', 'tui', 'nay']);
/** Up to and including 12 years ("con trai 12 tuổi"): a child for the signs that need one (`requires: child`). */
const CHILD_UNTIL_MONTHS = 13 * 12;
/** Units after a number that make it an age, a duration or a count of something else. */
const AGE_TIME_UNITS = new Set([
  'tuoi',
  'thang',
  'ngay',
  'hom',
  'tuan',
  'gio',
  'tieng',
  'h',
  'kg',
  'mmhg',
  'mui',
  'nguoi',
  'year',
  'years',
  'days',
  'hours',
  'weeks',
  'months',
  't',
  'w',
  'giay',
  'second',
  'seconds',
  'sec',
  'secs',
]);
/** Seconds after a number: a count made over part of a minute ("12 lần trong 30 giây"). */
const SECOND_UNITS = new Set(['giay', 'second', 'seconds', 'sec', 'secs', 's']);
/** Units that already say "per minute": a count with one of these is never converted. */
const PER_MINUTE = new Set(['lan/phut', 'cai/phut', 'nhip/phut', 'phut', 'minute', 'minutes', 'min', '/min']);
/** "mấy" after a number: an approximate reading ("8 mấy", "80 mấy" = 81–89). */
const APPROX = 'may';
/** A breathing rate or a pulse is never the "1" of "trong 1 phút". */
const RATE_SKIP = new Set([...AGE_TIME_UNITS, 's']);
/** Units of a rate ("28 lần", "130 bpm"): not a percentage. */
const RATE_UNITS = new Set(['lan', 'nhip', 'lan/phut', 'phut', 'p', 'times', 'bpm', 'minutes', 'cai']);
const NOT_PERCENT = new Set([...AGE_TIME_UNITS, ...RATE_UNITS]);
/** English words before the verb "be" ("could be", "to be", "will be"): there, "be" is no "bé". */
const EN_BEFORE_BE = new Set(['could', 'would', 'should', 'will', 'can', 'may', 'might', 'must', 'to', 'not', 'll', 'gonna', 'cannot']);
/** A temperature from which a child is said to have a fever (°C). */
const FEVER_FROM = 37.5;
/** Bare readings: whole numbers in this range, in a message that names no measure, may be SpO2 readings. */
const BARE_RANGE = [85, 99] as const;
/** Before a bare number: it falls or is only that ("tụt còn 94", "xuống 93", "chỉ 95"). Folded. */
const FALLING = new Set(['tut', 'xuong', 'con', 'chi', 'dropped', 'down', 'to']);
/** Before a bare number: an address, a class, a price, a count of something else ("số 95", "lớp 9", "mã 97"). Folded. */
const NOT_BARE_BEFORE = new Set([
  'so',
  'nha',
  'phong',
  'lop',
  'ma',
  'xe',
  'duong',
  'quan',
  'hem',
  'ngo',
  'kiet',
  'tang',
  'khoa',
  'nam',
  'gia',
  'diem',
  'no',
  'number',
  'room',
  'route',
  'bus',
  'class',
  'model',
]);
/** After a bare number: a price (`PRICE`), a unit or a thing counted ("95 nghìn", "97 km", "98 điểm"). Folded. */
const NOT_BARE_AFTER = new Set([
  ...PRICE,
  'km',
  'm',
  'cm',
  'kg',
  'g',
  'ml',
  'l',
  'diem',
  'do',
  'c',
  'f',
  'tuoi',
  'thang',
  'nam',
  'ngay',
  'tuan',
  'gio',
  'tieng',
  'phut',
  'lan',
  'nguoi',
  'ca',
  'con',
  'so',
  'xa',
  'tinh',
  'huyen',
  'phuong',
  'mui',
  'lieu',
  'vien',
  'goi',
]);
/** Words before a number that make it a threshold in a hypothetical question ("nếu SpO2 xuống dưới 95"). */
/** Words that date a later value to today once an SpO2 value has been said to be past. */
const TODAY_WORDS = new Set(['gio', 'now']);
const BOUND_WORDS = new Set(['duoi', 'tren', 'below', 'under', 'above', 'over', 'qua']);
/**
 * A fall to a value ("nếu SpO2 xuống 94 thì…"): in a hypothetical question a threshold, like a bound; otherwise a
 * reading ("spo2 mẹ em xuống 94 là sao").
 */
const FALL_WORDS = new Set(['xuong', 'tut', 'to']);
/** Words before a phone number ("gọi 115"): not a reading; "số" only before an emergency number ("hiện số 93"). */
const PHONE_WORDS = new Set(['goi', 'call', 'dial', 'hotline', 'sdt']);
const EMERGENCY_NUMBERS = new Set(['113', '114', '115']);
/** Words after which a device's second number is another measure ("98 và 88": SpO2, then pulse). */
const AND_WORDS = new Set(['va', 'voi', 'and']);
const WEEKDAY: Record<string, number> = { hai: 2, ba: 3, tu: 4, nam: 5, sau: 6, bay: 7, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
/**
 * The place of a device's second number ("số dưới", "số bên cạnh"): on a finger oximeter the pulse, below or beside
 * the SpO2 ("máy hiện 98, số bên cạnh 95 là nhịp tim"). Folded.
 */
const SECOND_SLOT = [
  ['so', 'duoi'],
  ['dong', 'duoi'],
  ['so', 'ben', 'canh'],
  ['so', 'ben', 'phai'],
  ['so', 'thu', 'hai'],
  ['so', 'thu', '2'],
  ['so', 'nho'],
  ['so', 'con', 'lai'],
];
/** Words before "số" that make it "chỉ số", "con số" (the reading itself: "chỉ số dưới 90"), not a device's place. */
const NOT_SLOT_BEFORE = new Set(['chi', 'con']);
/** Words that say "now" between two values: the later one is today's reading, not the device's second number. */
const NOW_WORDS = new Set(['gio', 'nay', 'lai', 'now', 'hien', 'con']);
/** Words that say a fever has lasted days ("sốt mấy ngày nay"). */
const MANY_DAYS = [
  ['may', 'ngay'],
  ['nhieu', 'ngay'],
  ['may', 'hom'],
  ['ca', 'tuan'],
  ['several', 'days'],
  // "từ hôm kia": since the day before yesterday.
  ['hom', 'kia'],
];
const HOUR_UNITS = new Set(['gio', 'tieng', 'h', 'hours', 'hour', 'hrs']);
/** Words that say "a minute" in the sentence of a count. */
const MINUTE_WORDS = new Set(['phut', 'lan/phut', 'cai/phut', 'nhip/phut', 'minute', 'minutes', 'min', '/min']);
/** The unit of a count of breaths ("28 lần", "32 cái", "31l", "66 times"). */
const COUNT_UNITS = new Set(['lan', 'cai', 'nhip', 'hoi', 'l', 'times', 'time']);
const COUNT_VERBS = new Set(['dem', 'count', 'counted', 'counting']);
/** The highest count with no measure named that is read as breaths a minute. */
const MAX_COUNT = 80;
/**
 * Counts of something other than breaths: a baby's kicks, contractions, vomiting, stools, coughs. Accented words are
 * matched as written ("máy", "gò": typed without accents they are also "mấy", "go"), the others folded.
 */
const NOT_BREATH_COUNTS = new Set(['đạp', 'máy', 'gò', 'cơn', 'kick', 'kicks', 'kicking', 'contraction', 'contractions', 'cough', 'coughs', 'vomit']);
const NOT_BREATH_COUNTS_FOLDED = new Set(['dap', 'non', 'oi', 'tieu', 'ia']);
const DAYS_UNITS = new Set(['ngay', 'hom', 'days', 'day']);
/** Units that may follow the value of a bare "tim" ("tim 85", "tim 130 lần"): anything else is not a pulse. */
const HEART_UNITS = new Set(['lan', 'nhip', 'lan/phut', 'nhip/phut', 'bpm']);
/**
 * "tim 85": a bare "tim" (heart) followed at once by a number is a pulse written short ("spo2 99, tim 85"), unless
 * the number has another unit ("bệnh tim 20 năm").
 */
const heartAt = (tokens: readonly Token[], k: number): boolean => {
  if (tokens[k]?.f !== 'tim' || !tokens[k]!.plain || tokens[k + 1]?.kind !== 'num') return false;
  const unit = tokens[k + 2];
  return unit?.kind !== 'word' || HEART_UNITS.has(unit.f);
};
/**
 * Who may be some weeks pregnant ("mình 35 tuần", "em 33 tuần", "vợ tôi 30w", "I'm 35 weeks"): the word just before the weeks, or
 * nothing (the message opens with them). Folded.
 */
const GESTATION_OWNERS = new Set(['minh', 'em', 'e', 'toi', 'tui', 'tao', 'mk', 'chi', 'vo', 'she', 'm', 'am', 'is']);
/** Words after the weeks that make them a duration ("em 12 tuần nay ho"), not a pregnancy. */
const DURATION_AFTER = new Set(['nay', 'qua', 'lien', 'truoc', 'sau', 'nua', 'toi', 'ago', 'now']);
/** Weeks of pregnancy read as such (a duration of a few weeks is more likely below). */
const GESTATION_WEEKS: [number, number] = [10, 42];

const ageLabel = (months: number): string =>
  months < 1 ? 'trẻ sơ sinh' : months < 24 ? `trẻ ${Math.round(months * 10) / 10} tháng` : `trẻ ${Math.floor(months / 12)} tuổi`;
const ageLabelEn = (months: number): string =>
  months < 1 ? 'a newborn' : months < 24 ? `a child of ${Math.round(months * 10) / 10} months` : `a child of ${Math.floor(months / 12)} years`;

export class Measures {
  private readonly w: Record<
    'spo2' | 'spo2Weak' | 'spo2Not' | 'breathing' | 'breathingBare' | 'pulse' | 'bp' | 'systolic' | 'diastolic' | 'temp' | 'persisting' | 'gone' | 'units',
    PhraseSet
  >;
  private readonly all: PhraseSet<Measure>;
  private readonly owners: PhraseSet;
  private readonly childWords: PhraseSet;
  private readonly newborn: PhraseSet;

  constructor(private readonly rules: TriageRules) {
    const m = rules.measures;
    this.w = {
      spo2: PhraseSet.of(m.spo2.words),
      spo2Weak: PhraseSet.of(m.spo2.weak_words),
      spo2Not: PhraseSet.of(m.spo2.not_readings),
      breathing: PhraseSet.of(m.breathing.words),
      breathingBare: PhraseSet.of(m.breathing.bare_words),
      pulse: PhraseSet.of(m.pulse.words),
      bp: PhraseSet.of(m.blood_pressure.words),
      systolic: PhraseSet.of(m.blood_pressure.systolic_words),
      diastolic: PhraseSet.of(m.blood_pressure.diastolic_words),
      temp: PhraseSet.of(m.temperature.words),
      persisting: PhraseSet.of(m.temperature.persisting),
      gone: PhraseSet.of(m.temperature.gone),
      units: PhraseSet.of(m.breathing.unit_words),
    };
    this.all = new PhraseSet<Measure>([
      ...m.spo2.words.map((x): [string, Measure] => [x, 'spo2']),
      ...m.breathing.words.map((x): [string, Measure] => [x, 'breathing']),
      ...m.pulse.words.map((x): [string, Measure] => [x, 'pulse']),
      ...m.blood_pressure.words.map((x): [string, Measure] => [x, 'blood_pressure']),
      ...m.temperature.words.map((x): [string, Measure] => [x, 'temperature']),
    ]);
    this.owners = PhraseSet.of(rules.people.age_owners);
    this.childWords = PhraseSet.of(rules.people.child);
    this.newborn = PhraseSet.of(rules.people.newborn);
  }

  /** Ages stated in the message, in months, with their position ("bé 10 tháng", "cháu 2 tuổi rưỡi", "sơ sinh"). */
  ages(tokens: readonly Token[]): Age[] {
    const out: Age[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (this.newborn.at(tokens, i)) out.push({ at: i, months: 0.5 });
      const n = num(tokens[i]);
      if (n === undefined || n > 120) continue;
      const unit = tokens[i + 1]?.f ?? '';
      const half = HALF.has(tokens[i + 2]?.f ?? '') ? 0.5 : 0;
      const old = OLD.has(tokens[i + 2 + (half ? 1 : 0)]?.f ?? '');
      // … or a child word right after the unit ("my 5 month baby").
      // … also past the words that name whose child it is ("cháu ngoại tôi được 2 tháng", "con gái e dc 2 tháng").
      let k = i - 1;
      while (k >= 0 && i - k <= 3 && OWNER_FILLERS.has(tokens[k]!.f)) k--;
      const owner = (from: number, to: number): boolean => this.owners.anyIn(tokens, from, to) || this.childWords.anyIn(tokens, from, to);
      const owned = owner(i - 3, i) || (k < i - 1 && owner(k - 1, k + 1)) || this.childWords.at(tokens, i + 2) !== undefined;
      // "cháu lên 4": turned four.
      if (tokens[i - 1]?.f === 'len' && !MONTH_UNITS.has(unit) && !WEEK_UNITS.has(unit) && !DAY_UNITS.has(unit) && n < 16) {
        out.push({ at: i, months: n * 12 });
        continue;
      }
      // "1 tuổi 2 tháng": years and months of one age.
      const more = !half && tokens[i + 3]?.kind === 'word' && MONTH_UNITS.has(tokens[i + 3]!.f) ? num(tokens[i + 2]) : undefined;
      if (YEAR_UNITS.has(unit) && more !== undefined && more < 12) {
        out.push({ at: i, months: n * 12 + more });
        i += 3;
      } else if (YEAR_UNITS.has(unit)) out.push({ at: i, months: (n + half) * 12 });
      else if (MONTH_UNITS.has(unit) && (old || owned) && (unit !== 'm' || owned)) out.push({ at: i, months: n + half });
      else if (WEEK_UNITS.has(unit) && (old || owned)) out.push({ at: i, months: (n * 7) / 30.4 });
      else if (DAY_UNITS.has(unit) && (old || owned)) out.push({ at: i, months: n / 30.4 });
      // "my daughter is 6", "con tôi 5": an owner, then (is) a bare number.
      else if (!unit || !/^[a-z]/.test(unit) || !(MONTH_UNITS.has(unit) || WEEK_UNITS.has(unit) || DAY_UNITS.has(unit) || HOUR_UNITS.has(unit))) {
        const prev = tokens[i - 1]?.f === 'is' ? i - 2 : i - 1;
        if (n < 18 && this.owners.at(tokens, prev)) out.push({ at: i, months: n * 12 });
      }
    }
    return out;
  }

  /**
   * A pregnancy stated by its weeks alone ("mình 35 tuần, tự nhiên ra nước"): 10–42 weeks right after a person who
   * may carry it, or opening the message, and not a duration ("em 12 tuần nay ho") or a child's age ("bé 5 tuần").
   */
  gestation(tokens: readonly Token[]): boolean {
    for (let i = 0; i + 1 < tokens.length; i++) {
      const n = num(tokens[i]);
      if (n === undefined || n < GESTATION_WEEKS[0] || n > GESTATION_WEEKS[1] || !WEEK_UNITS.has(tokens[i + 1]!.f)) continue;
      if (i > 0 && !GESTATION_OWNERS.has(tokens[i - 1]!.f)) continue;
      if (DURATION_AFTER.has(tokens[i + 2]?.f ?? '') || OLD.has(tokens[i + 2]?.f ?? '')) continue;
      if (this.childWords.anyIn(tokens, i - 3, i) || this.owners.anyIn(tokens, i - 3, i)) continue;
      return true;
    }
    return false;
  }

  /** The age that a reading at `at` belongs to: the nearest stated age, preferring one before it. */
  private ageFor(ages: Age[], at: number): Age | undefined {
    let best: Age | undefined;
    for (const a of ages) {
      const d = a.at <= at ? at - a.at : (a.at - at) * 1.5;
      const bd = best ? (best.at <= at ? at - best.at : (best.at - at) * 1.5) : Infinity;
      if (d < bd) best = a;
    }
    return best;
  }

  /** 'child' when the message speaks of a child without an age, 'adult' otherwise. */
  private who(tokens: readonly Token[]): 'child' | 'adult' {
    // An unaccented "be" after an English verb or "to" is the verb, not "bé" ("it could be dengue").
    const child = this.childWords.positions(tokens).filter((p) => !(tokens[p.at]!.a === 'be' && EN_BEFORE_BE.has(tokens[p.at - 1]?.f ?? ''))).length;
    return child > 0 ? 'child' : 'adult';
  }

  /** True when a child is meant (a child word, or an age under 12). */
  isChild(tokens: readonly Token[], ages = this.ages(tokens)): boolean {
    if (ages.some((a) => a.months < CHILD_UNTIL_MONTHS)) return true;
    return ages.length === 0 && this.who(tokens) === 'child';
  }

  /** True when the youngest stated age is under `months`, or a child of unknown age is meant. */
  youngChild(tokens: readonly Token[], months: number, ages = this.ages(tokens)): boolean {
    if (ages.length) return ages.some((a) => a.months < months);
    return this.who(tokens) === 'child';
  }

  /** Where each reading of the last message was read (its value's position), for {@link positionOf}. */
  private readonly located = new WeakMap<Reading, number>();

  /** The token position of a reading's value, in the message it was read from. */
  positionOf(reading: Reading): number | undefined {
    return this.located.get(reading);
  }

  /** True while reading a hypothetical question: a bound ("dưới 95") is then a threshold, not a reading. */
  private hypothetical: (at: number) => boolean = () => false;
  /** True while reading a message that names a pulse: a device's second number may then be it ({@link secondSlotAt}). */
  private pulseNamed = false;

  /**
   * The length of a device's second-number place ("số dưới", "số bên cạnh") starting at `k`, in a message that names
   * a pulse; 0 otherwise. Not "chỉ số dưới 90", "con số dưới 90" (the reading is under 90).
   */
  private secondSlotAt(tokens: readonly Token[], k: number): number {
    if (!this.pulseNamed || NOT_SLOT_BEFORE.has(tokens[k - 1]?.f ?? '')) return 0;
    return SECOND_SLOT.find((w) => w.every((x, j) => tokens[k + j]?.f === x))?.length ?? 0;
  }
  /** Tells whether the token at a position lies in a part of the message said to be past. */
  private pastAt?: (at: number) => boolean;
  private ignoreAt?: (at: number) => boolean;

  /**
   * Numbers after a measure word, up to the next measure word or the end of the sentence. `digits`: two spaced
   * digits are one reading ("oxi 9 3" is 93).
   */
  private numbersAfter(
    tokens: readonly Token[],
    from: number,
    reach: number,
    sentence: readonly number[],
    skip: ReadonlySet<string> = AGE_TIME_UNITS,
    digits = false,
    own?: Measure,
  ): Value[] {
    const out: Value[] = [];
    for (let k = from; k < Math.min(tokens.length, from + reach) && sentence[k] === sentence[from - 1]; k++) {
      const measure = this.all.at(tokens, k);
      // "nhịp tim đo bằng máy spo2 là 122": a device named as the instrument ("bằng máy spo2"), with no value of its
      // own right after it, does not end the values of the measure before it.
      if (measure && (tokens[k - 1]?.f === 'bang' || tokens[k]!.f === 'may') && num(tokens[k + measure.length]) === undefined && out.length === 0) {
        k += measure.length - 1;
        continue;
      }
      if (measure || heartAt(tokens, k)) break;
      const t = tokens[k]!;
      // "máy hiện 98 và 88": the number after "và" is the device's other measure; so is the number in its place ("máy
      // hiện 98, số bên cạnh 95 là nhịp tim"), unless a word of today comes between.
      if (out.length && AND_WORDS.has(t.f)) break;
      if (out.length && this.secondSlotAt(tokens, k) && !tokens.slice(out[out.length - 1]!.at + 1, k).some((w) => NOW_WORDS.has(w.f))) break;
      let v = num(t);
      if (v === undefined || this.ignoreAt?.(k)) continue;
      const prev = tokens[k - 1]?.f ?? '';
      if ((BOUND_WORDS.has(prev) || FALL_WORDS.has(prev)) && this.hypothetical(k)) continue;
      // "là 96 mà không phải 95": a value denied is not a reading.
      if (prev === 'phai' && tokens[k - 2]?.f === 'khong') continue;
      // "số bên cạnh 95 là nhịp tim": a value said to be another measure is not this one's.
      const said = tokens[k + 1]?.f === 'la' ? this.all.at(tokens, k + 2) : undefined;
      if (said && own !== undefined && said.value !== own) continue;
      if ((PHONE_WORDS.has(prev) || (prev === 'so' && EMERGENCY_NUMBERS.has(t.a))) && tokens[k - 1]!.kind === 'word') continue;
      // "có phải SpO2 dưới 96 là phải báo": a bound followed by "là" states the rule.
      // "a reading below 96 means …": so does one followed by "means".
      if (BOUND_WORDS.has(prev) && (tokens[k + 1]?.f === 'la' || tokens[k + 1]?.f === 'means')) continue;
      let at = k;
      // "oxi 9 3": two digits typed apart.
      const second = num(tokens[k + 1]);
      if (digits && t.a.length === 1 && v >= 5 && second !== undefined && tokens[k + 1]!.a.length === 1) {
        v = v * 10 + second;
        at = ++k;
      }
      const next = tokens[k + 1]?.f ?? '';
      // "93 lần" is a count and "78 bpm" a pulse; "93 nhịp tim 105" is a value followed by the next measure.
      const nextMeasure = this.all.at(tokens, k + 1);
      const valueFollows = nextMeasure !== undefined && num(tokens[k + 1 + nextMeasure.length]) !== undefined;
      // "lúc sáng 96 giờ còn 93": "giờ" after a reading above a few days of hours is "now", not hours.
      const hours = (next === 'gio' || next === 'h') && v > 72;
      if (skip.has(next) && tokens[k + 1]?.kind === 'word' && !valueFollows && !hours) continue;
      // "8 mấy", "80 mấy": somewhere above 80 and below 90 (81–89); "120 mấy": 121–129.
      let hi = v;
      if (next === APPROX && (tokens[k + 1]!.plain || tokens[k + 1]!.a === 'mấy')) {
        if (t.a.length === 1 && v >= 5) v *= 10;
        if (v >= 10 && v % 10 === 0) {
          hi = v + 9;
          v += 1;
        }
      }
      out.push({ at, value: v, hi, raw: t.a });
    }
    return out;
  }

  /** True when the sentence of `at` says "a minute" ("trong 1 phút", "mỗi phút", "per minute", "1p"). */
  private perMinuteSaid(tokens: readonly Token[], sentence: readonly number[], at: number): boolean {
    for (let k = Math.max(0, at - 10); k < Math.min(tokens.length, at + 10); k++) {
      if (sentence[k] === sentence[at] && k !== at && MINUTE_WORDS.has(tokens[k]!.f)) return true;
    }
    return false;
  }

  /**
   * Breaths counted with no measure named: a number with a count unit ("28 lần", "32 cái", "66 times") said per
   * minute or counted ("đếm"), or any number after "đếm" in a sentence that says "a minute" ("đếm 1 phút ra 22").
   * Not a count per hour or of a baby's kicks or contractions ("đếm cử đạp 1 giờ được 10 lần").
   * For a baby under a year (`infant`), a bare number counted ("nằm yên đếm được 60 mấy, lần 2 ra 64") is breaths a
   * minute: what parents are asked to count, and no baby's pulse is as low as {@link MAX_COUNT}.
   */
  private counts(tokens: readonly Token[], sentence: readonly number[], infant = false): Value[] {
    const m = this.rules.measures.breathing;
    // Per sentence: where "đếm" first comes, and whether something else than breaths is counted.
    const firstCount = new Map<number, number>();
    const other = new Set<number>();
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (COUNT_VERBS.has(t.f) && !firstCount.has(sentence[k]!)) firstCount.set(sentence[k]!, k);
      if (NOT_BREATH_COUNTS.has(t.a) || NOT_BREATH_COUNTS_FOLDED.has(t.f) || (HOUR_UNITS.has(t.f) && num(tokens[k - 1]) !== undefined)) other.add(sentence[k]!);
    }
    let best: Value | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const v = num(tokens[i]);
      if (v === undefined || v < m.plausible[0] || v > MAX_COUNT || other.has(sentence[i]!) || this.ignoreAt?.(i)) continue;
      const unit = tokens[i + 1]?.kind === 'word' ? tokens[i + 1]!.f : '';
      // ("11 nhịp": "nhịp" is then the unit of the count, see `named` in {@link readings}.)
      if (AGE_TIME_UNITS.has(unit) || MINUTE_WORDS.has(unit) || (unit !== 'nhip' && this.all.at(tokens, i + 1))) continue;
      const counted = (firstCount.get(sentence[i]!) ?? i) < i;
      const perMinute = this.perMinuteSaid(tokens, sentence, i);
      // "60 mấy": 61–69.
      const approx = unit === APPROX && v >= 10 && v % 10 === 0;
      const bare = infant && counted && (!unit || approx);
      if (((COUNT_UNITS.has(unit) && (counted || perMinute)) || (counted && perMinute) || bare) && (!best || v > best.value))
        best = approx ? { at: i, value: v + 1, hi: v + 9, raw: tokens[i]!.a } : { at: i, value: v, hi: v, raw: tokens[i]!.a };
    }
    return best ? [best] : [];
  }

  /**
   * A count over part of a minute, per minute: "12 lần trong 30 giây" is 24, "đếm 10 giây được 5 cái" is 30.
   * The seconds are looked for in the sentence of the count, unless its unit already says "per minute".
   */
  private perMinute(tokens: readonly Token[], sentence: readonly number[], v: Value): { value: Value; seconds?: number } {
    if (PER_MINUTE.has(tokens[v.at + 1]?.f ?? '')) return { value: v };
    for (let k = Math.max(0, v.at - 8); k < Math.min(tokens.length, v.at + 9); k++) {
      if (sentence[k] !== sentence[v.at] || k === v.at) continue;
      // "trong nửa phút", "in half a minute": 30 seconds.
      const half =
        (tokens[k]!.f === 'nua' && tokens[k + 1]?.f === 'phut') ||
        (tokens[k]!.f === 'half' && (tokens[k + 1]?.f === 'minute' || (tokens[k + 1]?.f === 'a' && tokens[k + 2]?.f === 'minute')));
      const s = half ? 30 : num(tokens[k]);
      if (s === undefined || s < 5 || s >= 60 || (!half && !SECOND_UNITS.has(tokens[k + 1]?.f ?? ''))) continue;
      // "thở 20 lần/phút, đo lại sau 30 giây": a unit per minute between them keeps the count as it is.
      const [a, b] = k < v.at ? [k, v.at] : [v.at, k];
      if (tokens.slice(a, b).some((t) => PER_MINUTE.has(t.f))) continue;
      const f = 60 / s;
      return { value: { ...v, value: Math.round(v.value * f), hi: Math.round(v.hi * f) }, seconds: s };
    }
    return { value: v };
  }

  /**
   * Every measurement of the message, with the parts scoped out by `scope` (past, passed, general, stories):
   * a bound such as "dưới 95" in a hypothetical question is a threshold, not a reading.
   */
  readings(tokens: readonly Token[], sentence: readonly number[], scope: ReadingScope = {}): Reading[] {
    const hypothetical = scope.hypothetical ?? false;
    this.hypothetical = typeof hypothetical === 'function' ? hypothetical : () => hypothetical;
    this.pulseNamed = this.w.pulse.positions(tokens).some((p) => this.all.at(tokens, p.at)?.value === 'pulse');
    this.pastAt = scope.pastAt;
    this.ignoreAt = scope.ignoreAt;
    const passed = (v: { at: number }): boolean => !scope.passedAt?.(v.at);
    const m = this.rules.measures;
    const out: Reading[] = [];
    const put = (r: Reading, at: number): void => {
      this.located.set(r, at);
      out.push(r);
    };
    const ages = this.ages(tokens);
    // "đếm được 11 nhịp trong 15 giây": a bare "nhịp" right after a number is the unit of a count, not a pulse named.
    const measured = this.all.positions(tokens).filter((p) => !(p.length === 1 && tokens[p.at]!.f === 'nhip' && num(tokens[p.at - 1]) !== undefined));
    const named = new Set(measured.map((p) => p.value));

    // SpO2: every value after the word (ranges and falls: the lowest counts).
    let spo2Values: Value[] = [];
    for (const p of this.w.spo2.positions(tokens)) {
      for (const n of this.numbersAfter(tokens, p.at + p.length, 20, sentence, NOT_PERCENT, true, 'spo2')) {
        if (n.value >= m.spo2.plausible[0] && n.value <= m.spo2.plausible[1]) spo2Values.push(n);
      }
    }
    // A device reading with no name ("máy đo hiện 95"): unless a blood pressure or a temperature is also named, and
    // only before the first named pulse or breathing rate ("mạch 115, đo lại còn 84" is a pulse).
    // (A SpO2 word, a fever or a blood pressure does not end them: "không sốt. Đo được 95%".)
    const firstNamed = Math.min(...measured.filter((p) => p.value === 'pulse' || p.value === 'breathing').map((p) => p.at), tokens.length);
    // A value with a percent sign is neither a blood pressure nor a temperature ("không sốt. Đo được 95%").
    const pctOnly = named.has('blood_pressure') || named.has('temperature');
    // A percent without a SpO2 word that something else in its sentence explains ("máy đo độ ẩm 85%", "pin còn 93%").
    const explained = new Set(this.w.spo2Not.positions(tokens).map((p) => sentence[p.at]));
    const otherPercent = (at: number): boolean => explained.has(sentence[at]);
    if (!spo2Values.length) {
      for (const p of this.w.spo2Weak.positions(tokens).filter((w) => w.at < firstNamed && !otherPercent(w.at))) {
        for (const n of this.numbersAfter(tokens, p.at + p.length, 7, sentence, NOT_PERCENT, true, 'spo2')) {
          if (pctOnly && tokens[n.at + 1]?.kind !== 'pct') continue;
          // A decimal is a temperature ("đo được 37,5"), unless a percent sign says otherwise ("đo ra 93,5 %").
          const whole = Number.isInteger(n.value) || tokens[n.at + 1]?.kind === 'pct';
          if (n.value >= m.spo2.weak_plausible[0] && n.value <= m.spo2.weak_plausible[1] && whole) spo2Values.push(n);
        }
      }
    }
    // "mẹ mình 89% đo 3 lần rồi", "93 % luôn, mới đo xong", "94% nha, vừa kẹp tay xong": a percent in a device's
    // range, with a measuring word or a device later in its sentence, is the reading measured (a blood pressure, a
    // pulse, a breathing rate or a temperature is never a percent). "pin còn 93%" names no measuring.
    if (!spo2Values.length) {
      for (let k = 0; k < tokens.length; k++) {
        const v = num(tokens[k]);
        if (v === undefined || tokens[k + 1]?.kind !== 'pct' || v < m.spo2.weak_plausible[0] || v > m.spo2.weak_plausible[1] || this.ignoreAt?.(k)) continue;
        if (otherPercent(k)) continue;
        const to = Math.min(tokens.length, k + 10);
        // ("hiệu quả 95% do …": a plain "do" right after the percent is "because".)
        const measuring = [...this.w.spo2Weak.positions(tokens, k + 2, to), ...this.w.spo2.positions(tokens, k + 2, to)].some(
          (p) => sentence[p.at] === sentence[k] && !(p.at === k + 2 && tokens[p.at]!.plain && tokens[p.at]!.f === 'do'),
        );
        if (measuring) spo2Values.push({ at: k, value: v, hi: v, raw: tokens[k]!.a });
      }
    }
    // "muốn hỏi máy đo spo2 loại nào tốt. cái máy em đang dùng báo 95%": in a message that names SpO2, a percent in
    // a device's range shown by a "máy" earlier in its sentence is a reading.
    if (!spo2Values.length && this.w.spo2.positions(tokens).length) {
      for (let k = 0; k < tokens.length; k++) {
        const v = num(tokens[k]);
        if (v === undefined || tokens[k + 1]?.kind !== 'pct' || !Number.isInteger(v) || v < m.spo2.weak_plausible[0] || v > m.spo2.weak_plausible[1]) continue;
        if (this.ignoreAt?.(k)) continue;
        let device = false;
        for (let j = k - 1; j >= Math.max(0, k - 8) && sentence[j] === sentence[k]; j--) if (tokens[j]!.f === 'may') device = true;
        if (device) spo2Values.push({ at: k, value: v, hi: v, raw: tokens[k]!.a });
      }
    }
    // "94% oxygen", "93% spo2": the value before the word.
    for (const p of this.w.spo2.positions(tokens)) {
      const pct = tokens[p.at - 1]?.kind === 'pct' ? p.at - 2 : p.at - 1;
      const v = num(tokens[pct]);
      // "Is 95 oxygen bad?": a whole number right before the word, in the range of a device's reading, also counts.
      const bare =
        tokens[pct + 1]?.kind !== 'pct' &&
        v !== undefined &&
        Number.isInteger(v) &&
        v >= m.spo2.weak_plausible[0] &&
        num(tokens[p.at + p.length]) === undefined;
      if (v !== undefined && v >= m.spo2.plausible[0] && v <= m.spo2.plausible[1] && (tokens[pct + 1]?.kind === 'pct' || bare) && !this.ignoreAt?.(pct))
        spo2Values.push({ at: pct, value: v, hi: v, raw: tokens[pct]!.a });
    }
    // "96 có sao không, máy kẹp ngón tay đo cho mẹ em": the value said first, the device named later in its sentence. A
    // whole number in a device's range that opens its sentence, with no unit and no other measure after it.
    if (!spo2Values.length) {
      for (const p of this.w.spo2.positions(tokens)) {
        let k = p.at;
        while (k > 0 && sentence[k - 1] === sentence[p.at]) k--;
        if (tokens[k]?.kind === 'stop') k++;
        const v = num(tokens[k]);
        const next = tokens[k + 1];
        if (k >= p.at || v === undefined || !Number.isInteger(v) || v < m.spo2.weak_plausible[0] || v > m.spo2.weak_plausible[1]) continue;
        if (next?.kind === 'num' || (next?.kind === 'word' && (NOT_PERCENT.has(next.f) || this.all.at(tokens, k + 1))) || this.ignoreAt?.(k)) continue;
        spo2Values.push({ at: k, value: v, hi: v, raw: tokens[k]!.a });
        break;
      }
    }
    // Readings with no name at all, in a message that names no measure: several whole numbers in a device's upper
    // range ("sáng 97, trưa 96, chiều 94", "bố 95, mẹ 97, em 98") or one after a falling word ("từ 97 tụt còn 94", "hôm
    // qua 98 hôm nay chỉ còn 95") are SpO2 readings, as a COVID-19 patient at home reports them. Numbers with a unit,
    // after a word that makes them an address, a class or a price, or that are not whole, are not.
    if (!spo2Values.length && !measured.length) {
      const bare = tokens.flatMap((t, k): Value[] => {
        const v = num(t);
        if (v === undefined || !Number.isInteger(v) || v < BARE_RANGE[0] || v > BARE_RANGE[1] || this.ignoreAt?.(k) || otherPercent(k)) return [];
        const next = tokens[k + 1];
        // ("98 hôm nay": "hôm" of "hôm nay", "hôm qua" is no count of days.)
        const dayWord = next?.f === 'hom' && ['nay', 'qua', 'kia', 'truoc'].includes(tokens[k + 2]?.f ?? '');
        if (next?.kind === 'word' && !dayWord && (NOT_PERCENT.has(next.f) || NOT_BARE_AFTER.has(next.f))) return [];
        if (NOT_BARE_BEFORE.has(tokens[k - 1]?.f ?? '')) return [];
        return [{ at: k, value: v, hi: v, raw: t.a }];
      });
      const falling = (k: number): boolean => [k - 1, k - 2].some((j) => FALLING.has(tokens[j]?.f ?? ''));
      if (bare.length >= 2 || bare.some((n) => falling(n.at))) spo2Values.push(...bare);
    }
    // A value in a part of the message said to be past ("tuần trước SpO2 93, giờ đo 98") gives way to the others.
    if (this.pastAt && spo2Values.length) {
      const now = spo2Values.filter((v) => !this.pastAt!(v.at));
      // "mấy bữa trước SpO2 còn 94, …, giờ đo 98": today's value may follow a plain "đo".
      if (!now.length) {
        // … or a plain "giờ", "now" ("đợt mắc covid có vài ngày SpO2 96, giờ luôn 98–99").
        const today = tokens.flatMap((t, at) => (TODAY_WORDS.has(t.f) && t.kind === 'word' ? [{ at, length: 1 }] : []));
        for (const p of [...this.w.spo2Weak.positions(tokens), ...today]) {
          for (const n of this.numbersAfter(tokens, p.at + p.length, 5, sentence, NOT_PERCENT, true, 'spo2')) {
            if (n.value >= m.spo2.weak_plausible[0] && n.value <= m.spo2.weak_plausible[1] && !this.pastAt(n.at)) now.push(n);
          }
        }
      }
      if (now.length) spo2Values = now;
    }
    // A past value that a later part says has passed ("tuần trước SpO2 93, giờ ra viện rồi") is not today's.
    spo2Values = spo2Values.filter(passed);
    // "đo lại": the guidance asks to measure again after 30 s–1 min; a value measured again replaces the earlier ones.
    const again = tokens.findIndex((t, i) => t.f === 'lai' && tokens[i - 1]?.f === 'do');
    if (again >= 0 && spo2Values.length && !spo2Values.some((v) => v.at > again)) {
      // "SpO2 ra 89 nhưng do tay lạnh, ủ ấm đo lại đều 98": the value measured again may follow a plain "đo lại".
      const after = this.numbersAfter(tokens, again + 1, 7, sentence, NOT_PERCENT, true, 'spo2').filter(
        (n) => n.value >= m.spo2.weak_plausible[0] && n.value <= m.spo2.weak_plausible[1] && Number.isInteger(n.value),
      );
      spo2Values.push(...after);
    }
    if (again >= 0 && spo2Values.some((v) => v.at > again)) spo2Values = spo2Values.filter((v) => v.at > again);
    // One number is one measure: a value read as SpO2 is no breathing rate ("spo2 lúc thở máy 97").
    const claimed = new Set(spo2Values.map((v) => v.at));
    if (spo2Values.length) {
      // An approximate value ("8 mấy") is alarming only when all of it is.
      const low = spo2Values.reduce((a, b) => (b.hi < a.hi || (b.hi === a.hi && b.value < a.value) ? b : a));
      const label = `SpO2 ${shown(low)}%`;
      put(
        {
          measure: 'spo2',
          value: shown(low),
          alarming: low.hi <= m.spo2.alarm_at_or_below,
          label,
          labelEn: label,
          threshold: `≤ ${m.spo2.alarm_at_or_below}%`,
          thresholdEn: `≤ ${m.spo2.alarm_at_or_below}%`,
          basis: m.spo2.basis,
        },
        low.at,
      );
    }

    // Breathing rate: after "nhịp thở"; after a bare "thở" only with a unit or "đếm".
    const rates: Value[] = [];
    const plausibleRate = (n: Value): boolean => n.value >= m.breathing.plausible[0];
    // After "nhịp thở" the highest value counts ("nhịp thở tăng từ 18 lên 25"), as the lowest SpO2 does, unless it is
    // said to be past ("hôm qua nhịp thở 24, nay 18").
    for (const p of this.w.breathing.positions(tokens)) {
      const all = this.numbersAfter(tokens, p.at + p.length, 12, sentence, RATE_SKIP).filter(plausibleRate);
      const now = all.filter((n) => !this.pastAt?.(n.at));
      const high = (now.length ? now : all).reduce<Value | undefined>((a, b) => (!a || b.value > a.value ? b : a), undefined);
      if (high) rates.push(high);
    }
    const counted = (from: number, to: number): boolean => tokens.slice(Math.max(0, from), to).some((t) => t.f === 'dem' || t.f === 'count');
    for (let i = 0; i + 1 < tokens.length; i++) {
      const v = num(tokens[i]);
      if (v === undefined || this.ignoreAt?.(i)) continue;
      // "đếm được 56 nhịp thở": the number before "nhịp thở" / "lần thở".
      if (['nhip', 'lan', 'hoi'].includes(tokens[i + 1]?.f ?? '') && tokens[i + 2]?.f === 'tho') rates.push({ at: i, value: v, hi: v, raw: tokens[i]!.a });
      // "counting 26 breaths per minute", "counted 14 breaths in 15 seconds" (made per minute by {@link perMinute}).
      else if (tokens[i + 1]?.f === 'breaths' || tokens[i + 1]?.f === 'breaths/min') rates.push({ at: i, value: v, hi: v, raw: tokens[i]!.a });
      // "1 phút được 28 hơi": breaths counted.
      else if (tokens[i + 1]?.f === 'hoi' && tokens.some((t) => t.f === 'tho' || t.f === 'dem')) rates.push({ at: i, value: v, hi: v, raw: tokens[i]!.a });
    }
    for (const p of this.w.breathingBare.positions(tokens)) {
      if (this.w.breathing.anyIn(tokens, p.at - 2, p.at + 1)) continue;
      // The first count after the word ("đếm thở trong 1 phút ra 60 lần": not the "1" of the minute).
      const n = this.numbersAfter(tokens, p.at + p.length, 8, sentence).find((x) => plausibleRate(x) && !claimed.has(x.at));
      if (!n) continue;
      const unit = this.w.units.at(tokens, n.at + 1) !== undefined;
      // "thở 28": a number right after the word is a rate even without its unit; "thở 1 phút được 31": per minute.
      if (unit || counted(p.at - 3, n.at) || n.at <= p.at + p.length + 1 || this.perMinuteSaid(tokens, sentence, n.at)) rates.push(n);
    }
    // "đếm được 25 lần/phút" with no measure named and no pulse in the message: breaths (a pulse that low would be
    // alarming too). Up to 60, or up to the highest count read as breaths for a baby under a year, whose pulse
    // (100–160) is never that low ("bé 3 tuần tuổi đếm được 66 nhịp/phút").
    const infant = ages.some((a) => a.months < 12);
    const highest = infant ? MAX_COUNT : 60;
    if (!rates.length && !named.has('pulse')) {
      for (let i = 0; i + 1 < tokens.length; i++) {
        const v = num(tokens[i]);
        if (v !== undefined && v <= highest && tokens[i + 1]!.f === 'lan/phut' && counted(i - 4, i) && !this.ignoreAt?.(i))
          rates.push({ at: i, value: v, hi: v, raw: tokens[i]!.a });
      }
    }
    // A count with nothing named, in a message that names no pulse: "ngực phập phồng 28 lần trong 1 phút", "đếm được
    // 29 lần", "đếm 1 phút ra 22", "chest go up down 66 times per minute". The highest count of the sentence counts.
    if (!rates.length && !named.has('pulse')) rates.push(...this.counts(tokens, sentence, infant));
    const rateFound = rates
      .filter(passed)
      .map((r) => this.perMinute(tokens, sentence, r))
      .find((r) => r.value.value >= m.breathing.plausible[0] && r.value.value <= m.breathing.plausible[1]);
    if (rateFound) {
      const rate = rateFound.value;
      const age = this.ageFor(ages, rate.at);
      const child = age ? age.months < 144 : this.who(tokens) === 'child';
      let limit = m.breathing.adult_at_or_above;
      let basis = m.breathing.basis;
      let who = '';
      let whoEn = '';
      if (age && age.months < 144) {
        const band = m.breathing.by_age.find((b) => age.months < b.under_months)!;
        limit = band.at_or_above;
        basis = band.basis;
        who = ` ở ${ageLabel(age.months)}`;
        whoEn = ` for ${ageLabelEn(age.months)}`;
      } else if (!age && child) {
        limit = m.breathing.child_unknown_age_at_or_above;
        who = ' ở trẻ chưa rõ tuổi';
        whoEn = ' for a child of unknown age';
      } else {
        who = ' ở người lớn';
        whoEn = ' for an adult';
      }
      const counts = rateFound.seconds ? ` (đếm trong ${rateFound.seconds} giây)` : '';
      put(
        {
          measure: 'breathing',
          value: shown(rate),
          alarming: rate.value >= limit,
          label: `nhịp thở ${shown(rate)} lần/phút${counts}${age && age.months < 144 ? ` (${ageLabel(age.months)})` : ''}`,
          labelEn: `breathing ${shown(rate)}/min`,
          threshold: `≥ ${limit} lần/phút${who}`,
          thresholdEn: `≥ ${limit}/min${whoEn}`,
          basis,
        },
        rate.at,
      );
    }

    // Pulse (12 years and older, or no child in the message).
    const pulse = (n: Value): Reading => ({
      measure: 'pulse',
      value: shown(n),
      alarming: n.value > m.pulse.above || n.hi < m.pulse.below,
      label: `mạch ${shown(n)} lần/phút`,
      labelEn: `pulse ${shown(n)}/min`,
      threshold: `> ${m.pulse.above} hoặc < ${m.pulse.below} lần/phút`,
      thresholdEn: `> ${m.pulse.above} or < ${m.pulse.below}/min`,
      basis: m.pulse.basis,
    });
    for (const p of this.w.pulse.positions(tokens)) {
      // "nhịp" of "nhịp thở" is the breathing rate.
      if (this.all.at(tokens, p.at)?.value !== 'pulse') continue;
      // "mạch ông em chậm lắm, đếm được 38 nhịp": the count may come a few words after the word, unless it is a
      // duration ("đắp chăn, uống thuốc 30 phút").
      const from = p.at + p.length;
      const first = this.numbersAfter(tokens, from, 10, sentence, AGE_TIME_UNITS).find(
        (x) => x.value >= m.pulse.plausible[0] && (x.at < from + 6 || !MINUTE_WORDS.has(tokens[x.at + 1]?.f ?? '')),
      );
      if (!first || !passed(first)) continue;
      const { value: n } = this.perMinute(tokens, sentence, first);
      if (n.value < m.pulse.plausible[0] || n.value > m.pulse.plausible[1]) continue;
      const age = this.ageFor(ages, n.at);
      if (age ? age.months < m.pulse.adult_from_months : this.who(tokens) === 'child') continue;
      put(pulse(n), n.at);
      break;
    }
    // "Tim đập nhanh lắm, đồng hồ thông minh báo 150": after a pulse word, a device's value that no SpO2 can be.
    const firstPulse = this.w.pulse.positions(tokens).find((p) => this.all.at(tokens, p.at)?.value === 'pulse');
    if (firstPulse && !out.some((r) => r.measure === 'pulse') && !named.has('blood_pressure') && this.who(tokens) === 'adult') {
      for (const p of this.w.spo2Weak.positions(tokens).filter((w) => w.at > firstPulse.at && sentence[w.at] === sentence[firstPulse.at])) {
        const n = this.numbersAfter(tokens, p.at + p.length, 4, sentence, AGE_TIME_UNITS).find((x) => x.value > m.spo2.plausible[1]);
        if (n && n.value <= m.pulse.plausible[1] && passed(n)) {
          put(pulse(n), n.at);
          break;
        }
      }
    }
    // "spo2 99, tim 85": the number right after a bare "tim".
    if (!out.some((r) => r.measure === 'pulse') && this.who(tokens) === 'adult') {
      const k = tokens.findIndex((_, i) => heartAt(tokens, i) && !this.ignoreAt?.(i + 1));
      const v = k >= 0 ? num(tokens[k + 1])! : undefined;
      if (v !== undefined && v >= m.pulse.plausible[0] && v <= m.pulse.plausible[1] && passed({ at: k + 1 }))
        put(pulse({ at: k + 1, value: v, hi: v, raw: String(v) }), k + 1);
    }
    if (!out.some((r) => r.measure === 'pulse')) {
      const bpm = tokens.findIndex((t, i) => t.f === 'bpm' && num(tokens[i - 1]) !== undefined && !this.ignoreAt?.(i - 1));
      const v = bpm > 0 ? num(tokens[bpm - 1])! : undefined;
      if (v !== undefined && v >= m.pulse.plausible[0] && v <= m.pulse.plausible[1] && this.who(tokens) === 'adult' && passed({ at: bpm - 1 })) {
        put(pulse({ at: bpm - 1, value: v, hi: v, raw: String(v) }), bpm - 1);
      }
    }

    // "máy hiện 98, số bên cạnh 95 là nhịp tim": the number in the device's second place is the pulse.
    if (!out.some((r) => r.measure === 'pulse') && this.who(tokens) === 'adult') {
      for (let k = 0; k < tokens.length; k++) {
        const len = this.secondSlotAt(tokens, k);
        if (!len) continue;
        const at = tokens[k + len]?.f === 'la' ? k + len + 1 : k + len;
        const v = num(tokens[at]);
        if (v !== undefined && v >= m.pulse.plausible[0] && v <= m.pulse.plausible[1] && !this.ignoreAt?.(at) && passed({ at })) {
          put(pulse({ at, value: v, hi: v, raw: tokens[at]!.a }), at);
          break;
        }
      }
    }

    // Blood pressure: "85/55", "86 trên 60", "tâm thu 82, tâm trương 54", or one number after the word (systolic).
    const bp = this.bloodPressure(tokens, sentence, passed);
    if (bp) {
      const bpr = m.blood_pressure;
      const sys = bp.sys !== undefined ? shown({ value: bp.sys, hi: bp.sysHi ?? bp.sys }) : '?';
      const low = (bp.sys !== undefined && (bp.sysHi ?? bp.sys) < bpr.systolic_below) || (bp.dia !== undefined && bp.dia < bpr.diastolic_below);
      // "huyết áp 150/100": not the low pressure of the warning signs, and not to be called "under the warning level".
      const h = bpr.high;
      const high = !low && !!h && ((bp.sys !== undefined && bp.sys > h.systolic_above) || (bp.dia !== undefined && bp.dia > h.diastolic_above));
      put(
        {
          measure: 'blood_pressure',
          value: `${sys}/${bp.dia ?? '?'}`,
          alarming: low,
          label: `huyết áp ${sys}/${bp.dia ?? '?'} mmHg`,
          labelEn: `blood pressure ${sys}/${bp.dia ?? '?'}`,
          threshold: high ? `> ${h!.systolic_above}/${h!.diastolic_above} mmHg` : `< ${bpr.systolic_below}/${bpr.diastolic_below} mmHg`,
          thresholdEn: high ? `> ${h!.systolic_above}/${h!.diastolic_above} mmHg` : `< ${bpr.systolic_below}/${bpr.diastolic_below} mmHg`,
          basis: high ? h!.basis : bpr.basis,
          ...(high ? { high } : {}),
        },
        bp.at,
      );
    }

    // A pregnancy or a birth just given: a pressure in the severe range of pre-eclampsia ("bầu 33 tuần, huyết áp 165/110").
    const severe = m.blood_pressure.pregnancy;
    const high = severe && scope.pregnant ? this.highestPressure(tokens, sentence, passed) : undefined;
    if (severe && high && (high.sys >= severe.systolic_at_or_above || high.dia >= severe.diastolic_at_or_above)) {
      put(
        {
          measure: 'blood_pressure',
          value: `${high.sys}/${high.dia}`,
          alarming: true,
          label: `huyết áp ${high.sys}/${high.dia} mmHg (thai phụ)`,
          labelEn: `blood pressure ${high.sys}/${high.dia} in pregnancy`,
          threshold: `≥ ${severe.systolic_at_or_above}/${severe.diastolic_at_or_above} mmHg ở thai phụ`,
          thresholdEn: `≥ ${severe.systolic_at_or_above}/${severe.diastolic_at_or_above} mmHg in pregnancy`,
          basis: severe.basis,
        },
        high.at,
      );
    }

    // Anyone: a pressure in the range of a hypertensive crisis ("huyết áp 230/140, mắt nhòe"), from `crisis`.
    const crisis = m.blood_pressure.crisis;
    const top = crisis && !out.some((r) => r.measure === 'blood_pressure' && r.alarming) ? this.highestPressure(tokens, sentence, passed) : undefined;
    if (crisis && top && (top.sys >= crisis.systolic_at_or_above || top.dia >= crisis.diastolic_at_or_above)) {
      put(
        {
          measure: 'blood_pressure',
          value: `${top.sys}/${top.dia}`,
          alarming: true,
          label: `huyết áp ${top.sys}/${top.dia} mmHg`,
          labelEn: `blood pressure ${top.sys}/${top.dia}`,
          threshold: `≥ ${crisis.systolic_at_or_above}/${crisis.diastolic_at_or_above} mmHg`,
          thresholdEn: `≥ ${crisis.systolic_at_or_above}/${crisis.diastolic_at_or_above} mmHg`,
          basis: crisis.basis,
        },
        top.at,
      );
    }

    const temp = this.temperature(tokens, sentence, ages);
    if (temp) out.push(temp);
    return out;
  }

  /**
   * Pressures said in tens of mmHg right after a blood-pressure word ("ha 16/11", "huyết áp còn 8/5", which the tokenizer
   * splits into "8 5"): ten times each number.
   */
  private pressuresInTens(tokens: readonly Token[], passed: (v: { at: number }) => boolean): { sys: number; dia: number; at: number }[] {
    const out: { sys: number; dia: number; at: number }[] = [];
    for (const p of this.w.bp.positions(tokens)) {
      let k = p.at + p.length;
      if (TENS_BRIDGE.has(tokens[k]?.f ?? '')) k++;
      const t = tokens[k];
      if (!t || this.ignoreAt?.(k) || !passed({ at: k })) continue;
      const [s, d] = t.kind === 'bp' ? t.a.split('/').map(Number) : [num(t), num(tokens[k + 1])];
      if (s === undefined || d === undefined || !/^\d{1,2}$/.test(String(s)) || !/^\d{1,2}$/.test(String(d))) continue;
      if (t.kind !== 'bp' && (tokens[k + 1]?.kind !== 'num' || /[.,]/.test(t.a + tokens[k + 1]!.a))) continue;
      if (s >= 5 && s <= 25 && d >= 3 && d < s) out.push({ sys: s * 10, dia: d * 10, at: k });
    }
    return out;
  }

  /**
   * The highest blood pressure of the message: every "165/110", and "165 trên 110" after a blood-pressure word; one said
   * to be past gives way to a later one ("lần bầu trước 170/110, lần này 120/80").
   */
  private highestPressure(
    tokens: readonly Token[],
    sentence: readonly number[],
    passed: (v: { at: number }) => boolean,
  ): { sys: number; dia: number; at: number } | undefined {
    const plausible = (s: number, d: number): boolean => s >= 50 && s <= 250 && d >= 30 && d < s;
    const found: { sys: number; dia: number; at: number }[] = [];
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k]!.kind !== 'bp' || this.ignoreAt?.(k) || !passed({ at: k })) continue;
      const [s, d] = tokens[k]!.a.split('/').map(Number);
      if (plausible(s!, d!)) found.push({ sys: s!, dia: d!, at: k });
    }
    for (const p of this.w.bp.positions(tokens)) {
      for (let k = p.at + p.length; k < Math.min(tokens.length, p.at + p.length + 14) && sentence[k] === sentence[p.at]; k++) {
        const a = num(tokens[k]);
        const b = num(tokens[k + 2]);
        if (a === undefined || b === undefined || !['tren', 'over'].includes(tokens[k + 1]?.f ?? '')) continue;
        if (plausible(a, b) && !this.ignoreAt?.(k) && passed({ at: k })) found.push({ sys: a, dia: b, at: k });
      }
    }
    found.push(...this.pressuresInTens(tokens, passed));
    const last = Math.max(-1, ...found.map((x) => x.at));
    const now = found.filter((x) => x.at === last || !this.pastAt?.(x.at));
    return now.reduce<{ sys: number; dia: number; at: number } | undefined>((a, b) => (!a || b.sys > a.sys || b.dia > a.dia ? b : a), undefined);
  }

  private bloodPressure(
    tokens: readonly Token[],
    sentence: readonly number[],
    passed: (v: { at: number }) => boolean,
  ): { sys?: number; sysHi?: number; dia?: number; at: number } | undefined {
    const bpr = this.rules.measures.blood_pressure;
    const plausible = (s: number, d: number): boolean => s >= 50 && s <= 250 && d >= 30 && d < s;
    // Every pressure after the word ("120/80 mà giờ tụt xuống 80/50"; "thường 130/80. … đo lại còn 82/50"): the
    // lowest counts.
    let found: { sys?: number; dia?: number; at: number } | undefined;
    const lower = (x: { sys: number; dia: number; at: number }): void => {
      if (!found || x.sys < (found.sys ?? Infinity) || x.dia < (found.dia ?? Infinity))
        found = x.sys < bpr.systolic_below || x.dia < bpr.diastolic_below || !found ? x : found;
    };
    const words = this.w.bp.positions(tokens);
    if (words.length) {
      const first = words[0]!.at;
      let last = -1;
      for (let k = tokens.length - 1; k >= 0 && last < 0; k--) if (tokens[k]!.kind === 'bp') last = k;
      for (let k = first; k < tokens.length; k++) {
        const t = tokens[k]!;
        if (t.kind !== 'bp' || this.ignoreAt?.(k) || !passed({ at: k })) continue;
        // A pressure said to be past ("đợt trước 80/50, giờ ổn định 120/80") gives way to today's.
        if (k < last && this.pastAt?.(k)) continue;
        const [s, d] = t.a.split('/').map(Number);
        if (plausible(s!, d!)) lower({ sys: s!, dia: d!, at: k });
      }
    }
    for (const p of words) {
      for (let k = p.at + p.length; k < Math.min(tokens.length, p.at + p.length + 14) && sentence[k] === sentence[p.at]; k++) {
        const a = num(tokens[k]);
        if (a !== undefined && (tokens[k + 1]?.f === 'tren' || tokens[k + 1]?.f === 'over') && !this.ignoreAt?.(k) && passed({ at: k })) {
          const b = num(tokens[k + 2]);
          if (b !== undefined && plausible(a, b)) lower({ sys: a, dia: b, at: k });
        }
      }
    }
    for (const x of this.pressuresInTens(tokens, passed)) lower(x);
    if (found) return found;
    let sys: Value | undefined;
    let dia: Value | undefined;
    for (const p of this.w.systolic.positions(tokens)) sys ??= this.numbersAfter(tokens, p.at + p.length, 4, sentence).filter(passed)[0];
    for (const p of this.w.diastolic.positions(tokens)) dia ??= this.numbersAfter(tokens, p.at + p.length, 4, sentence).filter(passed)[0];
    if (sys !== undefined || dia !== undefined) return { sys: sys?.value, dia: dia?.value, at: (sys ?? dia)!.at };
    // "huyết áp chỉ còn 80 mấy", "huyết áp 85 55": the first number after the word is the systolic pressure (after
    // the words in full: "ha" typed without accents is also "Hà", "hạ").
    for (const p of words.filter((w) => w.length > 1)) {
      const n = this.numbersAfter(tokens, p.at + p.length, 6, sentence).find((x) => x.value >= 50 && x.value <= 250);
      if (!n || !passed(n)) continue;
      const d = num(tokens[n.at + 1]);
      return d !== undefined && plausible(n.value, d) ? { sys: n.value, dia: d, at: n.at } : { sys: n.value, sysHi: n.hi, at: n.at };
    }
    // A bare "85/55" with "huyết áp" nowhere is still a blood pressure when nothing else explains it.
    const bare = tokens.findIndex((t) => t.kind === 'bp');
    if (bare >= 0 && !this.all.anyIn(tokens, 0, tokens.length) && !this.ignoreAt?.(bare) && passed({ at: bare })) {
      const [s, d] = tokens[bare]!.a.split('/').map(Number);
      if (plausible(s!, d!)) return { sys: s, dia: d, at: bare };
    }
    return undefined;
  }

  /** True when a measure word other than a temperature ends just before position `i` ("nhịp thở 40", "mạch là 40"). */
  private otherMeasureBefore(tokens: readonly Token[], i: number): boolean {
    for (let j = Math.max(0, i - 4); j < i; j++) {
      const m = this.all.at(tokens, j);
      if (m && m.value !== 'temperature' && j + m.length <= i && j + m.length >= i - 1) return true;
    }
    return false;
  }

  /** A young child's fever above the threshold that does not come down, or that lasts beyond the hours. */
  private temperature(tokens: readonly Token[], sentence: readonly number[], ages: Age[]): Reading | undefined {
    const t = this.rules.measures.temperature;
    const named = this.w.temp.positions(tokens).filter((p) => !this.ignoreAt?.(p.at));
    // A value written as a temperature: a decimal of 35–43 not followed by a word ("sáng 37,5 mà giờ 38,1"; not
    // "38,5 kg"), or degrees with a tenth ("38 độ 4", "38 độ rưỡi"); never a bare "38 độ" (the weather). With no word of
    // fever it stands for one; with one, it is read anywhere in that word's sentence ("sốt tới ngày thứ 3, nay vẫn 39,2").
    // Degrees Fahrenheit ("100.8F", "103 degrees F", "101 fahrenheit") are read in °C.
    const fahrenheit = (i: number): boolean => {
      const unit = tokens[i + 1]?.f ?? '';
      return unit === 'f' || unit === 'fahrenheit' || (DEGREES.has(unit) && (tokens[i + 2]?.f === 'f' || tokens[i + 2]?.f === 'fahrenheit'));
    };
    const celsius = (i: number): number | undefined => {
      const v = num(tokens[i]);
      if (v === undefined || !fahrenheit(i)) return v;
      return v >= 90 && v <= 110 ? Math.round((((v - 32) * 5) / 9) * 10) / 10 : undefined;
    };
    const written = (i: number): boolean => {
      const tok = tokens[i]!;
      const v = celsius(i);
      if (v === undefined || v < t.plausible[0] || v > t.plausible[1] || this.ignoreAt?.(i)) return false;
      if (fahrenheit(i)) return true;
      const next = tokens[i + 1];
      const decimal = /[.,]\d$/.test(tok.a) && (next?.kind !== 'word' || DECIMAL_TEMP_NEXT.has(next.f));
      const after = tokens[i + 2];
      return decimal || (next?.f === 'do' && Number.isInteger(v) && (after?.f === 'ruoi' || (num(after) ?? 10) < 10));
    };
    const feverAt = named.length ? named : tokens.flatMap((_, i) => (written(i) ? [{ at: i, length: 1 }] : []));
    if (!feverAt.length) return undefined;
    let value: number | undefined;
    // The highest value not in a part said to be past ("hôm qua sốt 38, giờ hết sốt").
    let now: number | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const v = celsius(i);
      if (v === undefined || v < t.plausible[0] || v > t.plausible[1] || this.ignoreAt?.(i)) continue;
      const f = tokens[i + 1]?.f ?? '';
      const unit = DEGREES.has(f) || fahrenheit(i) ? 'do' : f;
      // "nhịp thở 40, nhiệt độ 37.5": a value of another measure word is not a temperature, unless in degrees.
      if (unit !== 'do' && unit !== 'c' && this.otherMeasureBefore(tokens, i)) continue;
      // "sốt 39,5" or "a 39.7 fever".
      const near = feverAt.some(
        (p) => p.at === i || (sentence[p.at] === sentence[i] && ((p.at < i && (i - p.at <= 4 || written(i))) || (p.at > i && p.at - i <= 2))),
      );
      // "39 độ 7" is 39,7 °C.
      // "39 độ rưỡi" is 39,5 °C.
      const tenth = f === 'do' && Number.isInteger(v) ? (tokens[i + 2]?.f === 'ruoi' ? 5 : num(tokens[i + 2])) : undefined;
      const read = tenth !== undefined && tenth < 10 ? v + tenth / 10 : v;
      if (near || unit === 'do' || unit === 'c') {
        value = Math.max(value ?? 0, read);
        if (!this.pastAt?.(i)) now = Math.max(now ?? 0, read);
      }
    }
    let hours = 0;
    // Hours said with a number (not "mấy ngày"), and not an age ("bé sơ sinh 10 ngày").
    let statedHours = 0;
    const ageAt = new Set(ages.map((a) => a.at));
    for (let i = 0; i < tokens.length; i++) {
      const v = num(tokens[i]);
      if (v === undefined) continue;
      const unit = tokens[i + 1]?.f ?? '';
      const h = HOUR_UNITS.has(unit) ? v : DAYS_UNITS.has(unit) && v < 30 ? v * 24 : 0;
      hours = Math.max(hours, h);
      if (!ageAt.has(i) && tokens[i + 2]?.f !== 'tuoi') statedHours = Math.max(statedHours, h);
    }
    for (let i = 0; i < tokens.length; i++) {
      if (MANY_DAYS.some((w) => w.every((x, k) => tokens[i + k]?.f === x))) hours = Math.max(hours, 48);
      // "từ thứ hai tới thứ năm": the days between two weekdays.
      const gap = tokens[i + 3]?.f === 'nay' || tokens[i + 3]?.f === 'gio' ? 1 : 0; // "từ thứ hai tới nay (giờ) thứ năm"
      if (
        tokens[i]?.f === 'thu' &&
        WEEKDAY[tokens[i + 1]?.f ?? ''] &&
        (tokens[i + 2]?.f === 'toi' || tokens[i + 2]?.f === 'den') &&
        tokens[i + 3 + gap]?.f === 'thu'
      ) {
        const d = (WEEKDAY[tokens[i + 4 + gap]?.f ?? ''] ?? 0) - WEEKDAY[tokens[i + 1]!.f]!;
        if (d > 0) hours = statedHours = Math.max(hours, d * 24);
      }
    }
    // "sốt ngày thứ 3", "sốt tới ngày thứ 3", "sốt tới nay là ngày thứ tư": the fever's third (fourth) day, two days and more.
    for (const p of feverAt) {
      let k = p.at + p.length;
      for (let n = 0; n < 3 && DAY_BRIDGE.has(tokens[k]?.f ?? ''); n++) k++;
      if (tokens[k]?.f === 'ngay' && tokens[k + 1]?.f === 'thu') {
        const next = tokens[k + 2];
        // The day's rank, as a number or said as a weekday's ("thứ tư").
        const d = num(next) ?? (next?.kind === 'word' ? WEEKDAY[next.f] : undefined);
        if (d !== undefined && d < 30) hours = statedHours = Math.max(hours, (d - 1) * 24);
      }
    }
    const first = feverAt[0]!.at;
    // "vẫn … 39,2" after the fever word, or right before one or before a temperature ("vẫn sốt 40,1", "vẫn 39,8 đo tai").
    const persisting = this.w.persisting
      .positions(tokens)
      .some((p) => sentence[p.at] === sentence[first] && (p.at > first || feverAt.some((q) => q.at === p.at + p.length) || written(p.at + p.length)));
    // Said to have gone ("sốt 3 ngày, giờ hết sốt rồi", "bé hết sốt từ hôm qua").
    const gone = this.w.gone.positions(tokens).length > 0;
    const young = this.youngChild(tokens, t.child_under_months, ages);
    const high = value !== undefined && value > t.above;
    // A baby of a stated age under `infant.under_months` ("bé 1 tháng sốt 38,5"): any fever from the line is alarming.
    const inf = t.infant;
    const infant = inf !== undefined && now !== undefined && now >= inf.at_or_above && ages.some((a) => a.months < inf.under_months);
    if (infant) {
      const shownInfant = `${String(now).replace('.', ',')}°C`;
      return {
        measure: 'temperature',
        value: String(now),
        alarming: true,
        label: `trẻ dưới ${inf.under_months} tháng sốt ${shownInfant}`,
        labelEn: `a baby under ${inf.under_months} months with a temperature of ${now}°C`,
        threshold: `trẻ dưới ${inf.under_months} tháng: từ ${String(inf.at_or_above).replace('.', ',')}°C`,
        thresholdEn: `a baby under ${inf.under_months} months: ${inf.at_or_above}°C or more`,
        basis: inf.basis,
      };
    }
    // A fever that has lasted the hours, said with a number, is alarming without "không hạ" unless it has gone, was in
    // the past, or the temperature given is not a fever ("sốt 72 tiếng rồi, lúc lên lúc xuống").
    const lasting = statedHours >= t.hours && !gone && (now === undefined || now >= FEVER_FROM) && !this.pastAt?.(first);
    const alarming = young && ((persisting && (high || hours >= t.hours)) || lasting);
    if (value === undefined && !alarming) return undefined;
    const shown = value !== undefined ? `${String(value).replace('.', ',')}°C` : `sốt hơn ${t.hours} giờ`;
    // An older child or an adult with a high fever ("sốt 40 độ"): no warning sign by itself, but not "under the warning
    // level" of young children either; the reply gives the home-care advice for a fever above it.
    const fever = !alarming && !young && value !== undefined && t.fever && value > t.fever.above ? t.fever : undefined;
    if (fever)
      return {
        measure: 'temperature',
        value: String(value),
        alarming: false,
        high: true,
        labelEn: `temperature ${value}°C`,
        label: `nhiệt độ ${shown}`,
        threshold: `trên ${String(fever.above).replace('.', ',')}°C`,
        thresholdEn: `above ${fever.above}°C`,
        basis: fever.basis,
      };
    return {
      measure: 'temperature',
      value: value !== undefined ? String(value) : `${hours}h`,
      alarming,
      labelEn: young ? 'young child with fever that does not come down' : `temperature ${value ?? '?'}°C`,
      label: young ? `trẻ nhỏ ${value !== undefined ? `sốt ${shown}` : shown}${persisting ? ' không hạ' : ''}` : `nhiệt độ ${shown}`,
      // An adult's temperature is compared with the line of the fever advice, not with young children's warning sign.
      ...(!young && t.fever
        ? {
            threshold: `người lớn, trẻ lớn: dùng thuốc hạ sốt khi sốt trên ${String(t.fever.above).replace('.', ',')}°C`,
            thresholdEn: `adults and older children: fever medicine above ${t.fever.above}°C`,
            basis: t.fever.basis,
          }
        : {
            threshold: `trẻ dưới ${t.child_under_months / 12} tuổi: sốt trên ${t.above}°C khó hạ, hoặc không đỡ sau ${t.hours} giờ`,
            thresholdEn: `a child under ${t.child_under_months / 12} years: fever above ${t.above}°C that is hard to bring down, or not better after ${t.hours} hours`,
            basis: t.basis,
          }),
    };
  }
}
