/**
 * Issue 13, items 1 and 6: what an anonymous web chat client can make the server keep. Each test reproduces an
 * attack from the report, in memory and (when REDIS_URL is set) with Redis.
 */
import Redis from 'ioredis';
import { ConversationStore, RedisConversationLog } from '../../../adapters/directline/store';
import { staffApp } from '../../helpers/staff-app';

const stores: [string, (() => Redis) | undefined][] = [['memory', undefined]];
if (process.env.REDIS_URL)
  stores.push(['Redis', () => new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2, keyPrefix: `test-dl-${process.pid}-${Date.now()}:` })]);

describe.each(stores)('Direct Line limits (%s)', (_name, makeRedis) => {
  let app: Awaited<ReturnType<typeof staffApp>>;
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = makeRedis?.();
    app = await staffApp({ redis });
  });
  afterAll(async () => {
    await app.cleanup();
    if (redis) {
      const prefix = String(redis.options.keyPrefix);
      const keys = await redis.keys('*');
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      redis.disconnect();
    }
  });

  const open = async () => {
    const t = (await (await fetch(`${app.base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
    const url = `${app.base}/v3/directline/conversations/${t.conversationId}/activities`;
    return { ...t, headers, url, post: (activity: unknown) => fetch(url, { method: 'POST', headers, body: JSON.stringify(activity) }) };
  };

  it('refuses a large value, keeps no event and no foreign channel data', async () => {
    const c = await open();
    const big = 'x'.repeat(255 * 1024);
    expect((await c.post({ type: 'event', name: 'x', value: { big } })).status).toBe(413);
    expect((await c.post({ type: 'event', name: 'x', value: { small: 1 } })).status).toBe(200);
    expect((await c.post({ type: 'message', text: 'xin chao', channelData: { clientActivityID: 'c-9', junk: big.slice(0, 60_000) } })).status).toBe(200);
    const poll = (await (await fetch(`${c.url}?watermark=0`, { headers: c.headers })).json()) as {
      activities: { type: string; channelData?: Record<string, unknown> }[];
    };
    expect(poll.activities.filter((a) => a.type === 'event')).toHaveLength(0);
    expect(poll.activities.find((a) => a.channelData?.clientActivityID === 'c-9')?.channelData).toEqual({ clientActivityID: 'c-9' });
    expect(JSON.stringify(poll).length).toBeLessThan(20_000);
  });

  it('counts every posted activity (events too) against the limit', async () => {
    const c = await open();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await c.post({ type: 'event', name: 'ping', value: i })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps the echo of a message with personal data redacted', async () => {
    const c = await open();
    await c.post({ type: 'message', text: 'so em 0912345678, cccd 001203004567', channelData: { clientActivityID: 'p-1' } });
    await app.app.idle();
    const poll = (await (await fetch(`${c.url}?watermark=0`, { headers: c.headers })).json()) as {
      activities: { text?: string; channelData?: { clientActivityID?: string } }[];
    };
    const echo = poll.activities.find((a) => a.channelData?.clientActivityID === 'p-1')!;
    expect(echo.text).toBe('so em [SĐT], cccd [SỐ GIẤY TỜ]');
    if (redis) {
      const kept = await redis.lrange(`dl:log:${c.conversationId}`, 0, -1);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.join('\n')).not.toMatch(/0912345678|001203004567/);
    }
  });
});

describe('conversation store bounds', () => {
  it('forgets the longest idle conversation beyond its limit and trims a conversation by count and size', () => {
    const store = new ConversationStore(24 * 3600_000, { activities: 10, bytes: 2_000, conversations: 3, redisConversations: 3, page: 4 });
    const a = store.create().conversationId;
    const b = store.create().conversationId;
    const c = store.create().conversationId;
    store.append(a, { type: 'message', text: 'a' }); // a is now the most recent, b the longest idle
    store.create();
    expect(store.size).toBe(3);
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)).toBeDefined();
    expect(store.get(c)).toBeDefined();
    for (let i = 0; i < 30; i++) store.append(c, { type: 'message', text: `tin ${i} ${'y'.repeat(300)}` });
    const kept = store.get(c)!.activities;
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(2_000 + kept.length);
    expect(new Set(kept.map((x) => x.id)).size).toBe(kept.length);
    expect(kept.at(-1)!.text).toMatch(/^tin 29 /);
  });

  it('hands out activities a page at a time from the watermark', () => {
    const store = new ConversationStore(24 * 3600_000, { activities: 100, bytes: 1e6, conversations: 10, redisConversations: 10, page: 4 });
    const id = store.create().conversationId;
    for (let i = 0; i < 10; i++) store.append(id, { type: 'message', text: `m${i}` });
    const first = store.since(id, '0')!;
    expect(first.activities.map((x) => x.text)).toEqual(['m0', 'm1', 'm2', 'm3']);
    const next = store.since(id, first.watermark)!;
    expect(next.activities.map((x) => x.text)).toEqual(['m4', 'm5', 'm6', 'm7']);
    expect(store.since(id, '10')!.activities).toHaveLength(0);
  });
});

const describeRedis = process.env.REDIS_URL ? describe : describe.skip;
describeRedis('Redis conversation log', () => {
  it('reads from the watermark, a page at a time, instead of the whole list', async () => {
    const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2, keyPrefix: `test-dlr-${process.pid}-${Date.now()}:` });
    try {
      const log = new RedisConversationLog(redis, 3600, { activities: 100, bytes: 1e6, conversations: 10, redisConversations: 10, page: 4 });
      const { conversationId: id } = await log.create();
      for (let i = 0; i < 10; i++) await log.append(id, { type: 'message', text: `m${i}` });
      const first = (await log.since(id, '0'))!;
      expect(first.activities.map((x) => x.text)).toEqual(['m0', 'm1', 'm2', 'm3']);
      expect(first.watermark).toBe('4');
      const last = (await log.since(id, '8'))!;
      expect(last.activities.map((x) => x.text)).toEqual(['m8', 'm9']);
      expect((await log.since(id, '10'))!.activities).toHaveLength(0);
      expect(await log.since('missing', '0')).toBeUndefined();
    } finally {
      const prefix = String(redis.options.keyPrefix);
      const keys = await redis.keys('*');
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      redis.disconnect();
    }
  });

  it('bounds a conversation by count and characters, and the number of conversations (longest idle deleted)', async () => {
    const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2, keyPrefix: `test-dlb-${process.pid}-${Date.now()}:` });
    try {
      const log = new RedisConversationLog(redis, 3600, { activities: 10, bytes: 2_000, conversations: 3, redisConversations: 3, page: 50 });
      // Idle order is by millisecond: a pause between steps keeps the order strict.
      const pause = () => new Promise((r) => setTimeout(r, 5));
      const a = (await log.create()).conversationId;
      await pause();
      const b = (await log.create()).conversationId;
      await pause();
      const c = (await log.create()).conversationId;
      await pause();
      await log.append(a, { type: 'message', text: 'a' }); // a is now the most recent, b the longest idle
      await pause();
      await log.create();
      expect(await log.exists(b)).toBe(false);
      expect(await log.exists(a)).toBe(true);
      expect(await log.exists(c)).toBe(true);
      for (let i = 0; i < 30; i++) await log.append(c, { type: 'message', text: `tin ${i} ${'y'.repeat(300)}` });
      const kept = await redis.lrange(`dl:log:${c}`, 0, -1);
      expect(kept.length).toBeLessThanOrEqual(10);
      expect(kept.join('').length).toBeLessThanOrEqual(2_000);
      const page = (await log.since(c, '0'))!;
      expect(page.activities.at(-1)!.text).toMatch(/^tin 29 /);
      expect(page.watermark).toBe('30');
    } finally {
      const prefix = String(redis.options.keyPrefix);
      const keys = await redis.keys('*');
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      redis.disconnect();
    }
  });
});
