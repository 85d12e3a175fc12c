import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { loadEvalSets } from '../knowledge/engine/evaluate';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const idx = o.loaded!.index;
  const sets = loadEvalSets('knowledge', idx);
  const fam = idx.data.bm25.families.folded;
  const feat = async (q: string) => {
    const r = await idx.search(q);
    const toks = idx.analyzeText(q).folded;
    const unk = toks.filter(t => !fam.postings[t]).length / Math.max(1, toks.length);
    const h = r.hits[0];
    return { top: h?.score ?? 0, lex: h?.lexical ?? 0, vec: h?.vector ?? 0, unk, m: (h?.score ?? 0) - (r.hits[1]?.score ?? 0), id: h?.card.id };
  };
  const rows: string[] = [];
  for (const q of sets.outOfScope) { const f = await feat(q); rows.push(`OOS\t${f.top.toFixed(3)}\t${f.lex.toFixed(3)}\t${f.vec.toFixed(3)}\t${f.unk.toFixed(2)}\t${q}`); }
  for (const l of sets.labelled.filter(x => x.origin === 'dev')) { const f = await feat(l.q); rows.push(`DEV${f.id===l.expect?'+':'-'}\t${f.top.toFixed(3)}\t${f.lex.toFixed(3)}\t${f.vec.toFixed(3)}\t${f.unk.toFixed(2)}\t${l.q}`); }
  console.log(rows.join('\n'));
}
main();
