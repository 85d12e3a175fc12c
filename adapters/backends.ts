/**
 * Where the server keeps what replicas must share: every Memory-or-Redis choice of the adapters is made here, once.
 * Without a Redis connection everything lives in this process (one replica); with one, every replica sees the same
 * deduplication, limits, queues, web chat logs, staff sessions and Zalo tokens.
 *
 * @example
 * const backends = createBackends(redis);            // redis undefined: memory
 * const limiter = backends.perMinute(20, 'rl:user:');
 */
import type Redis from 'ioredis';
import type { PushChannel } from './channels';
import { MemoryDeduper, RedisDeduper, type Deduper } from './dedupe';
import { MemoryConversationLog, RedisConversationLog, type ConversationLog } from './directline/store';
import { MemoryInbound, RedisInbound, type Inbound, type InboundOptions } from './inbound';
import { BullMqOutbox, MemoryOutbox, type Outbox, type OutboxEvents, type Sender } from './outbox';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit';
import { MemoryStaffStore, RedisStaffStore, type StaffStore } from './staff/sessions';
import { FileTokenStore, RedisTokenStore, type TokenStore } from './zalo/client';

export interface Backends {
  readonly redis?: Redis;
  deduper(): Deduper;
  /** A per-minute limit; keys under `prefix` in Redis. */
  perMinute(limit: number, prefix: string): RateLimiter;
  outbox(senders: Partial<Record<PushChannel, Sender>>, events: OutboxEvents): Outbox;
  /** Acknowledged deliveries waiting for their turn; `worker: false` only queues them for other replicas. */
  inbound(options: InboundOptions & { worker: boolean }): Inbound;
  conversationLog(): ConversationLog;
  staffSessions(): StaffStore;
  /** Zalo's rotating tokens: in Redis, or in `file` for a single process. */
  zaloTokens(file: string): TokenStore;
}

export function createBackends(redis?: Redis): Backends {
  if (!redis) {
    return {
      deduper: () => new MemoryDeduper(),
      perMinute: (limit) => new MemoryRateLimiter(limit),
      outbox: (senders, events) => new MemoryOutbox(senders, events),
      inbound: ({ worker: _worker, ...options }) => new MemoryInbound(options),
      conversationLog: () => new MemoryConversationLog(),
      staffSessions: () => new MemoryStaffStore(),
      zaloTokens: (file) => new FileTokenStore(file),
    };
  }
  return {
    redis,
    deduper: () => new RedisDeduper(redis),
    perMinute: (limit, prefix) => new RedisRateLimiter(redis, limit, 60_000, prefix),
    outbox: (senders, events) => new BullMqOutbox(redis, senders, events),
    inbound: (options) => new RedisInbound(redis, options),
    conversationLog: () => new RedisConversationLog(redis),
    staffSessions: () => new RedisStaffStore(redis),
    zaloTokens: () => new RedisTokenStore(redis),
  };
}
