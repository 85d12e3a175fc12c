import { openIndex } from '../knowledge/engine/artifact';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { analyze } from '../knowledge/text/analyze';
import { dateMentioned } from '../knowledge/text/dates';
async function main() {
  const o = await openIndex('knowledge', '.data/index', createEmbeddings());
  const idx = o.loaded!.index as any;
  const q = 'nha em co ba me 70 tuoi bi f0, ba co benh tieu duong thi o nha dieu tri dc ko a';
  const time = (name: string, f: () => unknown, n = 2000) => { for (let i = 0; i < 200; i++) f(); const t = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), 'µs'); };
  time('analyze', () => analyze(q, idx.lexicon));
  time('analyzeText', () => idx.analyzeText(q));
  time('dates', () => dateMentioned(q));
  time('temporal', () => idx.temporalContext(q, '2026-01-01'));
  const { readDomain } = await import('../knowledge/engine/domain');
  time('domain', () => readDomain(analyze(q, idx.lexicon), q, idx.domainMatcher));
  time('lexical', () => idx.lexicalScores(q));
  const v = idx.vectorText(q);
  time('embed', () => idx.embeddings.embedSync(v));
  const e = idx.embeddings.embedSync(v);
  time('knn', () => idx.vectors.searchSync(e, 40));
  let t = performance.now(); for (let i = 0; i < 500; i++) await idx.search(q); console.log('search', ((performance.now() - t) / 500 * 1000).toFixed(1), 'µs');
}
main();
