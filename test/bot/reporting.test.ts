import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConversationState, MemoryStorage, UserState } from 'botbuilder';
import { CovidBot } from '../../bot/bot';
import { MemoryGapRecorder } from '../../bot/gaps';
import { InProcessAdapter } from '../../adapters/in-process-adapter';
import { escapeHtml, renderHtml, renderMarkdown } from '../../bot/report-render';
import { dailyStats, groupGaps, vnDateHour } from '../../bot/reporting';
import { MemoryTrafficRecorder } from '../../bot/traffic';
import { testIndex } from '../helpers/bot';

describe('gaps and the daily report from real traffic', () => {
  it('records every turn, groups unanswered questions, and reports by topic, channel, outcome and hour', async () => {
    const index = await testIndex();
    const storage = new MemoryStorage();
    const gaps = new MemoryGapRecorder();
    const traffic = new MemoryTrafficRecorder();
    const bot = new CovidBot({ index: () => index, conversationState: new ConversationState(storage), userState: new UserState(storage), gaps, traffic });
    const adapter = new InProcessAdapter();
    const say = (t: string, c: string, channelId = 'zalo') => adapter.say(t, (ctx) => bot.run(ctx), { conversationId: c, channelId });
    await say('f1 co phai cach ly ko', 'a');
    await say('test nhanh 1 vach c la sao', 'b', 'messenger');
    await say('bố em spo2 93', 'c');
    await say('giá vàng hôm nay bao nhiêu, số em 0912345678', 'd');
    await say('gia vang hom nay bn', 'e', 'webchat');
    await say('thoi tiet ha noi mai', 'f');
    await say('feedback:down:f1-cach-ly-hien-hanh', 'a');

    expect(traffic.records.map((r) => r.kind)).toEqual([
      'answer',
      expect.stringMatching(/answer|clarify/),
      'emergency',
      'fallback',
      'fallback',
      'fallback',
      'smalltalk',
    ]);
    const groups = groupGaps(gaps.records);
    expect(groups[0]).toMatchObject({ count: 2 });
    expect(groups[0]!.words).toEqual(expect.arrayContaining(['gia', 'vang']));
    expect(JSON.stringify(gaps.records)).not.toMatch(/0912345678/);

    const date = vnDateHour(new Date().toISOString()).date;
    const s = dailyStats(date, traffic.records, gaps.records);
    expect(s.turns).toBe(7);
    expect(s.emergencies).toBe(1);
    expect(s.byChannel).toEqual({ zalo: 5, messenger: 1, webchat: 1 });
    expect(s.byTopic.f1).toBe(1);
    expect(s.rates.declined).toBeCloseTo(3 / 5);
    expect(s.topDownvoted).toEqual([{ card: 'f1-cach-ly-hien-hanh', count: 1 }]);
    expect(s.byHour.reduce((a, b) => a + b, 0)).toBe(7);
    const md = renderMarkdown(s);
    expect(md).toMatch(/Số lượt hỏi: \*\*7\*\*/);
    const html = renderHtml(s);
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/);
    expect(escapeHtml('<img onerror=x>')).toBe('&lt;img onerror=x&gt;');
  });

  it('npm run report and kb gaps read the JSONL files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    try {
      const time = '2026-11-25T03:00:00.000Z';
      writeFileSync(
        join(dir, 'traffic.jsonl'),
        `${JSON.stringify({ time, channel: 'zalo', kind: 'fallback', entries: [], score: 0.1 })}\n${JSON.stringify({ time, channel: 'zalo', kind: 'answer', topic: 'f1', entries: ['f1-cach-ly-hien-hanh'], score: 0.9 })}\n`,
      );
      writeFileSync(join(dir, 'gaps.jsonl'), `${JSON.stringify({ time, kind: 'fallback', channel: 'zalo', text: 'giá vàng hôm nay' })}\n`);
      const env = { ...process.env, REDIS_URL: '', TRAFFIC_FILE: join(dir, 'traffic.jsonl'), GAPS_FILE: join(dir, 'gaps.jsonl') };
      execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/report.ts', '--date', '2026-11-25', '--out', dir], { env, stdio: 'pipe' });
      expect(readFileSync(join(dir, '2026-11-25.md'), 'utf8')).toMatch(/Số lượt hỏi: \*\*2\*\*/);
      expect(readFileSync(join(dir, '2026-11-25.html'), 'utf8')).toMatch(/<svg/);
      const out = execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/kb.ts', 'gaps'], { env, encoding: 'utf8', stdio: 'pipe' });
      expect(out).toMatch(/1×\s+gia hom nay vang/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
