import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EnvSchema, loadConfig } from '../../adapters/config';
import { sourceFiles } from '../helpers/sources';

const ROOT = join(__dirname, '..', '..');

describe('configuration (issue 14, item 2)', () => {
  it('every variable of the schema is documented in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const missing = Object.keys(EnvSchema.shape).filter((key) => !new RegExp(`^#?\\s*${key}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('the environment is read only by the config module and the scripts’ entry points', () => {
    const readers = ['adapters', 'bot', 'knowledge', 'scripts/lib']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => !file.endsWith(join('adapters', 'config.ts')))
      .filter((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .some((line) => /process\.env/.test(line) && !/^\s*(\*|\/\/)/.test(line)),
      )
      .map((file) => relative(ROOT, file));
    expect(readers).toEqual([]);
  });

  it('gives the embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, zalo: undefined, messenger: undefined, redisUrl: undefined });
    expect(config.runtime).toMatchObject({
      redis: undefined,
      state: { ttlHours: 24, maxEntries: 50_000 },
      gapsFile: '.data/gaps.jsonl',
      embeddings: { kind: 'local' },
    });
    expect(config.content.kbDir).toBe(join(process.cwd(), 'knowledge'));
  });

  it('names each bad variable among those once read raw', () => {
    const err = (() => {
      try {
        loadConfig({ STATE_TTL_HOURS: 'abc', RETENTION_DAYS: '0', LOG_LEVEL: 'loud', HEAP_GROWING_PERCENT: '-1' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    for (const name of ['STATE_TTL_HOURS', 'RETENTION_DAYS', 'LOG_LEVEL', 'HEAP_GROWING_PERCENT']) expect(err).toContain(name);
  });
});
