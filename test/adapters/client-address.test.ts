/** Issue 13, item 4: limits keyed by the real client behind a trusted proxy, and web chat polling on its own budget. */
import { connect as netConnect, type Socket } from 'node:net';
import type { Request } from 'restify';
import { loadConfig } from '../../adapters/config';
import { clientAddress } from '../../adapters/client-address';
import { parseTrustedProxies } from '../../adapters/config';
import { STAFF_TOKEN, staffApp } from '../helpers/staff-app';

const req = (peer: string, xff?: string) =>
  ({ socket: { remoteAddress: peer }, header: (n: string) => (n.toLowerCase() === 'x-forwarded-for' ? xff : undefined) }) as unknown as Request;

describe('client address', () => {
  const address = clientAddress(parseTrustedProxies('127.0.0.1, 10.0.0.0/8'));
  it.each([
    ['a client that is not a proxy cannot claim another address', '203.0.113.9', '198.51.100.1', '203.0.113.9'],
    ['behind a trusted proxy, the client it names', '::ffff:127.0.0.1', '198.51.100.1', '198.51.100.1'],
    ['through two trusted proxies, the first untrusted hop from the right', '10.0.0.2', '198.51.100.7, 10.0.0.5', '198.51.100.7'],
    ['a forged entry on the left does not win', '127.0.0.1', '1.2.3.4, 198.51.100.8', '198.51.100.8'],
    ['a malformed header is not believed', '127.0.0.1', 'abc', '127.0.0.1'],
    ['no header: the proxy itself', '127.0.0.1', undefined, '127.0.0.1'],
  ])('%s', (_what, peer, xff, want) => {
    expect(address(req(peer, xff))).toBe(want);
  });

  it('without TRUSTED_PROXIES the header is ignored, and a bad entry is named at start-up', () => {
    expect(clientAddress(undefined)(req('127.0.0.1', '198.51.100.1'))).toBe('127.0.0.1');
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.1, proxy.local' })).toThrow(/TRUSTED_PROXIES[\s\S]*proxy\.local/);
  });
});

describe('limits behind a proxy', () => {
  const token = (base: string, xff: string) => fetch(`${base}/api/webchat/token`, { method: 'POST', headers: { 'x-forwarded-for': xff } });

  it('each client behind a trusted proxy has its own per-address budget', async () => {
    const app = await staffApp({ env: { TRUSTED_PROXIES: '127.0.0.1, ::1', RATE_LIMIT_IP_PER_MIN: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await token(app.base, '198.51.100.1')).status).toBe(200);
      expect((await token(app.base, '198.51.100.1')).status).toBe(429);
      expect((await token(app.base, '198.51.100.2')).status).toBe(200);
    } finally {
      await app.cleanup();
    }
  });

  it('from an untrusted peer the header changes nothing', async () => {
    const app = await staffApp({ env: { RATE_LIMIT_IP_PER_MIN: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await token(app.base, `198.51.100.${i}`)).status).toBe(200);
      expect((await token(app.base, '198.51.100.9')).status).toBe(429);
    } finally {
      await app.cleanup();
    }
  });

  it('web chat polling does not use up the per-address budget', async () => {
    const app = await staffApp({ env: { RATE_LIMIT_IP_PER_MIN: '3' } });
    try {
      const t = (await (await token(app.base, '')).json()) as { token: string; conversationId: string };
      for (let i = 0; i < 20; i++) {
        const poll = await fetch(`${app.base}/v3/directline/conversations/${t.conversationId}/activities?watermark=0`, {
          headers: { authorization: `Bearer ${t.token}` },
        });
        expect(poll.status).toBe(200);
      }
    } finally {
      await app.cleanup();
    }
  });
});

describe('private status endpoints', () => {
  it('with STATUS_PRIVATE=on, /metrics and /readyz need a staff token; /healthz stays public (issue 13, item 11)', async () => {
    const app = await staffApp({ env: { STATUS_PRIVATE: 'on' } });
    try {
      expect((await fetch(`${app.base}/metrics`)).status).toBe(401);
      expect((await fetch(`${app.base}/readyz`)).status).toBe(401);
      expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
      const auth = { authorization: `Bearer ${STAFF_TOKEN}` };
      expect((await fetch(`${app.base}/metrics`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${app.base}/readyz`, { headers: auth })).status).toBe(200);
    } finally {
      await app.cleanup();
    }
  });
});

describe('slow and numerous sockets (issue 13, item 8)', () => {
  const connect = (base: string) =>
    new Promise<Socket>((resolve, reject) => {
      const u = new URL(base);
      const s = netConnect(Number(u.port), u.hostname, () => resolve(s));
      s.on('error', reject);
    });
  const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

  it('closes connections beyond the per-address cap at once', async () => {
    const app = await staffApp({ env: { MAX_CONNECTIONS_PER_ADDRESS: '5' } });
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 5; i++) sockets.push(await connect(app.base));
      const extra = await connect(app.base);
      await closed(extra);
      expect(extra.destroyed).toBe(true);
      expect(sockets.every((s) => !s.destroyed)).toBe(true);
      // A socket that closes frees its place: the next connection stays open (a request on it is answered).
      const gone = sockets.pop()!;
      gone.destroy();
      await closed(gone);
      await new Promise((r) => setTimeout(r, 200));
      const again = await connect(app.base);
      sockets.push(again);
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        again.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('\r\n\r\n')) resolve(text);
        });
        again.on('close', () => resolve(text));
        again.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const s of sockets) s.destroy();
      await app.cleanup();
    }
  });

  it('cuts off a body sent too slowly', async () => {
    const app = await staffApp({ env: { REQUEST_TIMEOUT_MS: '1000' } });
    try {
      const s = await connect(app.base);
      let reply = '';
      s.on('data', (d: Buffer) => (reply += d.toString()));
      s.write('POST /api/webchat/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
      const drip = setInterval(() => s.writable && s.write(' '), 200);
      await closed(s);
      clearInterval(drip);
      expect(reply === '' || /^HTTP\/1\.1 408/.test(reply)).toBe(true);
    } finally {
      await app.cleanup();
    }
  });
});
