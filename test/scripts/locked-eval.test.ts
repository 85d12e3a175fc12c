import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateLocked, loadLocked } from '../../scripts/lib/locked-eval';
import { evaluateTwoQuestions, loadTwoQuestions } from '../../scripts/lib/two-questions-eval';
import { testIndex } from '../helpers/bot';
import { AS_OF, KB_DIR } from '../helpers/kb';

describe('evaluation of the English sets', () => {
  it('loads both English sets with every item labelled by real cards', async () => {
    const index = await testIndex();
    const ids = new Set(index.cardsById.keys());
    for (const which of [
      { sets: /^en-dev-questions$/, labels: 'en-dev-labels.yaml' },
      { sets: /^en-locked$/, labels: 'en-locked-labels.yaml' },
    ]) {
      const set = loadLocked(KB_DIR, ids, which);
      expect(set.problems).toEqual([]);
      expect(set.items.filter((i) => i.section === 'out_of_scope').length).toBeGreaterThanOrEqual(40);
      expect(set.items.filter((i) => i.section !== 'out_of_scope').length).toBeGreaterThanOrEqual(100);
    }
  });

  it('counts out-of-scope questions as declined only when neither answered nor offered choices', async () => {
    const index = await testIndex();
    const report = await evaluateLocked(
      index,
      [
        { file: 't', section: 'out_of_scope', index: 0, turns: ['best pho restaurant near Hoan Kiem lake?'], expect: [] },
        { file: 't', section: 'short', index: 0, turns: ['How do I read a rapid test result, line C and line T?'], expect: ['selftest-doc-ket-qua'] },
      ],
      AS_OF,
    );
    expect(report.outOfScope).toBe(1);
    expect(report.outOfScopeDeclined).toBe(1);
    expect(report.top1).toBe(1);
    expect(report.noCard).toBe(0);
  });
});

describe('evaluation of messages that ask two things', () => {
  it('loads the development and locked sets with every question labelled by real cards; the locked one kept as written', async () => {
    const index = await testIndex();
    const ids = new Set(index.cardsById.keys());
    for (const which of ['dev', 'locked'] as const) {
      const set = loadTwoQuestions(KB_DIR, which, ids);
      expect(set.problems).toEqual([]);
      expect(set.items.length).toBeGreaterThanOrEqual(30);
    }
    const readme = readFileSync(join(KB_DIR, '..', 'README.md'), 'utf8');
    expect(readme).toContain(
      createHash('sha256')
        .update(readFileSync(join(KB_DIR, 'eval', 'two-questions-locked.yaml')))
        .digest('hex'),
    );
  });

  it('counts a message covered only when one question is answered right and the other offered right', async () => {
    const index = await testIndex();
    const report = await evaluateTwoQuestions(
      index,
      [
        { text: 'Bà bầu tiêm vắc xin được không ạ? Bà bầu mắc covid thì có được ở nhà không?', expect: [['vaccine-mang-thai'], ['home-phu-nu-mang-thai']] },
        // Labelled with cards it cannot be answered with: neither right nor covered.
        { text: 'f1 co phai cach ly ko', expect: [['myth-an-toi'], ['hotline-115']] },
      ],
      AS_OF,
    );
    expect(report.n).toBe(2);
    expect(report.mainRight).toBe(0.5);
    expect(report.bothCovered).toBe(0.5);
    expect(report.confidentlyWrong).toBe(0.5);
    expect(report.failures.map((f) => f.text)).toEqual(['f1 co phai cach ly ko']);
  });
});

describe('the development conversation sets', () => {
  it.each(['devconv', 'devconv2', 'devconv3', 'devconv4', 'devconv5'])('%s loads with every item labelled by real cards', async (name) => {
    const index = await testIndex();
    const set = loadLocked(KB_DIR, new Set(index.cardsById.keys()), { sets: new RegExp(`^${name}-questions$`), labels: `${name}-labels.yaml` });
    expect(set.problems).toEqual([]);
    expect(set.items.length).toBeGreaterThanOrEqual(150);
  });
});
