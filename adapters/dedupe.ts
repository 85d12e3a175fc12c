/**
 * Webhook deduplication: platforms deliver at least once, so each delivery id is remembered for a day.
 * In memory by default; in Redis (SET NX EX) when replicas share the work.
 */
import type Redis from 'ioredis';

export interface Deduper {
  /** True the first time a key is seen within the TTL; false for a repeat. */
  firstTime(key: string): Promise<boolean>;
}

export class MemoryDeduper implements Deduper {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 24 * 3600_000,
    private readonly max = 100_000,
  ) {}

  async firstTime(key: string): Promise<boolean> {
    const now = Date.now();
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    // Every key gets the same TTL, so insertion order is expiry order: expired keys, and the oldest when full,
    // are all at the front. Each key is deleted once, so this costs O(1) per call on average.
    for (const [k, t] of this.seen) {
      if (t > now && this.seen.size < this.max) break;
      this.seen.delete(k);
    }
    this.seen.delete(key);
    this.seen.set(key, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

export class RedisDeduper implements Deduper {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 36 * 3600,
    private readonly prefix = 'dedupe:',
  ) {}

  async firstTime(key: string): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }
}
