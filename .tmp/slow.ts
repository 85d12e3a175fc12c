import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { loadEvalSets } from '../knowledge/engine/evaluate';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const idx = o.loaded!.index;
  const qs = loadEvalSets('knowledge', idx).labelled.filter(l => l.origin === 'dev');
  for (let pass = 0; pass < 3; pass++) {
    const ts: [number, string][] = [];
    for (const q of qs) { const t = performance.now(); await idx.search(q.q); ts.push([performance.now() - t, q.q]); }
    ts.sort((a, b) => b[0] - a[0]);
    console.log('pass', pass, ts.slice(0, 4).map(x => x[0].toFixed(2) + ' ' + x[1].slice(0, 40)));
  }
}
main();
