/**
 * The process under test for `npm run bench`: the real server (`/api/zalo` → bot → outbox) with a local fake of
 * the Zalo send API, a bare restify "hello" server, and a small stats endpoint. Prints its ports as one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { loadConfig } from '../adapters/config';
import { createApp } from '../adapters/server';
import { createBotRuntime } from '../bot/create';
import { MemoryGapRecorder } from '../bot/gaps';
import { paths } from './lib/cli';

export const BENCH_APP_ID = '3011223344556677889';
export const BENCH_SECRET = 'bench-secret';

const listen = (s: { listen: (port: number, host: string, cb: () => void) => unknown; address: () => unknown }) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));

async function main(): Promise<void> {
  let delivered = 0;
  const fake = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"error":0,"message":"Success"}');
    });
  });
  const fakePort = await listen(fake);

  const { kbDir, indexDir } = paths();
  const runtime = await createBotRuntime({ kbDir, indexDir, env: { ...process.env, REDIS_URL: '' }, gaps: new MemoryGapRecorder(), traffic: { record: async () => undefined }, log: () => undefined });
  const cfg = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ZALO_APP_ID: BENCH_APP_ID,
    ZALO_OA_SECRET_KEY: BENCH_SECRET,
    ZALO_ACCESS_TOKEN: 'bench-token',
    ZALO_API_BASE_URL: `http://127.0.0.1:${fakePort}`,
    ZALO_TOKEN_FILE: `/tmp/bench-zalo-token-${process.pid}.json`,
    // The load comes from one address and a few thousand users: the limits would only measure themselves.
    RATE_LIMIT_IP_PER_MIN: '100000000',
    RATE_LIMIT_USER_PER_MIN: '100000000',
  });
  const app = await createApp(cfg, { bot: runtime.bot, lock: runtime.state.lock, ready: () => true, log: () => undefined });
  const appPort = Number(new URL(await app.listen()).port);

  const bare = restify.createServer();
  bare.get('/hello', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    res.send(200, { hello: 'world' });
    next();
  });
  const barePort = await listen(bare);

  const stats = createServer((req, res) => {
    if (req.url === '/gc') global.gc?.();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ delivered, rssMB: Math.round((process.memoryUsage().rss / 1048576) * 10) / 10 }));
  });
  const statsPort = await listen(stats);
  process.stdout.write(`${JSON.stringify({ appPort, barePort, statsPort })}\n`);
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
