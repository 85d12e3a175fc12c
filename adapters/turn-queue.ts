/**
 * The in-process line of turns: at most `max` run at once and the rest wait in arrival order as small closures, so
 * a spike costs a queue of events instead of thousands of half-finished turns in memory. `full` says when more than
 * `maxWaiting` wait, so that the routes can answer 503 + Retry-After before they acknowledge a delivery.
 *
 * @example
 * if (queue.full) return res.send(503, …);   // the platform delivers again later
 * void queue.submit(() => runTurn());
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

  /** Runs `work` now or when a slot frees; the promise settles as the work does. */
  submit<T>(work: () => Promise<T>): Promise<T> {
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
