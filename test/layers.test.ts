import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { sourceFiles } from './helpers/sources';

/**
 * The house's floors (issue 14): scripts → adapters → bot → knowledge, never upwards; bot/ enters knowledge/ only
 * through knowledge/index.ts; the configuration module imports nothing from the project.
 */
const ROOT = join(__dirname, '..');

/** Project files a source file imports, as paths relative to the root ("knowledge/index", "bot/state"…). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import\(|require\()\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => relative(ROOT, resolve(dirname(file), spec)));
}

const floor = (path: string) => path.split('/')[0]!;
const ORDER = ['knowledge', 'bot', 'adapters', 'scripts'];

describe('layers', () => {
  const files = ORDER.flatMap((dir) => sourceFiles(join(ROOT, dir)));

  it('no floor imports a floor above it', () => {
    const upward = files.flatMap((file) => {
      const from = relative(ROOT, file);
      return importsOf(file)
        .filter((to) => ORDER.includes(floor(to)) && ORDER.indexOf(floor(to)) > ORDER.indexOf(floor(from)))
        .map((to) => `${from} → ${to}`);
    });
    expect(upward).toEqual([]);
  });

  it('bot/ enters knowledge/ only through knowledge/index.ts', () => {
    const deep = files
      .filter((file) => floor(relative(ROOT, file)) === 'bot')
      .flatMap((file) =>
        importsOf(file)
          .filter((to) => floor(to) === 'knowledge' && to !== 'knowledge' && to !== 'knowledge/index')
          .map((to) => `${relative(ROOT, file)} → ${to}`),
      );
    expect(deep).toEqual([]);
  });

  it('the configuration module imports nothing from the project', () => {
    expect(importsOf(join(ROOT, 'adapters', 'config.ts'))).toEqual([]);
  });
});
