import { loadKnowledgeBase } from '../../../knowledge/content/load';
import { CardClassifier } from '../../../knowledge/engine/classifier';
import { HashedNgramEmbeddings } from '../../../knowledge/engine/embeddings';
import { KnowledgeIndex } from '../../../knowledge/engine/search';
import { AS_OF, KB_DIR } from '../../helpers/kb';

const examples = [
  { tokens: ['f0', 'cach', 'ly', 'may', 'ngay'], label: 'f0-days' },
  { tokens: ['f0', 'o', 'nha', 'bao', 'lau'], label: 'f0-days' },
  { tokens: ['f1', 'co', 'phai', 'cach', 'ly'], label: 'f1-rule' },
  { tokens: ['f1', 'o', 'nha', 'khong'], label: 'f1-rule' },
  { tokens: ['tiem', 'mui', '3', 'khi', 'nao'], label: 'booster' },
];

describe('card classifier', () => {
  it('learns which words tell neighbouring cards apart', () => {
    const clf = CardClassifier.train(examples);
    const p = clf.probabilities(['f1', 'cach', 'ly']);
    expect(p.get('f1-rule')!).toBeGreaterThan(p.get('f0-days')!);
    const q = clf.probabilities(['f0', 'cach', 'ly']);
    expect(q.get('f0-days')!).toBeGreaterThan(q.get('f1-rule')!);
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('has nothing to say about words it never saw', () => {
    expect(CardClassifier.train(examples).probabilities(['gia', 'vang']).size).toBe(0);
  });

  it('learns the same weights on every build', () => {
    const a = CardClassifier.train(examples).probabilities(['f1', 'nha']);
    const b = CardClassifier.train(examples).probabilities(['f1', 'nha']);
    expect([...a]).toEqual([...b]);
  });
});

describe('search with the classifier', () => {
  const kb = loadKnowledgeBase(KB_DIR).value!;
  let plain: KnowledgeIndex;
  let learned: KnowledgeIndex;
  beforeAll(async () => {
    plain = await KnowledgeIndex.build(kb, new HashedNgramEmbeddings(), { classifierWeight: 0 });
    learned = new KnowledgeIndex(plain.data, plain.vectors, plain.embeddings, { classifierWeight: 0.3 });
  });

  it.each([
    'test nhanh 2 vach phai lam gi',
    'f1 co phai cach ly ko',
    'bé 3 tuổi sốt cao uống thuốc gì',
    'hien nay con phai khai bao y te khong',
    'giá vàng hôm nay',
    'cách ly',
  ])('orders the cards but leaves the decision and its confidence alone: "%s"', async (q) => {
    const a = await plain.search(q, { asOf: AS_OF, limit: 10 });
    const b = await learned.search(q, { asOf: AS_OF, limit: 10 });
    expect(b.decision).toBe(a.decision);
    expect(b.confidence).toBe(a.confidence);
    expect(new Set(b.hits.map((h) => h.card.id))).toEqual(new Set(a.hits.map((h) => h.card.id)));
  });

  it('is not used for a follow-up read together with the previous question', async () => {
    const q = 'tiêm vắc xin cho bà bầu được không đang cho con bú thì sao';
    const a = await plain.search(q, { asOf: AS_OF });
    const b = await learned.search(q, { asOf: AS_OF, learnedRanking: false });
    expect(b.hits.map((h) => h.card.id)).toEqual(a.hits.map((h) => h.card.id));
  });
});
