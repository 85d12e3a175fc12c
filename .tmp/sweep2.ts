import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { evaluate, loadEvalSets } from '../knowledge/engine/evaluate';
import { KnowledgeIndex } from '../knowledge/engine/search';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const base = o.loaded!.index;
  const sets = loadEvalSets('knowledge', base);
  for (const qs of [0, 0.15, 0.3]) for (const lw of [0.6, 0.7]) for (const a of [0.6, 1.0]) for (const acc of [0.3, 0.5]) {
    const g = { questionShare: qs, lexicalWeight: lw, fieldWeights: { questions: 3, title: 2, answer: a, tags: 1 }, accentedShare: acc };
    const idx = new KnowledgeIndex(base.data, base.vectors, base.embeddings, g);
    const r = await evaluate(idx, sets, '2026-11-26');
    console.log(JSON.stringify({ qs, lw, a, acc }), r.dev.top1.toFixed(3), r.dev.top1Unaccented.toFixed(3), r.dev.top1Accented.toFixed(3), r.oosDeclined.toFixed(3), r.inScopeDeclined.toFixed(3));
  }
}
main();
