/**
 * The index in use, swapped atomically without a restart: when a new version appears in the index directory
 * (`kb build` switched `CURRENT`), or on demand (`rebuild`). A build that fails validation never replaces the index
 * in use; its problems stay visible in `status()`.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem } from '../content/load';
import { buildIndexArtifact, currentVersion, loadIndexVersion, type LoadedIndex } from './artifact';
import type { IndexEmbeddings } from './embeddings';

export interface LiveIndexStatus {
  version: string;
  loadedAt: string;
  /** The last failed reload, if it came after the last successful one. */
  lastError?: { at: string; message: string; problems: ContentProblem[] };
}

export class LiveIndex {
  private loadedAt = new Date().toISOString();
  private lastError?: LiveIndexStatus['lastError'];
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    public current: LoadedIndex,
    private readonly kbDir: string,
    private readonly indexDir: string,
    private readonly embeddings: IndexEmbeddings,
    private readonly log: (line: string) => void = () => undefined,
    private readonly onSwap: (version: string) => void = () => undefined,
  ) {}

  status(): LiveIndexStatus {
    return { version: this.current.meta.version, loadedAt: this.loadedAt, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  private swap(next: LoadedIndex, why: string): void {
    if (next.meta.version === this.current.meta.version) return;
    this.current = next;
    this.loadedAt = new Date().toISOString();
    this.lastError = undefined;
    this.log(`index ${next.meta.version} in use (${why})`);
    this.onSwap(next.meta.version);
  }

  private fail(message: string, problems: ContentProblem[] = []): void {
    this.lastError = { at: new Date().toISOString(), message, problems };
    this.log(`index reload failed, keeping ${this.current.meta.version}: ${message}`);
  }

  /** One reload at a time. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.busy.then(fn, fn);
    this.busy = run.catch(() => undefined);
    return run;
  }

  /** Loads the version named by CURRENT (or `version`) if it differs from the one in use. */
  reloadVersion(version?: string): Promise<boolean> {
    return this.serial(async () => {
      const v = version ?? currentVersion(this.indexDir);
      if (!v || v === this.current.meta.version) return false;
      const dir = join(this.indexDir, v);
      if (!existsSync(join(dir, 'meta.json'))) return false;
      try {
        this.swap(await loadIndexVersion(dir, this.embeddings), 'new version in the index directory');
        return true;
      } catch (err) {
        this.fail(`cannot load ${v}: ${(err as Error).message}`);
        return false;
      }
    });
  }

  /** Validates the content and builds a new version; swaps to it, or keeps the current one and reports why. */
  rebuild(): Promise<{ ok: true; version: string } | { ok: false; problems: ContentProblem[] }> {
    return this.serial(async () => {
      const built = await buildIndexArtifact(this.kbDir, this.indexDir, this.embeddings).catch((err: unknown) => ({
        ok: false as const,
        problems: [{ file: this.kbDir, message: (err as Error).message }],
      }));
      if (!built.ok) {
        this.fail(`${built.problems.length} content problem(s)`, built.problems);
        return { ok: false, problems: built.problems };
      }
      this.swap(built.loaded, 'rebuilt');
      return { ok: true, version: built.loaded.meta.version };
    });
  }

  /** Watches the index directory: a new CURRENT is picked up within a moment. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.indexDir, (_event, name) => {
      if (name && !String(name).startsWith('CURRENT')) return;
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reloadVersion(), 150);
    });
    this.watcher.on('error', (err) => this.log(`index watch: ${err.message}`));
  }

  close(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
  }
}
