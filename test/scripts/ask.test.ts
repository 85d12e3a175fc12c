import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

describe('npm run ask -- --jsonl', () => {
  it('writes one JSON object per question, in order, and nothing else on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ask-'));
    try {
      const input = ['test nhanh 1 vach C la sao', 'sp02 93', 'gia vang hom nay', 'xin chao', 'cho em gap nhan vien'].join('\n');
      const out = execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/ask.ts', '--jsonl'], {
        input,
        encoding: 'utf8',
        env: { ...process.env, INDEX_DIR: join(dir, 'index'), GAPS_FILE: join(dir, 'gaps.jsonl'), TRAFFIC_FILE: join(dir, 'traffic.jsonl'), REDIS_URL: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.question)).toEqual(input.split('\n'));
      expect(lines.map((l) => l.kind)).toEqual([expect.stringMatching(/^(answer|clarify)$/), 'emergency', 'fallback', 'smalltalk', 'handoff']);
      for (const l of lines) {
        expect(Object.keys(l).sort()).toEqual(['actions', 'entries', 'kind', 'messages', 'question', 'score', 'sources', 'text']);
        expect(typeof l.text).toBe('string');
        expect(l.messages.join('\n')).toBe(l.text);
      }
      expect(lines[1].sources).toContainEqual({ doc: 'QĐ 261/QĐ-BYT', date: '2022-01-31' });
      expect(lines[1].messages[0]).toMatch(/^⚠️ Gọi ngay 115: SpO2 93%/);
      expect(lines[1].messages[0].length).toBeLessThanOrEqual(160);
      expect(lines[1].actions[0]).toEqual({ type: 'call', title: 'Gọi 115', value: '115' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('command-line output cut short by its reader (| head)', () => {
  it('stops quietly, without an EPIPE crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-'));
    try {
      const child = spawn(resolve('node_modules/.bin/tsx'), ['scripts/ask.ts', '--jsonl'], {
        env: { ...process.env, INDEX_DIR: join(dir, 'index'), GAPS_FILE: join(dir, 'gaps.jsonl'), TRAFFIC_FILE: join(dir, 'traffic.jsonl'), REDIS_URL: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      // The reader takes the first line and goes away; the tool still has many answers to write.
      child.stdout.once('data', () => child.stdout.destroy());
      child.stdin.end(`${Array.from({ length: 300 }, () => 'f1 co phai cach ly ko').join('\n')}\n`);
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(stderr).not.toMatch(/EPIPE/);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
