/**
 * Self-hosted Direct Line 3.0 (polling) for Web Chat: signed tokens bound to one conversation, and the
 * conversation log the browser polls with a watermark. In memory (one process); idle conversations expire.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type Redis from 'ioredis';

export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const b64 = (s: string): string => Buffer.from(s).toString('base64url');

/** HMAC-signed tokens: `base64url(claims).signature`. */
export class TokenSigner {
  private readonly key: Buffer;
  constructor(
    secret?: string,
    readonly ttlSeconds = 3600,
  ) {
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
  }

  issue(conversationId: string, userId: string): { token: string; expires_in: number } {
    const claims: TokenClaims = { conversationId, userId, exp: Math.floor(Date.now() / 1000) + this.ttlSeconds };
    const body = b64(JSON.stringify(claims));
    const sig = createHmac('sha256', this.key).update(body).digest('base64url');
    return { token: `${body}.${sig}`, expires_in: this.ttlSeconds };
  }

  verify(token: string | undefined): TokenClaims | undefined {
    if (!token) return undefined;
    // Exactly two base64url segments: a token with an extra segment or other characters is refused.
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
    if (!m) return undefined;
    const [, body, sig] = m as unknown as [string, string, string];
    const want = createHmac('sha256', this.key).update(body).digest('base64url');
    if (sig.length !== want.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(want))) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      return claims.exp > Date.now() / 1000 ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}

interface Conversation {
  userId: string;
  activities: Partial<Activity>[];
  /** Sequence number of the next activity (the watermark after the last one). */
  next: number;
  /** Sizes (JSON characters) of `activities`, and their sum. */
  sizes: number[];
  bytes: number;
  started: boolean;
  lastActive: number;
}

/** What one conversation may hold: enough for a page session, bounded so that no client can exhaust memory. */
export const LOG_LIMITS = { activities: 100, bytes: 256 * 1024, conversations: 20_000, redisConversations: 200_000, page: 50 };

export class ConversationStore {
  /** In order of last activity (a touched conversation moves to the end), so the first is the longest idle. */
  private readonly conversations = new Map<string, Conversation>();
  constructor(
    private readonly idleMs = 24 * 3600_000,
    private readonly limits = LOG_LIMITS,
  ) {}

  create(): { conversationId: string; userId: string } {
    this.sweep();
    if (this.conversations.size >= this.limits.conversations) this.conversations.delete(this.conversations.keys().next().value!);
    const conversationId = randomUUID().replace(/-/g, '');
    const userId = `dl_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    this.conversations.set(conversationId, { userId, activities: [], next: 0, sizes: [], bytes: 0, started: false, lastActive: Date.now() });
    return { conversationId, userId };
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Marks the conversation started; true the first time (the bot then welcomes the user). */
  start(id: string): boolean {
    const c = this.conversations.get(id);
    if (!c || c.started) return false;
    c.started = true;
    return true;
  }

  /**
   * Appends an activity with a server id and timestamp; returns the stored copy. The oldest activities give way
   * when the conversation holds more than its limits (count and characters).
   */
  append(id: string, activity: Partial<Activity>): Partial<Activity> | undefined {
    const c = this.touch(id);
    if (!c) return undefined;
    const stored = { ...activity, id: `${id}|${String(c.next++).padStart(7, '0')}`, timestamp: new Date() } as Partial<Activity>;
    const size = JSON.stringify(stored).length;
    c.activities.push(stored);
    c.sizes.push(size);
    c.bytes += size;
    while (c.activities.length > 1 && (c.activities.length > this.limits.activities || c.bytes > this.limits.bytes)) {
      c.activities.shift();
      c.bytes -= c.sizes.shift()!;
    }
    return stored;
  }

  /** Activities after a watermark (at most a page of them), and the new watermark (a string, as Web Chat expects). */
  since(id: string, watermark: string | undefined): { activities: Partial<Activity>[]; watermark: string } | undefined {
    const c = this.touch(id);
    if (!c) return undefined;
    const all = c.activities;
    const base = c.next - all.length;
    const start = Math.min(all.length, Math.max(0, (Number.parseInt(watermark ?? '', 10) || 0) - base));
    const page = all.slice(start, start + this.limits.page);
    return { activities: page, watermark: String(base + start + page.length) };
  }

  /** The conversation, moved to the end of the idle order. */
  private touch(id: string): Conversation | undefined {
    const c = this.conversations.get(id);
    if (!c) return undefined;
    c.lastActive = Date.now();
    this.conversations.delete(id);
    this.conversations.set(id, c);
    return c;
  }

  private lastSweep = 0;

  /** Forgets idle conversations; at most once a minute, and only from the idle end, so it stays cheap. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const cutoff = now - this.idleMs;
    for (const [id, c] of this.conversations) {
      if (c.lastActive >= cutoff) break;
      this.conversations.delete(id);
    }
  }
}

/** Where web chat conversations live: process memory, or Redis so that any replica can serve any poll. */
export interface ConversationLog {
  create(): Promise<{ conversationId: string; userId: string }>;
  exists(id: string): Promise<boolean>;
  start(id: string): Promise<boolean>;
  append(id: string, activity: Partial<Activity>): Promise<Partial<Activity> | undefined>;
  since(id: string, watermark: string | undefined): Promise<{ activities: Partial<Activity>[]; watermark: string } | undefined>;
}

export class MemoryConversationLog implements ConversationLog {
  constructor(private readonly store = new ConversationStore()) {}
  async create() {
    return this.store.create();
  }
  async exists(id: string) {
    return Boolean(this.store.get(id));
  }
  async start(id: string) {
    return this.store.start(id);
  }
  async append(id: string, activity: Partial<Activity>) {
    return this.store.append(id, activity);
  }
  async since(id: string, watermark: string | undefined) {
    return this.store.since(id, watermark);
  }
}

/**
 * Appends one activity and trims the list from its oldest end until it holds at most ARGV[2] items and ARGV[3]
 * characters (the running total lives in the conversation's hash), atomically; renews both keys' lifetime.
 */
const APPEND_SCRIPT = `
redis.call('RPUSH', KEYS[1], ARGV[1])
local bytes = redis.call('HINCRBY', KEYS[2], 'bytes', string.len(ARGV[1]))
while redis.call('LLEN', KEYS[1]) > 1 and (redis.call('LLEN', KEYS[1]) > tonumber(ARGV[2]) or bytes > tonumber(ARGV[3])) do
  local old = redis.call('LPOP', KEYS[1])
  bytes = redis.call('HINCRBY', KEYS[2], 'bytes', -string.len(old))
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return bytes`;

/**
 * Conversation logs in Redis: a hash per conversation and a list of activities, bounded like the memory store
 * (count and characters per conversation); idle ones expire after a day, and beyond `redisConversations` the
 * longest idle are deleted (a sorted set by last activity).
 */
export class RedisConversationLog implements ConversationLog {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 24 * 3600,
    private readonly limits = LOG_LIMITS,
  ) {}

  private meta = (id: string) => `dl:conv:${id}`;
  private list = (id: string) => `dl:log:${id}`;
  private readonly idle = 'dl:idle';

  async create() {
    const conversationId = randomUUID().replace(/-/g, '');
    const userId = `dl_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const now = Date.now();
    const res = (await this.redis
      .multi()
      .hset(this.meta(conversationId), 'userId', userId)
      .expire(this.meta(conversationId), this.ttlSeconds)
      .zadd(this.idle, now, conversationId)
      .zremrangebyscore(this.idle, 0, now - this.ttlSeconds * 1000)
      .zcard(this.idle)
      .exec()) as [Error | null, unknown][];
    const over = Number(res[4]?.[1] ?? 0) - this.limits.redisConversations;
    if (over > 0) {
      const oldest = (await this.redis.zpopmin(this.idle, over)).filter((_, i) => i % 2 === 0);
      if (oldest.length) await this.redis.del(...oldest.flatMap((id) => [this.meta(id), this.list(id)]));
    }
    return { conversationId, userId };
  }

  async exists(id: string) {
    return (await this.redis.exists(this.meta(id))) === 1;
  }

  async start(id: string) {
    return (await this.redis.hsetnx(this.meta(id), 'started', '1')) === 1;
  }

  async append(id: string, activity: Partial<Activity>) {
    if (!(await this.exists(id))) return undefined;
    const seq = await this.redis.hincrby(this.meta(id), 'seq', 1);
    const stored = { ...activity, id: `${id}|${String(seq - 1).padStart(7, '0')}`, timestamp: new Date() } as Partial<Activity>;
    await this.redis
      .multi()
      .eval(APPEND_SCRIPT, 2, this.list(id), this.meta(id), JSON.stringify(stored), this.limits.activities, this.limits.bytes, this.ttlSeconds)
      .zadd(this.idle, Date.now(), id)
      .exec();
    return stored;
  }

  /** Reads only the activities after the watermark, a page at a time. */
  async since(id: string, watermark: string | undefined) {
    const [[, exists], [, seqRaw], [, length]] = (await this.redis.multi().exists(this.meta(id)).hget(this.meta(id), 'seq').llen(this.list(id)).exec()) as [
      [null, number],
      [null, string | null],
      [null, number],
    ];
    if (exists !== 1) return undefined;
    const total = Number(seqRaw ?? 0);
    const base = total - length;
    const start = Math.min(length, Math.max(0, (Number.parseInt(watermark ?? '', 10) || 0) - base));
    const items = start < length ? await this.redis.lrange(this.list(id), start, start + this.limits.page - 1) : [];
    return { activities: items.map((s) => JSON.parse(s) as Partial<Activity>), watermark: String(base + start + items.length) };
  }
}
