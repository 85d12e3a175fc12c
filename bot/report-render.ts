/** The daily report as Markdown and as a self-contained HTML page with inline SVG bar charts. */
import type { DailyStats } from './reporting';

const KIND_LABEL: Record<string, string> = {
  answer: 'Trả lời',
  clarify: 'Hỏi lại (gợi ý lựa chọn)',
  fallback: 'Từ chối / chưa có câu trả lời',
  emergency: 'Cấp cứu',
  smalltalk: 'Chào hỏi, xã giao',
  handoff: 'Chuyển tổng đài',
  prompt: 'Hỏi thêm (trợ lý đi lại)',
};

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const sorted = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1]);

export function renderMarkdown(s: DailyStats): string {
  const lines: string[] = [];
  lines.push(`# Báo cáo ngày ${s.date.split('-').reverse().join('/')}`, '');
  lines.push(`- Số lượt hỏi: **${s.turns}**`);
  lines.push(
    `- Tỷ lệ trả lời: **${pct(s.rates.answered)}**, hỏi lại: ${pct(s.rates.clarified)}, từ chối: ${pct(s.rates.declined)} (trên các câu hỏi nội dung)`,
  );
  lines.push(`- Phát hiện dấu hiệu cấp cứu: **${s.emergencies}**`, '');
  const table = (title: string, rows: [string, number][]) => {
    lines.push(`## ${title}`, '', '| | Số lượt |', '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  };
  table(
    'Theo loại trả lời',
    sorted(s.byKind).map(([k, v]) => [KIND_LABEL[k] ?? k, v]),
  );
  table('Theo chủ đề', sorted(s.byTopic));
  table('Theo kênh', sorted(s.byChannel));
  const busiest = s.byHour
    .map((v, h) => [h, v] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .filter(([, v]) => v > 0);
  lines.push(
    '## Giờ cao điểm (giờ Việt Nam)',
    '',
    busiest.length ? busiest.map(([h, v]) => `- ${h}:00–${h}:59: ${v} lượt`).join('\n') : '- Không có dữ liệu',
    '',
  );
  lines.push('## Nhóm câu hỏi chưa trả lời được nhiều nhất', '');
  if (s.topGaps.length === 0) lines.push('- Không có', '');
  for (const g of s.topGaps) lines.push(`- **${g.count}×** ${g.words.join(' ')} — ví dụ: ${g.examples.map((e) => `“${e}”`).join('; ')}`);
  lines.push('', '## Thẻ bị đánh giá 👎 nhiều nhất', '');
  if (s.topDownvoted.length === 0) lines.push('- Không có');
  for (const d of s.topDownvoted) lines.push(`- ${d.card}: ${d.count}`);
  return `${lines.join('\n')}\n`;
}

/** A horizontal bar chart, one bar per row, scaled to the largest value. */
function bars(rows: [string, number][], width = 560): string {
  if (rows.length === 0) return '<p>Không có dữ liệu.</p>';
  const max = Math.max(...rows.map(([, v]) => v), 1);
  const h = 24;
  const label = 200;
  const items = rows
    .map(([k, v], i) => {
      const w = Math.round(((width - label - 60) * v) / max);
      return `<text x="0" y="${i * h + 16}" font-size="13">${escapeHtml(k)}</text><rect x="${label}" y="${i * h + 4}" width="${w}" height="16" fill="#0b5cad"/><text x="${label + w + 6}" y="${i * h + 16}" font-size="13">${v}</text>`;
    })
    .join('');
  return `<svg role="img" width="${width}" height="${rows.length * h}" viewBox="0 0 ${width} ${rows.length * h}" xmlns="http://www.w3.org/2000/svg">${items}</svg>`;
}

/** A 24-column chart of turns per hour. */
function hours(byHour: number[]): string {
  const max = Math.max(...byHour, 1);
  const cols = byHour
    .map((v, hIdx) => {
      const hh = Math.round((120 * v) / max);
      return `<rect x="${hIdx * 24 + 2}" y="${130 - hh}" width="20" height="${hh}" fill="#0b5cad"><title>${hIdx}:00 — ${v}</title></rect><text x="${hIdx * 24 + 4}" y="146" font-size="10">${hIdx}</text>`;
    })
    .join('');
  return `<svg role="img" width="580" height="150" viewBox="0 0 580 150" xmlns="http://www.w3.org/2000/svg">${cols}</svg>`;
}

export function renderHtml(s: DailyStats): string {
  const title = `Báo cáo ngày ${s.date.split('-').reverse().join('/')}`;
  const gaps = s.topGaps.length
    ? `<ol>${s.topGaps.map((g) => `<li><strong>${g.count}×</strong> ${escapeHtml(g.words.join(' '))}<br><small>${g.examples.map((e) => `“${escapeHtml(e)}”`).join('; ')}</small></li>`).join('')}</ol>`
    : '<p>Không có.</p>';
  const down = s.topDownvoted.length ? `<ol>${s.topDownvoted.map((d) => `<li>${escapeHtml(d.card)}: ${d.count}</li>`).join('')}</ol>` : '<p>Không có.</p>';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,Arial,sans-serif;max-width:760px;margin:24px auto;padding:0 12px;color:#123}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:28px}.kpi{display:flex;gap:12px;flex-wrap:wrap}.kpi div{background:#eef4fb;border-radius:8px;padding:10px 14px}.kpi b{display:block;font-size:1.4rem}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<div class="kpi"><div><b>${s.turns}</b>lượt hỏi</div><div><b>${pct(s.rates.answered)}</b>được trả lời</div><div><b>${pct(s.rates.clarified)}</b>hỏi lại</div><div><b>${pct(s.rates.declined)}</b>từ chối</div><div><b>${s.emergencies}</b>cấp cứu</div></div>
<h2>Theo chủ đề</h2>${bars(sorted(s.byTopic))}
<h2>Theo kênh</h2>${bars(sorted(s.byChannel))}
<h2>Theo loại trả lời</h2>${bars(sorted(s.byKind).map(([k, v]) => [KIND_LABEL[k] ?? k, v]))}
<h2>Theo giờ (giờ Việt Nam)</h2>${hours(s.byHour)}
<h2>Nhóm câu hỏi chưa trả lời được nhiều nhất</h2>${gaps}
<h2>Thẻ bị đánh giá 👎 nhiều nhất</h2>${down}
</body></html>
`;
}
