/**
 * Admission control for webhook turns. Platforms get their 200 as soon as a turn is admitted, and at most `max`
 * turns run at once; further deliveries wait for a slot before they are acknowledged, so a spike slows the
 * acknowledgements (back-pressure on the platform's connections) instead of piling up unfinished turns in memory.
 * When more than `maxWaiting` deliveries are already waiting, `enter` answers false and the route replies 503
 * with Retry-After, which the platforms treat as "deliver again later": nothing accepted is ever dropped.
 *
 * @example
 * if (!(await gate.enter())) return res.send(503, …);
 * res.send(200); runTurn().finally(() => gate.leave());
 */
export class TurnGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {
    if (!(max >= 1) || !(maxWaiting >= 0)) throw new RangeError('TurnGate: max ≥ 1 and maxWaiting ≥ 0');
  }

  /** Turns running now. */
  get running(): number {
    return this.active;
  }

  /** Deliveries waiting for a slot. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /** Resolves true once a slot is held (call `leave` when the turn ends), or false at once when the queue is full. */
  enter(): Promise<boolean> {
    if (this.active < this.max && this.queued === 0) {
      this.active++;
      return Promise.resolve(true);
    }
    if (this.queued >= this.maxWaiting) return Promise.resolve(false);
    return new Promise((resolve) => this.waiting.push(() => resolve(true)));
  }

  /** Frees a slot; the longest-waiting delivery takes it. */
  leave(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as unknown as () => void;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next(); // the slot passes on: `active` stays the same
      return;
    }
    if (this.active > 0) this.active--;
  }

  /** Runs `work` in a slot already held, releasing it however the work ends. */
  run<T>(work: () => Promise<T>): Promise<T> {
    let p: Promise<T>;
    try {
      p = work();
    } catch (err) {
      p = Promise.reject(err);
    }
    return p.finally(() => this.leave());
  }
}
