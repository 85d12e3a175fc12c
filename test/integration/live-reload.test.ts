import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../adapters/config';
import { createApp } from '../../adapters/server';
import { createBotRuntime } from '../../bot/create';
import { MemoryGapRecorder } from '../../bot/gaps';
import { buildIndexArtifact } from '../../knowledge/engine/artifact';
import { HashedNgramEmbeddings } from '../../knowledge/engine/embeddings';
import { copyKnowledgeBase } from '../helpers/kb';

const CARD = 'cards/selftest/selftest-doc-ket-qua.md';
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return cond();
};

describe('live index updates without a restart', () => {
  it('swaps to a version kb build writes, keeps serving when a change is broken, and reloads on the staff API', async () => {
    const kb = copyKnowledgeBase();
    const indexDir = join(kb.dir, '..', 'index');
    const runtime = await createBotRuntime({
      kbDir: kb.dir,
      indexDir,
      settings: loadConfig({}).runtime,
      gaps: new MemoryGapRecorder(),
      traffic: { record: async () => undefined },
      log: () => undefined,
      watch: true,
    });
    const app = await createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', STAFF_API_TOKENS: 'staff-token-0123456789' }), {
      bot: runtime.bot,
      lock: runtime.state.lock,
      ready: () => true,
      log: () => undefined,
      reload: () => runtime.reload(),
      indexStatus: () => runtime.status(),
    });
    const base = await app.listen();
    try {
      const v1 = runtime.status().version;
      const card = join(kb.dir, CARD);
      const original = readFileSync(card, 'utf8');

      // 1. The content team changes a card and runs kb build: the running process picks the new version up.
      writeFileSync(card, original.replace('title: Cách đọc kết quả test nhanh (vạch C, vạch T)', 'title: Đọc kết quả test nhanh (vạch C, vạch T) – bản mới'));
      const built = await buildIndexArtifact(kb.dir, indexDir, new HashedNgramEmbeddings());
      expect(built.ok).toBe(true);
      expect(await until(() => runtime.status().version !== v1)).toBe(true);
      expect(runtime.live.current.index.cardsById.get('selftest-doc-ket-qua')!.title).toMatch(/bản mới/);

      // 2. A broken change never replaces the index in use; the failure is visible and /readyz stays OK.
      const v2 = runtime.status().version;
      writeFileSync(card, 'không còn phần đầu YAML');
      const anonymous = await fetch(`${base}/api/staff/reload`, { method: 'POST' });
      expect(anonymous.status).toBe(401);
      const failed = await fetch(`${base}/api/staff/reload`, { method: 'POST', headers: { authorization: 'Bearer staff-token-0123456789' } });
      expect(failed.status).toBe(422);
      expect(runtime.status().version).toBe(v2);
      const ready = (await (await fetch(`${base}/readyz`)).json()) as {
        ready: boolean;
        index: { version: string; lastError?: { problems: { file: string }[] } };
      };
      expect(ready.ready).toBe(true);
      expect(ready.index.lastError!.problems[0]!.file).toMatch(/selftest-doc-ket-qua\.md$/);

      // 3. Fixed again: the staff API rebuilds and swaps.
      writeFileSync(card, original);
      const ok = await fetch(`${base}/api/staff/reload`, { method: 'POST', headers: { authorization: 'Bearer staff-token-0123456789' } });
      expect(ok.status).toBe(200);
      expect(runtime.status().version).not.toBe(v2);
      expect(runtime.status().lastError).toBeUndefined();
    } finally {
      await app.close();
      await runtime.close();
      kb.cleanup();
    }
    // Three index builds (the runtime's first, kb build, the staff reload) took 80 s once on a loaded 2-core CI machine.
  }, 300_000);
});
