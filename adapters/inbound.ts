/**
 * Where acknowledged deliveries wait for their turn. Platforms get their 200 as soon as a turn is queued (Zalo
 * wants it within 2 s); at most `maxConcurrent` turns run at once per process.
 *
 * - {@link MemoryInbound}: a line in process memory (one process, no Redis).
 * - {@link RedisInbound}: a BullMQ queue shared by every replica, so any process may run a turn that another one
 *   acknowledged, and a turn acknowledged by a process that dies is run by another (BullMQ moves the jobs of a dead
 *   worker back to the queue). A process with `worker: false` only accepts deliveries.
 *
 * `full()` says whether a new delivery should be refused with 503 + Retry-After (more than `maxWaiting` queued).
 */
import type { Activity } from 'botbuilder';
import type { Job, Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { bullConnections, type BullConnections } from './bull';
import type { ChannelName } from './channels';
import { TurnQueue } from './turn-queue';

export interface InboundJob {
  channel: ChannelName;
  activity: Activity;
}

export type RunTurn = (job: InboundJob) => Promise<void>;

export interface Inbound {
  /** True when a new delivery should be refused: too many turns are waiting. */
  full(): boolean;
  /** Queues a turn (never refuses: call `full()` first). Resolves once the turn is safely queued. */
  submit(job: InboundJob): Promise<void>;
  /** Turns running in this process, and turns waiting (in this process, or in the shared queue). */
  counts(): { running: number; queued: number };
  /** Resolves when every queued turn has run. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface InboundOptions {
  maxConcurrent: number;
  maxWaiting: number;
  run: RunTurn;
  onError: (err: unknown) => void;
}

export class MemoryInbound implements Inbound {
  private readonly queue: TurnQueue;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: InboundOptions) {
    this.queue = new TurnQueue(options.maxConcurrent, options.maxWaiting);
  }

  full(): boolean {
    return this.queue.full;
  }

  async submit(job: InboundJob): Promise<void> {
    const tracked = this.queue.submit(() => this.options.run(job)).catch(this.options.onError);
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  counts(): { running: number; queued: number } {
    return { running: this.queue.running, queued: this.queue.queued };
  }

  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    await this.idle();
  }
}

/** JSON turns a Date into a string; the adapters expect the activity's timestamp as a Date. */
function revive(job: InboundJob): InboundJob {
  const a = job.activity as Activity & { timestamp?: unknown };
  if (typeof a.timestamp === 'string') a.timestamp = new Date(a.timestamp);
  return job;
}

export class RedisInbound implements Inbound {
  private readonly queue: Queue;
  private readonly worker?: Worker;
  private readonly connections: BullConnections;
  private running = 0;
  private waiting = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    connection: Redis,
    private readonly options: InboundOptions & { worker?: boolean },
    name = 'inbound',
  ) {
    this.connections = bullConnections(connection);
    const { prefix, bullmq } = this.connections;
    this.queue = new bullmq.Queue(name, { connection: this.connections.queue, prefix });
    if (options.worker !== false) {
      this.worker = new bullmq.Worker(
        name,
        async (job: Job<InboundJob>) => {
          this.running++;
          try {
            await options.run(revive(job.data));
          } finally {
            this.running--;
          }
        },
        { connection: this.connections.worker(), prefix, concurrency: options.maxConcurrent },
      );
      this.worker.on('failed', (_job, err) => options.onError(err));
      this.worker.on('error', (err) => options.onError(err));
    }
    // The waiting count decides 503s; reading it on every delivery would cost a round trip, so it is refreshed.
    const refresh = () =>
      this.queue.getWaitingCount().then(
        (n) => {
          this.waiting = n;
        },
        () => undefined,
      );
    this.timer = setInterval(refresh, 250);
    this.timer.unref();
    void refresh();
  }

  full(): boolean {
    return this.waiting >= this.options.maxWaiting;
  }

  async submit(job: InboundJob): Promise<void> {
    // A turn runs once; a worker that dies mid-turn hands it to another (stalled-job recovery). The job holds the
    // citizen's unredacted message, so it is deleted as soon as it ends, whether the turn worked or not.
    await this.queue.add('turn', job, { attempts: 1, removeOnComplete: true, removeOnFail: true });
    this.waiting++;
  }

  counts(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting };
  }

  async idle(): Promise<void> {
    for (;;) {
      const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (!Object.values(c).some(Boolean)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.worker?.close();
    await this.queue.close();
    await this.connections.close();
  }
}
