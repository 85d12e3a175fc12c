import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../adapters/config';
import { createApp, type App } from '../../adapters/server';
import { addAccount } from '../../adapters/staff/accounts';
import { staffLevels, staffSearch, staffTopics } from '../../bot/staff';
import { MemoryTurnLock } from '../../bot/state';
import { harness, testIndex } from './bot';
import { readJsonl } from '../../bot/reporting';
import type { GapRecord } from '../../bot/gaps';

export const STAFF_USER = 'tongdai01';
export const STAFF_PASSWORD = 'mat-khau-rat-dai-2022';
export const STAFF_TOKEN = 'staff-api-token-0123456789';

/** A server with the staff console on, one staff account, and an empty gaps file in a temp folder. */
export async function staffApp(): Promise<{ app: App; base: string; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'staff-'));
  const accountsFile = join(dir, 'accounts.json');
  await addAccount(accountsFile, STAFF_USER, STAFF_PASSWORD);
  const index = await testIndex();
  const h = await harness();
  const app = await createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', STAFF_API_TOKENS: STAFF_TOKEN }), {
    bot: h.bot,
    lock: new MemoryTurnLock(),
    ready: () => true,
    log: () => undefined,
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
  return { app, base, dir, cleanup: async () => { await app.close(); rmSync(dir, { recursive: true, force: true }); } };
}
