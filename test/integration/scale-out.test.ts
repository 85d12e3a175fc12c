import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { addAccount } from '../../adapters/staff/accounts';
import { zaloSign } from '../../adapters/zalo/protocol';
import { buildIndexArtifact } from '../../knowledge/engine/artifact';
import { HashedNgramEmbeddings } from '../../knowledge/engine/embeddings';
import { FakePlatform } from '../helpers/fake-platform';
import { copyKnowledgeBase } from '../helpers/kb';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Two server processes behind no balancer at all, sharing one Redis: deduplication, conversation state, the turn
 * lock and the BullMQ outbox must make them behave as one. Runs when REDIS_URL is set (`.ci/run` sets it).
 */
const url = process.env.REDIS_URL;
(url ? describe : describe.skip)('two processes sharing Redis', () => {
  const APP_ID = '3011223344556677889';
  const SECRET = 'oa-secret';
  const prefix = `scale-${randomUUID().slice(0, 8)}:`;
  let dir: string;
  let kb: ReturnType<typeof copyKnowledgeBase>;
  let api: FakePlatform;
  const procs: { child: ChildProcess; base: string }[] = [];

  function start(extra: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; base: string }> {
    // node itself (not the tsx wrapper), so that killing the child kills the server.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: url,
        REDIS_PREFIX: prefix,
        KB_DIR: kb.dir,
        INDEX_DIR: join(dir, 'index'),
        // A day when the travel rules by level and a published level list applied, so the advisor's dialog runs.
        GUIDANCE_AS_OF: '2022-01-24',
        STAFF_API_TOKENS: 'staff-token-0123456789',
        STAFF_ACCOUNTS_FILE: join(dir, 'staff.json'),
        DIRECTLINE_SECRET: 'a-shared-direct-line-secret-for-tests',
        GAPS_FILE: join(dir, 'gaps.jsonl'),
        TRAFFIC_FILE: join(dir, 'traffic.jsonl'),
        ZALO_APP_ID: APP_ID,
        ZALO_OA_SECRET_KEY: SECRET,
        ZALO_ACCESS_TOKEN: 'AT',
        ZALO_API_BASE_URL: api.url,
        LOG_LEVEL: 'info',
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error('server did not start')), 30_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const msg = JSON.parse(line) as { msg?: string; url?: string };
          if (msg.msg === 'web chat ready' && msg.url) {
            clearTimeout(timer);
            res({ child, base: msg.url.replace(/\/$/, '') });
          }
        } catch {
          // not a log line
        }
      });
      child.once('exit', (code) => rej(new Error(`server exited ${code}`)));
    });
  }

  let seq = 0;
  const event = (user: string, text: string, msgId = `s-${++seq}`) =>
    `{"app_id":"${APP_ID}","event_name":"user_send_text","timestamp":"${Date.now()}","sender":{"id":"${user}"},"recipient":{"id":"7777"},"message":{"msg_id":"${msgId}","text":${JSON.stringify(text)}}}`;
  const deliver = (base: string, raw: string) =>
    fetch(`${base}/api/zalo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSign(raw, APP_ID, SECRET) },
      body: raw,
    });
  const sentTo = (user: string) => api.to('/v3.0/oa/message/cs').filter((r) => r.json?.recipient?.user_id === user);
  const waitFor = async (user: string, n: number, ms = 8000) => {
    const until = Date.now() + ms;
    while (sentTo(user).length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return sentTo(user);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scale-'));
    kb = copyKnowledgeBase();
    await buildIndexArtifact(kb.dir, join(dir, 'index'), new HashedNgramEmbeddings());
    await addAccount(join(dir, 'staff.json'), 'lan', 'mat-khau-dai-0123');
    api = await new FakePlatform().start();
    api.respond('/v3.0/oa/message/cs', { status: 200, body: { error: 0, message: 'Success' } });
    procs.push(await start(), await start());
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) {
      p.child.kill('SIGKILL');
      p.child.stdout?.destroy();
      p.child.stderr?.destroy();
    }
    await api.stop();
    const redis = new Redis(url!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
    kb.cleanup();
  });

  it('a content reload on one process reaches the other (Redis pub/sub)', async () => {
    const readyz = async (base: string) => ((await (await fetch(`${base}/readyz`)).json()) as { index: { version: string } }).index.version;
    const before = await readyz(procs[1]!.base);
    const card = join(kb.dir, 'cards/selftest/selftest-doc-ket-qua.md');
    writeFileSync(card, readFileSync(card, 'utf8').replace('title: Cách đọc', 'title: Hướng dẫn đọc'));
    const res = await fetch(`${procs[0]!.base}/api/staff/reload`, { method: 'POST', headers: { authorization: 'Bearer staff-token-0123456789' } });
    expect(res.status).toBe(200);
    const { version } = (await res.json()) as { version: string };
    const end = Date.now() + 8000;
    while ((await readyz(procs[1]!.base)) === before && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(await readyz(procs[1]!.base)).toBe(version);
  });

  it('a hotline agent signed in on one process is signed in on the other; sign-out and lock-out are shared too', async () => {
    const [a, b] = [procs[0]!.base, procs[1]!.base];
    const signIn = (base: string, password: string) =>
      fetch(`${base}/staff/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user=lan&password=${password}`,
      });
    const res = await signIn(a, 'mat-khau-dai-0123');
    expect(res.status).toBe(303);
    const cookie = /staff_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();
    const search = (base: string) => fetch(`${base}/api/staff/search?q=test+nhanh`, { headers: { cookie: cookie! } });
    expect((await search(b)).status).toBe(200);
    await fetch(`${b}/staff/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie! } });
    expect((await search(a)).status).toBe(401);
    // Five wrong passwords spread over both processes lock the account on both.
    for (let i = 0; i < 5; i++) await signIn(i % 2 ? a : b, 'sai');
    const locked = await signIn(a, 'mat-khau-dai-0123');
    expect(locked.headers.get('location')).toBe('/staff/login?e=locked');
  });

  it('web chat works whichever process each request reaches', async () => {
    const [a, b] = [procs[0]!.base, procs[1]!.base];
    const t = (await (await fetch(`${a}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
    expect((await fetch(`${b}/v3/directline/conversations`, { method: 'POST', headers })).status).toBe(201);
    await fetch(`${a}/v3/directline/conversations/${t.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'message', text: 'f1 co phai cach ly ko', channelData: { clientActivityID: 'x1' } }),
    });
    let texts: string[] = [];
    const end = Date.now() + 8000;
    while (Date.now() < end) {
      const poll = (await (await fetch(`${b}/v3/directline/conversations/${t.conversationId}/activities?watermark=`, { headers })).json()) as {
        activities: { text?: string; channelData?: { clientActivityID?: string } }[];
      };
      texts = poll.activities.map((x) => x.text ?? '');
      if (texts.some((x) => /Nguồn: /.test(x))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(texts.some((x) => /trợ lý tự động/.test(x))).toBe(true); // welcome, written by the process that started it
    expect(texts).toContain('f1 co phai cach ly ko'); // the echo
    expect(texts.some((x) => /Nguồn: /.test(x))).toBe(true); // an answer with its source
  });

  it('the same webhook delivered to both processes yields one reply', async () => {
    const raw = event('9100000000000000001', 'f1 co phai cach ly ko', 'same-1');
    const [a, b] = await Promise.all([deliver(procs[0]!.base, raw), deliver(procs[1]!.base, raw)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitFor('9100000000000000001', 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sentTo('9100000000000000001')).toHaveLength(1);
  });

  it('a conversation whose turns alternate between the processes keeps its dialog', async () => {
    const user = '9100000000000000002';
    await deliver(procs[0]!.base, event(user, 'menu:travel'));
    await waitFor(user, 1);
    await deliver(procs[1]!.base, event(user, 'hcm'));
    await waitFor(user, 2);
    await deliver(procs[0]!.base, event(user, 'ha noi'));
    const sent = await waitFor(user, 3);
    expect(sent.map((r) => r.json.message.text)).toEqual([
      expect.stringMatching(/đi từ tỉnh/),
      expect.stringMatching(/Hồ Chí Minh đến tỉnh/),
      expect.stringMatching(/^Từ Hồ Chí Minh .* đến Hà Nội/),
    ]);
  });

  it('a delivery acknowledged by a process that dies at once is still answered, by another process', async () => {
    // An ingress-only process (TURN_WORKER=off) queues turns in Redis and runs none: killed right after its 200,
    // it leaves the turn to the others.
    const ingress = await start({ TURN_WORKER: 'off' });
    try {
      const user = '9100000000000000004';
      const res = await deliver(ingress.base, event(user, 'f1 co phai cach ly ko'));
      expect(res.status).toBe(200);
      ingress.child.kill('SIGKILL');
      const replies = await waitFor(user, 1);
      expect(replies).toHaveLength(1);
      expect(String(replies[0]!.json?.message?.text)).toMatch(/F1|cách ly/);
    } finally {
      ingress.child.kill('SIGKILL');
    }
  }, 180_000);

  it('keeps no citizen message in the shared turn queue once its turn has run', async () => {
    const redis = new Redis(url!);
    try {
      let jobs: string[] = [];
      const until = Date.now() + 5000;
      do {
        jobs = (await redis.keys(`${prefix}bull:inbound:*`)).filter((k) => /:inbound:\d+$/.test(k));
        if (jobs.length) await new Promise((r) => setTimeout(r, 100));
      } while (jobs.length && Date.now() < until);
      expect(jobs).toEqual([]);
      const values = await Promise.all(
        (await redis.keys(`${prefix}bull:inbound:*`)).map(async (k) => ((await redis.type(k)) === 'string' ? await redis.get(k) : '')),
      );
      expect(values.join(' ')).not.toMatch(/cach ly/);
    } finally {
      await redis.quit();
    }
  });

  it('a process killed mid-flight loses no queued reply', async () => {
    const user = '9100000000000000003';
    api.respond('/v3.0/oa/message/cs', { status: 503, body: {} });
    await deliver(procs[0]!.base, event(user, 'xin chào'));
    const until = Date.now() + 8000;
    while (!api.to('/v3.0/oa/message/cs').some((r) => r.json?.recipient?.user_id === user) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    procs[0]!.child.kill('SIGKILL'); // the reply is still queued in Redis, not delivered
    api.respond('/v3.0/oa/message/cs', { status: 200, body: { error: 0 } });
    const attemptsBefore = sentTo(user).length;
    const until2 = Date.now() + 20_000;
    // The other process's worker picks the job up once its back-off delay passes.
    while (Date.now() < until2) {
      const after = sentTo(user);
      if (after.length > attemptsBefore) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const delivered = sentTo(user).length - attemptsBefore;
    expect(delivered).toBe(1);
  }, 180_000);
});
