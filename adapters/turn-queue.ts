/**
 * Admission control for webhook and web chat turns. Platforms must get their 200 fast (Zalo within 2 s, or it
 * retries and eventually disables the webhook), so a delivery is acknowledged as soon as its turn is queued; at most
 * `max` turns run at once and the rest wait in arrival order as small closures, so a spike costs a queue of events
 * instead of thousands of half-finished turns in memory. When `maxWaiting` turns already wait, `submit` refuses
 * and the route answers 503 + Retry-After: the platform delivers again later, and nothing acknowledged is dropped.
 *
 * @example
 * const done = queue.submit(() => runTurn());
 * if (!done) return res.send(503, …);   // full: ask the platform to deliver again
 * res.send(200);
 */
export class TurnQueue {
  private active = 0;
  private waiting: (() => void)[] = [];
  private head = 0;

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {
    if (!(max >= 1) || !(maxWaiting >= 0)) throw new RangeError('TurnQueue: max ≥ 1 and maxWaiting ≥ 0');
  }

  /** Turns running now. */
  get running(): number {
    return this.active;
  }

  /** Turns waiting for a slot. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /** True when a new turn would be refused. */
  get full(): boolean {
    return this.active >= this.max && this.queued >= this.maxWaiting;
  }

  /**
   * Runs `work` now or when a slot frees. Returns a promise of its end (never rejected: errors go to the promise
   * `work` returns, which the caller handles), or undefined when the queue is full. `force` queues even then, for
   * work already acknowledged to the sender.
   */
  submit<T>(work: () => Promise<T>, force = false): Promise<T> | undefined {
    if (!force && this.full) return undefined;
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        let p: Promise<T>;
        try {
          p = work();
        } catch (err) {
          p = Promise.reject(err);
        }
        p.then(resolve, reject).finally(() => this.release());
      };
      if (this.active < this.max && this.queued === 0) {
        this.active++;
        start();
      } else this.waiting.push(start);
    });
  }

  /** A turn ended: the longest-waiting one takes its slot. */
  private release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.head++;
      if (this.head === this.waiting.length) {
        this.waiting = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      // The slot passes on (`active` stays the same), on the next turn of the event loop: a turn without real I/O
      // (memory state) runs in one go, and starting the next one at once would keep new webhooks from being read
      // and acknowledged until the whole line had run.
      setImmediate(next);
      return;
    }
    this.active--;
  }
}
