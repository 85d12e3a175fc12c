/**
 * Is a question about the guidance at all? Matches the lexicon's `domain` phrases in the question.
 * A phrase token matches a question token when they are equal, or when the question token was typed without
 * accents and equals the phrase token folded ("bao" typed bare may be "bão"; "báo" typed with accents is not).
 */
import type { Domain } from '../content/schema';
import { analyze, VIETNAMESE, type Lexicon, type TextAnalyzer } from '../text/analyze';
import { foldVietnamese } from '../text/vietnamese';

export type DomainSignal = 'strong' | 'weak' | 'none';

interface Phrase {
  tokens: string[];
  folded: string[];
}

/** Phrases indexed by their first token, accented and folded, so a question is scanned once. */
class PhraseSet {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly byFoldedFirst = new Map<string, Phrase[]>();

  constructor(phrases: string[][]) {
    for (const tokens of phrases) {
      if (tokens.length === 0) continue;
      const p: Phrase = { tokens, folded: tokens.map(foldVietnamese) };
      const push = (m: Map<string, Phrase[]>, k: string): void => {
        const list = m.get(k);
        if (list) list.push(p);
        else m.set(k, [p]);
      };
      push(this.byFirst, tokens[0]!);
      push(this.byFoldedFirst, p.folded[0]!);
    }
  }

  /** True when any phrase occurs in the tokens; `folded[i]` is tokens[i] without accents. */
  foundIn(tokens: string[], folded: string[]): boolean {
    const matchAt = (p: Phrase, i: number): boolean => {
      if (i + p.tokens.length > tokens.length) return false;
      for (let k = 0; k < p.tokens.length; k++) {
        const t = tokens[i + k]!;
        if (t !== p.tokens[k] && !(t === folded[i + k] && t === p.folded[k])) return false;
      }
      return true;
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      for (const p of this.byFirst.get(t) ?? []) if (matchAt(p, i)) return true;
      if (t === folded[i]) for (const p of this.byFoldedFirst.get(t) ?? []) if (matchAt(p, i)) return true;
    }
    return false;
  }
}

export interface DomainMatcher {
  analyzer: TextAnalyzer;
  strong: PhraseSet;
  /** The strong phrases as written, without the lexicon ("close contact" stays itself, not its canonical "f1"). */
  strongTyped: PhraseSet;
  weak: PhraseSet;
  offTopic: PhraseSet;
  rumour: PhraseSet;
}

/** Prepares the phrases; domain phrases go through the lexicon like questions do, off-topic ones do not. */
export function compileDomain(domain: Domain, lexicon: Lexicon, analyzer: TextAnalyzer = VIETNAMESE): DomainMatcher {
  return {
    analyzer,
    strong: new PhraseSet(domain.strong.map((p) => analyze(p, lexicon, analyzer).tokens)),
    strongTyped: new PhraseSet(domain.strong.map((p) => analyzer.tokens(p))),
    weak: new PhraseSet(domain.weak.map((p) => analyze(p, lexicon, analyzer).tokens)),
    offTopic: new PhraseSet(domain.off_topic.map((p) => analyzer.tokens(p))),
    rumour: new PhraseSet(domain.rumour_cues.map((p) => analyzer.tokens(p))),
  };
}

export interface DomainReading {
  signal: DomainSignal;
  /** The question contains a look-alike phrase ("que thử thai"). */
  offTopic: boolean;
  /** A strong term is in the words as typed (not only after lexicon rewriting: "cách li xì" is not "cách ly"). */
  strongAsTyped: boolean;
  /** The question checks a rumour ("nghe nói…", "có đúng không"). */
  rumour: boolean;
}

/** Reads the domain signals of a question from its analysed tokens and its raw (un-rewritten) tokens. */
export function readDomain(analysed: { tokens: string[]; folded: string[] }, text: string, matcher: DomainMatcher): DomainReading {
  const raw = matcher.analyzer.tokens(String(text ?? ''));
  const rawFolded = raw.map(foldVietnamese);
  const signal: DomainSignal = matcher.strong.foundIn(analysed.tokens, analysed.folded)
    ? 'strong'
    : matcher.weak.foundIn(analysed.tokens, analysed.folded)
      ? 'weak'
      : 'none';
  return {
    signal,
    offTopic: matcher.offTopic.foundIn(raw, rawFolded),
    strongAsTyped: signal === 'strong' && (matcher.strong.foundIn(raw, rawFolded) || matcher.strongTyped.foundIn(raw, rawFolded)),
    rumour: matcher.rumour.foundIn(raw, rawFolded),
  };
}
