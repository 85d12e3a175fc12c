/**
 * A LangChain `SaveableVectorStore` on `hnswlib-node` (cosine space). Written here rather than taken from
 * `@langchain/community`, whose peer dependencies do not install cleanly on Node 20 with zod 4.
 *
 * Scores returned by LangChain methods are cosine *similarities* (higher is better), unlike `HNSWLib`
 * in `@langchain/community`, which returns distances.
 *
 * @example
 * const store = await HnswVectorStore.fromTexts(['test nhanh'], [{ cardId: 'a' }], new HashedNgramEmbeddings());
 * const [[doc, sim]] = await store.similaritySearchWithScore('test nhanh 2 vach', 1);
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { SaveableVectorStore } from '@langchain/core/vectorstores';
import { HierarchicalNSW } from 'hnswlib-node';

interface StoredArgs {
  space: 'cosine';
  numDimensions: number;
  count: number;
}

export class HnswVectorStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;
  private index?: HierarchicalNSW;
  private docs: DocumentInterface[] = [];
  private numDimensions?: number;

  _vectorstoreType(): string {
    return 'hnswlib-node';
  }

  constructor(embeddings: EmbeddingsInterface) {
    super(embeddings, {});
  }

  get size(): number {
    return this.docs.length;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    await this.addVectors(vectors, documents);
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    if (vectors.length !== documents.length) throw new Error('vectors and documents differ in length');
    if (vectors.length === 0) return;
    const dim = vectors[0]!.length;
    if (!this.index) {
      this.numDimensions = dim;
      this.index = new HierarchicalNSW('cosine', dim);
      this.index.initIndex(Math.max(16, vectors.length), 16, 200, 42);
      this.index.setEf(64);
    }
    if (dim !== this.numDimensions) throw new Error(`vector length ${dim} ≠ index dimensions ${this.numDimensions}`);
    const needed = this.docs.length + vectors.length;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    vectors.forEach((v, i) => {
      this.index!.addPoint(v, this.docs.length);
      this.docs.push(documents[i]!);
    });
  }

  /** Synchronous k-nearest search; returns [document, cosine similarity] pairs, best first. */
  searchSync(query: number[], k: number): [DocumentInterface, number][] {
    if (!this.index || this.docs.length === 0) return [];
    const kk = Math.min(k, this.docs.length);
    const { neighbors, distances } = this.index.searchKnn(query, kk);
    return neighbors.map((label, i) => [this.docs[label]!, 1 - distances[i]!]);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this['FilterType']): Promise<[DocumentInterface, number][]> {
    const hits = this.searchSync(query, filter ? this.docs.length : k);
    return (filter ? hits.filter(([d]) => filter(d)) : hits).slice(0, k);
  }

  override async save(directory: string): Promise<void> {
    if (!this.index) throw new Error('empty vector store');
    mkdirSync(directory, { recursive: true });
    this.index.writeIndexSync(join(directory, 'hnswlib.index'));
    const args: StoredArgs = { space: 'cosine', numDimensions: this.numDimensions!, count: this.docs.length };
    writeFileSync(join(directory, 'args.json'), JSON.stringify(args));
    writeFileSync(join(directory, 'docstore.json'), JSON.stringify(this.docs.map((d) => ({ pageContent: d.pageContent, metadata: d.metadata }))));
  }

  static override async load(directory: string, embeddings: EmbeddingsInterface): Promise<HnswVectorStore> {
    const args = JSON.parse(readFileSync(join(directory, 'args.json'), 'utf8')) as StoredArgs;
    const store = new HnswVectorStore(embeddings);
    const index = new HierarchicalNSW('cosine', args.numDimensions);
    index.readIndexSync(join(directory, 'hnswlib.index'), true);
    index.setEf(64);
    store.index = index;
    store.numDimensions = args.numDimensions;
    const docs = JSON.parse(readFileSync(join(directory, 'docstore.json'), 'utf8')) as DocumentInterface[];
    store.docs = docs.map((d) => new Document(d));
    return store;
  }

  static override async fromTexts(texts: string[], metadatas: object[] | object, embeddings: EmbeddingsInterface): Promise<HnswVectorStore> {
    const docs = texts.map((t, i) => new Document({ pageContent: t, metadata: Array.isArray(metadatas) ? metadatas[i] : metadatas }));
    const store = new HnswVectorStore(embeddings);
    await store.addDocuments(docs);
    return store;
  }
}
