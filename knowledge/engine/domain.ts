/**
 * Is a question about the guidance at all? Matches the lexicon's `domain` phrases in the question.
 * A phrase token matches a question token when they are equal, or when the question token was typed without
 * accents and equals the phrase token folded ("bao" does not match "bão" when typed "báo", but "bao" typed bare does).
 */
import type { Domain } from '../content/schema';
import { analyze, tokenize, type Lexicon } from '../text/analyze';
import { foldVietnamese, normalizeVietnamese } from '../text/vietnamese';

export type DomainSignal = 'strong' | 'weak' | 'none';

interface Phrase {
  tokens: string[];
  folded: string[];
}

export interface DomainMatcher {
  strong: Phrase[];
  weak: Phrase[];
  offTopic: Phrase[];
}

function phrase(tokens: string[]): Phrase {
  return { tokens, folded: tokens.map(foldVietnamese) };
}

/** Prepares the phrases; domain phrases go through the lexicon like questions do, off-topic ones do not. */
export function compileDomain(domain: Domain, lexicon: Lexicon): DomainMatcher {
  return {
    strong: domain.strong.map((p) => phrase(analyze(p, lexicon).tokens)),
    weak: domain.weak.map((p) => phrase(analyze(p, lexicon).tokens)),
    offTopic: domain.off_topic.map((p) => phrase(tokenize(normalizeVietnamese(p)))),
  };
}

function contains(tokens: string[], p: Phrase): boolean {
  const n = p.tokens.length;
  if (n === 0) return false;
  outer: for (let i = 0; i + n <= tokens.length; i++) {
    for (let k = 0; k < n; k++) {
      const t = tokens[i + k]!;
      if (t !== p.tokens[k] && !(t === foldVietnamese(t) && t === p.folded[k])) continue outer;
    }
    return true;
  }
  return false;
}

export interface DomainReading {
  signal: DomainSignal;
  /** The question contains a look-alike phrase ("que thử thai"). */
  offTopic: boolean;
}

/** Reads the domain signals of a question. */
export function readDomain(text: string, matcher: DomainMatcher, lexicon: Lexicon): DomainReading {
  const tokens = analyze(text, lexicon).tokens;
  const raw = tokenize(normalizeVietnamese(String(text ?? '')));
  const signal: DomainSignal = matcher.strong.some((p) => contains(tokens, p))
    ? 'strong'
    : matcher.weak.some((p) => contains(tokens, p))
      ? 'weak'
      : 'none';
  return { signal, offTopic: matcher.offTopic.some((p) => contains(raw, p)) };
}
