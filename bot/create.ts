/**
 * Wires the bot from configuration: the knowledge index (built on first run), state (memory or Redis),
 * the gap recorder (JSONL file) and turn serialisation.
 */
import { ConversationState, UserState } from 'botbuilder';
import { formatProblem, type ContentProblem } from '../knowledge/content/load';
import { openIndex, type LoadedIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { CovidBot } from './bot';
import { JsonlGapRecorder, type GapRecorder } from './gaps';
import { createStateBackend, type StateBackend } from './state';
import { createLanguageService } from './language-service';

export interface BotRuntime {
  bot: CovidBot;
  loaded: LoadedIndex;
  state: StateBackend;
  problems: ContentProblem[];
  close(): Promise<void>;
}

export interface RuntimeOptions {
  kbDir: string;
  indexDir: string;
  env?: NodeJS.ProcessEnv;
  gaps?: GapRecorder;
  log?: (line: string) => void;
}

export async function createBotRuntime(o: RuntimeOptions): Promise<BotRuntime> {
  const env = o.env ?? process.env;
  const log = o.log ?? ((line: string) => console.error(line));
  const opened = await openIndex(o.kbDir, o.indexDir, createEmbeddings(env));
  for (const p of opened.problems) log(formatProblem(p));
  if (!opened.loaded) throw new Error('Không mở được chỉ mục tri thức (xem các lỗi ở trên).');
  const loaded = opened.loaded;
  const state = createStateBackend(env);
  const language = createLanguageService(env, (err) => log(`language service: ${err instanceof Error ? err.message : String(err)} (local rules used)`));
  const gaps =
    o.gaps ?? new JsonlGapRecorder(env.GAPS_FILE ?? '.data/gaps.jsonl', (err) => log(`gap recorder: ${String(err)}`), (t) => language.redact(t));
  const bot = new CovidBot({
    index: () => loaded.index,
    conversationState: new ConversationState(state.storage),
    userState: new UserState(state.storage),
    gaps,
    language,
  });
  return { bot, loaded, state, problems: opened.problems, close: () => state.close() };
}
