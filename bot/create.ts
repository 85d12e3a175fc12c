/**
 * Wires the bot from configuration: the knowledge index (built on first run), state (memory or Redis),
 * the gap recorder (JSONL file) and turn serialisation.
 */
import { ConversationState, UserState } from 'botbuilder';
import {
  formatProblem,
  openIndex,
  createEmbeddings,
  LiveIndex,
  guidanceAsOf,
  type ContentProblem,
  type LoadedIndex,
  type EmbeddingsSettings,
  type LiveIndexStatus,
} from '../knowledge';
import { CovidBot } from './bot';
import type { GapRecord, GapRecorder } from './gaps';
import { JsonlTrafficRecorder, type TrafficRecorder } from './traffic';
import { createStateBackend, type StateBackend, type StateSettings } from './state';
import { createLanguageService } from './language-service';

export interface BotRuntime {
  /** The date answers are judged against (GUIDANCE_AS_OF, default today). */
  asOf: () => string;
  bot: CovidBot;
  /** The index loaded at start (see `live` for the one in use now). */
  loaded: LoadedIndex;
  live: LiveIndex;
  state: StateBackend;
  problems: ContentProblem[];
  /** Rebuilds the index from the content and swaps to it (every replica follows through Redis). */
  reload(): Promise<{ ok: true; version: string } | { ok: false; problems: ContentProblem[] }>;
  status(): LiveIndexStatus;
  /** Every recorded question (Redis list when REDIS_URL is set, else the JSONL file). */
  readGaps(): Promise<GapRecord[]>;
  /** Deletes recorded questions older than `days` wherever they are kept. */
  pruneGaps(days: number): Promise<number>;
  close(): Promise<void>;
}

/** The deployment's choices, parsed from the environment by adapters/config.ts (`config.runtime`). */
export interface RuntimeSettings extends StateSettings {
  gapsFile: string;
  trafficFile: string;
  /** Fixed date answers are judged against (YYYY-MM-DD); today when unset. */
  guidanceAsOf?: string;
  embeddings: EmbeddingsSettings;
  azureLanguage?: { endpoint: string; key: string };
}

export interface RuntimeOptions {
  kbDir: string;
  indexDir: string;
  settings: RuntimeSettings;
  gaps?: GapRecorder;
  /** Per-turn records for the daily report; a JSONL file (`TRAFFIC_FILE`) when omitted. */
  traffic?: TrafficRecorder;
  log?: (line: string) => void;
  /** Watch the index directory and swap to a new version when `kb build` writes one. Default false. */
  watch?: boolean;
}

export async function createBotRuntime(options: RuntimeOptions): Promise<BotRuntime> {
  const settings = options.settings;
  const log = options.log ?? ((line: string) => console.error(line));
  const opened = await openIndex(options.kbDir, options.indexDir, createEmbeddings(settings.embeddings));
  for (const p of opened.problems) log(formatProblem(p));
  if (!opened.loaded) throw new Error('Không mở được chỉ mục tri thức (xem các lỗi ở trên).');
  const loaded = opened.loaded;
  const state = createStateBackend(settings);
  const embeddings = createEmbeddings(settings.embeddings);
  let announce = (_version: string): void => undefined;
  const live = new LiveIndex(loaded, options.kbDir, options.indexDir, embeddings, log, (version) => announce(version));
  if (options.watch) live.watch();
  // A reload on one replica is announced to all of them (with Redis; a lone process has no one to tell).
  const reloads = await state.broadcast('index-reload', (version) => {
    void live.reloadVersion(version).then((swapped) => {
      if (!swapped && version !== live.current.meta.version) void live.rebuild();
    });
  });
  announce = (version) => reloads.publish(version);
  const language = createLanguageService(settings.azureLanguage, (err) =>
    log(`language service: ${err instanceof Error ? err.message : String(err)} (local rules used)`),
  );
  const gapStore = state.gapStore(
    settings.gapsFile,
    (t) => language.redact(t),
    (err) => log(`gap recorder: ${String(err)}`),
  );
  const gaps = options.gaps ?? gapStore;
  const traffic = options.traffic ?? new JsonlTrafficRecorder(settings.trafficFile, (err) => log(`traffic recorder: ${String(err)}`));
  const asOf = guidanceAsOf(settings.guidanceAsOf);
  const bot = new CovidBot({
    today: asOf,
    traffic,
    index: () => live.current.index,
    conversationState: new ConversationState(state.storage),
    userState: new UserState(state.storage),
    gaps,
    gapQuota: state.gapQuota(),
    language,
  });
  return {
    bot,
    asOf,
    loaded,
    live,
    state,
    problems: opened.problems,
    reload: () => live.rebuild(),
    status: () => live.status(),
    readGaps: () => gapStore.all(),
    pruneGaps: (days) => gapStore.prune(days),
    close: async () => {
      live.close();
      if (traffic instanceof JsonlTrafficRecorder) await traffic.flush();
      await reloads.close();
      await state.close();
    },
  };
}
