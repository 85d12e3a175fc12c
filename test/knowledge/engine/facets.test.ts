import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, loadKnowledgeBase } from '../../../knowledge/content/load';
import { cardToRow, checkReferences, rowToCard } from '../../../knowledge/content/spreadsheet';
import { HashedNgramEmbeddings } from '../../../knowledge/engine/embeddings';
import { compileFacets, contradicts, statedAges } from '../../../knowledge/engine/facets';
import { KnowledgeIndex } from '../../../knowledge/engine/search';
import { analyze, compileLexicon, VIETNAMESE } from '../../../knowledge/text/analyze';
import { ENGLISH } from '../../../knowledge/text/english';
import { AS_OF, KB_DIR, copyKnowledgeBase } from '../../helpers/kb';

const kb = loadKnowledgeBase(KB_DIR).value!;
const lex = compileLexicon(KnowledgeIndex.synonymsOf(kb));
const vi = compileFacets(kb.lexicon.facets, lex, VIETNAMESE);
const read = (text: string) => Object.fromEntries([...vi.read(analyze(text, lex))].map(([g, v]) => [g, [...v].sort()]));

describe('facets of a question', () => {
  it.each([
    ['con em 3 tuổi là F1 thì sao', { status: ['f1'], person: ['child'] }],
    ['chau be nha em bi duong tinh', { status: ['f0'], person: ['child'] }],
    ['mẹ em 72 tuổi bị tiểu đường', { person: ['chronic', 'elderly'] }],
    ['vo em mang bau 6 thang test 2 vach', { status: ['f0'], person: ['pregnant'] }],
    ['bé 10 tháng tuổi sốt', { person: ['child'] }],
    ['tiem mui 3 cho nguoi 30 tuoi', {}],
  ])('reads "%s"', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('matches accents as typed: an accented word only with the same accents', () => {
    expect(read('đi châu Âu có phải cách ly không')).toEqual({});
    expect(read('cháu bé có phải cách ly không')).toEqual({ person: ['child'] });
    expect(read('chau be co phai cach ly khong')).toEqual({ person: ['child'] });
  });

  it('reads ages in years and months, not durations', () => {
    const folded = (t: string) => analyze(t).folded;
    expect(statedAges(folded('bố em 80 tuổi, cháu 5 tháng tuổi'))).toEqual([80, 0]);
    expect(statedAges(folded('cách ly 3 tháng rồi'))).toEqual([]);
    expect(statedAges(folded('my son is 4 years old'))).toEqual([4]);
  });

  it('reads English questions with the English words', () => {
    const en = kb.lexicon.english!;
    const enLex = compileLexicon(en.synonyms, ENGLISH);
    const m = compileFacets(en.facets, enLex, ENGLISH);
    const got = m.read(analyze('my grandmother tested positive, can she stay home?', enLex, ENGLISH));
    expect([...(got.get('status') ?? [])]).toEqual(['f0']);
    expect([...(got.get('person') ?? [])]).toEqual(['elderly']);
  });

  it('rules a card out only when it declares the group and shares no value', () => {
    const q = new Map([['status', new Set(['f1'])]]);
    expect(contradicts(q, { status: ['f0'] })).toBe(true);
    expect(contradicts(q, { status: ['f0', 'f1'] })).toBe(false);
    expect(contradicts(q, { person: ['child'] })).toBe(false);
    expect(contradicts(new Map(), { status: ['f0'] })).toBe(false);
  });
});

describe('search with facets', () => {
  let index: KnowledgeIndex;
  beforeAll(async () => {
    index = await KnowledgeIndex.build(kb, new HashedNgramEmbeddings());
  });

  it('never offers a card about F0 care for a question about an F1', async () => {
    const r = await index.search('con em 3 tuoi la f1 thi phai theo doi gi', { asOf: AS_OF, limit: 20 });
    expect(r.facets).toEqual({ person: ['child'], status: ['f1'] });
    expect(r.hits[0]!.card.id).toBe('f1-tre-em');
    for (const h of r.hits) expect(h.card.facets.status ?? ['f1']).toContain('f1');
  });

  it('keeps cards that declare nothing for a group (they apply to anyone)', async () => {
    const r = await index.search('f1 co can deo khau trang khi ra ngoai khong', { asOf: AS_OF, limit: 20 });
    expect(r.hits.some((h) => Object.keys(h.card.facets).length === 0)).toBe(true);
  });

  it('reads a follow-up with its previous question, about the people the follow-up names', async () => {
    const followUp = 'còn bà nội cháu 78t thì sao';
    expect(index.facetsOf(followUp)).toEqual({ person: ['elderly'] });
    const together = `bé nhà em 3 tuổi bị f0 chăm sóc ở nhà thế nào ${followUp}`;
    const r = await index.search(together, { asOf: AS_OF, limit: 20, facets: index.facetsOf(followUp) });
    expect(r.facets).toEqual({ person: ['elderly'], status: ['f0'] });
    expect(r.hits.some((h) => h.card.facets.person?.includes('child') && !h.card.facets.person.includes('elderly'))).toBe(false);
  });

  it('keeps the people of a long message for its question sentence', async () => {
    const r = await index.search(
      'Vợ tôi năm nay 31 tuổi, đang mang bầu tháng thứ 5. Sáng nay vợ tôi tự test thấy lên hai vạch, chỉ hơi ho. Ở nhà cần theo dõi những gì?',
      { asOf: AS_OF, limit: 20 },
    );
    expect(r.facets.person).toEqual(['pregnant']);
    for (const h of r.hits) expect(h.card.facets.person ?? ['pregnant']).toContain('pregnant');
  });
});

describe('facets in content', () => {
  const problemsAfter = (edit: (dir: string) => void): string[] => {
    const copy = copyKnowledgeBase();
    try {
      edit(copy.dir);
      return loadKnowledgeBase(copy.dir).problems.map(formatProblem);
    } finally {
      copy.cleanup();
    }
  };
  const card = 'cards/f1/f1-tre-em.md';

  it('reports a card facet the lexicon does not define', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, card);
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^facets: .*$/m, 'facets: {status: [f9], age: [old]}'));
    });
    expect(problems.join('\n')).toMatch(/Nhóm "status" không có giá trị "f9"/);
    expect(problems.join('\n')).toMatch(/Không có nhóm đặc điểm "age"/);
  });

  it('reports English facet words for a value the Vietnamese facets lack', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, 'lexicon.yaml');
      writeFileSync(
        f,
        readFileSync(f, 'utf8').replace('      f2: { cues: ["f2"] }\n    person:', '      f2: { cues: ["f2"] }\n      f3: { cues: ["f3"] }\n    person:'),
      );
    });
    expect(problems.join('\n')).toMatch(/english\.facets\.status\.f3/);
  });

  it('go through spreadsheets, and an unknown one in a row is reported', () => {
    const row = cardToRow(kb.cards.find((c) => c.id === 'f1-tre-em')!);
    expect(row.facets).toBe('status: f1\nperson: child');
    const back = rowToCard(row, 'cards.csv', 2).card!;
    expect(back.facets).toEqual({ status: ['f1'], person: ['child'] });
    const bad = rowToCard({ ...row, facets: 'status: f7' }, 'cards.csv', 2).card!;
    expect(checkReferences([{ card: bad, line: 2 }], kb, 'cards.csv').map((p) => p.message)).toEqual(['Không có đặc điểm "status: f7" trong lexicon.yaml']);
  });
});
