import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../adapters/config';
import { createApp, type App } from '../adapters/server';
import { pruneGaps } from '../bot/gaps';
import { detectLanguage } from '../bot/language';
import { MemoryTurnLock } from '../bot/state';
import { harness, textOf, turnOf } from './helpers/bot';

describe('limits and metrics on the server', () => {
  let app: App;
  let base: string;

  beforeAll(async () => {
    const h = await harness();
    const cfg = loadConfig({ PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_USER_PER_MIN: '3', RATE_LIMIT_IP_PER_MIN: '40' });
    app = await createApp(cfg, { bot: h.bot, lock: new MemoryTurnLock(), ready: () => true, log: () => undefined });
    base = await app.listen();
  });
  afterAll(() => app.close());

  async function conversation(): Promise<{ say: (text: string) => Promise<void>; poll: () => Promise<{ text?: string; from: { role: string } }[]> }> {
    const t = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
    const url = `${base}/v3/directline/conversations/${t.conversationId}/activities`;
    return {
      say: async (text) => {
        await fetch(url, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) });
        await app.idle();
      },
      poll: async () => ((await (await fetch(`${url}?watermark=`, { headers })).json()) as { activities: { text?: string; from: { role: string } }[] }).activities,
    };
  }

  it('answers a user beyond the per-user limit with one polite notice, then stays quiet', async () => {
    const c = await conversation();
    for (let i = 0; i < 5; i++) await c.say('f1 co phai cach ly ko');
    const bot = (await c.poll()).filter((a) => a.from.role === 'bot');
    expect(bot).toHaveLength(4);
    expect(bot[3]!.text).toMatch(/hơi nhanh/);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/rate_limited_total\{scope="user"\} 2/);
    expect(metrics).toMatch(/bot_turns_total\{channel="webchat",kind="answer"\} 3/);
    expect(metrics).toMatch(/bot_reply_latency_seconds_count\{channel="webchat"\} \d+/);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await fetch(`${base}/api/zalo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'a'.repeat(300 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it('limits requests per IP with a polite 429', async () => {
    let last = 0;
    for (let i = 0; i < 45; i++) last = (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).status;
    expect(last).toBe(429);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('admission control', () => {
  it('holds deliveries while every turn slot is busy, then answers 503 + Retry-After when the line is full', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let turns = 0;
    const bot = {
      run: async () => {
        turns++;
        await blocked;
      },
    };
    const cfg = loadConfig({ PORT: '0', HOST: '127.0.0.1', MAX_CONCURRENT_TURNS: '1', MAX_WAITING_TURNS: '1' });
    const app = await createApp(cfg, { bot, lock: new MemoryTurnLock(), ready: () => true, log: () => undefined });
    const base = await app.listen();
    try {
      const t = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
      // Starting the conversation runs the welcome turn, which holds the only slot.
      expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers })).status).toBe(201);
      const url = `${base}/v3/directline/conversations/${t.conversationId}/activities`;
      const post = (text: string) => fetch(url, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text }) });
      let firstDone = false;
      const first = post('một').then((r) => {
        firstDone = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(firstDone).toBe(false); // waiting for a slot, not yet acknowledged
      const second = await post('hai');
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('5');
      release();
      expect((await first).status).toBe(200);
      await app.idle();
      expect(turns).toBe(2);
      const log = (await (await fetch(`${url}?watermark=`, { headers })).json()) as { activities: { text?: string }[] };
      expect(log.activities.map((a) => a.text)).toEqual(['một']);
      expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/webhook_requests_total\{channel="webchat",outcome="busy"\} 1/);
    } finally {
      release();
      await app.close();
    }
  });
});

describe('message content', () => {
  it('asks for a shorter message, and answers other languages in English', async () => {
    const h = await harness();
    const long = await h.say(`${'cho em hỏi về cách ly f1 '.repeat(60)}`, 'long');
    expect(textOf(long)).toMatch(/hơi dài/);
    const en = await h.say('How long do I need to quarantine after travelling?', 'en');
    expect(turnOf(en).kind).toBe('fallback');
    expect(textOf(en)).toMatch(/^Hello! I am an automated assistant/);
    const emergencyFirst = await h.say(`spo2 92 ${'a '.repeat(800)}`, 'long-emergency');
    expect(turnOf(emergencyFirst).kind).toBe('emergency');
  });

  it.each([
    ['f1 co phai cach ly ko', 'vi'],
    ['test nhanh 2 vach la sao', 'vi'],
    ['Xét nghiệm ở đâu', 'vi'],
    ['What is the quarantine rule for travellers?', 'en'],
    ['do I need a test before I fly', 'en'],
    ['Что такое карантин', 'other'],
    ['隔离多久', 'other'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('retention', () => {
  it('deletes recorded questions older than the retention period and keeps the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaps-'));
    const file = join(dir, 'gaps.jsonl');
    const now = Date.parse('2026-11-26T00:00:00Z');
    const rec = (days: number) => JSON.stringify({ time: new Date(now - days * 86_400_000).toISOString(), kind: 'fallback', channel: 'zalo', text: `q${days}` });
    writeFileSync(file, `${rec(40)}\n${rec(31)}\n${rec(2)}\nnot json\n`);
    try {
      expect(await pruneGaps(file, 30, now)).toBe(2);
      expect(readFileSync(file, 'utf8')).toBe(`${rec(2)}\nnot json\n`);
      expect(await pruneGaps(join(dir, 'missing.jsonl'), 30, now)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
