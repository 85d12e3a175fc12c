import { TurnGate } from '../adapters/turn-gate';

const tick = () => new Promise((r) => setImmediate(r));

describe('TurnGate', () => {
  it('runs at most `max` turns and admits waiting deliveries in arrival order', async () => {
    const gate = new TurnGate(2, 10);
    const admitted: number[] = [];
    const entries = [0, 1, 2, 3].map((i) => gate.enter().then((ok) => ok && admitted.push(i)));
    await tick();
    expect(admitted).toEqual([0, 1]);
    expect(gate.running).toBe(2);
    expect(gate.queued).toBe(2);
    gate.leave();
    await tick();
    expect(admitted).toEqual([0, 1, 2]);
    gate.leave();
    gate.leave();
    gate.leave();
    await Promise.all(entries);
    expect(admitted).toEqual([0, 1, 2, 3]);
    expect(gate.running).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('refuses at once when the waiting line is full, and never goes below zero', async () => {
    const gate = new TurnGate(1, 1);
    expect(await gate.enter()).toBe(true);
    const waiting = gate.enter();
    expect(await gate.enter()).toBe(false);
    gate.leave();
    expect(await waiting).toBe(true);
    gate.leave();
    gate.leave();
    expect(gate.running).toBe(0);
    expect(await gate.enter()).toBe(true);
  });

  it('releases the slot whether the work resolves, rejects or throws', async () => {
    const gate = new TurnGate(1, 0);
    await gate.enter();
    await gate.run(async () => 1);
    await gate.enter();
    await expect(gate.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await gate.enter();
    await expect(
      gate.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(gate.running).toBe(0);
  });

  it('keeps its queue compact under a long burst', async () => {
    const gate = new TurnGate(1, 100_000);
    await gate.enter();
    const all = Array.from({ length: 5000 }, () => gate.enter());
    for (let i = 0; i < 5000; i++) gate.leave();
    expect((await Promise.all(all)).every(Boolean)).toBe(true);
    expect(gate.queued).toBe(0);
    expect(gate.running).toBe(1);
  });
});
