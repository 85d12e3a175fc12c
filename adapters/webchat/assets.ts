/**
 * The web chat page and the Web Chat bundle as the server sends them. The bundle (about 4 MB) goes out compressed
 * (brotli, else gzip) under a versioned address with a year-long cache and a validator, which matters on 3G. The
 * compressed copies are written by `npm run build` next to the compiled server; when they are missing (running from
 * the sources) they are made once, off the event loop, on the first request.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Where botframework-webchat keeps its browser bundle, and its version (part of the page's script address). */
export function webchatBundle(): { path: string; version: string } {
  const root = join(dirname(require.resolve('botframework-webchat')), '..');
  return { path: join(root, 'dist', 'webchat.js'), version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version };
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Compresses the bundle (used by the build, and at run time when the build's copies are missing). */
export async function compressBundle(raw: Buffer): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gzipped] = await Promise.all([
    brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gz(raw, { level: 9 }),
  ]);
  return { br, gzip: gzipped };
}

export interface BundleVariants {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
  lastModified: string;
}

/** Loads (once) the bundle and its compressed copies, from `dir` when the build wrote them there. */
export function bundleLoader(dir: string): () => Promise<BundleVariants> {
  let loading: Promise<BundleVariants> | undefined;
  return () =>
    (loading ??= (async () => {
      const { path, version } = webchatBundle();
      const raw = await readFile(path);
      const built = join(dir, 'webchat.js');
      const { br, gzip: gzipped } =
        existsSync(`${built}.br`) && existsSync(`${built}.gz`)
          ? { br: await readFile(`${built}.br`), gzip: await readFile(`${built}.gz`) }
          : await compressBundle(raw);
      const etag = `"${version}-${createHash('sha256').update(raw).digest('base64url').slice(0, 16)}"`;
      return { raw, br, gzip: gzipped, etag, lastModified: statSync(path).mtime.toUTCString() };
    })());
}

/** The best encoding the client accepts: brotli, gzip or none. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

/** The SHA-256 source of every inline script of a page, for its Content-Security-Policy. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}
