import { MemoryDeduper } from '../../adapters/dedupe';

describe('MemoryDeduper', () => {
  it('says "first time" once per key, and forgets the oldest keys beyond its size', async () => {
    const d = new MemoryDeduper(60_000, 3);
    expect(await d.firstTime('a')).toBe(true);
    expect(await d.firstTime('a')).toBe(false);
    for (const k of ['b', 'c', 'd']) expect(await d.firstTime(k)).toBe(true);
    expect(d.size).toBe(3);
    expect(await d.firstTime('d')).toBe(false);
    expect(await d.firstTime('b')).toBe(false);
    expect(await d.firstTime('a')).toBe(true); // the oldest went first
  });

  it('forgets keys after their time', async () => {
    let now = 1_000_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const d = new MemoryDeduper(1000, 100);
      await d.firstTime('x');
      await d.firstTime('y');
      now += 1001;
      expect(await d.firstTime('z')).toBe(true);
      expect(d.size).toBe(1); // x and y expired and were dropped
      expect(await d.firstTime('x')).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('stays at its bound through a long stream of new keys', async () => {
    const d = new MemoryDeduper(60_000, 1000);
    for (let i = 0; i < 50_000; i++) await d.firstTime(`k${i}`);
    expect(d.size).toBe(1000);
    expect(await d.firstTime('k49999')).toBe(false);
    expect(await d.firstTime('k0')).toBe(true);
  });
});
