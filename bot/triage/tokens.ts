/**
 * Tokens for triage: each word keeps its accented form and its folded form, so that a rule phrase written with
 * accents ("khó thở") matches both "khó thở" and "kho tho", while words the citizen wrote with different accents
 * are never merged ("độ" is not "đỡ"; only an unaccented "do" may be either).
 *
 * @example
 * const t = tokenize('Mẹ em ko thở đc, SpO2 93%');
 * t.map((x) => x.f) // ['me', 'em', 'ko', 'tho', 'dc', ',', 'spo2', '93', '%']
 */
import { foldVietnamese, normalizeVietnamese } from '../../knowledge';

export type TokenKind = 'word' | 'num' | 'bp' | 'stop' | 'comma' | 'pct';

export interface Token {
  /** Lowercase, NFC, canonical tone placement. */
  a: string;
  /** Accents folded (đ → d). */
  f: string;
  /** The citizen wrote this word without any accent (a === f). */
  plain: boolean;
  kind: TokenKind;
  /** Masked by a harmless phrase ("ngạt mũi"): matches nothing. */
  masked?: boolean;
  /** A word with the ngã tone, read with hỏi ("thỡ" → "thở", see {@link hoiNga}). */
  h?: string;
}

/** A compiled word of a rule phrase. */
export interface Key {
  a: string;
  f: string;
  accented: boolean;
  /** In tone-loose phrase sets, a word with hỏi or ngã: read with hỏi, matched against {@link Token.h} or the word. */
  h?: string;
}

/** Vowels with the ngã tone and the same vowels with hỏi. */
const NGA = 'ãẵẫẽễĩõỗỡũữỹ';
const HOI = 'ảẳẩẻểỉỏổởủửỷ';
const NGA_RE = /[ãẵẫẽễĩõỗỡũữỹ]/gu;
const NGA_ANY = /[ãẵẫẽễĩõỗỡũữỹ]/u;
const HOI_OR_NGA = /[ãẵẫẽễĩõỗỡũữỹảẳẩẻểỉỏổởủửỷ]/u;
/**
 * Hỏi and ngã are one tone in Southern and Central speech, and are confused in writing and by voice typing ("khó
 * thỡ", "bất tĩnh", "không tĩnh táo"): a word with either tone is read with hỏi. Used for sign phrases only, never for
 * negation or context words.
 */
export function hoiNga(a: string): string {
  return a.replace(NGA_RE, (c) => HOI[NGA.indexOf(c)]!);
}

/** Zero-width, bidi and other format characters (digits split by U+200B must meet again). */
const FORMAT = /[\p{Cf}]/gu;

/** English negative contractions spelled out ("can't" → "can not"), so that rule phrases need one spelling. */
function expandContractions(t: string): string {
  return t
    .replace(/\b(can['’]?t|cannot)\b/g, 'can not')
    .replace(/\bwon['’]?t\b/g, 'will not')
    .replace(/\b([a-z]+)n['’]t\b/g, '$1 not')
    .replace(/\b(dont|doesnt|didnt|isnt|wasnt|arent|couldnt|wouldnt|hasnt|havent)\b/g, (m) => `${m.slice(0, -2)} not`);
}

const TOKEN_RE = /\d{2,3}\s?\/\s?\d{2,3}(?!\d)|\d+(?:[.,]\d+)?|[\p{L}\p{M}]+(?:\/[\p{L}\p{M}]+)?\d*|[.?!;\n]+|,|%/gu;

/** Tone marks (dấu thanh) in NFD: a Vietnamese syllable carries at most one. */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Onsets and codas of a Vietnamese syllable, accents folded (đ → d). */
const ONSETS = new Set([
  '',
  'b',
  'c',
  'ch',
  'd',
  'g',
  'gh',
  'gi',
  'h',
  'k',
  'kh',
  'l',
  'm',
  'n',
  'ng',
  'ngh',
  'nh',
  'p',
  'ph',
  'qu',
  'r',
  's',
  't',
  'th',
  'tr',
  'v',
  'x',
]);
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "any non-ASCII character"
const NON_ASCII = /[^\u0000-\u007f]/u;

/**
 * Stretched letters ("khoooo", "thởởở", "quáaaa", "emmmm"): a run of three or more of the same letter (accents
 * aside) becomes one, keeping an accented one. A word without a vowel ("kkk", "cccd") is left as it is. In a word
 * with a Vietnamese letter, a last letter typed twice ("đauu", "ngựcc") is one: no Vietnamese syllable ends so.
 */
export function unstretch(word: string): string {
  if (word.length < 3 || !/(\p{L})\1/u.test(word)) return word;
  const chars = [...word];
  const base = chars.map((c) => foldVietnamese(c));
  // "kkk", "zzz", and abbreviations without a vowel ("cccd") are not stretched words.
  if (!base.some((b) => VOWELS.has(b))) return word;
  let out = '';
  for (let i = 0; i < chars.length; ) {
    let j = i + 1;
    while (j < chars.length && base[j] === base[i]) j++;
    const last = j === chars.length && j - i === 2 && NON_ASCII.test(word);
    if (j - i >= 3 || last) out += chars.slice(i, j).find((c, k) => c !== base[i + k]) ?? chars[i]!;
    else out += chars.slice(i, j).join('');
    i = j;
  }
  return out;
}

/**
 * An accented word made of several syllables typed without spaces ("mẹtôikhóthởquá", "khôngnằmxuốngđược") is split
 * into its syllables: consonants between two vowel groups go to the next syllable as far as they make an onset
 * ("khóthở" → "khó thở", "khôngnằm" → "không nằm"). Returns the word unchanged unless every piece is a syllable
 * with a valid onset and coda and at most one tone mark. Unaccented words are never split ("oxygen" stays).
 */
export function splitJoined(word: string): string {
  if (word.length < 4 || /^[a-z]+$/.test(word)) return word;
  const chars = [...word];
  const f = chars.map((c) => foldVietnamese(c));
  if (chars.every((c, i) => c === f[i])) return word;
  // Vowel or consonant; the "u" of "qu" belongs to the onset.
  const vowel = f.map((c, i) => VOWELS.has(c) && !(c === 'u' && f[i - 1] === 'q'));
  const groups: { from: number; to: number }[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (!vowel[i]) continue;
    const from = i;
    while (i + 1 < chars.length && vowel[i + 1]) i++;
    groups.push({ from, to: i + 1 });
  }
  if (groups.length < 2) return word;
  const cuts: number[] = [];
  for (let g = 1; g < groups.length; g++) {
    const from = groups[g - 1]!.to;
    const to = groups[g]!.from;
    let cut = -1;
    for (let k = from; k <= to; k++) {
      if (CODAS.has(f.slice(from, k).join('')) && ONSETS.has(f.slice(k, to).join(''))) {
        cut = k;
        break;
      }
    }
    if (cut < 0) return word;
    cuts.push(cut);
  }
  if (!ONSETS.has(f.slice(0, groups[0]!.from).join('')) || !CODAS.has(f.slice(groups[groups.length - 1]!.to).join(''))) return word;
  const pieces: string[] = [];
  let start = 0;
  for (const c of [...cuts, chars.length]) {
    const piece = chars.slice(start, c).join('');
    if ((piece.normalize('NFD').match(new RegExp(TONE.source, 'gu')) ?? []).length > 1) return word;
    pieces.push(piece);
    start = c;
  }
  return pieces.join(' ');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ranges are "any non-ASCII character"
const RESHAPE = /(\p{L})\1|[^\u0000-\u007f][a-z]*(?:[bcdghklmnpqrstvx][a-z]*[^\u0000-\u007f\s\p{P}\p{S}\d]|đ)/u;

/** Stretched letters and joined syllables of one word, memoised (words repeat across messages; bounded). */
const shapes = new Map<string, string>();
function wordShape(word: string): string {
  if (word.length < 3) return word;
  let v = shapes.get(word);
  if (v === undefined) {
    v = splitJoined(unstretch(word));
    if (shapes.size >= 8192) shapes.clear();
    if (word.length <= 40) shapes.set(word, v);
  }
  return v;
}

/** Normalised text: NFKC (full-width digits), format characters removed, lowercase, one tone placement. */
export function prepare(text: string): string {
  let t = String(text ?? '')
    .normalize('NFKC')
    .replace(FORMAT, '')
    .toLowerCase();
  // Before tone placement, which treats a word as one syllable; only when a word may be stretched (a doubled
  // letter) or joined (two accented letters with a consonant between them).
  if (RESHAPE.test(t)) t = t.replace(/\p{L}+/gu, wordShape);
  t = normalizeVietnamese(t);
  t = expandContractions(t);
  // "42l/p", "4t", "35w", "20p": a number glued to its unit is split from it; "tho40", "mach130": a word glued to
  // its value too, except words that carry a digit ("spo2", "f0", "covid19", "o2").
  t = t.replace(/(\d)([\p{L}])/gu, '$1 $2');
  t = t.replace(/([\p{L}]{2,})(\d{2,3})(?!\d)/gu, (m, word: string, digits: string) => (/^(covid|sars|pm)$/.test(word) ? m : `${word} ${digits}`));
  // An accented word glued to one digit ("bé7tháng"): unaccented ones may be names ("f0", "spo2", "h5n1").
  if (/[^\p{ASCII}]\p{L}*\d/u.test(t)) t = t.replace(/([\p{L}]*[^\p{ASCII}\p{P}\p{S}\s][\p{L}]*)(\d)(?!\d)/gu, '$1 $2');
  return t;
}

function classify(raw: string): TokenKind {
  if (raw === ',') return 'comma';
  if (raw === '%') return 'pct';
  if (/^[.?!;\n]+$/.test(raw)) return 'stop';
  if (/^\d{2,3}\s?\/\s?\d{2,3}$/.test(raw)) return 'bp';
  if (/^\d+(?:[.,]\d+)?$/.test(raw)) return 'num';
  return 'word';
}

export function tokenize(text: string, limit = 400): Token[] {
  const out: Token[] = [];
  for (const m of prepare(text).matchAll(TOKEN_RE)) {
    const raw = m[0].replace(/\s+/g, '');
    const kind = classify(m[0].includes('\n') ? '\n' : raw);
    const a = kind === 'stop' ? '.' : raw;
    const f = foldVietnamese(a);
    const tok: Token = { a, f, plain: a === f, kind };
    if (!tok.plain && NGA_ANY.test(a)) tok.h = hoiNga(a);
    out.push(tok);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Compiles a rule phrase into keys (the same preparation as messages, without rewriting). A phrase starting with "="
 * matches only exactly as written: "=hóc" is not "học" typed without accents.
 */
export function compile(phrase: string, toneLoose = false): Key[] {
  const exact = phrase.startsWith('=');
  return tokenize(exact ? phrase.slice(1) : phrase).map((t) => {
    const key: Key = { a: t.a, f: t.f, accented: !t.plain && !exact };
    if (toneLoose && key.accented && HOI_OR_NGA.test(t.a)) key.h = hoiNga(t.a);
    return key;
  });
}

const DIGIT: Record<string, number> = { mot: 1, mốt: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, sau: 6, bay: 7, bảy: 7, tam: 8, chin: 9 };
/** Digit words as written with accents: "bà" (grandmother) or "bảy" typed "bay" aside, "bà hôm nay" is no "3 hôm". */
const DIGIT_WORDS = new Set(['một', 'mốt', 'hai', 'ba', 'bốn', 'tư', 'năm', 'lăm', 'sáu', 'bảy', 'bẩy', 'tám', 'chín']);
const digitOf = (t: Token | undefined): number | undefined => (t && t.kind === 'word' && (t.plain || DIGIT_WORDS.has(t.a)) ? DIGIT[t.f] : undefined);

/** Digit words that, typed without accents, are more often other words before a unit of time (từ, bây, sau). */
const PLAIN_NOT_DIGIT = new Set(['tu', 'bay', 'sau']);
/** English tens and units ("ninety four", "seventy-two" typed or spoken): read as digits. */
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const EN_UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
/** Units of time after an English number word ("three days"). */
const EN_TIME = new Set(['days', 'day', 'hours', 'hour', 'weeks', 'week', 'months', 'month', 'years', 'year']);

/**
 * Numbers written in words become digits: "chín mươi hai" → 92, "một trăm lẻ hai" → 102, "mười lăm" → 15,
 * "ba mươi" → 30. Only sequences with "mươi", "mười" or "trăm" are read, so "ba" (father) and "năm" (year) stay words.
 */
export function numberWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    let value = 0;
    let read = false;
    const d0 = digitOf(tokens[j]);
    if (d0 !== undefined && tokens[j + 1]?.f === 'tram') {
      value = d0 * 100;
      j += 2;
      read = true;
      if (tokens[j]?.f === 'le' || tokens[j]?.f === 'linh') {
        const d = digitOf(tokens[j + 1]);
        if (d !== undefined) {
          value += d;
          j += 2;
        }
      }
    }
    // "4 mươi": a digit typed as a numeral before "mươi".
    const typed = tokens[j]?.kind === 'num' && /^\d$/.test(tokens[j]!.a) ? Number(tokens[j]!.a) : undefined;
    const tens = digitOf(tokens[j]) ?? typed;
    if (tens !== undefined && tokens[j + 1]?.f === 'muoi' && tokens[j + 1]!.a !== 'mười') {
      value += tens * 10;
      j += 2;
      read = true;
      const unit = digitOf(tokens[j]);
      if (unit !== undefined) {
        value += unit;
        j++;
      }
    } else if (tokens[j]?.f === 'muoi') {
      value += 10;
      j++;
      read = true;
      const unit = digitOf(tokens[j]);
      if (unit !== undefined) {
        value += unit;
        j++;
      }
    }
    // "ninety four", "seventy-two": an English tens word, with its unit if one follows.
    const en = EN_TENS[tokens[i]!.kind === 'word' ? tokens[i]!.f : ''];
    if (!read && en !== undefined) {
      const unit = tokens[i + 1]?.kind === 'word' ? EN_UNITS[tokens[i + 1]!.f] : undefined;
      const v = en + (unit ?? 0);
      out.push({ a: String(v), f: String(v), plain: true, kind: 'num' });
      i += unit === undefined ? 1 : 2;
      continue;
    }
    // "ba ngày", "hai tháng", "hai tuổi rưỡi": one digit word before a unit of time or age; "three days" too.
    if (!read) {
      // Typed without accents, "tu", "bay", "sau" before a unit are rather "từ", "bây", "sau" ("muon tu tu ngay bay gio",
      // "sau ngay tiem"): only with their accents are they numbers there.
      const plainAmbiguous = tokens[i]?.plain && PLAIN_NOT_DIGIT.has(tokens[i]!.f);
      const d = plainAmbiguous
        ? undefined
        : (digitOf(tokens[i]) ?? (tokens[i]?.kind === 'word' && EN_TIME.has(tokens[i + 1]?.f ?? '') ? EN_UNITS[tokens[i]!.f] : undefined));
      if (
        d !== undefined &&
        (['ngay', 'hom', 'tieng', 'gio', 'tuan', 'thang', 'tuoi'].includes(tokens[i + 1]?.f ?? '') || EN_TIME.has(tokens[i + 1]?.f ?? ''))
      ) {
        out.push({ a: String(d), f: String(d), plain: true, kind: 'num' });
        i += 1;
        continue;
      }
    }
    // "chín ba", "tám chín", "chín lăm": a reading said as two digits (70–99).
    if (!read) {
      const first = digitOf(tokens[i]);
      const second = tokens[i + 1]?.f === 'lam' ? 5 : tokens[i + 1]?.f === 'mot' ? 1 : digitOf(tokens[i + 1]);
      // … and "ba chín độ", "ba tám độ rưỡi": a temperature said as two digits before "độ".
      if (
        first !== undefined &&
        (first >= 7 || ((first === 3 || first === 4) && tokens[i + 2]?.f === 'do')) &&
        second !== undefined &&
        tokens[i + 1]?.kind === 'word' &&
        !(tokens[i + 2]?.f === 'muoi' || tokens[i + 2]?.f === 'tram')
      ) {
        out.push({ a: String(first * 10 + second), f: String(first * 10 + second), plain: true, kind: 'num' });
        i += 2;
        continue;
      }
    }
    if (read && j > i) {
      out.push({ a: String(value), f: String(value), plain: true, kind: 'num' });
      // "phần trăm" after a number is a percent sign.
      if (tokens[j]?.f === 'phan' && tokens[j + 1]?.f === 'tram') j += 2;
      i = j;
    } else out.push(tokens[i++]!);
  }
  return out;
}

/** One word of a rule against one token: accented rule words also match the unaccented spelling. */
export function keyMatches(tok: Token | undefined, key: Key): boolean {
  if (!tok || tok.masked) return false;
  if (tok.a === key.a) return true;
  if (key.h !== undefined && (tok.h ?? tok.a) === key.h) return true;
  return key.accented && tok.plain && tok.f === key.f;
}

/** True when the phrase `keys` starts at position `i`. */
export function phraseAt(tokens: readonly Token[], keys: readonly Key[], i: number): boolean {
  for (let k = 0; k < keys.length; k++) if (!keyMatches(tokens[i + k], keys[k]!)) return false;
  return keys.length > 0;
}

/**
 * A set of phrases indexed by the folded form of their first word, for "which of these phrases start here?".
 * Longest first.
 */
export class PhraseSet<T = undefined> {
  private readonly byFirst = new Map<string, { keys: Key[]; value: T }[]>();

  /** `toneLoose`: accented words of the phrases also match a word written with ngã for hỏi ({@link hoiNga}). */
  constructor(phrases: Iterable<[string, T]>, toneLoose = false) {
    for (const [p, value] of phrases) {
      const keys = compile(p, toneLoose);
      if (!keys.length) continue;
      const list = this.byFirst.get(keys[0]!.f) ?? [];
      list.push({ keys, value });
      list.sort((x, y) => y.keys.length - x.keys.length);
      this.byFirst.set(keys[0]!.f, list);
    }
  }

  static of(phrases: readonly string[], toneLoose = false): PhraseSet {
    return new PhraseSet(
      phrases.map((p): [string, undefined] => [p, undefined]),
      toneLoose,
    );
  }

  /** The longest phrase starting at `i`: its length and value, or undefined. */
  at(tokens: readonly Token[], i: number): { length: number; value: T } | undefined {
    const tok = tokens[i];
    if (!tok || tok.masked) return undefined;
    const list = this.byFirst.get(tok.f);
    if (!list) return undefined;
    for (const p of list) if (phraseAt(tokens, p.keys, i)) return { length: p.keys.length, value: p.value };
    return undefined;
  }

  /** Every phrase starting at `i`, longest first. */
  allAt(tokens: readonly Token[], i: number): { length: number; value: T }[] {
    const tok = tokens[i];
    if (!tok || tok.masked) return [];
    return (this.byFirst.get(tok.f) ?? []).filter((p) => phraseAt(tokens, p.keys, i)).map((p) => ({ length: p.keys.length, value: p.value }));
  }

  /** True when any phrase starts anywhere in tokens[from, to). */
  anyIn(tokens: readonly Token[], from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < Math.min(to, tokens.length); i++) if (this.at(tokens, i)) return true;
    return false;
  }

  /** Start positions of every phrase in tokens[from, to). */
  positions(tokens: readonly Token[], from = 0, to = tokens.length): { at: number; length: number; value: T }[] {
    const out: { at: number; length: number; value: T }[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, tokens.length); i++) {
      const m = this.at(tokens, i);
      if (m) out.push({ at: i, ...m });
    }
    return out;
  }
}

/** Words after a number that make it a price or a count, not a reading ("sp 95 nghìn"; not "k": "sp 92 k sao chứ" is "không"). Folded. */
export const PRICE = new Set(['k', 'nghin', 'ngan', 'd', 'dong', 'vnd', 'tr', 'trieu', 'cai', 'hop', 'chiec', 'sp', 'usd']);

/**
 * "sp 90" typed for "SpO2 90": a plain "sp" right before a number in a reading's range (50–100), not a price or a
 * count after it ("sp 90k", "sp 95 nghìn": "sp" is a product), becomes "spo2".
 */
function spAbbreviation(tokens: Token[]): Token[] {
  return tokens.map((t, i) => {
    const n = tokens[i + 1];
    if (!(t.plain && t.f === 'sp' && n?.kind === 'num' && Number(n.a) >= 50 && Number(n.a) <= 100)) return t;
    if (PRICE.has(tokens[i + 2]?.f ?? '')) return t;
    return { ...t, a: 'spo2', f: 'spo2' };
  });
}

/**
 * Rewrites teencode and abbreviations ("ko" → "khong", "sp02" → "spo2"), longest variant first, and masks
 * harmless phrases. Returns a new token list.
 */
export function rewrite(tokens: Token[], rules: PhraseSet<string>, mask: PhraseSet): Token[] {
  let out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = rules.at(tokens, i);
    if (m) {
      for (const w of m.value.split(' ')) out.push({ a: w, f: w, plain: true, kind: 'word' });
      i += m.length;
    } else out.push(tokens[i++]!);
  }
  out = spAbbreviation(numberWords(out));
  for (let i = 0; i < out.length; i++) {
    const m = mask.at(out, i);
    if (m) for (let k = 0; k < m.length; k++) out[i + k] = { ...out[i + k]!, masked: true };
  }
  return out;
}
