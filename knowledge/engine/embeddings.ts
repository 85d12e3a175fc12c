/**
 * Embeddings for the vector channel.
 *
 * The default is local and needs no network: hashed character n-grams of the accent-folded text, which is robust
 * to missing accents and typos ("xet nghiêm", "cach li"). It implements LangChain's `Embeddings` interface, so a
 * hosted model can replace it through configuration (see {@link createEmbeddings}).
 *
 * @example
 * const emb = new HashedNgramEmbeddings({ dimensions: 256 });
 * const v = await emb.embedQuery('test nhanh 2 vach'); // unit-length number[256]
 */
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { foldVietnamese, normalizeVietnamese } from '../text/vietnamese';

export interface HashedNgramOptions extends EmbeddingsParams {
  /** Vector length. Default 256. */
  dimensions?: number;
  /** Character n-gram sizes. Default [3, 4]. */
  ngrams?: number[];
  /** Weight of whole-word features relative to character n-grams. Default 1.5. */
  wordWeight?: number;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bit, over s[start, end), continuing from state `h` (so a prefix need not be concatenated). */
function fnv1a(s: string, start = 0, end = s.length, h = FNV_OFFSET): number {
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD_PREFIX = fnv1a('w:');
const BIGRAM_PREFIX = fnv1a('b:');

export class HashedNgramEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly ngrams: number[];
  readonly wordWeight: number;

  constructor(options: HashedNgramOptions = {}) {
    super(options);
    this.dimensions = options.dimensions ?? 256;
    this.ngrams = options.ngrams ?? [3, 4];
    this.wordWeight = options.wordWeight ?? 1.5;
  }

  /** Identifies the embedding space; an index built with another space must be rebuilt. */
  get id(): string {
    return `hashed-ngram:${this.dimensions}:${this.ngrams.join(',')}:${this.wordWeight}`;
  }

  /** Synchronous embedding, used on the hot path. */
  embedSync(text: string): number[] {
    // Features: "w:<word>", "b:<word> <word>" and the character n-grams of " <text> ", each hashed (FNV-1a) to a
    // signed dimension. Hashes run over the text in place, without building the feature strings.
    const dims = this.dimensions;
    const v = new Float64Array(dims);
    const add = (h: number, weight: number): void => {
      v[(h >>> 1) % dims]! += h & 1 ? weight : -weight;
    };
    const padded = ` ${foldVietnamese(normalizeVietnamese(text))
      .replace(/[^a-z0-9,]+/g, ' ')
      .trim()} `;
    // Word boundaries in `padded`: words are separated by single spaces.
    let prevStart = -1;
    let prevEnd = -1;
    for (let start = 1; start < padded.length - 1; ) {
      const end = padded.indexOf(' ', start);
      add(fnv1a(padded, start, end, WORD_PREFIX), this.wordWeight);
      if (prevStart >= 0) add(fnv1a(padded, start - 1, end, fnv1a(padded, prevStart, prevEnd, BIGRAM_PREFIX)), this.wordWeight);
      prevStart = start;
      prevEnd = end;
      start = end + 1;
    }
    for (const n of this.ngrams) {
      for (let i = 0; i + n <= padded.length; i++) add(fnv1a(padded, i, i + n), 1);
    }
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm) || 1;
    const out = new Array<number>(dims);
    for (let i = 0; i < dims; i++) out[i] = v[i]! / norm;
    return out;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedSync(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }
}

/**
 * A hosted embedding model behind an OpenAI-compatible `POST {baseUrl}/embeddings` endpoint (OpenAI, Azure OpenAI
 * through a gateway, or a self-hosted server). Texts go in batches; a time-out bounds every call.
 *
 * @example
 * const emb = new HttpEmbeddings({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'text-embedding-3-small' });
 */
export interface HttpEmbeddingsOptions extends EmbeddingsParams {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Texts per request. Default 64. */
  batchSize?: number;
  /** Milliseconds before a request is abandoned. Default 10000. */
  timeoutMs?: number;
}

export class HttpEmbeddings extends Embeddings {
  private readonly opts: Required<Omit<HttpEmbeddingsOptions, keyof EmbeddingsParams | 'apiKey'>> & { apiKey?: string };

  constructor(options: HttpEmbeddingsOptions) {
    super({ maxRetries: 2, ...options });
    this.opts = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      model: options.model,
      apiKey: options.apiKey,
      batchSize: options.batchSize ?? 64,
      timeoutMs: options.timeoutMs ?? 10_000,
    };
  }

  get id(): string {
    return `http:${this.opts.baseUrl}:${this.opts.model}`;
  }

  private async request(input: string[]): Promise<number[][]> {
    const res = await fetch(`${this.opts.baseUrl}/embeddings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: this.opts.model, input }),
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
    if (!res.ok) throw new Error(`embeddings endpoint answered HTTP ${res.status}`);
    const body = (await res.json()) as { data?: { index: number; embedding: number[] }[] };
    if (!Array.isArray(body.data) || body.data.length !== input.length) throw new Error('embeddings endpoint: unexpected response shape');
    return [...body.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.opts.batchSize) {
      const batch = documents.slice(i, i + this.opts.batchSize);
      out.push(...(await this.caller.call(() => this.request(batch))));
    }
    return out;
  }

  async embedQuery(document: string): Promise<number[]> {
    const [v] = await this.caller.call(() => this.request([document]));
    return v!;
  }
}

/** What a search index needs from an embedder: LangChain's interface plus a stable id of its vector space. */
export type IndexEmbeddings = Embeddings & { readonly id: string };

/** Which embedder to use (from the configuration's `EMBEDDINGS*` variables). */
export type EmbeddingsSettings = { kind: 'local'; dimensions?: number } | { kind: 'http'; url: string; model: string; apiKey?: string };

/**
 * The embedder for the settings: {@link HashedNgramEmbeddings} in process (default), or {@link HttpEmbeddings}.
 * Changing the embedder changes `id`, which makes start-up rebuild the index.
 */
export function createEmbeddings(settings: EmbeddingsSettings = { kind: 'local' }): IndexEmbeddings {
  if (settings.kind === 'http') return new HttpEmbeddings({ baseUrl: settings.url, model: settings.model, apiKey: settings.apiKey });
  return new HashedNgramEmbeddings({ dimensions: settings.dimensions });
}
