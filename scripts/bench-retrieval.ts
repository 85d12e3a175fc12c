/**
 * `npm run bench:retrieval [-- --json]`: this engine against MiniSearch with its default settings (what a
 * developer would reach for first), on the same cards and the same development questions, in one run.
 * Prints top-1 accuracy on accented and unaccented questions and the engine's per-query latency.
 * With --json the last line is {"engine":{top1,top1Unaccented,p50ms,p99ms},"minisearch":{top1,top1Unaccented}}.
 */
import MiniSearch from 'minisearch';
import { loadKnowledgeBase } from '../knowledge/content/load';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { loadEvalSets } from '../knowledge/engine/evaluate';
import { KnowledgeIndex, plainText } from '../knowledge/engine/search';
import { isUnaccented } from '../knowledge/text/vietnamese';
import { parseArgs, percentile } from './lib/cli';
import { loadConfig } from '../adapters/config';

const AS_OF = '2026-11-26';

interface Scored {
  accented: boolean[];
  unaccented: boolean[];
}

const rate = (xs: boolean[]): number => (xs.length ? xs.filter(Boolean).length / xs.length : 0);

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const json = flags.has('json');
  const log = json ? console.error : console.log;
  const config = loadConfig(process.env);
  const { kbDir } = config.content;
  const kb = loadKnowledgeBase(kbDir);
  if (!kb.value) throw new Error('Nội dung không hợp lệ: chạy npm run kb -- validate');

  const t0 = performance.now();
  const index = await KnowledgeIndex.build(kb.value, createEmbeddings(config.runtime.embeddings));
  const buildMs = performance.now() - t0;
  const questions = loadEvalSets(kbDir, index).labelled.filter((l) => l.origin === 'dev');

  const mini = new MiniSearch({ fields: ['questions', 'title', 'answer'], storeFields: ['id'] });
  mini.addAll(kb.value.cards.map((c) => ({ id: c.id, questions: c.questions.join('\n'), title: c.title, answer: plainText(c.answer) })));

  // One full warm-up pass for both engines: the figures are steady-state latency, as in a running server.
  for (const q of questions) {
    await index.search(q.q, { asOf: AS_OF });
    mini.search(q.q);
  }

  const engine: Scored = { accented: [], unaccented: [] };
  const ms: Scored = { accented: [], unaccented: [] };
  const latencies: number[] = [];
  for (const q of questions) {
    const start = performance.now();
    const r = await index.search(q.q, { asOf: AS_OF });
    latencies.push(performance.now() - start);
    const bucket = isUnaccented(q.q) ? 'unaccented' : 'accented';
    engine[bucket].push(r.hits[0]?.card.id === q.expect);
    ms[bucket].push(mini.search(q.q)[0]?.id === q.expect);
  }
  latencies.sort((a, b) => a - b);

  const all = (s: Scored): boolean[] => [...s.accented, ...s.unaccented];
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const result = {
    engine: {
      top1: rate(all(engine)),
      top1Accented: rate(engine.accented),
      top1Unaccented: rate(engine.unaccented),
      p50ms: percentile(latencies, 50),
      p99ms: percentile(latencies, 99),
    },
    minisearch: {
      top1: rate(all(ms)),
      top1Accented: rate(ms.accented),
      top1Unaccented: rate(ms.unaccented),
    },
  };
  log(`Máy: ${process.platform} ${process.arch}, Node ${process.version}; ${kb.value.cards.length} thẻ; dựng chỉ mục ${buildMs.toFixed(0)} ms`);
  log(`Câu hỏi: ${questions.length} (có dấu ${engine.accented.length}, không dấu ${engine.unaccented.length})`);
  log(`                 top-1   có dấu   không dấu`);
  log(`Engine        ${pct(result.engine.top1).padStart(7)}  ${pct(result.engine.top1Accented).padStart(7)}  ${pct(result.engine.top1Unaccented).padStart(9)}`);
  log(
    `MiniSearch    ${pct(result.minisearch.top1).padStart(7)}  ${pct(result.minisearch.top1Accented).padStart(7)}  ${pct(result.minisearch.top1Unaccented).padStart(9)}`,
  );
  log(`Chênh lệch không dấu: ${((result.engine.top1Unaccented - result.minisearch.top1Unaccented) * 100).toFixed(1)} điểm`);
  log(`Độ trễ mỗi câu (engine): p50 ${result.engine.p50ms.toFixed(3)} ms, p99 ${result.engine.p99ms.toFixed(3)} ms`);
  if (json) {
    console.log(
      JSON.stringify({
        engine: { top1: result.engine.top1, top1Unaccented: result.engine.top1Unaccented, p50ms: result.engine.p50ms, p99ms: result.engine.p99ms },
        minisearch: { top1: result.minisearch.top1, top1Unaccented: result.minisearch.top1Unaccented },
      }),
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
