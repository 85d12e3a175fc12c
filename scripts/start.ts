/**
 * `npm start`: the chat server. Opens (or builds) the knowledge index, then serves web chat at http://localhost:3978/
 * and the platform webhooks. No Redis and no credentials needed: channels without credentials are disabled.
 * Logs are pino JSON lines on stdout; metrics on /metrics; recorded questions older than RETENTION_DAYS are deleted
 * every hour; SIGINT/SIGTERM drain the outbox and close Redis.
 */
import { loadConfig, type Config } from '../adapters/config';
import { Metrics, createLogger } from '../adapters/observability';
import { createApp } from '../adapters/server';
import { createBotRuntime } from '../bot/create';
import { pruneGaps } from '../bot/gaps';
import { staffLevels, staffPassages, staffSearch, staffTopics } from '../bot/staff';
import { tuneHeap } from './lib/heap';

async function main(): Promise<void> {
  const notes: string[] = [];
  let config: Config;
  try {
    config = loadConfig(process.env, (line) => notes.push(line));
  } catch (err) {
    createLogger('error').error((err as Error).message);
    process.exitCode = 2;
    return;
  }
  const logger = createLogger(config.logLevel);
  const log = (line: string) => logger.info(line);
  notes.forEach(log);
  tuneHeap(config.heapGrowingPercent);
  const { kbDir, indexDir, retentionDays } = config.content;
  const t0 = performance.now();
  const runtime = await createBotRuntime({ kbDir, indexDir, settings: config.runtime, log, watch: true });
  logger.info({ index: runtime.loaded.meta.version, cards: runtime.loaded.meta.cards, ms: Math.round(performance.now() - t0) }, 'knowledge index ready');
  const metrics = new Metrics(true);
  const app = await createApp(config, {
    bot: runtime.bot,
    lock: runtime.state.lock,
    redis: runtime.state.redis,
    ready: () => true,
    log,
    metrics,
    reload: () => runtime.reload(),
    indexStatus: () => runtime.status(),
    staff: {
      search: (q, opts) => staffSearch(runtime.live.current.index, q, { asOf: runtime.asOf(), ...opts }),
      passages: (q) => staffPassages(runtime.live.current.index, q),
      levels: (q) => staffLevels(runtime.live.current.index, q),
      topics: () => staffTopics(runtime.live.current.index),
      accountsFile: config.content.staffAccountsFile,
      readGaps: () => runtime.readGaps(),
      reportsDir: config.content.reportsDir,
    },
  });
  const url = await app.listen();
  logger.info({ url: `${url}/` }, 'web chat ready');

  const prune = () =>
    Promise.all([runtime.pruneGaps(retentionDays), pruneGaps(config.content.trafficFile, retentionDays)]).then(
      (n) => n.some(Boolean) && logger.info({ removed: n, retentionDays }, 'retention: old records deleted'),
      (err: unknown) => logger.warn({ err: String(err) }, 'retention job failed'),
    );
  void prune();
  const timer = setInterval(() => void prune(), 3600_000);
  timer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining the outbox');
    clearInterval(timer);
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
