/**
 * `npm run bench:signin`: does a flood of staff sign-ins slow down citizens? (issue 13, item 3)
 *
 * One server in this process, with the real bot, recorded questions written to a file (file writes share libuv's
 * thread pool with scrypt) and one staff account. A citizen asks through web chat, one question after another, first
 * alone and then while anonymous clients post 300 sign-ins at once for invented names; the per-address sign-in limit
 * is lifted so that every attempt reaches the password check. Prints the citizen's reply time (p50, p95, max) in both
 * phases and how long the flood took to be answered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../adapters/config';
import { createApp } from '../adapters/server';
import { addAccount } from '../adapters/staff/accounts';
import { createBotRuntime } from '../bot/create';
import { JsonlGapRecorder, type GapRecord } from '../bot/gaps';
import { readJsonl } from '../bot/jsonl';
import { percentile } from './lib/cli';

const QUESTIONS = ['gia vang hom nay bao nhieu', 'f1 co phai cach ly ko', 'test nhanh 2 vach la sao', 'xe khach di ha noi can gi'];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-signin-'));
  const config = loadConfig({ ...process.env, REDIS_URL: '' });
  const runtime = await createBotRuntime({
    ...config.content,
    settings: config.runtime,
    gaps: new JsonlGapRecorder(join(dir, 'gaps.jsonl')),
    log: () => undefined,
  });
  const accountsFile = join(dir, 'accounts.json');
  await addAccount(accountsFile, 'tongdai01', 'mat-khau-rat-dai-2022');
  const app = await createApp(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', STAFF_SIGNIN_PER_MIN: '10000', RATE_LIMIT_IP_PER_MIN: '100000', MAX_CONNECTIONS_PER_ADDRESS: '5000' }),
    {
      bot: runtime.bot,
      lock: runtime.state.lock,
      ready: () => true,
      log: () => undefined,
      staff: {
        search: async () => [],
        levels: () => [],
        topics: () => [],
        accountsFile,
        readGaps: () => readJsonl<GapRecord>(join(dir, 'gaps.jsonl')),
        reportsDir: join(dir, 'reports'),
      },
    },
  );
  const base = await app.listen();
  try {
    /**
     * One question in a conversation of its own (polling has a budget per conversation): posted, then polled every
     * 5 ms until the bot's reply arrives; milliseconds from the post.
     */
    const ask = async (text: string): Promise<number> => {
      const t = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
      const url = `${base}/v3/directline/conversations/${t.conversationId}/activities`;
      let watermark = '0';
      const t0 = performance.now();
      await fetch(url, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) });
      for (;;) {
        const page = (await (await fetch(`${url}?watermark=${watermark}`, { headers })).json()) as {
          activities: { from: { role?: string } }[];
          watermark: string;
        };
        watermark = page.watermark;
        if (page.activities.some((a) => a.from.role === 'bot')) return performance.now() - t0;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const phase = async (n: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(await ask(QUESTIONS[i % QUESTIONS.length]!));
      return times.sort((a, b) => a - b);
    };
    const show = (label: string, xs: number[]) =>
      console.log(
        `${label.padEnd(34)} p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  max ${xs.at(-1)!.toFixed(1)} ms  (${xs.length} questions)`,
      );

    await phase(4); // warm-up
    show('citizen alone', await phase(40));
    const f0 = performance.now();
    const flood = Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${base}/staff/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `user=ai-do-${i}&password=sai`,
        }).then((r) => r.headers.get('location')),
      ),
    );
    const during = await phase(40);
    const outcomes = await flood;
    show('citizen during 300 sign-ins', during);
    const count = (loc: string) => outcomes.filter((o) => o === loc).length;
    console.log(
      `sign-in flood answered in ${((performance.now() - f0) / 1000).toFixed(1)} s: ${count('/staff/login?e=1')} checked, ${count('/staff/login?e=locked')} locked, ${count('/staff/login?e=busy')} refused as busy`,
    );
  } finally {
    await app.close();
    await runtime.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
