/**
 * English text analysis for the English versions of the cards: lowercase, strip accents (foreigners type "Hà Nội" or
 * "Ha Noi"), tokenise like the Vietnamese side (domain tokens such as F0, SpO2, 38.5 and 1900 9095 stay whole), then
 * a light suffix stemmer so that "tested", "testing" and "tests" meet, and "isolation", "isolate", "isolated" too.
 *
 * @example
 * englishTokens('Tested positive, need to isolate?') // ['test', 'positive', 'need', 'to', 'isolat']
 */
import { tokenize, type TextAnalyzer } from './analyze';
import { foldVietnamese } from './vietnamese';

/** Words the stemmer leaves alone (their endings are not suffixes). */
const KEEP = new Set([
  'covid',
  'always',
  'news',
  'this',
  'his',
  'is',
  'was',
  'has',
  'does',
  'us',
  'yes',
  'bus',
  'virus',
  'plus',
  'less',
  'unless',
  'series',
  'species',
  'diabetes',
  'during',
  'nothing',
  'something',
  'anything',
  'everything',
  'thing',
  'morning',
  'evening',
  'bring',
  'spring',
  'ring',
  'king',
  'sing',
  'red',
  'need',
  'feed',
  'speed',
  'bed',
  'shed',
  'hundred',
  'abroad',
]);

const VOWEL = /[aeiouy]/;

/** A light suffix stemmer (English plural, -ing, -ed, -ation, -ly and a final -e), enough to join word forms. */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3 || KEEP.has(w) || /\d/.test(w)) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(?:ch|sh|x|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -3);
  else if (w.endsWith('ions') || (w.endsWith('ion') && w.length > 6)) w = w.replace(/ions?$/, '');
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4 && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/** "stopp" → "stop", but "test", "call", "pass" stay. */
function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Lowercased, accent-free text with the possessive and the apostrophes of contractions removed. */
export function normalizeEnglish(text: string): string {
  return foldVietnamese(String(text ?? '').normalize('NFC'))
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\b(can|don|doesn|didn|isn|aren|wasn|weren|won|haven|hasn|shouldn|couldn|wouldn)'t\b/g, '$1t')
    .replace(/'(s|m|re|ve|ll|d)\b/g, ' ')
    .replace(/\bcovid[\s-]*19\b/g, 'covid')
    .replace(/\bsars[\s-]*cov[\s-]*2\b/g, 'sarscov2');
}

/** Tokens of English text, stemmed. */
export function englishTokens(text: string): string[] {
  return tokenize(normalizeEnglish(text)).map(stemEnglish);
}

/** The English analyzer: stemmed words, no accents (the accented field family is never used). */
export const ENGLISH: TextAnalyzer = {
  language: 'en',
  tokens: englishTokens,
  fold: (token) => token,
  accented: () => false,
};

/** Edit distance with adjacent transpositions, stopping early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * An English analyzer that also mends typos: a word of 4 letters or more that no card and no lexicon phrase contains
 * becomes the known word one edit away (two for 8 letters or more), the most frequent when several are.
 *
 * @example
 * withSpelling(ENGLISH, new Map([['quarantin', 3]])).tokens('quarentine') // ['quarantin']
 */
export function withSpelling(analyzer: TextAnalyzer, known: ReadonlyMap<string, number>): TextAnalyzer {
  const byLength = new Map<number, string[]>();
  for (const w of known.keys()) {
    if (!/^[a-z]{3,}$/.test(w)) continue;
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  const cache = new Map<string, string>();
  const mend = (token: string): string => {
    if (known.has(token) || token.length < 4 || !/^[a-z]+$/.test(token)) return token;
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    const max = token.length >= 8 ? 2 : 1;
    let best = token;
    let bestScore = -1;
    for (let len = token.length - max; len <= token.length + max; len++) {
      for (const w of byLength.get(len) ?? []) {
        const d = distance(token, w, max);
        if (d > max) continue;
        const score = (max - d + 1) * 1e6 + (known.get(w) ?? 0);
        if (score > bestScore) {
          best = w;
          bestScore = score;
        }
      }
    }
    if (cache.size > 5000) cache.clear();
    cache.set(token, best);
    return best;
  };
  return { ...analyzer, tokens: (text) => analyzer.tokens(text).map(mend) };
}
