/**
 * From raw citizen text to search terms: normalise, tokenise into syllables (keeping domain tokens such as
 * F0, SpO2, 38,5 and 1900 9095 whole), rewrite lexicon phrases to their canonical form, then emit the accented
 * and the accent-folded syllables plus syllable bigrams.
 *
 * @example
 * const lex = compileLexicon([{ canonical: 'xét nghiệm', variants: ['xn'] }]);
 * analyze('XN nhanh 2 vach', lex).folded // ['xet', 'nghiem', 'nhanh', '2', 'vach']
 */
import { foldVietnamese, isUnaccented, normalizeVietnamese } from './vietnamese';

/**
 * How one language's text becomes tokens: the Vietnamese analyzer (syllables, accents kept and folded) or the English
 * one (words, stemmed). The lexicon, the BM25F fields and the domain matcher all go through the same analyzer.
 */
export interface TextAnalyzer {
  readonly language: 'vi' | 'en';
  /** Tokens of a text as typed, before lexicon rewriting. */
  tokens(text: string): string[];
  /** The token without diacritics (identity where the language has none). */
  fold(token: string): string;
  /** Whether the text carries accents worth scoring against the accented field family. */
  accented(text: string): boolean;
}

/** A synonym group: every variant (and the unaccented spelling of multi-syllable phrases) becomes `canonical`. */
export interface SynonymGroup {
  canonical: string;
  variants: string[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  replacement?: string[];
}

/** Compiled lexicon: a token trie for longest-match rewriting. */
export interface Lexicon {
  root: TrieNode;
  maxPhrase: number;
  size: number;
}

const TOKEN_RE = /\d+(?:[.,]\d+)+|[\p{L}\p{M}\p{N}]+/gu;

/** Splits normalised text into tokens; numbers with a decimal separator stay one token ("38,5"). */
export function tokenize(normalized: string): string[] {
  const joined = normalized
    // Hotline numbers typed with spaces or dots stay one token: "1900 9095" → "19009095".
    .replace(/\b(1900|1800)[\s.-]*(\d{4})\b/g, '$1$2')
    .replace(/\b(\d{3,4})[\s.-](\d{3})[\s.-](\d{3,4})\b/g, '$1$2$3');
  const out: string[] = [];
  for (const m of joined.matchAll(TOKEN_RE)) {
    out.push(m[0].replace(/\./g, ','));
  }
  return out;
}

/** The Vietnamese analyzer: normalised syllables; accents kept, and folded for the unaccented family. */
export const VIETNAMESE: TextAnalyzer = {
  language: 'vi',
  tokens: (text) => tokenize(normalizeVietnamese(String(text ?? ''))),
  fold: foldVietnamese,
  accented: (text) => !isUnaccented(text),
};

/**
 * Builds the rewriting trie. Variants match the text as typed (after normalisation); for phrases of two or more
 * syllables the unaccented spelling is added automatically, so "xet nghiem" becomes "xét nghiệm". Single accented
 * syllables are not folded automatically because their unaccented forms collide ("hong" is both "họng" and "không").
 */
export function compileLexicon(groups: SynonymGroup[], analyzer: TextAnalyzer = VIETNAMESE): Lexicon {
  const phraseTokens = (phrase: string): string[] => analyzer.tokens(phrase);
  const root: TrieNode = { next: new Map() };
  let maxPhrase = 1;
  let size = 0;
  const add = (tokens: string[], replacement: string[]): void => {
    if (tokens.length === 0) return;
    if (tokens.length === replacement.length && tokens.every((t, i) => t === replacement[i])) return;
    let node = root;
    for (const t of tokens) {
      let child = node.next.get(t);
      if (!child) {
        child = { next: new Map() };
        node.next.set(t, child);
      }
      node = child;
    }
    if (!node.replacement) size++;
    node.replacement = replacement;
    maxPhrase = Math.max(maxPhrase, tokens.length);
  };
  for (const g of groups) {
    const canonical = phraseTokens(g.canonical);
    const spellings = [g.canonical, ...g.variants];
    for (const s of spellings) {
      const toks = phraseTokens(s);
      add(toks, canonical);
      if (toks.length >= 2) add(toks.map(analyzer.fold), canonical);
    }
  }
  return { root, maxPhrase, size };
}

export const EMPTY_LEXICON: Lexicon = { root: { next: new Map() }, maxPhrase: 1, size: 0 };

/** Rewrites lexicon phrases (longest match first, left to right). */
export function applyLexicon(tokens: string[], lexicon: Lexicon): string[] {
  return rewrite(tokens, lexicon).tokens;
}

/** Like {@link applyLexicon}, also telling which output tokens came from a lexicon phrase. */
export function rewrite(tokens: string[], lexicon: Lexicon): { tokens: string[]; fromLexicon: boolean[] } {
  const fromLexicon: boolean[] = [];
  if (lexicon.size === 0) return { tokens, fromLexicon: tokens.map(() => false) };
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let node: TrieNode | undefined = lexicon.root;
    let best: { end: number; replacement: string[] } | undefined;
    for (let j = i; j < tokens.length && j - i < lexicon.maxPhrase; j++) {
      node = node.next.get(tokens[j]!);
      if (!node) break;
      if (node.replacement) best = { end: j + 1, replacement: node.replacement };
    }
    if (best) {
      out.push(...best.replacement);
      for (const _ of best.replacement) fromLexicon.push(true);
      i = best.end;
    } else {
      out.push(tokens[i]!);
      fromLexicon.push(false);
      i++;
    }
  }
  return { tokens: out, fromLexicon };
}

export interface Analysis {
  /** Canonical syllables, accents kept as typed (or restored by the lexicon). */
  tokens: string[];
  /** The same syllables without diacritics. */
  folded: string[];
  /** True where the token came from a lexicon phrase (such tokens are never dropped as filler). */
  fromLexicon: boolean[];
}

/** Normalise, tokenise and rewrite. Never throws. */
export function analyze(text: string, lexicon: Lexicon = EMPTY_LEXICON, analyzer: TextAnalyzer = VIETNAMESE): Analysis {
  const { tokens, fromLexicon } = rewrite(analyzer.tokens(String(text ?? '')), lexicon);
  return { tokens, folded: tokens.map(analyzer.fold), fromLexicon };
}

/** Drops filler words (`stopwords`) that did not come from a lexicon phrase. */
export function withoutFillers(an: Analysis, stopwords: ReadonlySet<string>): Omit<Analysis, 'fromLexicon'> {
  const tokens: string[] = [];
  const folded: string[] = [];
  an.tokens.forEach((t, i) => {
    if (an.fromLexicon[i] || !stopwords.has(t)) {
      tokens.push(t);
      folded.push(an.folded[i]!);
    }
  });
  return { tokens, folded };
}

/** {@link analyze}, then {@link withoutFillers}. */
export function contentTokens(
  text: string,
  lexicon: Lexicon,
  stopwords: ReadonlySet<string>,
  analyzer: TextAnalyzer = VIETNAMESE,
): Omit<Analysis, 'fromLexicon'> {
  return withoutFillers(analyze(text, lexicon, analyzer), stopwords);
}

/** Syllables plus syllable bigrams ("xét", "nghiệm", "xét_nghiệm"). */
export function termsOf(tokens: string[]): string[] {
  const out = tokens.slice();
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]}_${tokens[i + 1]}`);
  return out;
}
