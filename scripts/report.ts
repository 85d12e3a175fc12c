/**
 * `npm run report -- --date YYYY-MM-DD [--out DIR]`: the daily report (Markdown and HTML with charts) from the turn
 * log (`TRAFFIC_FILE`) and the recorded questions (`GAPS_FILE`). Days are Vietnam time. Default date: today.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml, renderMarkdown } from '../bot/report-render';
import { readJsonl } from '../bot/jsonl';
import { dailyStats, loadGaps, vnDateHour } from '../bot/reporting';
import type { TurnRecord } from '../bot/traffic';
import { parseArgs } from './lib/cli';
import { loadConfig } from '../adapters/config';

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2), ['date', 'out']);
  const date = typeof flags.get('date') === 'string' ? String(flags.get('date')) : vnDateHour(new Date().toISOString()).date;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    console.error('--date phải có dạng YYYY-MM-DD');
    process.exitCode = 2;
    return;
  }
  const config = loadConfig(process.env);
  const out = typeof flags.get('out') === 'string' ? String(flags.get('out')) : config.content.reportsDir;
  const turns = await readJsonl<TurnRecord>(config.content.trafficFile);
  const gaps = await loadGaps(config.runtime);
  const stats = dailyStats(date, turns, gaps);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, `${date}.md`), renderMarkdown(stats));
  await writeFile(join(out, `${date}.html`), renderHtml(stats));
  console.log(`Báo cáo ${date}: ${stats.turns} lượt → ${join(out, `${date}.md`)}, ${join(out, `${date}.html`)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
