/**
 * Where staff sign-ins live: process memory by default, Redis when replicas share the work, so a hotline agent
 * signed in on one process is signed in on all of them and failed sign-ins count across replicas. Session ids are
 * stored only as SHA-256 hashes, so a copy of the store does not hold usable cookies.
 */
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

export interface StaffStore {
  /** The user of a live session, or undefined. */
  user(sessionId: string): Promise<string | undefined>;
  open(sessionId: string, user: string, ttlMs: number): Promise<void>;
  close(sessionId: string): Promise<void>;
  /** True while `key` has `max` or more counted attempts within the lock window. */
  locked(key: string, max: number): Promise<boolean>;
  /**
   * Counts an attempt for `key` and resolves with the count (atomic, so parallel attempts each see their own
   * number); the count lives `lockMs` after the last attempt.
   */
  count(key: string, lockMs: number): Promise<number>;
  succeeded(key: string): Promise<void>;
}

const hash = (id: string): string => createHash('sha256').update(id).digest('base64url');

export class MemoryStaffStore implements StaffStore {
  private readonly sessions = new Map<string, { user: string; until: number }>();
  private readonly fails = new Map<string, { count: number; until: number }>();

  async user(sessionId: string): Promise<string | undefined> {
    const k = hash(sessionId);
    const s = this.sessions.get(k);
    if (!s) return undefined;
    if (s.until < Date.now()) {
      this.sessions.delete(k);
      return undefined;
    }
    return s.user;
  }

  async open(sessionId: string, user: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    for (const [k, s] of this.sessions) if (s.until < now) this.sessions.delete(k);
    this.sessions.set(hash(sessionId), { user, until: now + ttlMs });
  }

  async close(sessionId: string): Promise<void> {
    this.sessions.delete(hash(sessionId));
  }

  async locked(key: string, max: number): Promise<boolean> {
    const f = this.fails.get(key);
    return Boolean(f && f.count >= max && f.until > Date.now());
  }

  async count(key: string, lockMs: number): Promise<number> {
    if (this.fails.size > 10_000) for (const [k, v] of this.fails) if (v.until <= Date.now()) this.fails.delete(k);
    const f = this.fails.get(key);
    const count = !f || f.until <= Date.now() ? 1 : f.count + 1;
    this.fails.set(key, { count, until: Date.now() + lockMs });
    return count;
  }

  async succeeded(key: string): Promise<void> {
    this.fails.delete(key);
  }
}

export class RedisStaffStore implements StaffStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'staff:',
  ) {}

  async user(sessionId: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}s:${hash(sessionId)}`)) ?? undefined;
  }

  async open(sessionId: string, user: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}s:${hash(sessionId)}`, user, 'PX', ttlMs);
  }

  async close(sessionId: string): Promise<void> {
    await this.redis.del(`${this.prefix}s:${hash(sessionId)}`);
  }

  async locked(key: string, max: number): Promise<boolean> {
    return Number(await this.redis.get(`${this.prefix}f:${key}`)) >= max;
  }

  async count(key: string, lockMs: number): Promise<number> {
    const k = `${this.prefix}f:${key}`;
    const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, lockMs).exec()) as [[Error | null, number]];
    return count;
  }

  async succeeded(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}f:${key}`);
  }
}
