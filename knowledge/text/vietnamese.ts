/**
 * Vietnamese text normalisation: NFC, lowercase, one tone-mark placement, accent folding.
 *
 * Citizens type "hoà" and "hòa", "thuỷ" and "thủy", with or without marks, sometimes in decomposed Unicode.
 * Everything that compares text goes through {@link normalizeVietnamese} first, so both styles meet.
 *
 * @example
 * normalizeVietnamese('Hoà Bình, THUỶ') // 'hòa bình, thủy'
 * foldVietnamese('Đi lại giữa các vùng') // 'di lai giua cac vung'
 */

/** Combining tone marks (dấu thanh): grave, acute, hook above, tilde, dot below. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0309', '\u0303', '\u0323']);
/** Combining marks that change the vowel's shape (dấu mũ, trăng, móc) and stay on their letter. */
const SHAPE_MARKS = new Set(['\u0302', '\u0306', '\u031B']);
const BASE_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

interface Letter {
  base: string;
  shape: string; // shape marks, in canonical order
}

/** Splits one lowercase NFD syllable into letters and its tone mark (if any). */
function decompose(syllableNfd: string): { letters: Letter[]; tone: string } {
  const letters: Letter[] = [];
  let tone = '';
  for (const ch of syllableNfd) {
    if (TONE_MARKS.has(ch)) {
      tone = ch;
    } else if (SHAPE_MARKS.has(ch) || (ch >= '\u0300' && ch <= '\u036f')) {
      const last = letters[letters.length - 1];
      if (last) last.shape += ch;
    } else {
      letters.push({ base: ch, shape: '' });
    }
  }
  return { letters, tone };
}

/**
 * Index of the letter that carries the tone, by one fixed rule:
 * a vowel with a shape mark wins (the last one, for ươ); a closed syllable puts it on the last vowel;
 * an open syllable puts it on the first of two vowels and the middle of three ("hòa", "thủy", "khoái").
 */
function tonePosition(letters: Letter[]): number {
  const isVowel = (i: number): boolean => BASE_VOWELS.has(letters[i]?.base ?? '');
  let start = 0;
  // Onsets "qu" and "gi" (before another vowel) are consonants.
  const first = letters[0]?.base;
  const second = letters[1]?.base;
  if (first === 'q' && second === 'u') start = 2;
  else if (first === 'g' && second === 'i' && isVowel(2)) start = 2;
  let i = start;
  while (i < letters.length && !isVowel(i)) i++;
  const vStart = i;
  while (i < letters.length && isVowel(i)) i++;
  const vEnd = i; // exclusive
  if (vStart >= vEnd) return -1;
  for (let k = vEnd - 1; k >= vStart; k--) {
    if (letters[k]!.shape !== '') return k;
  }
  const count = vEnd - vStart;
  if (count === 1) return vStart;
  const closed = vEnd < letters.length;
  if (closed) return vEnd - 1;
  if (count >= 3) return vStart + 1;
  return vStart;
}

function recompose(letters: Letter[], tone: string, at: number): string {
  let out = '';
  letters.forEach((l, idx) => {
    out += l.base + l.shape + (idx === at ? tone : '');
  });
  return out.normalize('NFC');
}

const WORD_RE = /[\p{L}\p{M}]+/gu;

/** Places the tone mark of one lowercase word by the canonical rule; words without a tone pass through. */
function canonicalTone(word: string): string {
  const nfd = word.normalize('NFD');
  const { letters, tone } = decompose(nfd);
  if (!tone) return word.normalize('NFC');
  const at = tonePosition(letters);
  if (at < 0) return word.normalize('NFC');
  return recompose(letters, tone, at);
}

/**
 * A bounded memo for pure string functions: one message is normalised and folded by several stages of a turn
 * (triage, intents, travel, search), and words repeat across messages. Long inputs are not kept; the table is
 * emptied when full, so memory stays bounded.
 */
function memo(fn: (s: string) => string, maxEntries: number, maxLength: number): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    if (s.length > maxLength) return fn(s);
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

const normalizeMemo = memo(
  (text) =>
    text
      .normalize('NFC')
      .toLowerCase()
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "any non-ASCII character"
      .replace(WORD_RE, (w) => (/[^\u0000-\u007f]/.test(w) ? canonicalTone(w) : w)),
  1024,
  600,
);

/** NFC, lowercase, canonical tone placement. Never throws; idempotent. */
export function normalizeVietnamese(text: string): string {
  return normalizeMemo(String(text));
}

const foldMemo = memo(
  (text) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFC'),
  8192,
  600,
);

/** Strips every diacritic and maps đ→d. The result of folding Vietnamese letters is ASCII. */
export function foldVietnamese(text: string): string {
  return foldMemo(String(text));
}

/** True when the text has no Vietnamese diacritics at all (typed "without accents"). */
export function isUnaccented(text: string): boolean {
  return foldVietnamese(text) === text.normalize('NFC');
}

/** Whether a text holds one of the words or phrases, compared without accents, on word boundaries. */
export function hasWord(text: string, words: readonly string[]): boolean {
  const folded = ` ${foldVietnamese(text.toLowerCase()).replace(/[^a-z0-9]+/g, ' ')} `;
  return words.some((w) =>
    folded.includes(
      ` ${foldVietnamese(normalizeVietnamese(w))
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()} `,
    ),
  );
}
