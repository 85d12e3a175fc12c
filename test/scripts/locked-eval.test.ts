import { evaluateLocked, loadLocked } from '../../scripts/lib/locked-eval';
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
