import { ConversationState } from 'botbuilder';
import { loadConfig } from '../../adapters/config';
import { BoundedMemoryStorage, createStateBackend } from '../../bot/state';

describe('BoundedMemoryStorage', () => {
  it('reads, writes and deletes with the eTag rules of botbuilder storage', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ k1: { n: 1 } });
    const first = (await storage.read(['k1', 'missing'])).k1;
    expect(first).toMatchObject({ n: 1 });
    expect(typeof first.eTag).toBe('string');
    first.n = 99; // callers never hold the stored object
    expect((await storage.read(['k1'])).k1).toMatchObject({ n: 1 });
    await storage.write({ k1: { ...first, n: 2 } });
    await expect(storage.write({ k1: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ k1: { n: 4, eTag: '*' } });
    expect((await storage.read(['k1'])).k1).toMatchObject({ n: 4 });
    await storage.delete(['k1']);
    expect(await storage.read(['k1'])).toEqual({});
    expect(storage.size).toBe(0);
  });

  it('forgets the least recently used items beyond its size, and items idle past their time', async () => {
    let now = 1_000;
    const storage = new BoundedMemoryStorage({ maxEntries: 3, ttlMs: 60_000, now: () => now });
    await storage.write({ a: { v: 'a' }, b: { v: 'b' }, c: { v: 'c' } });
    await storage.read(['a']); // a is now the most recently used
    await storage.write({ d: { v: 'd' } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
    now += 61_000;
    expect(await storage.read(['a'])).toEqual({});
    await storage.write({ e: { v: 'e' } });
    expect(storage.size).toBe(1);
  });

  it('keeps a bot conversation across turns as the default backend', async () => {
    const backend = createStateBackend(loadConfig({ STATE_MAX_ENTRIES: '10' }).runtime);
    expect(backend.storage).toBeInstanceOf(BoundedMemoryStorage);
    const state = new ConversationState(backend.storage);
    const prop = state.createProperty<{ n: number }>('p');
    const ctx = { activity: { channelId: 'test', conversation: { id: 'c1' } }, turnState: new Map() } as never;
    (await prop.get(ctx, { n: 0 }))!.n = 5;
    await state.saveChanges(ctx);
    const next = { activity: { channelId: 'test', conversation: { id: 'c1' } }, turnState: new Map() } as never;
    expect((await prop.get(next))?.n).toBe(5);
  });
});
