import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { evaluate, loadEvalSets } from '../knowledge/engine/evaluate';
import { KnowledgeIndex } from '../knowledge/engine/search';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const base = o.loaded!.index;
  const sets = loadEvalSets('knowledge', base);
  for (const cap of [1.2, 1.6, 2.2]) for (const lw of [0.5, 0.6, 0.7]) for (const k1 of [0.8, 1.2]) for (const oos of [0.22, 0.26, 0.3]) {
    const g = { lexicalCap: cap, lexicalWeight: lw, outOfScopeBelow: oos, k1 };
    const idx = new KnowledgeIndex(base.data, base.vectors, base.embeddings, g);
    const r = await evaluate(idx, sets, '2026-11-26');
    const probe = await idx.search('F1 có phải cách ly không', { asOf: '2022-03-01' });
    console.log(JSON.stringify(g), r.dev.top1.toFixed(3), r.dev.top1Unaccented.toFixed(3), r.oosDeclined.toFixed(3), r.inScopeDeclined.toFixed(3), probe.hits[0]!.card.id);
  }
}
main();
