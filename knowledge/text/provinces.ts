/**
 * Finds provinces named in free text: official names, aliases ("hcm", "sg", "hn", "sài gòn"), with or without accents.
 *
 * @example
 * const find = provinceFinder(provinces);
 * find('tu sg ve ha noi').map((m) => m.province.id) // ['ho-chi-minh', 'ha-noi']
 */
import type { Province } from '../content/schema';
import { tokenize } from './analyze';
import { foldVietnamese, normalizeVietnamese } from './vietnamese';

export interface ProvinceMention {
  province: Province;
  /** Token position of the mention. */
  at: number;
  /** Token position just after it. */
  end: number;
}

interface Entry {
  tokens: string[];
  folded: string[];
  province: Province;
}

export type ProvinceFinder = (text: string) => ProvinceMention[];

/** Prepares a finder over the province list (longest alias wins; a bare token may match an accented alias). */
export function provinceFinder(provinces: Province[]): ProvinceFinder {
  const entries: Entry[] = [];
  for (const p of provinces) {
    for (const name of [p.name, ...p.aliases]) {
      const tokens = tokenize(normalizeVietnamese(name));
      if (tokens.length) entries.push({ tokens, folded: tokens.map(foldVietnamese), province: p });
    }
  }
  entries.sort((a, b) => b.tokens.length - a.tokens.length);
  // Candidates by first token (as written and folded), longest first, so a text is scanned once.
  const byFirst = new Map<string, Entry[]>();
  for (const e of entries) {
    for (const k of new Set([e.tokens[0]!, e.folded[0]!])) {
      const list = byFirst.get(k);
      if (list) list.push(e);
      else byFirst.set(k, [e]);
    }
  }
  return (text: string) => {
    const toks = tokenize(normalizeVietnamese(String(text ?? '')));
    const folded = toks.map(foldVietnamese);
    const out: ProvinceMention[] = [];
    for (let i = 0; i < toks.length; ) {
      const candidates = byFirst.get(toks[i]!) ?? [];
      const hit = candidates.find((e) =>
        e.tokens.every((t, k) => {
          const q = toks[i + k];
          // Multi-syllable names match unaccented input; one-syllable aliases must match as typed.
          return q !== undefined && (q === t || (q === folded[i + k] && q === e.folded[k] && (e.tokens.length > 1 || t === e.folded[k])));
        }),
      );
      if (hit) {
        if (!out.some((m) => m.province.id === hit.province.id)) out.push({ province: hit.province, at: i, end: i + hit.tokens.length });
        i += hit.tokens.length;
      } else i++;
    }
    return out;
  };
}
