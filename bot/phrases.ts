/**
 * Phrase matching over token arrays, shared by triage and intent recognition. Both run on every message, so these
 * allocate nothing unless a phrase matches.
 */
const NONE: readonly number[] = Object.freeze([]);

/** True when the phrase `p` starts at position `i` of `tokens`. */
export function matchesAt(tokens: readonly string[], p: readonly string[], i: number): boolean {
  for (let k = 0; k < p.length; k++) if (tokens[i + k] !== p[k]) return false;
  return true;
}

/** Positions where the phrase `p` starts in `tokens`. */
export function findAll(tokens: readonly string[], p: readonly string[]): readonly number[] {
  if (p.length === 0) return NONE;
  let out: number[] | undefined;
  for (let i = 0; i + p.length <= tokens.length; i++) {
    if (tokens[i] === p[0] && matchesAt(tokens, p, i)) {
      out ??= [];
      out.push(i);
    }
  }
  return out ?? NONE;
}

/** The first position where the phrase `p` starts in `tokens`, or -1 (an empty phrase is found at 0). */
export function indexOf(tokens: readonly string[], p: readonly string[]): number {
  for (let i = 0; i + p.length <= tokens.length; i++) if (matchesAt(tokens, p, i)) return i;
  return -1;
}
