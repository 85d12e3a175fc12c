import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { evaluate, loadEvalSets } from '../knowledge/engine/evaluate';
import { KnowledgeIndex } from '../knowledge/engine/search';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const base = o.loaded!.index;
  const sets = loadEvalSets('knowledge', base);
  const grid: any[] = [];
  for (const ans of [0.6, 1.0, 1.5]) for (const lw of [0.5, 0.6, 0.7]) for (const cap of [1.0, 1.2, 1.5]) for (const bg of [1, 1.5])
    grid.push({ fieldWeights: { questions: 3, title: 2, answer: ans, tags: 1 }, lexicalWeight: lw, lexicalCap: cap, bigramWeight: bg });
  for (const g of grid) {
    const idx = new KnowledgeIndex(base.data, base.vectors, base.embeddings, g);
    const r = await evaluate(idx, sets, '2026-11-26');
    console.log(JSON.stringify({ a: g.fieldWeights.answer, lw: g.lexicalWeight, cap: g.lexicalCap, bg: g.bigramWeight }), r.dev.top1.toFixed(3), r.dev.top1Unaccented.toFixed(3), r.oosDeclined.toFixed(3), r.inScopeDeclined.toFixed(3));
  }
}
main();
