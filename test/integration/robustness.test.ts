import fc from 'fast-check';
import { loadConfig } from '../../adapters/config';
import { messengerSign, parseMessengerEvents } from '../../adapters/messenger/protocol';
import { createApp, type App } from '../../adapters/server';
import { parseZaloEvent, zaloSign } from '../../adapters/zalo/protocol';
import { Triage } from '../../bot/triage';
import { MemoryTurnLock } from '../../bot/state';
import { analyze } from '../../knowledge/text/analyze';
import { normalizeVietnamese } from '../../knowledge/text/vietnamese';
import { harness, testIndex } from '../helpers/bot';

/** Hostile and random input, 10,000 cases per target: no exception escapes, no 5xx. */
const RUNS = 10_000;
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'ạăâđêôơưỵ̀̀́̃̉ \u0000\u200b\ufeff%$<>{}"\'\\/0123456789fFsSpPoO'.split('')), maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'spo2 9999999999999', 'mạch -5', '38,5,5,5', '1900 9095 '.repeat(100)),
);

describe('robustness (fast-check)', () => {
  it('normaliser and analysis', () => {
    fc.assert(
      fc.property(hostile, (s) => void analyze(normalizeVietnamese(s))),
      { numRuns: RUNS },
    );
  });

  it('triage', async () => {
    const triage = new Triage((await testIndex()).data.triage);
    fc.assert(
      fc.property(hostile, (s) => typeof triage.check(s).emergency === 'boolean'),
      { numRuns: RUNS },
    );
  });

  it('search', async () => {
    const index = await testIndex();
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        const r = await index.search(s, { asOf: '2026-11-26' });
        return ['answer', 'clarify', 'out_of_scope'].includes(r.decision);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('webhook parsers', () => {
    const anyJson = fc.oneof(
      fc.jsonValue(),
      fc.anything(),
      fc.record({ event_name: fc.string(), sender: fc.anything(), message: fc.anything(), entry: fc.anything(), object: fc.constantFrom('page', 'x') }),
    );
    fc.assert(
      fc.property(anyJson, (v) => void parseZaloEvent(v)),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(anyJson, (v) => Array.isArray(parseMessengerEvents(v))),
      { numRuns: RUNS },
    );
  });
});

describe('robustness over HTTP', () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    const h = await harness();
    const cfg = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ZALO_APP_ID: '1',
      ZALO_OA_SECRET_KEY: 's',
      ZALO_ACCESS_TOKEN: 'a',
      ZALO_API_BASE_URL: 'http://127.0.0.1:9',
      MESSENGER_APP_SECRET: 'm',
      MESSENGER_VERIFY_TOKEN: 'v',
      MESSENGER_PAGE_ACCESS_TOKEN: 'p',
      GRAPH_API_BASE_URL: 'http://127.0.0.1:9',
      RATE_LIMIT_IP_PER_MIN: '100000000',
      OUTBOUND_TIMEOUT_MS: '200',
    });
    app = await createApp(cfg, { bot: h.bot, lock: new MemoryTurnLock(), ready: () => true, log: () => undefined });
    base = await app.listen();
  });
  afterAll(() => app.close());

  it('signed random bodies on every webhook and Direct Line never get a 5xx', async () => {
    const t = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string({ maxLength: 200 })), fc.string({ maxLength: 100 }), async (body, text) => {
        const zalo = await fetch(`${base}/api/zalo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSign(body, '1', 's') },
          body,
        });
        const fb = await fetch(`${base}/api/messenger`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': messengerSign(body, 'm') },
          body,
        });
        const dl = await fetch(`${base}/v3/directline/conversations/${t.conversationId}/activities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text }),
        });
        return zalo.status < 500 && fb.status < 500 && dl.status < 500;
      }),
      { numRuns: 1000 },
    );
    await app.idle();
  }, 180_000);
});
