import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatProblem, loadKnowledgeBase, parseCard, parseLevels } from '../../../knowledge/content/load';
import { KB_DIR, copyKnowledgeBase } from '../../helpers/kb';

const CARD = 'cards/selftest/selftest-doc-ket-qua.md';

function problemsAfter(edit: (dir: string) => void): string[] {
  const kb = copyKnowledgeBase();
  try {
    edit(kb.dir);
    return loadKnowledgeBase(kb.dir).problems.map(formatProblem);
  } finally {
    kb.cleanup();
  }
}

describe('the shipped knowledge base', () => {
  const kb = loadKnowledgeBase(KB_DIR);

  it('is valid', () => {
    expect(kb.problems.map(formatProblem)).toEqual([]);
  });

  it('has at least 60 cards covering every topic, each with sources and 5+ phrasings', () => {
    const cards = kb.value!.cards;
    expect(cards.length).toBeGreaterThanOrEqual(60);
    for (const topic of ['levels', 'travel', 'selftest', 'home', 'f1', 'general', 'apps', 'hotline', 'myth']) {
      expect(cards.some((c) => c.topic === topic)).toBe(true);
    }
    for (const c of cards) {
      expect(c.questions.length).toBeGreaterThanOrEqual(5);
      expect(c.sources.length).toBeGreaterThanOrEqual(1);
      expect(c.answer.length).toBeLessThanOrEqual(900);
    }
  });

  it('lists the 63 provinces and a level for each', () => {
    expect(kb.value!.lexicon.provinces).toHaveLength(63);
    expect(new Set(kb.value!.levels.map((l) => l.province)).size).toBe(63);
  });

  it('never gives a drug dose or advises self-use of pack B', () => {
    for (const c of kb.value!.cards) {
      // A dose of medicine never appears; a household bleach dilution for cleaning ("10 ml nước tẩy … 1 lít nước") may.
      expect(c.answer).not.toMatch(/\d+\s*(mg|viên\/(lần|ngày))/i);
      expect(c.answer).not.toMatch(/\d+\s*ml(?!\s*nước tẩy)/i);
      expect(c.answer).not.toMatch(/tự (uống|dùng) (gói|túi) (thuốc )?B(?! là)/i);
    }
  });

  it('states the replacing card or the ending document for every rule that ended', () => {
    for (const c of kb.value!.cards.filter((x) => x.valid_to)) {
      expect(c.superseded_by ?? c.ended_by).toBeDefined();
    }
  });

  it('ships no sample level rows, and every row names its source and window', () => {
    for (const row of kb.value!.levels) {
      expect(row.sample).toBe('no');
      expect(row.source.length).toBeGreaterThan(10);
      expect(row.valid_to >= row.valid_from).toBe(true);
    }
  });
});

describe('broken content is reported with file, line and field', () => {
  it('YAML syntax error', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, CARD);
      writeFileSync(f, readFileSync(f, 'utf8').replace('topic: selftest', 'topic: [selftest'));
    });
    expect(problems.join('\n')).toMatch(/selftest-doc-ket-qua\.md:\d+: YAML không hợp lệ/);
  });

  it('missing field', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, CARD);
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^title: .*\n/m, ''));
    });
    expect(problems.join('\n')).toMatch(/selftest-doc-ket-qua\.md:\d+: title: /);
  });

  it('unknown document id', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, CARD);
      writeFileSync(f, readFileSync(f, 'utf8').replace('doc: hd-hcdc-tu-test', 'doc: qd-9999'));
    });
    expect(problems).toContainEqual(expect.stringMatching(/selftest-doc-ket-qua\.md: sources\.0\.doc: Văn bản "qd-9999" không có/));
  });

  it('duplicate id', () => {
    const problems = problemsAfter((dir) => {
      writeFileSync(
        join(dir, 'cards/selftest/copy.md'),
        readFileSync(join(dir, CARD), 'utf8').replace(/questions:[\s\S]*?sources:/, 'questions: [a1 a, b2 b, c3 c, d4 d, e5 e]\nsources:'),
      );
    });
    expect(problems.join('\n')).toMatch(/(copy\.md|selftest-doc-ket-qua\.md): id: Trùng id "selftest-doc-ket-qua"/);
  });

  it('dangling follow-up and duplicate question across cards', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, 'cards/selftest/selftest-vach-mo.md');
      const text = readFileSync(f, 'utf8').replace('questions:\n', 'questions:\n  - "Test nhanh 2 vạch là dương tính phải không?"\n');
      writeFileSync(f, text.replace(/follow_ups:\n/, 'follow_ups:\n  - khong-co-the-nay\n'));
    });
    expect(problems.join('\n')).toMatch(/selftest-vach-mo\.md: questions\.0: Câu hỏi .* đã có ở thẻ "selftest-doc-ket-qua"/);
    expect(problems.join('\n')).toMatch(/selftest-vach-mo\.md: follow_ups\.0: Không có thẻ "khong-co-the-nay"/);
  });

  it('a card of today by topic that is unknown or no longer applies', () => {
    const problems = problemsAfter((dir) => {
      const f = join(dir, 'conversation.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('  vaccine: vaccine-hien-nay\n', '  vaccine: khong-co-the-nay\n  f0: home-dieu-kien\n'));
    });
    expect(problems.join('\n')).toMatch(/conversation\.yaml: today_by_topic\.vaccine: Không có thẻ "khong-co-the-nay"/);
    expect(problems.join('\n')).toMatch(/conversation\.yaml: today_by_topic\.f0: Thẻ "home-dieu-kien" có ngày hết áp dụng/);
  });

  it('an answer too long for one chat message', () => {
    // A Vietnamese-only card: in a card with an English part the text after the marker is the English answer.
    const card = readFileSync(join(__dirname, '../../fixtures/card-vietnamese-only.md'), 'utf8');
    const r = parseCard(`${card}\n${'Thêm chữ. '.repeat(100)}`, 'x.md');
    expect(r.problems[0]).toMatchObject({ file: 'x.md', field: 'answer' });
    expect(r.problems[0]!.line).toBeGreaterThan(10);
  });

  it('a level table row with a bad level names its line', () => {
    const r = parseLevels(
      'province,level,valid_from,valid_to,source,sample\nha-noi,2,2021-10-22,2021-11-04,danh sách ngày 22/10,no\nhai-phong,7,2021-10-22,2021-11-04,danh sách ngày 22/10,no\n',
      'levels.csv',
    );
    expect(r.problems).toEqual([expect.objectContaining({ file: 'levels.csv', line: 3, field: 'level' })]);
    const noSource = parseLevels('province,level,valid_from,valid_to,source,sample\nha-noi,2,2021-10-22,2021-11-04,,no\n', 'levels.csv');
    expect(noSource.problems).toEqual([expect.objectContaining({ line: 2, field: 'source' })]);
  });

  it('`kb validate` exits 1 and names the file and field', () => {
    const kb = copyKnowledgeBase();
    try {
      appendFileSync(
        join(kb.dir, 'documents.yaml'),
        '  - id: nq-128\n    number: NQ 128/NQ-CP\n    title: Trùng\n    issuer: Chính phủ\n    issued: 2021-10-11\n    effective: 2021-10-11\n    status: in_force\n',
      );
      let out = '';
      let code = 0;
      try {
        execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/kb.ts', 'validate'], {
          env: { ...process.env, KB_DIR: kb.dir },
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (e) {
        const err = e as { status: number; stderr: string };
        code = err.status;
        out = err.stderr;
      }
      expect(code).toBe(1);
      expect(out).toMatch(/documents\.yaml: id: Trùng id văn bản "nq-128"/);
    } finally {
      kb.cleanup();
    }
  });
});
