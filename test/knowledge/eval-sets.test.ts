import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KB_DIR } from '../helpers/kb';

describe('locked evaluation sets', () => {
  it('the English locked set is kept exactly as written (its hash is in the README)', () => {
    const file = readFileSync(join(KB_DIR, 'eval', 'en-locked.yaml'));
    const readme = readFileSync(join(KB_DIR, '..', 'README.md'), 'utf8');
    expect(readme).toContain(createHash('sha256').update(file).digest('hex'));
    const set = parse(file.toString('utf8')) as Record<string, unknown[]>;
    expect(set.long!.length + set.short!.length + set.followups!.length).toBeGreaterThanOrEqual(100);
    expect(set.out_of_scope!.length).toBeGreaterThanOrEqual(40);
  });
});
