/**
 * The versioned index artifact. `kb build` writes `<indexDir>/<version>/` (meta.json, data.json, vectors/) and
 * then points `<indexDir>/CURRENT` at it with an atomic rename, so a reader never sees half an index.
 * Start-up loads the current version, or builds one when it is missing or older than the content.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadKnowledgeBase, type ContentProblem } from '../content/load';
import { loadSources } from '../content/sources';
import { CardClassifier } from './classifier';
import type { IndexEmbeddings } from './embeddings';
import type { SearchOptions } from './options';
import { KnowledgeIndex, type IndexData } from './search';
import { HnswVectorStore } from './vector-store';

/** Bumped whenever the artifact layout or the analysis changes, so old artifacts are rebuilt. */
export const INDEX_FORMAT = 9;

export interface IndexMeta {
  format: number;
  version: string;
  contentHash: string;
  embedder: string;
  createdAt: string;
  cards: number;
  vectors: number;
}

export interface LoadedIndex {
  index: KnowledgeIndex;
  meta: IndexMeta;
  dir: string;
}

function contentFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|txt)$/.test(name)) out.push(full);
    }
  };
  for (const f of ['documents.yaml', 'lexicon.yaml', 'levels.csv', 'triage.yaml', 'conversation.yaml', 'travel-rules.yaml']) out.push(join(root, f));
  walk(join(root, 'cards'));
  walk(join(root, 'sources'));
  return out;
}

/** Hash of every content file that goes into the index (paths and bytes). */
export function contentHash(root: string): string {
  const h = createHash('sha256');
  h.update(`format:${INDEX_FORMAT}\n`);
  for (const f of contentFiles(root)) {
    h.update(relative(root, f));
    h.update('\0');
    h.update(existsSync(f) ? readFileSync(f) : Buffer.alloc(0));
    h.update('\0');
  }
  return h.digest('hex');
}

function atomicWrite(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Reads the version named by `<indexDir>/CURRENT`, or undefined. */
export function currentVersion(indexDir: string): string | undefined {
  const f = join(indexDir, 'CURRENT');
  if (!existsSync(f)) return undefined;
  const v = readFileSync(f, 'utf8').trim();
  return v || undefined;
}

export type BuildResult = { ok: true; loaded: LoadedIndex; problems: [] } | { ok: false; problems: ContentProblem[] };

/** Validates the content, builds the index, writes a new version and makes it current. */
export async function buildIndexArtifact(
  root: string,
  indexDir: string,
  embeddings: IndexEmbeddings,
  options: Partial<SearchOptions> = {},
  onProgress?: (done: number, total: number) => void,
): Promise<BuildResult> {
  const hash = contentHash(root);
  const kb = loadKnowledgeBase(root);
  if (!kb.value) return { ok: false, problems: kb.problems };
  const sources = await loadSources(root, new Set(kb.value.documents.keys()));
  if (sources.problems.length) return { ok: false, problems: sources.problems };
  const index = await KnowledgeIndex.build(kb.value, embeddings, options, onProgress, sources.passages);
  const stamp = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  const version = `${stamp}-${hash.slice(0, 10)}`;
  const dir = join(indexDir, version);
  const tmpDir = `${dir}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const meta: IndexMeta = {
    format: INDEX_FORMAT,
    version,
    contentHash: hash,
    embedder: embeddings.id,
    createdAt: new Date().toISOString(),
    cards: index.data.cards.length,
    vectors: index.vectors.size,
  };
  writeFileSync(join(tmpDir, 'data.json'), JSON.stringify(index.data));
  await index.vectors.save(join(tmpDir, 'vectors'));
  if (index.english) await index.english.vectors.save(join(tmpDir, 'vectors-en'));
  index.classifier?.save(join(tmpDir, 'classifier'));
  index.english?.classifier?.save(join(tmpDir, 'classifier-en'));
  writeFileSync(join(tmpDir, 'meta.json'), JSON.stringify(meta, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmpDir, dir);
  atomicWrite(join(indexDir, 'CURRENT'), `${version}\n`);
  pruneOldVersions(indexDir, 3);
  return { ok: true, loaded: { index, meta, dir }, problems: [] };
}

/** Keeps the newest `keep` versions (and always the current one). */
export function pruneOldVersions(indexDir: string, keep: number): void {
  const current = currentVersion(indexDir);
  const versions = readdirSync(indexDir)
    .filter((n) => /^\d{14}-[0-9a-f]+$/.test(n))
    .sort()
    .reverse();
  for (const v of versions.slice(keep)) {
    if (v !== current) rmSync(join(indexDir, v), { recursive: true, force: true });
  }
}

/** Loads one version directory. Throws if it is incomplete or unreadable. */
export async function loadIndexVersion(dir: string, embeddings: IndexEmbeddings, options: Partial<SearchOptions> = {}): Promise<LoadedIndex> {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as IndexMeta;
  const data = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8')) as IndexData;
  const vectors = await HnswVectorStore.load(join(dir, 'vectors'), embeddings);
  const english = data.english ? await HnswVectorStore.load(join(dir, 'vectors-en'), embeddings) : undefined;
  // The classifiers learned at build time; an artifact without them (weight 0 when built) trains them here.
  const learned = (name: string): CardClassifier | undefined => (existsSync(join(dir, `${name}.json`)) ? CardClassifier.load(join(dir, name)) : undefined);
  return {
    index: new KnowledgeIndex(data, vectors, embeddings, options, english, { own: learned('classifier'), english: learned('classifier-en') }),
    meta,
    dir,
  };
}

export interface OpenIndexResult {
  loaded?: LoadedIndex;
  /** How the index was obtained. */
  how: 'loaded' | 'built' | 'stale-kept' | 'failed';
  problems: ContentProblem[];
}

/**
 * Start-up: load the current version if it matches the content and the embedder; otherwise build a new one.
 * When the content is broken, an older index (if any) keeps serving and the problems are returned.
 */
export async function openIndex(root: string, indexDir: string, embeddings: IndexEmbeddings, options: Partial<SearchOptions> = {}): Promise<OpenIndexResult> {
  mkdirSync(indexDir, { recursive: true });
  const version = currentVersion(indexDir);
  let existing: LoadedIndex | undefined;
  if (version) {
    try {
      existing = await loadIndexVersion(join(indexDir, version), embeddings, options);
    } catch {
      existing = undefined;
    }
  }
  const fresh =
    existing && existing.meta.format === INDEX_FORMAT && existing.meta.embedder === embeddings.id && existing.meta.contentHash === contentHash(root);
  if (existing && fresh) return { loaded: existing, how: 'loaded', problems: [] };
  const built = await buildIndexArtifact(root, indexDir, embeddings, options);
  if (built.ok) return { loaded: built.loaded, how: 'built', problems: [] };
  const usable = existing && existing.meta.format === INDEX_FORMAT && existing.meta.embedder === embeddings.id;
  return usable ? { loaded: existing, how: 'stale-kept', problems: built.problems } : { how: 'failed', problems: built.problems };
}
