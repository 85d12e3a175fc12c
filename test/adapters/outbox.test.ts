import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { BullMqOutbox, MemoryOutbox, type SendOutcome } from '../../adapters/outbox';
import { ZaloAdapter } from '../../adapters/zalo/adapter';
import { FileTokenStore, ZaloClient } from '../../adapters/zalo/client';
import type { ZaloSendRequest } from '../../adapters/zalo/protocol';
import { FakePlatform } from '../helpers/fake-platform';

const fast = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

describe('in-process outbox', () => {
  it('delivers the requests of one conversation in order, retrying without resending what went through', async () => {
    const sent: string[] = [];
    let failOnce = true;
    const outbox = new MemoryOutbox(
      {
        zalo: async (r) => {
          if (r === 'b' && failOnce) {
            failOnce = false;
            return { ok: false, retry: true, reason: 'HTTP 500' };
          }
          sent.push(String(r));
          return { ok: true };
        },
      },
      {},
      fast,
    );
    await outbox.enqueue({ channel: 'zalo', key: 'c1', requests: ['a', 'b'] });
    await outbox.enqueue({ channel: 'zalo', key: 'c1', requests: ['c'] });
    await outbox.close();
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('drops a permanent failure and gives up after the last attempt', async () => {
    const dropped: string[] = [];
    let calls = 0;
    const outbox = new MemoryOutbox(
      {
        messenger: async (r): Promise<SendOutcome> => {
          calls++;
          return r === 'window' ? { ok: false, retry: false, reason: 'window closed' } : { ok: false, retry: true, reason: 'HTTP 503' };
        },
      },
      { onDropped: (_job, reason) => dropped.push(reason) },
      fast,
    );
    await outbox.enqueue({ channel: 'messenger', key: 'x', requests: ['window'] });
    await outbox.enqueue({ channel: 'messenger', key: 'y', requests: ['flaky'] });
    await outbox.close();
    expect(dropped.sort()).toEqual(['HTTP 503', 'window closed']);
    expect(calls).toBe(1 + fast.attempts);
  });
});

const url = process.env.REDIS_URL;
(url ? describe : describe.skip)('BullMQ outbox over Redis (REDIS_URL)', () => {
  it('a queued reply survives a restart and is delivered once', async () => {
    const redis = new Redis(url!, { maxRetriesPerRequest: null });
    const name = `outbox-test-${randomUUID()}`;
    try {
      // First process: the platform is down; the reply waits in Redis.
      let attempts = 0;
      const first = new BullMqOutbox(
        redis,
        {
          zalo: async () => {
            attempts++;
            return { ok: false, retry: true, reason: 'HTTP 502' };
          },
        },
        {},
        { attempts: 20, baseDelayMs: 200, maxDelayMs: 200 },
        name,
      );
      await first.enqueue({ channel: 'zalo', key: 'conv', requests: [{ text: 'xin chào' }] });
      const deadline = Date.now() + 5000;
      while (attempts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await first.close(); // the process stops
      expect(attempts).toBeGreaterThan(0);

      // Second process: the platform is back.
      const delivered: unknown[] = [];
      const second = new BullMqOutbox(
        redis,
        {
          zalo: async (r) => {
            delivered.push(r);
            return { ok: true };
          },
        },
        {},
        { attempts: 20, baseDelayMs: 200, maxDelayMs: 200 },
        name,
      );
      const until = Date.now() + 8000;
      while (delivered.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      await second.close();
      expect(delivered).toEqual([{ text: 'xin chào' }]);
    } finally {
      const q = new Queue(name, { connection: redis, prefix: 'bull' });
      await q.obliterate({ force: true });
      await q.close();
      await redis.quit();
    }
  });

  it('a three-part reply reaches the platform in order, even when the first part needs a retry', async () => {
    const redis = new Redis(url!, { maxRetriesPerRequest: null, keyPrefix: `order-${randomUUID().slice(0, 8)}:` });
    const name = `outbox-order-${randomUUID()}`;
    const api = await new FakePlatform().start();
    // The first message meets a passing 502; the platform takes everything after it.
    api.respond('/v3.0/oa/message/cs', { status: 502, body: {} }, { status: 200, body: { error: 0, message: 'Success' } });
    const client = new ZaloClient({
      appId: '1',
      apiBaseUrl: api.url,
      oauthBaseUrl: api.url,
      initial: { accessToken: 'AT' },
      store: new FileTokenStore('/nonexistent/tokens.json'),
    });
    const outbox = new BullMqOutbox(redis, { zalo: (r) => client.send(r as ZaloSendRequest) }, {}, { attempts: 6, baseDelayMs: 300, maxDelayMs: 300 }, name);
    try {
      const adapter = new ZaloAdapter(outbox);
      const activity = ZaloAdapter.toActivity({ kind: 'text', id: 'm1', oaId: 'oa', userId: 'u1', timestamp: String(Date.now()), text: 'chào' }, {});
      // The bot sends its reply as three messages, each its own outbox job.
      await adapter.processActivity(activity, async (ctx) => {
        for (const part of ['một', 'hai', 'ba']) await ctx.sendActivity(part);
      });
      await api.waitFor('/v3.0/oa/message/cs', 4, 10_000);
      const delivered = api
        .to('/v3.0/oa/message/cs')
        .slice(1)
        .map((r) => r.json?.message?.text);
      expect(api.to('/v3.0/oa/message/cs')[0]!.json?.message?.text).toBe('một');
      expect(delivered).toEqual(['một', 'hai', 'ba']);
    } finally {
      await outbox.close();
      await api.stop();
      const plain = redis.duplicate({ keyPrefix: '' });
      const q = new Queue(name, { connection: plain, prefix: `${redis.options.keyPrefix}bull` });
      await q.obliterate({ force: true });
      await q.close();
      const keys = await plain.keys(`${redis.options.keyPrefix}*`);
      if (keys.length) await plain.del(...keys);
      await plain.quit();
      await redis.quit();
    }
  }, 180_000);
});
