import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LevelRow } from '../../knowledge/content/schema';
import { ConversationState, MemoryStorage, UserState, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import { CovidBot } from '../../bot/bot';
import { MemoryGapRecorder } from '../../bot/gaps';
import { InProcessAdapter } from '../../adapters/in-process-adapter';
import type { TurnSummary } from '../../bot/replies';
import { MemoryTurnLock } from '../../bot/state';
import { serializeTurns } from '../../adapters/serialize-turns';
import { loadKnowledgeBase, parseLevels } from '../../knowledge/content/load';
import { HashedNgramEmbeddings } from '../../knowledge/engine/embeddings';
import { KnowledgeIndex } from '../../knowledge/engine/search';
import { AS_OF, KB_DIR } from './kb';

let shared: Promise<KnowledgeIndex> | undefined;

/**
 * The shipped knowledge base, built once per test file, with the SAMPLE level table of test/fixtures (real lists
 * cover only a few weeks of 2022): one extra row makes Bình Dương a level-4 area from 1/11/2021 so the vaccination
 * branch of the travel advisor can be exercised.
 */
/** The sample level table kept for tests only. */
export function sampleLevels(): LevelRow[] {
  return parseLevels(readFileSync(join(__dirname, '../fixtures/levels-sample.csv'), 'utf8'), 'levels-sample.csv').value!;
}

export function testIndex(): Promise<KnowledgeIndex> {
  shared ??= (async () => {
    const kb = loadKnowledgeBase(KB_DIR).value!;
    const index = await KnowledgeIndex.build(kb, new HashedNgramEmbeddings());
    index.data.levels.splice(0, index.data.levels.length, ...sampleLevels());
    index.data.levels.push({ province: 'binh-duong', level: 4, valid_from: '2021-11-01', valid_to: '2022-12-31', source: 'mẫu cho kiểm thử', sample: 'yes' });
    return index;
  })();
  return shared;
}

export interface Harness {
  bot: CovidBot;
  gaps: MemoryGapRecorder;
  storage: MemoryStorage;
  logic: (ctx: TurnContext) => Promise<void>;
  /** Sends one message in conversation `conv` and returns the replies. */
  say(text: string, conv?: string, channelId?: string): Promise<Partial<Activity>[]>;
}

/** A bot on the test index answering as of `today` (default {@link AS_OF}; travel tests use a day of 2021–2022). */
export async function harness(storage = new MemoryStorage(), today = AS_OF): Promise<Harness> {
  const index = await testIndex();
  const gaps = new MemoryGapRecorder();
  const bot = new CovidBot({
    index: () => index,
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    gaps,
    today: () => today,
  });
  const adapter = new InProcessAdapter();
  adapter.use(serializeTurns(new MemoryTurnLock()));
  const logic = (ctx: TurnContext) => bot.run(ctx);
  return {
    bot,
    gaps,
    storage,
    logic,
    say: (text, conv = 'c1', channelId = 'webchat') => adapter.say(text, logic, { conversationId: conv, channelId }),
  };
}

export const turnOf = (replies: Partial<Activity>[]): TurnSummary => replies[0]!.channelData.turn as TurnSummary;
export const textOf = (replies: Partial<Activity>[]): string => replies.map((r) => r.text ?? '').join('\n');
export const actionsOf = (replies: Partial<Activity>[]): CardAction[] => (replies[replies.length - 1]?.suggestedActions?.actions ?? []) as CardAction[];
