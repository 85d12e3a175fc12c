/**
 * Conversation state storage and per-conversation turn serialisation.
 *
 * - {@link BoundedMemoryStorage} and an in-process lock by default (one process, no Redis): state of conversations
 *   idle longer than `STATE_TTL_HOURS` or beyond `STATE_MAX_ENTRIES` is forgotten, so memory stays bounded.
 * - With `REDIS_URL`: {@link RedisStorage} (honours eTags with an atomic compare-and-set) and {@link RedisTurnLock},
 *   so two replicas never run two turns of one conversation at once.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { JsonlGapRecorder, MemoryGapQuota, RedisGapQuota, RedisGapRecorder, type GapQuota, type GapStore, type Redactor } from './gaps';
import Redis from 'ioredis';

const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if ARGV[1] ~= '*' and ARGV[1] ~= '' then
  if not cur then return redis.error_reply('ETAG_MISMATCH') end
  local ok, doc = pcall(cjson.decode, cur)
  if not ok or doc.eTag ~= ARGV[1] then return redis.error_reply('ETAG_MISMATCH') end
end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1`;

export interface RedisStorageOptions {
  /** Key prefix. Default "bot:state:". */
  prefix?: string;
  /** Seconds a conversation's state lives after its last write (0 = forever). Default 30 days. */
  ttlSeconds?: number;
}

export interface MemoryStorageOptions {
  /** Most items kept; the least recently used go first. Default 50,000. */
  maxEntries?: number;
  /** Milliseconds an item lives after its last read or write. Default 24 hours. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Bot Framework `Storage` in process memory with the same eTag rules as botbuilder's `MemoryStorage`, but bounded:
 * least recently used items beyond `maxEntries`, and items idle longer than `ttlMs`, are dropped (a returning user
 * then starts a fresh conversation). Items are kept as JSON, so callers never share objects with the store.
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items = new Map<string, { json: string; eTag: string; at: number }>();
  private etag = 1;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryStorageOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 50_000);
    this.ttlMs = Math.max(1, options.ttlMs ?? 24 * 3600_000);
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const now = this.now();
    const out: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (!item) continue;
      this.items.delete(key);
      if (now - item.at > this.ttlMs) continue;
      item.at = now;
      this.items.set(key, item); // most recently used last
      out[key] = JSON.parse(item.json);
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const now = this.now();
    for (const [key, change] of Object.entries(changes)) {
      const old = this.items.get(key);
      const given = (change as { eTag?: string }).eTag;
      if (old && given && given !== '*' && given !== old.eTag && now - old.at <= this.ttlMs) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      const eTag = String(this.etag++);
      this.items.delete(key);
      this.items.set(key, { json: JSON.stringify({ ...(change as object), eTag }), eTag, at: now });
    }
    this.evict(now);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  private evict(now: number): void {
    for (const [key, item] of this.items) {
      if (this.items.size <= this.maxEntries && now - item.at <= this.ttlMs) break;
      this.items.delete(key);
    }
  }
}

/** Bot Framework `Storage` on Redis. A write whose eTag is stale fails, as with `MemoryStorage`. */
export class RedisStorage implements Storage {
  private readonly prefix: string;
  private readonly ttl: number;

  constructor(
    private readonly redis: Redis,
    options: RedisStorageOptions = {},
  ) {
    this.prefix = options.prefix ?? 'bot:state:';
    this.ttl = options.ttlSeconds ?? 30 * 24 * 3600;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.redis.mget(...keys.map((k) => this.prefix + k));
    const out: StoreItems = {};
    keys.forEach((k, i) => {
      const v = values[i];
      if (v) {
        try {
          out[k] = JSON.parse(v);
        } catch {
          // A corrupt entry reads as missing rather than breaking the conversation.
        }
      }
    });
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const expected = typeof item?.eTag === 'string' ? item.eTag : '*';
      const stored = { ...item, eTag: randomUUID() };
      try {
        await this.redis.eval(CAS_SCRIPT, 1, this.prefix + key, expected, JSON.stringify(stored), String(this.ttl));
      } catch (err) {
        if (String(err).includes('ETAG_MISMATCH')) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        throw err;
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}

/** Runs one turn at a time per key. */
export interface TurnLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** In-process lock: a promise chain per conversation. */
export class MemoryTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface RedisTurnLockOptions {
  prefix?: string;
  /** Lock lifetime, so a crashed process cannot block a conversation for long. Default 30 s. */
  ttlMs?: number;
  /** How long a turn waits for the lock before giving up. Default 20 s. */
  waitMs?: number;
}

/** Cross-process lock on Redis (SET NX PX, released only by its owner). */
export class RedisTurnLock implements TurnLock {
  private readonly local = new MemoryTurnLock();
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisTurnLockOptions = {},
  ) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const k = `${this.options.prefix ?? 'bot:lock:'}${key}`;
      const token = randomUUID();
      const deadline = Date.now() + (this.options.waitMs ?? 20_000);
      let delay = 10;
      while ((await this.redis.set(k, token, 'PX', this.options.ttlMs ?? 30_000, 'NX')) !== 'OK') {
        if (Date.now() > deadline) throw new Error(`turn lock timeout for ${key}`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(200, delay * 2);
      }
      try {
        return await fn();
      } finally {
        await this.redis.eval(RELEASE_SCRIPT, 1, k, token).catch(() => undefined);
      }
    });
  }
}

export interface Broadcast {
  publish(message: string): void;
  close(): Promise<void>;
}

export interface StateBackend {
  storage: Storage;
  lock: TurnLock;
  /** Recorded questions: a Redis list every replica shares, or the JSONL `file`. */
  gapStore(file: string, redactText: Redactor, onError: (err: unknown) => void): GapStore;
  /** The per-user daily cap on recorded questions, shared through Redis or kept in this process. */
  gapQuota(): GapQuota;
  /** Messages on `topic` between replicas (Redis pub/sub): `publish` reaches every other replica's `onMessage`. */
  broadcast(topic: string, onMessage: (message: string) => void): Promise<Broadcast>;
  /** The Redis connection, when `REDIS_URL` is set (shared with the channels: dedupe, outbox, tokens). */
  redis?: Redis;
  close(): Promise<void>;
}

/** Where a deployment keeps its state: Redis (`REDIS_URL`, keys under `REDIS_PREFIX`) or, when none, memory. */
export interface StateSettings {
  redis?: { url: string; prefix: string };
  /** Hours a conversation's state is kept after its last message; conversations kept in memory at most. */
  state: { ttlHours: number; maxEntries: number };
}

/** Memory without Redis settings; Redis with them (every key under the deployment's prefix). */
export function createStateBackend(settings: StateSettings): StateBackend {
  if (!settings.redis) {
    const storage = new BoundedMemoryStorage({ maxEntries: settings.state.maxEntries, ttlMs: settings.state.ttlHours * 3600_000 });
    return {
      storage,
      lock: new MemoryTurnLock(),
      gapStore: (file, redactText, onError) => new JsonlGapRecorder(file, onError, redactText),
      gapQuota: () => new MemoryGapQuota(),
      broadcast: async () => ({ publish: () => undefined, close: async () => undefined }),
      close: async () => undefined,
    };
  }
  // Every key of this deployment lives under its prefix, so several deployments (or test runs) can share a server.
  const redis = new Redis(settings.redis.url, { maxRetriesPerRequest: 2, connectTimeout: 5000, keyPrefix: settings.redis.prefix });
  return {
    // The same idle limit as in memory: conversation state (with a redacted last question) is not kept longer.
    storage: new RedisStorage(redis, { ttlSeconds: settings.state.ttlHours * 3600 }),
    lock: new RedisTurnLock(redis),
    gapStore: (_file, redactText, onError) => new RedisGapRecorder(redis, redactText, 'gaps', onError),
    gapQuota: () => new RedisGapQuota(redis),
    broadcast: async (topic, onMessage) => {
      // Pub/sub channels are not key-prefixed by ioredis: the deployment prefix is added here.
      const channel = `${settings.redis!.prefix}${topic}`;
      const subscriber = redis.duplicate();
      await subscriber.subscribe(channel);
      subscriber.on('message', (_channel, message: string) => onMessage(message));
      return {
        publish: (message) => void redis.publish(channel, message).catch(() => undefined),
        close: async () => {
          await subscriber.quit().catch(() => subscriber.disconnect());
        },
      };
    },
    redis,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
