import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A card classifier learned from the cards' own phrasings: softmax regression over the question's words and word
 * pairs (the same analysed, accent-folded tokens BM25F uses). Where BM25F weighs a word by how rare it is among all
 * cards, the classifier learns which words tell one card from its neighbours ("f1" with "test" is not "f0" with
 * "test"); the search adds its probability to the fused score.
 *
 * Training is deterministic (fixed order, seeded shuffle) and takes about half a second for the whole knowledge base;
 * it runs when an index is built, and the index artifact keeps the weights (`save`, `load`), so it always matches the
 * cards it ranks.
 *
 * @example
 * const clf = CardClassifier.train([{ tokens: ['f1', 'cách', 'ly'], label: 'f1-cach-ly-hien-hanh' }, …]);
 * clf.probabilities(['f1', 'test']) // Map { 'f1-cach-ly-hien-hanh' => 0.62, … }
 */

export interface TrainingExample {
  /** Analysed tokens (accent-folded, fillers removed). */
  tokens: string[];
  label: string;
}

export interface ClassifierOptions {
  /** Passes over the examples. Default 10. */
  epochs: number;
  /** Step size (divided by the square root of the example's feature count). Default 0.5. */
  learningRate: number;
}

const DEFAULTS: ClassifierOptions = { epochs: 10, learningRate: 0.5 };

/** Features of a token list: each word and each pair of neighbouring words. */
function features(tokens: readonly string[]): string[] {
  const out = new Set<string>(tokens);
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i]}_${tokens[i + 1]}`);
  return [...out];
}

export class CardClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly vocabulary: ReadonlyMap<string, number>,
    /** Weights, feature-major: `weights[feature * labels.length + label]` (a question's features are few, labels many). */
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** Learns from the examples; labels are the distinct example labels, in order of first appearance. */
  static train(examples: readonly TrainingExample[], options: Partial<ClassifierOptions> = {}): CardClassifier {
    const o = { ...DEFAULTS, ...options };
    const labels: string[] = [];
    const labelIndex = new Map<string, number>();
    const vocabulary = new Map<string, number>();
    const rows: { x: number[]; y: number }[] = [];
    for (const e of examples) {
      if (!labelIndex.has(e.label)) {
        labelIndex.set(e.label, labels.length);
        labels.push(e.label);
      }
      const x = features(e.tokens).map((f) => {
        const known = vocabulary.get(f);
        if (known !== undefined) return known;
        vocabulary.set(f, vocabulary.size);
        return vocabulary.size - 1;
      });
      if (x.length) rows.push({ x, y: labelIndex.get(e.label)! });
    }
    const k = labels.length;
    const weights = new Float32Array(k * vocabulary.size);
    const bias = new Float32Array(k);
    const clf = new CardClassifier(labels, vocabulary, weights, bias);
    // Seeded shuffle (Park–Miller) so every build learns the same weights.
    let seed = 20211011;
    const random = (): number => {
      seed = Number((BigInt(seed) * 48271n) % 2147483647n);
      return seed / 2147483647;
    };
    const p = new Float64Array(k);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      for (const { x, y } of rows) {
        clf.softmax(x, p);
        const step = o.learningRate / Math.sqrt(x.length);
        for (let c = 0; c < k; c++) {
          const g = p[c]! - (c === y ? 1 : 0);
          // Cards the example already rules out learn nothing from it worth the time.
          if (Math.abs(g) < 1e-3) continue;
          const d = step * g;
          for (const j of x) weights[j * k + c]! -= d;
          bias[c]! -= 0.1 * o.learningRate * g;
        }
      }
    }
    return clf;
  }

  /** Writes the model: `<file>.json` (labels and features) and `<file>.f32` (biases, then weights). */
  save(file: string): void {
    writeFileSync(`${file}.json`, JSON.stringify({ labels: this.labels, features: [...this.vocabulary.keys()] }));
    const out = new Float32Array(this.bias.length + this.weights.length);
    out.set(this.bias, 0);
    out.set(this.weights, this.bias.length);
    writeFileSync(`${file}.f32`, Buffer.from(out.buffer));
  }

  /** Reads a model {@link save} wrote. Throws when the files are missing or do not fit together. */
  static load(file: string): CardClassifier {
    const head = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { labels: string[]; features: string[] };
    const bytes = readFileSync(`${file}.f32`);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const k = head.labels.length;
    if (all.length !== k * (1 + head.features.length)) throw new Error(`${file}: weights do not match labels and features`);
    return new CardClassifier(head.labels, new Map(head.features.map((f, i) => [f, i])), all.slice(k), all.slice(0, k));
  }

  /** Class probabilities into `out` for known feature indexes `x`. */
  private softmax(x: readonly number[], out: Float64Array): void {
    const k = this.labels.length;
    for (let c = 0; c < k; c++) out[c] = this.bias[c]!;
    for (const j of x) {
      const row = j * k;
      for (let c = 0; c < k; c++) out[c]! += this.weights[row + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (out[c]! > max) max = out[c]!;
    let z = 0;
    for (let c = 0; c < this.labels.length; c++) {
      out[c] = Math.exp(out[c]! - max);
      z += out[c]!;
    }
    for (let c = 0; c < this.labels.length; c++) out[c]! /= z;
  }

  /**
   * Probability of each card for a question's analysed tokens; empty when none of its words was seen in training
   * (nothing to go on).
   */
  probabilities(tokens: readonly string[]): Map<string, number> {
    const x: number[] = [];
    for (const f of features(tokens)) {
      const j = this.vocabulary.get(f);
      if (j !== undefined) x.push(j);
    }
    const out = new Map<string, number>();
    if (!x.length) return out;
    const p = new Float64Array(this.labels.length);
    this.softmax(x, p);
    for (let c = 0; c < this.labels.length; c++) out.set(this.labels[c]!, p[c]!);
    return out;
  }
}
