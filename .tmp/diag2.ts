import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { loadEvalSets } from '../knowledge/engine/evaluate';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const idx = o.loaded!.index;
  const sets = loadEvalSets('knowledge', idx);
  const fam = idx.data.bm25.families.folded;
  const N = idx.data.bm25.ids.length;
  const cardTerms = new Map<number, Set<string>>();
  for (const [t, post] of Object.entries(fam.postings)) for (let p = 0; p < post.length; p += 5) { const d = post[p]!; if (!cardTerms.has(d)) cardTerms.set(d, new Set()); cardTerms.get(d)!.add(t); }
  const idf = (t: string) => { const df = (fam.postings[t]?.length ?? 0) / 5; return Math.log(1 + (N - df + 0.5) / (df + 0.5)); };
  const feat = async (q: string) => {
    const r = await idx.search(q);
    const toks = [...new Set(idx.analyzeText(q).folded)];
    const h = r.hits[0];
    const di = h ? idx.data.bm25.ids.indexOf(h.card.id) : -1;
    const set = cardTerms.get(di) ?? new Set();
    let num = 0, den = 0;
    for (const t of toks) { const w = idf(t); den += w; if (set.has(t)) num += w; }
    const bis: string[] = []; for (let i = 0; i + 1 < toks.length; i++) bis.push(toks[i] + '_' + toks[i + 1]);
    let bn = 0; for (const b of bis) if (set.has(b)) bn++;
    return { top: h?.score ?? 0, cov: den ? num / den : 0, bcov: bis.length ? bn / bis.length : 0, vec: h?.vector ?? 0, id: h?.card.id };
  };
  const rows: string[] = [];
  for (const q of sets.outOfScope) { const f = await feat(q); rows.push(`OOS\t${f.cov.toFixed(3)}\t${f.bcov.toFixed(3)}\t${f.top.toFixed(3)}\t${f.vec.toFixed(3)}\t${q}`); }
  for (const l of sets.labelled.filter(x => x.origin === 'dev')) { const f = await feat(l.q); rows.push(`DEV${f.id===l.expect?'+':'-'}\t${f.cov.toFixed(3)}\t${f.bcov.toFixed(3)}\t${f.top.toFixed(3)}\t${f.vec.toFixed(3)}\t${l.q}`); }
  console.log(rows.join('\n'));
}
main();
