/**
 * Outbound reliability for platform send APIs. One job carries the requests of one bot reply, in order; a job
 * remembers how many of them were delivered, so a retry never sends a message twice.
 *
 * - {@link MemoryOutbox}: in process, one queue per conversation (keeps order), exponential backoff.
 * - {@link BullMqOutbox}: BullMQ over Redis, so a restart loses nothing. Jobs of one conversation carry a sequence
 *   number; a job whose predecessor is not finished (still sending, or waiting for a retry) steps back for a moment,
 *   so several workers and replicas still deliver one conversation in order.
 *
 * Senders classify each attempt: delivered, retry later (5xx, 429, time-out, rate limit) or permanent failure
 * (window closed, user blocked, bad request), which is logged and dropped.
 */
import type { Job, Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { bullConnections, type BullConnections } from './bull';
import type { PushChannel } from './channels';

export interface OutboundJob {
  channel: PushChannel;
  /** Conversation key: jobs with the same key are delivered in order. */
  key: string;
  requests: unknown[];
  /** How many requests were already delivered. */
  done?: number;
  /** Position of the job in its conversation (BullMQ outbox only). */
  seq?: number;
}

export type SendOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };

export type Sender = (request: unknown) => Promise<SendOutcome>;

export interface OutboxEvents {
  onRetry?: (job: OutboundJob, reason: string) => void;
  onDropped?: (job: OutboundJob, reason: string) => void;
  onDelivered?: (job: OutboundJob) => void;
}

export interface Outbox {
  enqueue(job: OutboundJob): Promise<void>;
  /** Waits for queued work (memory) and stops taking new work. */
  close(): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts per request before giving up. Default 6. */
  attempts: number;
  /** First back-off delay in ms, doubled each time. Default 250. */
  baseDelayMs: number;
  /** Longest delay in ms. Default 30000. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 30_000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends the remaining requests of a job in order; returns the outcome of the first that did not go through. */
async function sendRemaining(job: OutboundJob, send: Sender, progress: (done: number) => Promise<void> | void): Promise<SendOutcome> {
  for (let i = job.done ?? 0; i < job.requests.length; i++) {
    const r = await send(job.requests[i]).catch((err: unknown): SendOutcome => ({ ok: false, retry: true, reason: String(err) }));
    if (!r.ok) return r;
    job.done = i + 1;
    await progress(job.done);
  }
  return { ok: true };
}

export class MemoryOutbox implements Outbox {
  private readonly chains = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly senders: Partial<Record<PushChannel, Sender>>,
    private readonly events: OutboxEvents = {},
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async enqueue(job: OutboundJob): Promise<void> {
    if (this.closed) throw new Error('outbox closed');
    const prev = this.chains.get(job.key) ?? Promise.resolve();
    const next = prev.then(() => this.deliver(job));
    this.chains.set(job.key, next);
    void next.finally(() => {
      if (this.chains.get(job.key) === next) this.chains.delete(job.key);
    });
  }

  private async deliver(job: OutboundJob): Promise<void> {
    const send = this.senders[job.channel];
    if (!send) return this.events.onDropped?.(job, `no sender for ${job.channel}`);
    for (let attempt = 1; ; attempt++) {
      const r = await sendRemaining(job, send, () => undefined);
      if (r.ok) return this.events.onDelivered?.(job);
      if (!r.retry || attempt >= this.policy.attempts) return this.events.onDropped?.(job, r.reason);
      this.events.onRetry?.(job, r.reason);
      await sleep(Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.chains.values()]);
  }
}

/** How long a job waits for its predecessor before it goes anyway (a predecessor lost with its Redis data). */
const MAX_WAIT_FOR_TURN_MS = 120_000;
/** How soon a job out of turn looks again. */
const TURN_POLL_MS = 100;
/** Sequence keys of a conversation expire a day after its last reply. */
const SEQ_TTL_S = 86_400;
/** Marks job `seq` of a conversation finished (delivered or dropped), never moving the mark back. */
const FINISH_SCRIPT = `local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1`;

export class BullMqOutbox implements Outbox {
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly connections: BullConnections;

  constructor(
    private readonly connection: Redis,
    senders: Partial<Record<PushChannel, Sender>>,
    private readonly events: OutboxEvents = {},
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    name = 'outbox',
  ) {
    this.connections = bullConnections(connection);
    const { prefix, bullmq } = this.connections;
    const { Queue, Worker, UnrecoverableError, DelayedError } = bullmq;
    this.queue = new Queue(name, { connection: this.connections.queue, prefix });
    this.worker = new Worker(
      name,
      async (job: Job<OutboundJob>, token?: string) => {
        const data = job.data;
        if (data.seq !== undefined && !(await this.inTurn(data)) && Date.now() - job.timestamp < MAX_WAIT_FOR_TURN_MS) {
          await job.moveToDelayed(Date.now() + TURN_POLL_MS, token);
          throw new DelayedError();
        }
        const send = senders[data.channel];
        if (!send) throw new UnrecoverableError(`no sender for ${data.channel}`);
        const r = await sendRemaining(data, send, (done) => job.updateData({ ...data, done }));
        if (r.ok) return this.finish(data);
        if (!r.retry) throw new UnrecoverableError(r.reason);
        this.events.onRetry?.(data, r.reason);
        throw new Error(r.reason);
      },
      {
        connection: this.connections.worker(),
        prefix,
        concurrency: 8,
        // A reply held by a process that died is picked up by another within about 15 s (lock renewed every 5 s while alive).
        lockDuration: 10_000,
        stalledInterval: 5_000,
        settings: { backoffStrategy: (attempts: number) => Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempts - 1)) },
      },
    );
    this.worker.on('completed', (job) => this.events.onDelivered?.(job.data as OutboundJob));
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!final) return;
      // A dropped job lets the next one of its conversation go.
      void this.finish(job.data as OutboundJob).catch(() => undefined);
      this.events.onDropped?.(job.data as OutboundJob, err.message);
    });
  }

  private seqKey = (key: string, what: 'next' | 'done') => `outbox:${what}:${key}`;

  /** True when every earlier job of the conversation is finished. */
  private async inTurn(job: OutboundJob): Promise<boolean> {
    const done = Number((await this.connection.get(this.seqKey(job.key, 'done'))) ?? 0);
    return (job.seq ?? 0) <= done + 1;
  }

  private async finish(job: OutboundJob): Promise<void> {
    if (job.seq !== undefined) await this.connection.eval(FINISH_SCRIPT, 1, this.seqKey(job.key, 'done'), job.seq, SEQ_TTL_S);
  }

  async enqueue(job: OutboundJob): Promise<void> {
    const next = this.seqKey(job.key, 'next');
    const [[, seq]] = (await this.connection.multi().incr(next).expire(next, SEQ_TTL_S).exec()) as [[Error | null, number]];
    await this.queue.add(
      'send',
      { ...job, seq },
      {
        attempts: this.policy.attempts,
        backoff: { type: 'custom' },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    );
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    await this.connections.close();
  }
}
