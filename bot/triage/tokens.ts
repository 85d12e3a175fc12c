/**
 * Tokens for triage: each word keeps its accented form and its folded form, so that a rule phrase written with
 * accents ("khó thở") matches both "khó thở" and "kho tho", while words the citizen wrote with different accents
 * are never merged ("độ" is not "đỡ"; only an unaccented "do" may be either).
 *
 * @example
 * const t = tokenize('Mẹ em ko thở đc, SpO2 93%');
 * t.map((x) => x.f) // ['me', 'em', 'ko', 'tho', 'dc', ',', 'spo2', '93', '%']
 */
import { foldVietnamese, normalizeVietnamese } from '../../knowledge/text/vietnamese';

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
}

/** A compiled word of a rule phrase. */
export interface Key {
  a: string;
  f: string;
  accented: boolean;
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

/** Normalised text: NFKC (full-width digits), format characters removed, lowercase, one tone placement. */
export function prepare(text: string): string {
  let t = String(text ?? '').normalize('NFKC').replace(FORMAT, '').toLowerCase();
  t = normalizeVietnamese(t);
  t = expandContractions(t);
  // "42l/p", "4t", "35w", "20p": a number glued to its unit is split from it; "tho40", "mach130": a word glued to
  // its value too, except words that carry a digit ("spo2", "f0", "covid19", "o2").
  t = t.replace(/(\d)([\p{L}])/gu, '$1 $2');
  t = t.replace(/([\p{L}]{2,})(\d{2,3})(?!\d)/gu, (m, word: string, digits: string) => (/^(covid|sars|pm)$/.test(word) ? m : `${word} ${digits}`));
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
    out.push({ a, f, plain: a === f, kind });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Compiles a rule phrase into keys (the same preparation as messages, without rewriting). A phrase starting with "="
 * matches only exactly as written: "=hóc" is not "học" typed without accents.
 */
export function compile(phrase: string): Key[] {
  const exact = phrase.startsWith('=');
  return tokenize(exact ? phrase.slice(1) : phrase).map((t) => ({ a: t.a, f: t.f, accented: !t.plain && !exact }));
}

const DIGIT: Record<string, number> = { mot: 1, mốt: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, sau: 6, bay: 7, bảy: 7, tam: 8, chin: 9 };
const digitOf = (t: Token | undefined): number | undefined => (t && t.kind === 'word' ? DIGIT[t.f] : undefined);

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
    const tens = digitOf(tokens[j]);
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
    // "ba ngày", "hai tuổi rưỡi": one digit word before a unit of time or age.
    if (!read) {
      const d = digitOf(tokens[i]);
      if (d !== undefined && ['ngay', 'hom', 'tieng', 'gio', 'tuan', 'tuoi'].includes(tokens[i + 1]?.f ?? '')) {
        out.push({ a: String(d), f: String(d), plain: true, kind: 'num' });
        i += 1;
        continue;
      }
    }
    // "chín ba", "tám chín", "chín lăm": a reading said as two digits (70–99).
    if (!read) {
      const first = digitOf(tokens[i]);
      const second = tokens[i + 1]?.f === 'lam' ? 5 : tokens[i + 1]?.f === 'mot' ? 1 : digitOf(tokens[i + 1]);
      if (first !== undefined && first >= 7 && second !== undefined && tokens[i + 1]?.kind === 'word' && !(tokens[i + 2]?.f === 'muoi' || tokens[i + 2]?.f === 'tram')) {
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

  constructor(phrases: Iterable<[string, T]>) {
    for (const [p, value] of phrases) {
      const keys = compile(p);
      if (!keys.length) continue;
      const list = this.byFirst.get(keys[0]!.f) ?? [];
      list.push({ keys, value });
      list.sort((x, y) => y.keys.length - x.keys.length);
      this.byFirst.set(keys[0]!.f, list);
    }
  }

  static of(phrases: readonly string[]): PhraseSet {
    return new PhraseSet(phrases.map((p): [string, undefined] => [p, undefined]));
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
  out = numberWords(out);
  for (let i = 0; i < out.length; i++) {
    const m = mask.at(out, i);
    if (m) for (let k = 0; k < m.length; k++) out[i + k] = { ...out[i + k]!, masked: true };
  }
  return out;
}
