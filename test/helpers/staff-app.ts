import { mkdtempSync, rmSync } from 'node:fs';
import type Redis from 'ioredis';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../adapters/config';
import { createApp, type App } from '../../adapters/server';
import { addAccount } from '../../adapters/staff/accounts';
import { staffLevels, staffSearch, staffTopics } from '../../bot/staff';
import { MemoryTurnLock } from '../../bot/state';
import { harness, testIndex } from './bot';
import { readJsonl } from '../../bot/jsonl';
import type { GapRecord } from '../../bot/gaps';

export const STAFF_USER = 'tongdai01';
export const STAFF_PASSWORD = 'mat-khau-rat-dai-2022';
export const STAFF_TOKEN = 'staff-api-token-0123456789';

/**
 * A server with the staff console on, one staff account, and an empty gaps file in a temp folder; `env` adds
 * settings, `redis` shares sessions and lock-outs through Redis, `log` receives the server's log lines.
 */
export async function staffApp(
  opts: { env?: Record<string, string>; redis?: Redis; log?: (line: string) => void } = {},
): Promise<{ app: App; base: string; dir: string; accountsFile: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'staff-'));
  const accountsFile = join(dir, 'accounts.json');
  await addAccount(accountsFile, STAFF_USER, STAFF_PASSWORD);
  const index = await testIndex();
  const h = await harness();
  const app = await createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', STAFF_API_TOKENS: STAFF_TOKEN, ...opts.env }), {
    bot: h.bot,
    lock: new MemoryTurnLock(),
    ready: () => true,
    log: opts.log ?? (() => undefined),
    redis: opts.redis,
    staff: {
      search: (q, o) => staffSearch(index, q, { ...o, asOf: '2026-11-26' }),
      levels: (q) => staffLevels(index, q, '2026-11-26'),
      topics: () => staffTopics(index),
      accountsFile,
      readGaps: () => readJsonl<GapRecord>(join(dir, 'gaps.jsonl')),
      reportsDir: join(dir, 'reports'),
    },
  });
  const base = await app.listen();
  return {
    app,
    base,
    dir,
    accountsFile,
    cleanup: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
