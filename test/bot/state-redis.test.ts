import { ConversationState, TestAdapter, UserState } from 'botbuilder';
import { loadConfig } from '../../adapters/config';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CovidBot } from '../../bot/bot';
import { MemoryGapRecorder, RedisGapQuota, RedisGapRecorder } from '../../bot/gaps';
import { RedisStorage, RedisTurnLock, createStateBackend } from '../../bot/state';
import { serializeTurns } from '../../adapters/serialize-turns';
import { testIndex } from '../helpers/bot';

/** Integration tests against a real Redis; they run when REDIS_URL is set (`.ci/run` sets it). */
const url = process.env.REDIS_URL;
const describeRedis = url ? describe : describe.skip;

describeRedis('Redis state (REDIS_URL)', () => {
  let redis: Redis;
  const prefix = `test:${randomUUID()}:`;

  beforeAll(() => {
    redis = new Redis(url!);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('keeps conversation state in Redis no longer than STATE_TTL_HOURS (24 h by default), as in memory', async () => {
    const backend = createStateBackend(loadConfig({ REDIS_URL: url, REDIS_PREFIX: prefix }).runtime);
    try {
      await backend.storage.write({ 'webchat/conversations/ttl-1': { lastQuestion: 'x' } });
      const ttl = await redis.ttl(`${prefix}bot:state:webchat/conversations/ttl-1`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(24 * 3600);
    } finally {
      await backend.close();
    }
  });

  it('reads, writes and deletes, honouring eTags', async () => {
    const storage = new RedisStorage(redis, { prefix, ttlSeconds: 60 });
    await storage.write({ k1: { n: 1 } });
    const first = (await storage.read(['k1', 'missing'])).k1;
    expect(first).toMatchObject({ n: 1 });
    expect(typeof first.eTag).toBe('string');
    await storage.write({ k1: { ...first, n: 2 } });
    await expect(storage.write({ k1: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ k1: { n: 4, eTag: '*' } });
    expect((await storage.read(['k1'])).k1).toMatchObject({ n: 4 });
    expect(await redis.ttl(`${prefix}k1`)).toBeGreaterThan(0);
    await storage.delete(['k1']);
    expect(await storage.read(['k1'])).toEqual({});
  });

  it('runs one turn at a time per conversation across lock instances', async () => {
    const a = new RedisTurnLock(redis, { prefix });
    const b = new RedisTurnLock(redis, { prefix });
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 30));
      events.push(`${name}:end`);
    };
    await Promise.all([a.run('conv', work('a')), b.run('conv', work('b'))]);
    expect(events[1]).toMatch(/:end$/);
    expect(events[3]).toMatch(/:end$/);
  });

  it('records questions in a Redis list, redacted, shared and pruned by age', async () => {
    const scoped = new Redis(url!, { keyPrefix: prefix });
    try {
      const gaps = new RedisGapRecorder(scoped);
      await gaps.record({ time: '2020-01-01T00:00:00Z', kind: 'fallback', channel: 'zalo', text: 'cũ' });
      await gaps.record({ time: new Date().toISOString(), kind: 'clarify', channel: 'zalo', text: 'gọi 0912345678 giá vàng' });
      expect((await gaps.all()).map((g) => g.text)).toEqual(['cũ', 'gọi [SĐT] giá vàng']);
      expect(await gaps.prune(30)).toBe(1);
      expect(await gaps.all()).toHaveLength(1);
    } finally {
      await scoped.quit();
    }
  });

  it("caps one user's recorded questions per day across replicas (issue 13, item 11)", async () => {
    const index = await testIndex();
    const scoped = new Redis(url!, { keyPrefix: prefix });
    try {
      const gaps = new MemoryGapRecorder();
      const quota = new RedisGapQuota(scoped, 20);
      const storage = new RedisStorage(redis, { prefix, ttlSeconds: 60 });
      const bots = [0, 1].map(
        () =>
          new CovidBot({
            index: () => index,
            conversationState: new ConversationState(storage),
            userState: new UserState(storage),
            gaps,
            gapQuota: quota,
            today: () => '2022-01-10',
          }),
      );
      let turn = 0;
      const adapter = new TestAdapter((ctx) => bots[turn++ % 2]!.run(ctx), {
        channelId: 'webchat',
        conversation: { id: `flood-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '' },
      });
      for (let i = 0; i < 30; i++) await adapter.send(`gia vang hom nay ${i}`).startTest();
      expect(gaps.records).toHaveLength(20);
      const keys = await scoped.keys(`${prefix}gapq:*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain('user');
    } finally {
      await scoped.quit();
    }
  });

  it('a travel dialog continues on another bot instance through Redis', async () => {
    const index = await testIndex();
    const storage = new RedisStorage(redis, { prefix, ttlSeconds: 60 });
    const lock = new RedisTurnLock(redis, { prefix });
    let turn = 0;
    const bots = [0, 1].map(
      () =>
        new CovidBot({
          index: () => index,
          conversationState: new ConversationState(storage),
          userState: new UserState(storage),
          gaps: new MemoryGapRecorder(),
          today: () => '2022-01-10',
        }),
    );
    // Turns alternate between the two instances, as behind a load balancer.
    const adapter = new TestAdapter((ctx) => bots[turn++ % 2]!.run(ctx), {
      channelId: 'webchat',
      conversation: { id: `conv-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '' },
    });
    adapter.use(serializeTurns(lock));
    await adapter
      .send('menu:travel')
      .assertReply((x) => expect(x.text).toMatch(/đi \*\*từ\*\*/))
      .send('da nang')
      .assertReply((x) => expect(x.text).toMatch(/Đà Nẵng \*\*đến\*\*/))
      .send('hue')
      .assertReply((x) => expect(x.text).toMatch(/^Từ \*\*Đà Nẵng\*\*/))
      .startTest();
  });
});
