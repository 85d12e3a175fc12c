import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitDocument } from '../../../knowledge/content/sources';
import { buildIndexArtifact } from '../../../knowledge/engine/artifact';
import { HashedNgramEmbeddings } from '../../../knowledge/engine/embeddings';
import { staffPassages } from '../../../bot/staff';
import { copyKnowledgeBase } from '../../helpers/kb';

const FIXTURE = resolve(__dirname, '../../fixtures/sources/qd-261.md');

describe('source documents for staff', () => {
  it('splits at chapters, articles, clauses and points, keeping the exact location', async () => {
    const passages = await splitDocument(
      'qd-261',
      'Chương I. A\nĐiều 5. Tên điều\n1. Khoản một.\n2. Khoản hai:\na) điểm a;\nb) điểm b.\nĐiều 6. Khác\nNội dung.',
    );
    expect(passages.map((p) => p.location)).toEqual([
      'Chương I',
      'Chương I › Điều 5',
      'Chương I › Điều 5, khoản 1',
      'Chương I › Điều 5, khoản 2',
      'Chương I › Điều 5, khoản 2, điểm a',
      'Chương I › Điều 5, khoản 2, điểm b',
      'Chương I › Điều 6',
    ]);
    const long = await splitDocument('qd-261', `Điều 1. Dài\n1. ${'Một câu khá dài về theo dõi sức khỏe tại nhà. '.repeat(60)}`);
    expect(long.length).toBeGreaterThan(2);
    expect(long.every((p) => p.text.length <= 800)).toBe(true);
    expect(long.slice(1).every((p) => p.location === 'Điều 1, khoản 1')).toBe(true);
  });

  it('indexes the passages: staff find them, accents or not, with the document number and location', async () => {
    const kb = copyKnowledgeBase();
    try {
      mkdirSync(join(kb.dir, 'sources'), { recursive: true });
      copyFileSync(FIXTURE, join(kb.dir, 'sources', 'qd-261.md'));
      const built = await buildIndexArtifact(kb.dir, join(kb.dir, '..', 'index'), new HashedNgramEmbeddings());
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      const hits = staffPassages(built.loaded.index, 'spo2 tu 96 tro xuong bao tram y te');
      expect(hits[0]).toMatchObject({ number: 'QĐ 261/QĐ-BYT', location: 'Chương II › Điều 2, khoản 2, điểm b' });
      expect(hits[0]!.text).toMatch(/SpO2 từ 96%/);
    } finally {
      kb.cleanup();
    }
  });

  it('a source file not named after a registered document stops the build', async () => {
    const kb = copyKnowledgeBase();
    try {
      mkdirSync(join(kb.dir, 'sources'), { recursive: true });
      writeFileSync(join(kb.dir, 'sources', 'qd-9999.txt'), 'Điều 1. X');
      const built = await buildIndexArtifact(kb.dir, join(kb.dir, '..', 'index'), new HashedNgramEmbeddings());
      expect(built.ok).toBe(false);
      if (!built.ok) expect(built.problems[0]!.message).toMatch(/qd-9999/);
    } finally {
      kb.cleanup();
    }
  });
});
