/**
 * `npm run bench [-- --json] [-- --seconds N]`: HTTP throughput and latency through the full signed `/api/zalo` path
 * (signature check, dedupe, bot turn, outbox, a local fake of the Zalo send API), against a bare restify "hello"
 * route in the same run; then memory after start and after 10,000 messages. Loopback only, bounded in time.
 * With --json the last line is {"http":{"rps","p95ms","bareRps","ratio"},"rssMB"}.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { zaloSign } from '../adapters/zalo/protocol';
import { parseArgs, percentile } from './lib/cli';

const APP_ID = '3011223344556677889';
const SECRET = 'bench-secret';
const QUESTIONS = [
  'test nhanh 2 vach phai lam gi',
  'f1 co phai cach ly ko',
  'bố em spo2 93, thở dốc',
  'đi từ hà nội về thanh hóa cần gì',
  'gia vang hom nay',
  'cách ly',
  'thuoc ha sot cho f0',
  'xin chào',
];

interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  non2xx: number;
}

function cannon(opts: autocannon.Options): Promise<Run> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const inst = autocannon(opts, (err, result) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      resolve({
        rps: result.requests.average,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        total: result.requests.total,
        non2xx: result.non2xx,
      });
    });
    inst.on('response', (_c, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

async function stats(port: number, gc = false): Promise<{ delivered: number; rssMB: number }> {
  return (await (await fetch(`http://127.0.0.1:${port}/${gc ? 'gc' : ''}`)).json()) as { delivered: number; rssMB: number };
}

/** Waits until the fake API has received `target` replies, or until nothing moves for 2 s. */
async function drained(port: number, target: number): Promise<number> {
  let last = -1;
  let still = 0;
  for (;;) {
    const { delivered } = await stats(port);
    if (delivered >= target) return delivered;
    still = delivered === last ? still + 1 : 0;
    if (still >= 20) return delivered;
    last = delivered;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2), ['seconds']);
  const json = flags.has('json');
  const out = json ? console.error : console.log;
  const seconds = Math.min(30, Math.max(2, Number(flags.get('seconds') ?? 5) || 5));

  // The server under test runs in its own process, so the load generator does not share its event loop.
  const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', join(__dirname, 'bench-server.ts')], {
    env: { ...process.env, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<{ appPort: number; barePort: number; statsPort: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  });
  try {
    const base = `http://127.0.0.1:${ports.appPort}`;
    const bareUrl = `http://127.0.0.1:${ports.barePort}/hello`;
    const rssStart = (await stats(ports.statsPort, true)).rssMB;

    let seq = 0;
    const zaloRequest: autocannon.Request = {
      method: 'POST',
      path: '/api/zalo',
      setupRequest: (req) => {
        const n = seq++;
        const body = `{"app_id":"${APP_ID}","event_name":"user_send_text","timestamp":"${Date.now()}","sender":{"id":"${9000000000000000000 + (n % 2000)}"},"recipient":{"id":"7777"},"message":{"msg_id":"b-${process.pid}-${n}","text":${JSON.stringify(QUESTIONS[n % QUESTIONS.length])}}}`;
        return { ...req, body, headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSign(body, APP_ID, SECRET) } };
      },
    };
    const zaloOpts = { url: base, requests: [zaloRequest] };

    out(`Máy: ${process.platform} ${process.arch}, Node ${process.version}, ${cpus().length} lõi; máy chủ và bộ tạo tải là hai tiến trình; mỗi lượt đo ${seconds} s`);
    await cannon({ url: bareUrl, connections: 10, duration: 1 });
    await cannon({ ...zaloOpts, connections: 10, duration: 1 });
    await drained(ports.statsPort, seq);

    const bareRun = await cannon({ url: bareUrl, connections: 50, duration: seconds });
    const maxRun = await cannon({ ...zaloOpts, connections: 50, duration: seconds });
    await drained(ports.statsPort, seq);
    const paced = await cannon({ ...zaloOpts, connections: 50, duration: seconds, overallRate: 500 });
    await drained(ports.statsPort, seq);

    out(`Restify "hello" trần:       ${bareRun.rps.toFixed(0)} yêu cầu/s, p50 ${bareRun.p50.toFixed(1)} ms, p99 ${bareRun.p99.toFixed(1)} ms`);
    out(`/api/zalo tối đa (ký, dedupe, bot, outbox): ${maxRun.rps.toFixed(0)} tin/s, p50 ${maxRun.p50.toFixed(1)} ms, p95 ${maxRun.p95.toFixed(1)} ms, p99 ${maxRun.p99.toFixed(1)} ms, non-2xx ${maxRun.non2xx}`);
    out(`/api/zalo ở 500 tin/s:      p50 ${paced.p50.toFixed(1)} ms, p95 ${paced.p95.toFixed(1)} ms, p99 ${paced.p99.toFixed(1)} ms (${paced.total} tin)`);
    out(`Tỷ lệ so với restify trần: ${(maxRun.rps / bareRun.rps).toFixed(2)}`);

    // Memory: exactly 10,000 more messages, every reply delivered before reading RSS.
    const target = seq + 10_000;
    await cannon({ ...zaloOpts, connections: 20, amount: 10_000 });
    const got = await drained(ports.statsPort, target);
    const rssAfter = (await stats(ports.statsPort, true)).rssMB;
    out(`RSS sau khi khởi động ${rssStart} MB; sau 10.000 tin nữa ${rssAfter} MB; trả lời đã tới API giả: ${got}/${target}`);
    if (json) {
      console.log(JSON.stringify({ http: { rps: Math.round(maxRun.rps), p95ms: Math.round(paced.p95 * 10) / 10, bareRps: Math.round(bareRun.rps), ratio: Math.round((maxRun.rps / bareRun.rps) * 100) / 100 }, rssMB: rssAfter }));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
