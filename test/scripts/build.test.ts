import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `npm start` runs the compiled build (`npm run build` → dist/). This builds it and checks that the compiled server
 * starts on embedded defaults, serves the web chat page and answers a question with its source.
 */
describe('the compiled server (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tua-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds, starts without Redis or keys, serves web chat and answers', async () => {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    expect(existsSync('dist/scripts/start.js')).toBe(true);
    expect(existsSync('dist/adapters/webchat/index.html')).toBe(true);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INDEX_DIR: join(dir, 'index'),
      GAPS_FILE: join(dir, 'gaps.jsonl'),
      TRAFFIC_FILE: join(dir, 'traffic.jsonl'),
    };
    delete env.REDIS_URL;
    const child = spawn(process.execPath, ['dist/scripts/start.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 30_000);
        child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const msg = JSON.parse(line) as { msg?: string; url?: string };
          if (msg.msg === 'web chat ready' && msg.url) {
            clearTimeout(timer);
            resolve(msg.url.replace(/\/$/, ''));
          }
        });
      });
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/webchat\.js/);

      const t = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
      await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers });
      const url = `${base}/v3/directline/conversations/${t.conversationId}/activities`;
      expect((await fetch(url, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'test nhanh 2 vach phai lam gi' }) })).status).toBe(
        200,
      );
      let answer: string | undefined;
      for (let i = 0; i < 100 && !answer; i++) {
        const page = (await (await fetch(`${url}?watermark=`, { headers })).json()) as { activities: { text?: string; from: { role?: string } }[] };
        answer = page.activities.find((a) => a.from.role === 'bot' && /Nguồn:/.test(a.text ?? ''))?.text;
        if (!answer) await new Promise((r) => setTimeout(r, 100));
      }
      expect(answer).toMatch(/dương tính/i);
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 180_000);
});
