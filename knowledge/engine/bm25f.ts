/**
 * BM25F over four fields (citizen questions, title, answer, tags), kept twice: once with accents and once
 * accent-folded, so that a question typed without accents scores against the folded family.
 *
 * The index is plain JSON (it goes into the versioned index artifact) and is scored with the options of the
 * moment, so weights can be tuned without rebuilding.
 */
import type { SearchOptions } from './options';

export const FIELDS = ['questions', 'title', 'answer', 'tags'] as const;
export type Field = (typeof FIELDS)[number];
export type Family = 'accented' | 'folded';

/** Terms of one document per field, for one family. */
export type FieldTerms = Record<Field, string[]>;

export interface FamilyIndex {
  avgLen: Record<Field, number>;
  /** lens[f][doc] */
  lens: Record<Field, number[]>;
  /** term → flat list of [doc, tfQuestions, tfTitle, tfAnswer, tfTags, doc, …] */
  postings: Record<string, number[]>;
}

export interface Bm25Index {
  ids: string[];
  families: Record<Family, FamilyIndex>;
}

const STRIDE = 1 + FIELDS.length;

function buildFamily(docs: FieldTerms[]): FamilyIndex {
  const lens = Object.fromEntries(FIELDS.map((f) => [f, docs.map((d) => d[f].length)])) as Record<Field, number[]>;
  const avgLen = Object.fromEntries(FIELDS.map((f) => [f, Math.max(1, lens[f].reduce((a, b) => a + b, 0) / Math.max(1, docs.length))])) as Record<
    Field,
    number
  >;
  const postings: Record<string, number[]> = Object.create(null);
  docs.forEach((doc, di) => {
    const tf = new Map<string, number[]>();
    FIELDS.forEach((f, fi) => {
      for (const term of doc[f]) {
        let row = tf.get(term);
        if (!row) {
          row = new Array(FIELDS.length).fill(0);
          tf.set(term, row);
        }
        row[fi]!++;
      }
    });
    for (const [term, row] of tf) {
      postings[term] ??= [];
      postings[term].push(di, ...row);
    }
  });
  return { avgLen, lens, postings };
}

/** Builds the index from per-document field terms of both families. */
export function buildBm25(ids: string[], accented: FieldTerms[], folded: FieldTerms[]): Bm25Index {
  return { ids, families: { accented: buildFamily(accented), folded: buildFamily(folded) } };
}

/** A weighted query term. */
export interface QueryTerm {
  term: string;
  weight: number;
}

export interface FamilyScores {
  /** Raw BM25F score per document index (sparse). */
  scores: Map<number, number>;
  /** Σ weight·idf over the query terms: the score of a document that matches every term once. */
  norm: number;
}

/** Scores every document that shares a term with the query. */
export function scoreFamily(index: Bm25Index, family: Family, terms: QueryTerm[], opts: SearchOptions): FamilyScores {
  const fam = index.families[family];
  const n = index.ids.length;
  const scores = new Map<number, number>();
  let norm = 0;
  const { k1 } = opts;
  for (const { term, weight } of terms) {
    const post = fam.postings[term];
    const df = post ? post.length / STRIDE : 0;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    norm += weight * idf;
    if (!post) continue;
    for (let p = 0; p < post.length; p += STRIDE) {
      const doc = post[p]!;
      let tf = 0;
      for (let fi = 0; fi < FIELDS.length; fi++) {
        const raw = post[p + 1 + fi]!;
        if (raw === 0) continue;
        const f = FIELDS[fi]!;
        const b = opts.fieldB[f];
        const lenNorm = 1 - b + (b * fam.lens[f][doc]!) / fam.avgLen[f];
        tf += (opts.fieldWeights[f] * raw) / lenNorm;
      }
      const contribution = (weight * idf * tf * (k1 + 1)) / (k1 + tf);
      scores.set(doc, (scores.get(doc) ?? 0) + contribution);
    }
  }
  return { scores, norm };
}
