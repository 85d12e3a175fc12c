/**
 * `npm run bench [-- --json] [-- --seconds N]`: throughput, latency and memory of the full signed `/api/zalo` path
 * (signature check, admission queue, dedupe, bot turn, outbox, HTTP to a local fake of the Zalo send API), against
 * a bare restify "hello" route measured in the same run. Three processes besides this one (the server under test,
 * the fake API, the bare server), all on loopback; bounded in time (about a minute).
 *
 * Webhooks are acknowledged before their turn runs, so request rates say little; every throughput figure here
 * counts replies that reached the fake API. Figures:
 *  - one bot turn alone, in this process (no HTTP);
 *  - memory: RSS after start, and after 10,000 messages offered at 800/s with every reply delivered (then GC);
 *  - bare: autocannon, 50 connections;
 *  - sustained capacity: an open-loop generator offers 600, 800, … messages/s for 3 s each; the highest rate at
 *    which every message is accepted and answered, with less than 1 s of backlog left, is the headline `rps`;
 *  - flood: autocannon, 50 connections as fast as acknowledgements return: replies/s, and how many got 503;
 *  - 500 messages/s: evenly paced, open loop; latency from each message's scheduled time to its webhook response,
 *    and to its first reply arriving at the fake API (`p95ms`);
 *  - the same flood with a bot that only echoes: the ceiling of the path itself on this machine.
 * With --json the last line is {"http":{"rps","p95ms","bareRps","ratio"},"rssMB"}: ratio = rps / bareRps, rssMB
 * the RSS after 10,000 messages. `--redis` runs the server with everything shared in Redis (REDIS_URL), as replicas do.
 * BENCH_CPU_PROF=dir writes a CPU profile of the server under test; BENCH_NODE_ARGS adds Node flags to it.
 */
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import type { TurnContext } from 'botbuilder';
import { InProcessAdapter } from '../adapters/in-process-adapter';
import { parseArgs } from './lib/cli';
import { QUESTIONS, benchRuntime, getJson, paced, pcts, startRole, zaloWebhook, type Proc } from './lib/load';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

function cannon(opts: autocannon.Options): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => {
      if (err) return reject(err);
      resolve({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
      });
    });
  });
}

type Mem = { rssMB: number; heapUsedMB: number; heapTotalMB: number };

/** The bot alone, in this process: microseconds per turn over the benchmark questions, 2,000 users, after warm-up. */
async function turnCost(): Promise<number> {
  const runtime = await benchRuntime(process.env);
  const adapter = new InProcessAdapter();
  const logic = (ctx: TurnContext) => runtime.bot.run(ctx);
  const turns = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++)
      await adapter.say(QUESTIONS[i % QUESTIONS.length]!, logic, { conversationId: `${tag}${i % 2000}`, userId: `${tag}${i % 2000}` });
  };
  await turns(4000, 'warm');
  const t0 = performance.now();
  await turns(10_000, 'u');
  const us = ((performance.now() - t0) * 1000) / 10_000;
  await runtime.close();
  return us;
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2), ['seconds']);
  const json = flags.has('json');
  const out = json ? console.error : console.log;
  const seconds = Math.min(30, Math.max(2, Number(flags.get('seconds') ?? 5) || 5));
  // --redis: the server keeps state, locks, dedupe, limits and its outbox in Redis (REDIS_URL, default local).
  const redisUrl = flags.has('redis') ? process.env.REDIS_URL || 'redis://127.0.0.1:6379' : '';
  const redisPrefix = `bench-${process.pid}:`;

  const procs: Proc<unknown>[] = [];
  try {
    const fake = await startRole<{ port: number }>('fake', process.env);
    procs.push(fake);
    const fakeUrl = `http://127.0.0.1:${fake.ports.port}`;
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const redisEnv = redisUrl ? { BENCH_REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : {};
    const app = await startRole<{ port: number; statsPort: number }>('app', { ...process.env, REDIS_URL: '', BENCH_FAKE_URL: fakeUrl, ...redisEnv }, [
      '--expose-gc',
      ...profile,
      ...extra,
    ]);
    procs.push(app);
    const bare = await startRole<{ port: number }>('bare', process.env);
    procs.push(bare);
    const memory = (gc = false) => getJson<Mem>(`http://127.0.0.1:${app.ports.statsPort}/${gc ? 'gc' : ''}`);
    const delivered = async () => (await getJson<{ delivered: number }>(`${fakeUrl}/stats`)).delivered;
    /** Waits until the fake API has `target` replies (or nothing moved for 3 s); returns the time of the last one. */
    const drained = async (target: number): Promise<{ got: number; at: number }> => {
      let last = -1;
      let lastAt = performance.now();
      for (;;) {
        const got = await delivered();
        if (got !== last) lastAt = performance.now();
        if (got >= target || performance.now() - lastAt > 3000) return { got, at: lastAt };
        last = got;
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    let seq = 0;
    const zalo = (users: number, tag: string): autocannon.Options => ({
      url: `http://127.0.0.1:${app.ports.port}`,
      requests: [
        {
          method: 'POST',
          path: '/api/zalo',
          setupRequest: (req) => {
            const n = seq++;
            return { ...req, ...zaloWebhook(n, String(9000000000000000000n + BigInt(n % users)), tag) };
          },
        },
      ],
    });

    out(
      `Máy: ${process.platform} ${process.arch}, ${cpus()[0]?.model ?? '?'}, ${cpus().length} lõi, tải ${loadavg()[0]!.toFixed(2)}; Node ${process.version}${__filename.endsWith('.js') ? ' (JS đã biên dịch)' : ' (tsx)'}`,
    );
    out(
      `Tiến trình: máy chủ thử, API Zalo giả, restify trần, bộ tạo tải (này); mỗi lượt đo ${seconds} s; ${redisUrl ? `trạng thái, khóa, chống trùng, hàng đợi gửi trên Redis (${redisUrl})` : 'mọi thứ trong bộ nhớ tiến trình (không Redis)'}`,
    );
    const start = await memory(true);
    out(`Một lượt bot (không HTTP, trong tiến trình này): ${(await turnCost()).toFixed(0)} µs`);

    const port = app.ports.port;
    /**
     * Offers `rate` messages/s (open loop, 2,000 users) for `secs`, then waits for every reply. `lagMs`: from the
     * moment the last message was due to the arrival of the last reply (small when the server keeps up).
     */
    const offer = async (target: number, rate: number, secs: number, tag: string) => {
      const before = await delivered();
      const p = await paced(target, rate, secs, 9000000000000000000n, tag, 2000);
      const d = await drained(before + p.sent);
      const refused = p.sent - (p.status.get(200) ?? 0) + p.errors;
      return { sent: p.sent, answered: d.got - before, refused, lagMs: Math.max(0, performance.timeOrigin + d.at - p.lastDue), ack: pcts(p.ackMs) };
    };

    // Memory: 10,000 messages from 2,000 users at 800/s, every reply delivered, then GC.
    const mem = await offer(port, 800, 12.5, 'mem');
    const after = await memory(true);
    out(
      `RSS sau khởi động ${start.rssMB} MB (heap ${start.heapUsedMB}); sau 10.000 tin (800 tin/s) ${after.rssMB} MB (heap ${after.heapUsedMB}/${after.heapTotalMB}); trả lời tới API giả ${mem.answered}/${mem.sent}`,
    );

    await cannon({ url: `http://127.0.0.1:${bare.ports.port}/hello`, connections: 10, duration: 1 });
    const bareRun = await cannon({ url: `http://127.0.0.1:${bare.ports.port}/hello`, connections: 50, duration: seconds });
    out(`Restify "hello" trần: ${bareRun.rps.toFixed(0)} yêu cầu/s, p50 ${bareRun.p50} ms, p99 ${bareRun.p99} ms`);

    // Sustained capacity: the offered rate steps up while the server keeps up: every message accepted and answered,
    // the last reply less than 0.5 s after the last message was due, webhook responses p99 under 1 s (Zalo: 2 s).
    let capacity = 0;
    for (let rate = 600; rate <= 4000; rate += 200) {
      const r = await offer(port, rate, 3, `cap${rate}`);
      const ok = r.refused === 0 && r.answered >= r.sent && r.lagMs < 500 && r.ack.p99 < 1000;
      out(
        `  ${rate} tin/s × 3 s: trả lời ${r.answered}/${r.sent}, từ chối ${r.refused}, trả lời cuối sau tin cuối ${r.lagMs.toFixed(0)} ms, webhook p99 ${r.ack.p99} ms ${ok ? '✓' : '✗'}`,
      );
      if (!ok) break;
      capacity = rate;
    }
    out(`/api/zalo bền vững: ${capacity} tin/s (mọi tin được nhận và trả lời kịp, không dồn hàng)`);

    /** Closed-loop flood: 50 connections as fast as acknowledgements come back; answered = replies that arrived. */
    const flood = async (target: number, tag: string) => {
      const before = await delivered();
      const sentBefore = seq;
      const t0 = performance.now();
      const run = await cannon({ ...zalo(2000, tag), url: `http://127.0.0.1:${target}`, connections: 50, duration: seconds });
      const d = await drained(before + (seq - sentBefore) - run.non2xx);
      return { answeredRps: (d.got - before) / ((d.at - t0) / 1000), requests: seq - sentBefore, refused: run.non2xx };
    };
    const f = await flood(port, 'flood');
    const afterFlood = await memory(true);
    out(
      `Ngập tải (50 kết nối dồn dập ${seconds} s): ${f.answeredRps.toFixed(0)} tin/s có trả lời; ${f.refused}/${f.requests} yêu cầu nhận 503 (nền tảng gửi lại sau); RSS ${afterFlood.rssMB} MB`,
    );

    await getJson(`${fakeUrl}/reset`);
    const beforePaced = await delivered();
    const p = await paced(port, 500, seconds, 8000000000000000000n, 'paced');
    await drained(beforePaced + p.sent);
    const firsts = await getJson<Record<string, number>>(`${fakeUrl}/first-replies`);
    const replyMs = [...p.scheduled].map(([user, due]) => (firsts[user] !== undefined ? firsts[user]! - due : Infinity)).sort((a, b) => a - b);
    const missing = replyMs.filter((v) => v === Infinity).length;
    const ack = pcts(p.ackMs);
    const reply = pcts(replyMs);
    const statuses = [...p.status].map(([s, c]) => `${s}×${c}`).join(', ');
    out(
      `/api/zalo ở 500 tin/s đều (${p.sent} tin, ${statuses}${p.errors ? `, lỗi ${p.errors}` : ''}): webhook p50 ${ack.p50} ms, p95 ${ack.p95} ms, p99 ${ack.p99} ms`,
    );
    out(`  → trả lời tới API giả: p50 ${reply.p50} ms, p95 ${reply.p95} ms, p99 ${reply.p99} ms${missing ? `, ${missing} không có trả lời` : ''}`);
    const end = await memory(true);
    const ratio = capacity / bareRun.rps;
    out(`Tỷ lệ bền vững / restify trần: ${ratio.toFixed(3)}; RSS cuối lượt đo ${end.rssMB} MB`);

    // The same path with a bot that only echoes: what signature check, admission, dedupe, adapter, outbox and the
    // outbound HTTP call cost on their own, i.e. the ceiling for any bot on this machine.
    app.child.kill('SIGTERM');
    const echo = await startRole<{ port: number; statsPort: number }>('app', {
      ...process.env,
      REDIS_URL: '',
      BENCH_FAKE_URL: fakeUrl,
      BENCH_ECHO: '1',
      ...redisEnv,
    });
    procs.push(echo);
    await offer(echo.ports.port, 500, 1, 'echo-warm');
    const e = await flood(echo.ports.port, 'echo');
    out(
      `Cùng đường đi với bot chỉ nhắc lại tin (không tra cứu), ngập tải: ${e.answeredRps.toFixed(0)} tin/s có trả lời (${e.refused} yêu cầu 503), tỷ lệ ${(e.answeredRps / bareRun.rps).toFixed(3)} — trần của đường webhook → API gửi trên máy này`,
    );
    if (json) {
      console.log(
        JSON.stringify({
          http: { rps: capacity, p95ms: reply.p95, bareRps: Math.round(bareRun.rps), ratio: Math.round(ratio * 1000) / 1000 },
          rssMB: after.rssMB,
        }),
      );
    }
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
