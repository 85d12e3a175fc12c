/**
 * The processes `npm run bench` and `npm run soak` start, one role each, so that the server under test shares its
 * event loop and heap with nothing else:
 *   app   the real server (`/api/zalo` → bot → outbox) sending to BENCH_FAKE_URL, plus a stats port (RSS, /gc);
 *         with BENCH_ECHO=1 the bot is replaced by one that echoes the text: the same path without the bot's work;
 *         with BENCH_REDIS_URL (and REDIS_PREFIX) everything shared lives in Redis, as on a scaled-out deployment
 *   fake  a local fake of the Zalo send API: counts replies and remembers when each user's first reply arrived
 *   bare  a bare restify "hello" route, the yardstick
 * Each prints its ports as one JSON line on stdout.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import restify from 'restify';
import { loadConfig } from '../adapters/config';
import { createApp } from '../adapters/server';
import { tuneHeap } from './lib/heap';
import { BENCH_APP_ID, BENCH_SECRET, benchRuntime } from './lib/load';

const listen = (s: { listen: (port: number, host: string, cb: () => void) => unknown; address: () => unknown }) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));

const mb = (v: number) => Math.round((v / 1048576) * 10) / 10;
function memory(): Record<string, number> {
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), externalMB: mb(m.external) };
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function fake(): Promise<void> {
  let delivered = 0;
  // user id → epoch ms (sub-millisecond) of the first reply it received.
  const firstReply = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET') {
      if (req.url === '/stats') return json(res, { delivered });
      if (req.url === '/first-replies') return json(res, Object.fromEntries(firstReply));
      if (req.url === '/reset') {
        firstReply.clear();
        return json(res, { ok: true });
      }
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.timeOrigin + performance.now();
      delivered++;
      const user = /"user_id":"(\d+)"/.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
      if (user && !firstReply.has(user)) firstReply.set(user, at);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"error":0,"message":"Success"}');
    });
  });
  process.stdout.write(`${JSON.stringify({ port: await listen(server) })}\n`);
}

async function app(): Promise<void> {
  const fakeUrl = process.env.BENCH_FAKE_URL;
  if (!fakeUrl) throw new Error('BENCH_FAKE_URL is required for the app role');
  tuneHeap(loadConfig(process.env).heapGrowingPercent); // as `npm start` does
  // BENCH_REDIS_URL: everything shared (state, locks, dedupe, limits, turn queue, outbox) in Redis, as replicas run.
  const runtime = await benchRuntime(process.env, process.env.BENCH_REDIS_URL ?? '');
  const cfg = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ZALO_APP_ID: BENCH_APP_ID,
    ZALO_OA_SECRET_KEY: BENCH_SECRET,
    ZALO_ACCESS_TOKEN: 'bench-token',
    ZALO_API_BASE_URL: fakeUrl,
    ZALO_TOKEN_FILE: `/tmp/bench-zalo-token-${process.pid}.json`,
    // The load comes from one address and a few thousand users: the limits would only measure themselves.
    RATE_LIMIT_IP_PER_MIN: '100000000',
    RATE_LIMIT_USER_PER_MIN: '100000000',
    ...(process.env.MAX_CONCURRENT_TURNS ? { MAX_CONCURRENT_TURNS: process.env.MAX_CONCURRENT_TURNS } : {}),
  });
  const echo = { run: async (ctx: TurnContext) => void (ctx.activity.type === 'message' && (await ctx.sendActivity(ctx.activity.text ?? ''))) };
  const server = await createApp(cfg, {
    bot: process.env.BENCH_ECHO === '1' ? echo : runtime.bot,
    lock: runtime.state.lock,
    redis: runtime.state.redis,
    ready: () => true,
    log: () => undefined,
  });
  const appPort = Number(new URL(await server.listen()).port);
  const stats = createServer((req, res) => {
    if (req.url === '/gc') global.gc?.();
    json(res, memory());
  });
  process.stdout.write(`${JSON.stringify({ port: appPort, statsPort: await listen(stats) })}\n`);
}

async function bare(): Promise<void> {
  const server = restify.createServer();
  server.get('/hello', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.send(200, { hello: 'world' });
    next();
  });
  process.stdout.write(`${JSON.stringify({ port: await listen(server) })}\n`);
}

const roles: Record<string, () => Promise<void>> = { app, fake, bare };
const role = roles[process.argv[2] ?? ''];
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
if (!role) {
  console.error(`usage: bench-server app|fake|bare`);
  process.exit(2);
}
role().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
