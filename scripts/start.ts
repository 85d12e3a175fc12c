/**
 * `npm start`: opens the knowledge index (building it on first run, no Redis, no cloud keys) and starts an
 * interactive question shell in the terminal. It answers exactly as the search engine decides: the card, its
 * source line, or a polite refusal. (The chat server replaces this entry point when the channels arrive.)
 */
import { createInterface } from 'node:readline/promises';
import { formatProblem } from '../knowledge/content/load';
import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import type { KnowledgeIndex, SearchResult } from '../knowledge/engine/search';
import { paths } from './lib/cli';

function sourceLine(index: KnowledgeIndex, result: SearchResult): string {
  const card = result.hits[0]!.card;
  const parts = card.sources.map((s) => {
    const d = index.documentsById.get(s.doc);
    if (!d) return s.doc;
    const date = d.issued && /^\d{4}-\d{2}-\d{2}$/.test(d.issued) ? ` ngày ${d.issued.split('-').reverse().join('/')}` : '';
    return `${d.number}${date}`;
  });
  return `Nguồn: ${parts.join('; ')}`;
}

function render(index: KnowledgeIndex, r: SearchResult): string {
  if (r.decision === 'out_of_scope') {
    return 'Xin lỗi, câu này nằm ngoài phạm vi hướng dẫn phòng, chống COVID-19 mà tôi hỗ trợ. Bạn có thể gọi đường dây nóng Bộ Y tế 1900 9095 (miễn phí, 24/7).';
  }
  if (r.decision === 'clarify') {
    const choices = r.hits.slice(0, 3).map((h, i) => `  ${i + 1}. ${h.card.title}`);
    return `Bạn muốn hỏi về nội dung nào?\n${choices.join('\n')}`;
  }
  const hit = r.hits[0]!;
  const note =
    hit.status === 'superseded'
      ? `\n(Lưu ý: đây là quy định cũ, áp dụng đến ${hit.card.valid_to!.split('-').reverse().join('/')}.)`
      : '';
  return `${hit.card.title}\n\n${hit.card.answer}\n\n${sourceLine(index, r)}${note}`;
}

async function main(): Promise<void> {
  const { kbDir, indexDir } = paths();
  const t0 = performance.now();
  const opened = await openIndex(kbDir, indexDir, createEmbeddings());
  for (const p of opened.problems) console.error(formatProblem(p));
  if (!opened.loaded) {
    console.error('Không mở được chỉ mục tri thức.');
    process.exitCode = 1;
    return;
  }
  const index = opened.loaded.index;
  const how = opened.how === 'loaded' ? 'đã nạp' : opened.how === 'built' ? 'đã dựng' : 'đang dùng bản cũ';
  console.log(`Trợ lý hỏi đáp "Thích ứng an toàn" — chỉ mục ${opened.loaded.meta.version} (${how}, ${(performance.now() - t0).toFixed(0)} ms, ${index.data.cards.length} thẻ).`);
  console.log('Gõ câu hỏi rồi Enter; gõ "thoat" hoặc Ctrl+D để thoát.\n');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('Bạn: ');
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (/^(thoat|thoát|exit|quit)$/i.test(q)) break;
    if (q) console.log(`\n${render(index, await index.search(q))}\n`);
    rl.prompt();
  }
  rl.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
