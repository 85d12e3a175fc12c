/**
 * `npm start`: the chat server. Opens (or builds) the knowledge index, then serves web chat at http://localhost:3978/
 * and the platform webhooks. No Redis and no credentials needed: channels without credentials are disabled.
 */
import { createApp } from '../adapters/server';
import { loadConfig } from '../adapters/config';
import { createBotRuntime } from '../bot/create';
import { paths } from './lib/cli';

async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  let config;
  try {
    config = loadConfig(process.env, log);
  } catch (err) {
    log((err as Error).message);
    process.exitCode = 2;
    return;
  }
  const { kbDir, indexDir } = paths();
  const t0 = performance.now();
  const runtime = await createBotRuntime({ kbDir, indexDir, log });
  log(`Chỉ mục ${runtime.loaded.meta.version}: ${runtime.loaded.meta.cards} thẻ (${(performance.now() - t0).toFixed(0)} ms)`);
  const app = await createApp(config, { bot: runtime.bot, lock: runtime.state.lock, redis: runtime.state.redis, ready: () => true, log });
  const url = await app.listen();
  console.log(`Trợ lý đang chạy: web chat tại ${url}/ (Ctrl+C để dừng)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: đang dừng…`);
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
