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
