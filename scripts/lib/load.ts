/**
 * Load-generation helpers shared by `npm run bench` and `npm run soak`: the bench processes, signed Zalo webhook
 * bodies, and an open-loop generator that sends at an even pace and measures from each message's scheduled time
 * (so a slow server cannot hide its queueing by slowing the generator down).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { zaloSign } from '../../adapters/zalo/protocol';
import { createBotRuntime, type BotRuntime } from '../../bot/create';
import { MemoryGapRecorder } from '../../bot/gaps';
import { percentile } from './cli';
import { loadConfig } from '../../adapters/config';

export const BENCH_APP_ID = '3011223344556677889';
export const BENCH_SECRET = 'bench-secret';
export const QUESTIONS = [
  'test nhanh 2 vach phai lam gi',
  'f1 co phai cach ly ko',
  'bố em spo2 93, thở dốc',
  'đi từ hà nội về thanh hóa cần gì',
  'gia vang hom nay',
  'cách ly',
  'thuoc ha sot cho f0',
  'xin chào',
];

/** The bot as the bench runs it: the built index, nothing written to disk, no logs; Redis only when given. */
export function benchRuntime(env: NodeJS.ProcessEnv, redisUrl = ''): Promise<BotRuntime> {
  const config = loadConfig({ ...env, REDIS_URL: redisUrl });
  const { kbDir, indexDir } = config.content;
  return createBotRuntime({
    kbDir,
    indexDir,
    settings: config.runtime,
    gaps: new MemoryGapRecorder(),
    traffic: { record: async () => undefined },
    log: () => undefined,
  });
}

export interface Proc<P> {
  child: ChildProcess;
  ports: P;
}

/** Starts one bench-server role in its own Node process, with `env` as its whole environment (compiled JS when this file is compiled, tsx otherwise). */
export function startRole<P>(role: 'app' | 'fake' | 'bare', env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<Proc<P>> {
  const compiled = __filename.endsWith('.js');
  const script = join(__dirname, '..', `bench-server.${compiled ? 'js' : 'ts'}`);
  const child = spawn(process.execPath, [...process.execArgv, ...nodeArgs, script, role], {
    env: { REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench ${role} exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, ports: JSON.parse(line) as P }));
  });
}

export async function getJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

/** A signed `user_send_text` webhook for message `n` from `userId`. */
export function zaloWebhook(n: number, userId: string, tag: string): { body: string; headers: Record<string, string> } {
  const body = `{"app_id":"${BENCH_APP_ID}","event_name":"user_send_text","timestamp":"${Date.now()}","sender":{"id":"${userId}"},"recipient":{"id":"7777"},"message":{"msg_id":"${tag}-${n}","text":${JSON.stringify(QUESTIONS[n % QUESTIONS.length])}}}`;
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSign(body, BENCH_APP_ID, BENCH_SECRET) } };
}

/** Paced runs need distinct tags: message ids are `<tag>-<n>` and the server drops repeated ids. */
export interface PacedResult {
  sent: number;
  /** Scheduled send time (epoch ms) by user id: each paced message comes from its own user. */
  scheduled: Map<string, number>;
  /** When the last message was due (epoch ms). */
  lastDue: number;
  /** Milliseconds from each message's scheduled time to the end of its HTTP response. */
  ackMs: number[];
  status: Map<number, number>;
  errors: number;
}

/**
 * Sends `rate` messages per second for `seconds`, evenly spaced, over keep-alive connections (open loop: a message
 * is sent at its time whether or not earlier ones were answered). User ids are `userBase + n`, or `userBase + n % users`.
 */
export async function paced(port: number, rate: number, seconds: number, userBase: bigint, tag: string, users = Infinity): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const result: PacedResult = { sent: 0, lastDue: 0, scheduled: new Map(), ackMs: [], status: new Map(), errors: 0 };
  const inflight: Promise<void>[] = [];
  const start = performance.timeOrigin + performance.now() + 5;
  const send = (n: number, due: number) => {
    const userId = String(userBase + BigInt(Number.isFinite(users) ? n % users : n));
    const { body, headers } = zaloWebhook(n, userId, tag);
    if (!Number.isFinite(users)) result.scheduled.set(userId, due);
    inflight.push(
      new Promise<void>((resolve) => {
        const req = request(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/zalo', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => {
              result.ackMs.push(performance.timeOrigin + performance.now() - due);
              result.status.set(res.statusCode ?? 0, (result.status.get(res.statusCode ?? 0) ?? 0) + 1);
              resolve();
            });
          },
        );
        req.on('error', () => {
          result.errors++;
          resolve();
        });
        req.end(body);
      }),
    );
  };
  while (result.sent < total) {
    const now = performance.timeOrigin + performance.now();
    while (result.sent < total && start + (result.sent * 1000) / rate <= now) {
      result.lastDue = start + (result.sent * 1000) / rate;
      send(result.sent, result.lastDue);
      result.sent++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  agent.destroy();
  result.ackMs.sort((a, b) => a - b);
  return result;
}

/** p50/p95/p99 of sorted milliseconds, one decimal. */
export function pcts(sorted: number[]): { p50: number; p95: number; p99: number } {
  const r = (v: number) => Math.round(v * 10) / 10;
  return { p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), p99: r(percentile(sorted, 99)) };
}
