import { TurnQueue } from '../../adapters/turn-queue';

// Queued work starts on a later turn of the event loop; two turns are enough for a slot to pass on.
const tick = async () => {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
};

/** A unit of work that ends when told to. */
function job(log: string[], name: string): { work: () => Promise<string>; finish: () => void; fail: (e: Error) => void } {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((res, rej) => {
    finish = () => res(name);
    fail = rej;
  });
  return {
    work: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish,
    fail,
  };
}

describe('TurnQueue', () => {
  it('runs at most `max` turns, the rest in arrival order as slots free', async () => {
    const q = new TurnQueue(2, 10);
    const log: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((n) => job(log, n));
    const results = jobs.map((j) => q.submit(j.work));
    expect(log).toEqual(['start a', 'start b']);
    expect(q.running).toBe(2);
    expect(q.queued).toBe(2);
    jobs[1]!.finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    jobs[0]!.finish();
    jobs[2]!.finish();
    await tick();
    jobs[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    await tick();
    expect(q.running).toBe(0);
    expect(q.queued).toBe(0);
  });

  it('says when the waiting line is full; work submitted anyway still runs, in order', async () => {
    const q = new TurnQueue(1, 1);
    const log: string[] = [];
    const a = job(log, 'a');
    const b = job(log, 'b');
    void q.submit(a.work);
    expect(q.full).toBe(false);
    void q.submit(b.work);
    expect(q.full).toBe(true);
    const forced = job(log, 'forced');
    const f = q.submit(forced.work);
    a.finish();
    await tick();
    b.finish();
    await tick();
    forced.finish();
    expect(await f).toBe('forced');
    expect(log).toEqual(['start a', 'start b', 'start forced']);
  });

  it('frees the slot whether the work resolves, rejects or throws, and passes the error on', async () => {
    const q = new TurnQueue(1, 5);
    const log: string[] = [];
    const bad = job(log, 'bad');
    const p1 = q.submit(bad.work);
    const p2 = q.submit(() => {
      throw new Error('sync');
    });
    const p3 = q.submit(async () => 'ok');
    bad.fail(new Error('async'));
    await expect(p1).rejects.toThrow('async');
    await expect(p2).rejects.toThrow('sync');
    await expect(p3).resolves.toBe('ok');
    await tick();
    expect(q.running).toBe(0);
  });

  it('keeps its line compact through a long burst', async () => {
    const q = new TurnQueue(1, 100_000);
    let done = 0;
    const all = Array.from({ length: 5000 }, () => q.submit(async () => void done++));
    await Promise.all(all);
    expect(done).toBe(5000);
    expect(q.queued).toBe(0);
    await tick();
    expect(q.running).toBe(0);
  });
});
