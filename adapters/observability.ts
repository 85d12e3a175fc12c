/**
 * Logs and metrics. Logs are pino JSON lines without secrets or raw user text; metrics are Prometheus
 * (prom-client) on `GET /metrics`: turns by channel and kind, reply latency, search scores, outbox retries and
 * failures, token refreshes and rate-limited requests.
 */
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Keys whose values never reach a log line. */
const REDACT = [
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'secret',
  'password',
  'authorization',
  'text',
  '*.token',
  '*.access_token',
  '*.authorization',
  '*.text',
  'headers.authorization',
  'req.headers.authorization',
];

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'thich-ung-an-toan' }, redact: { paths: REDACT, censor: '[redacted]' } });
}

export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'bot_turns_total',
    help: 'Bot turns by channel and reply kind',
    labelNames: ['channel', 'kind'],
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'bot_reply_latency_seconds',
    help: 'Time from the start of a turn to its first reply',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly searchScore = new Histogram({
    name: 'bot_search_score',
    help: 'Best search score of answered, clarified and declined questions',
    labelNames: ['kind'],
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    registers: [this.registry],
  });
  readonly outboxRetries = new Counter({ name: 'outbox_retries_total', help: 'Outbound sends retried', labelNames: ['channel'], registers: [this.registry] });
  readonly outboxFailures = new Counter({
    name: 'outbox_failures_total',
    help: 'Outbound replies dropped',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  readonly outboxDelivered = new Counter({
    name: 'outbox_delivered_total',
    help: 'Outbound replies delivered',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  readonly tokenRefreshes = new Counter({
    name: 'zalo_token_refreshes_total',
    help: 'Zalo OAuth token refreshes',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'rate_limited_total',
    help: 'Requests refused by a rate limit',
    labelNames: ['scope'],
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: 'webhook_requests_total',
    help: 'Webhook requests by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  private turnQueue?: () => { running: number; queued: number };
  readonly turnsInProcess = new Gauge({
    name: 'turn_queue_turns',
    help: 'Turns of this process now running, and waiting for a slot',
    labelNames: ['state'],
    registers: [this.registry],
    collect: () => {
      const q = this.turnQueue?.();
      if (!q) return;
      this.turnsInProcess.set({ state: 'running' }, q.running);
      this.turnsInProcess.set({ state: 'waiting' }, q.queued);
    },
  });

  /** Reports the admission queue's figures on every scrape. */
  watchTurnQueue(read: () => { running: number; queued: number }): void {
    this.turnQueue = read;
  }

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }
}

/** Middleware that counts each turn by the kind of its first reply and times that reply. */
export function observeTurns(metrics: Metrics): Middleware {
  return {
    onTurn: async (ctx: TurnContext, next: () => Promise<void>) => {
      if (ctx.activity.type !== ActivityTypes.Message) return next();
      const start = process.hrtime.bigint();
      let seen = false;
      ctx.onSendActivities(async (_c, activities: Partial<Activity>[], send) => {
        if (!seen && activities.length) {
          seen = true;
          const channel = ctx.activity.channelId;
          const turn = activities[0]?.channelData?.turn as { kind?: string; score?: number } | undefined;
          const kind = turn?.kind ?? 'other';
          metrics.turns.inc({ channel, kind });
          metrics.latency.observe({ channel }, Number(process.hrtime.bigint() - start) / 1e9);
          if (typeof turn?.score === 'number' && ['answer', 'clarify', 'fallback'].includes(kind)) metrics.searchScore.observe({ kind }, turn.score);
        }
        return send();
      });
      await next();
    },
  };
}
