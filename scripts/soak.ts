/**
 * `npm run soak [-- --minutes 10 --rate 100]`: a bounded soak test on loopback. Runs the server in its own process
 * (the same one `npm run bench` uses), sends signed Zalo webhooks at a steady rate, samples the server's RSS every
 * 30 s and prints the samples and the slope. Stops by itself after the given minutes (at most 60).
 */
import { parseArgs } from './lib/cli';
import { getJson, startRole, zaloWebhook, type Proc } from './lib/load';

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2), ['minutes', 'rate', 'sample']);
  const minutes = Math.min(60, Math.max(0.2, Number(flags.get('minutes') ?? 10) || 10));
  const rate = Math.min(2000, Math.max(1, Number(flags.get('rate') ?? 100) || 100));
  const sampleMs = Math.max(1000, (Number(flags.get('sample') ?? 30) || 30) * 1000);
  const fake = await startRole<{ port: number }>('fake', process.env);
  const procs: Proc<unknown>[] = [fake];
  let app: Proc<{ port: number; statsPort: number }>;
  try {
    app = await startRole<{ port: number; statsPort: number }>(
      'app',
      { ...process.env, REDIS_URL: '', BENCH_FAKE_URL: `http://127.0.0.1:${fake.ports.port}` },
      ['--expose-gc'],
    );
  } catch (err) {
    fake.child.kill('SIGTERM');
    throw err;
  }
  procs.push(app);
  const stats = async (gc = false) => {
    const m = await getJson<{ rssMB: number; heapUsedMB: number }>(`http://127.0.0.1:${app.ports.statsPort}/${gc ? 'gc' : ''}`);
    const { delivered } = await getJson<{ delivered: number }>(`http://127.0.0.1:${fake.ports.port}/stats`);
    return { ...m, delivered };
  };
  const samples: { min: number; rssMB: number; delivered: number }[] = [];
  const t0 = Date.now();
  const end = t0 + minutes * 60_000;
  let sent = 0;
  let errors = 0;
  console.log(`Soak: ${rate} tin/s trong ${minutes} phút, lấy mẫu RSS mỗi ${sampleMs / 1000} s (chỉ loopback)`);
  let nextSample = t0;
  while (Date.now() < end) {
    const tick = Date.now();
    const batch = [];
    for (let i = 0; i < rate / 10; i++) {
      const n = sent++;
      const { body, headers } = zaloWebhook(n, String(9000000000000000000n + BigInt(n % 5000)), `soak-${process.pid}`);
      batch.push(
        fetch(`http://127.0.0.1:${app.ports.port}/api/zalo`, { method: 'POST', headers, body })
          .then((r) => (r.status >= 500 ? errors++ : undefined))
          .catch(() => errors++),
      );
    }
    await Promise.all(batch);
    if (Date.now() >= nextSample) {
      const s = await stats(true);
      samples.push({ min: (Date.now() - t0) / 60_000, rssMB: s.rssMB, delivered: s.delivered });
      console.log(
        `${((Date.now() - t0) / 60_000).toFixed(1).padStart(5)} phút  RSS ${s.rssMB} MB (heap ${s.heapUsedMB})  đã gửi ${sent}  trả lời ${s.delivered}  lỗi ${errors}`,
      );
      nextSample += sampleMs;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tick))));
  }
  for (const p of procs) p.child.kill('SIGTERM');
  // Slope of RSS over the second half of the run (after warm-up), by least squares.
  const tail = samples.slice(Math.floor(samples.length / 2));
  const n = tail.length;
  const mx = tail.reduce((a, s) => a + s.min, 0) / n;
  const my = tail.reduce((a, s) => a + s.rssMB, 0) / n;
  const slope = n > 1 ? tail.reduce((a, s) => a + (s.min - mx) * (s.rssMB - my), 0) / tail.reduce((a, s) => a + (s.min - mx) ** 2, 0) : 0;
  console.log(`Độ dốc RSS ở nửa sau: ${slope.toFixed(2)} MB/phút; tin đã gửi ${sent}, lỗi ${errors}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
