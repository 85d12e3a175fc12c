/**
 * Part of `npm run build`: copies the files the compiled server reads next to its code (the web chat page and the
 * staff console) into `dist/`, so `node dist/scripts/start.js` finds them where the sources do.
 */
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const assets = ['adapters/webchat/index.html', 'adapters/staff/console.html', 'adapters/staff/console.js'];
for (const file of assets) {
  const from = join(root, file);
  if (!existsSync(from)) throw new Error(`missing asset ${file}`);
  cpSync(from, join(root, 'dist', file));
}
console.error(`build: đã chép ${assets.length} tệp tĩnh vào dist/`);
