/**
 * Part of `npm run build`: copies the files the compiled server reads next to its code (the web chat page and the
 * staff console) into `dist/`, so `node dist/scripts/start.js` finds them where the sources do, and writes the Web
 * Chat bundle compressed (brotli and gzip) once, so that the server never compresses it at run time.
 */
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compressBundle, webchatBundle } from '../adapters/webchat/assets';

const root = resolve(__dirname, '..');
const assets = ['adapters/webchat/index.html', 'adapters/staff/console.html', 'adapters/staff/console.js'];
for (const file of assets) {
  const from = join(root, file);
  if (!existsSync(from)) throw new Error(`missing asset ${file}`);
  cpSync(from, join(root, 'dist', file));
}
console.error(`build: đã chép ${assets.length} tệp tĩnh vào dist/`);

async function precompress(): Promise<void> {
  const { path } = webchatBundle();
  const out = join(root, 'dist/adapters/webchat/webchat.js');
  const fresh = (f: string) => existsSync(f) && statSync(f).mtimeMs >= statSync(path).mtimeMs;
  if (fresh(`${out}.br`) && fresh(`${out}.gz`)) return;
  const raw = readFileSync(path);
  const { br, gzip } = await compressBundle(raw);
  writeFileSync(`${out}.br`, br);
  writeFileSync(`${out}.gz`, gzip);
  console.error(`build: webchat.js ${Math.round(raw.length / 1024)} KB → br ${Math.round(br.length / 1024)} KB, gzip ${Math.round(gzip.length / 1024)} KB`);
}
void precompress().catch((err: unknown) => {
  console.error(`build: không nén được webchat.js: ${String(err)}`);
  process.exitCode = 1;
});
