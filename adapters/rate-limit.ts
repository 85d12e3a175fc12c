/**
 * Fixed-window rate limits, per user (turns) and per IP (web chat and webhook requests).
 * In memory by default; in Redis (INCR + PEXPIRE) when replicas share the load.
 */
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type Redis from 'ioredis';

export interface RateLimiter {
  /** Counts one hit; resolves with how many hits the key has in the current window. */
  hit(key: string): Promise<number>;
  readonly limit: number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = Date.now();
  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  async hit(key: string): Promise<number> {
    const now = Date.now();
    if (now - this.lastSweep > this.windowMs) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
      this.lastSweep = now;
    }
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    return ++w.count;
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly prefix = 'rl:',
  ) {}

  async hit(key: string): Promise<number> {
    const k = this.prefix + key;
    const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, this.windowMs, 'NX').exec()) as [[Error | null, number]];
    return count;
  }
}

/**
 * Refuses turns beyond the per-user limit with one polite notice per window (later ones are dropped silently).
 * On a limiter error the turn goes ahead: a limit must never silence a citizen.
 */
export function limitTurns(limiter: RateLimiter, notice: string, onLimited: () => void = () => undefined): Middleware {
  return {
    onTurn: async (ctx: TurnContext, next: () => Promise<void>) => {
      if (ctx.activity.type !== ActivityTypes.Message) return next();
      const key = `user:${ctx.activity.channelId}:${ctx.activity.from?.id ?? ctx.activity.conversation?.id}`;
      const count = await limiter.hit(key).catch(() => 0);
      if (count <= limiter.limit) return next();
      onLimited();
      if (count === limiter.limit + 1) {
        await ctx.sendActivity({ type: ActivityTypes.Message, text: notice, channelData: { turn: { kind: 'smalltalk', sources: [], entries: [], score: 0 } } });
      }
    },
  };
}
