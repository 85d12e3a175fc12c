/**
 * Facets of a question: who it is about (an F0 or an F1, a child, a pregnant woman, an elderly person, someone with
 * a chronic disease…), read from its words and the ages it states. Groups, values and their words are content
 * (`lexicon.yaml`, `facets`); cards declare the values they are about. A question that names a value of a group a
 * card declares, and none of that card's values in the group, rules the card out: "F1 cần làm gì" is never answered
 * with a card about F0 care.
 *
 * Words match as the citizen wrote them: an accented syllable matches only the same accents ("châu Âu" is not
 * "cháu"), an unaccented one matches any accents ("chau be" is "cháu bé").
 *
 * @example
 * const m = compileFacets(lexicon.facets, lex, VIETNAMESE);
 * m.read(analyze('bé nhà em 4 tuổi là F1', lex)) // Map { 'status' => Set {'f1'}, 'person' => Set {'child'} }
 */
import type { Facets } from '../content/schema';
import { analyze, type Analysis, type Lexicon, type TextAnalyzer } from '../text/analyze';

/** Facet values by group, as a question names them or a card declares them. */
export type FacetValues = ReadonlyMap<string, ReadonlySet<string>>;

interface Cue {
  group: string;
  value: string;
  tokens: string[];
}

export interface FacetMatcher {
  /** The facet values a question names (groups without any are absent). */
  read(analysis: Analysis): Map<string, Set<string>>;
}

/** Words after a number that make it an age in years ("72 tuổi", "5 years old", "3yo") or in months. */
const YEARS = new Set(['tuoi', 'year', 'years', 'yo', 'yr', 'yrs']);
const MONTHS = new Set(['thang', 'month', 'months']);

/** Ages in years a text states: "72 tuổi" → 72, "bé 10 tháng tuổi" / "a 6-month-old" → 0. */
export function statedAges(folded: readonly string[]): number[] {
  const out: number[] = [];
  folded.forEach((t, i) => {
    // "65t", "3yo": the unit written onto the number.
    const joined = /^(\d{1,3})(t|yo)$/.exec(t);
    if (joined) out.push(Number(joined[1]));
    if (!/^\d{1,3}$/.test(t)) return;
    const next = folded[i + 1];
    if (next && YEARS.has(next)) out.push(Number(t));
    // Months only with "tuổi" or "old" after them: "3 tháng" alone is a duration.
    else if (next && MONTHS.has(next) && (folded[i + 2] === 'tuoi' || folded[i + 2] === 'old')) out.push(0);
  });
  return out;
}

export function compileFacets(facets: Facets, lexicon: Lexicon, analyzer: TextAnalyzer): FacetMatcher {
  const cues: Cue[] = [];
  const ages: { group: string; value: string; from: number; to: number }[] = [];
  for (const [group, values] of Object.entries(facets)) {
    for (const [value, def] of Object.entries(values)) {
      for (const cue of def.cues) {
        const tokens = analyze(cue, lexicon, analyzer).tokens;
        if (tokens.length) cues.push({ group, value, tokens });
      }
      if (def.ages) ages.push({ group, value, from: def.ages[0], to: def.ages[1] });
    }
  }
  // A typed syllable matches a cue syllable when identical, or when typed without accents and equal once folded.
  const same = (typed: string, typedFolded: string, cue: string): boolean => typed === cue || (typed === typedFolded && typedFolded === analyzer.fold(cue));
  return {
    read(analysis: Analysis): Map<string, Set<string>> {
      const out = new Map<string, Set<string>>();
      const add = (group: string, value: string): void => {
        const set = out.get(group) ?? new Set<string>();
        set.add(value);
        out.set(group, set);
      };
      const { tokens, folded } = analysis;
      for (const cue of cues) {
        const n = cue.tokens.length;
        for (let i = 0; i + n <= tokens.length; i++) {
          let k = 0;
          while (k < n && same(tokens[i + k]!, folded[i + k]!, cue.tokens[k]!)) k++;
          if (k === n) {
            add(cue.group, cue.value);
            break;
          }
        }
      }
      for (const age of statedAges(folded)) for (const a of ages) if (age >= a.from && age <= a.to) add(a.group, a.value);
      return out;
    },
  };
}

/**
 * Whether a card's declared facets contradict what a question names: some group where the question names values,
 * the card declares values, and they share none.
 */
export function contradicts(question: FacetValues, card: Readonly<Record<string, readonly string[]>>): boolean {
  for (const [group, named] of question) {
    const declared = card[group];
    if (declared?.length && !declared.some((v) => named.has(v))) return true;
  }
  return false;
}
