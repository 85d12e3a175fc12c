/**
 * The routes that are neither webhooks nor web chat's Direct Line: the web chat page and its bundle, health,
 * readiness and metrics (staff-only with STATUS_PRIVATE=on), and the staff API that reloads the knowledge index.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Config } from './config';
import { hasStaffToken } from './http-guards';
import type { Metrics } from './observability';
import { bundleLoader, inlineScriptHashes, pickEncoding, webchatBundle } from './webchat/assets';

/** The web chat page (its script hashes in its CSP, portals allowed to frame it) and the versioned bundle. */
export function registerPages(server: restify.Server, cfg: Pick<Config, 'frameAncestors'>): void {
  // The page names the bundle with its version, so the bundle can be cached for a year.
  const { version } = webchatBundle();
  const page = readFileSync(join(__dirname, 'webchat', 'index.html'), 'utf8').replace('src="/webchat/webchat.js"', `src="/webchat/webchat.js?v=${version}"`);
  const pageCsp = [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(page).join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${cfg.frameAncestors.length ? `'self' ${cfg.frameAncestors.join(' ')}` : "'self'"}`,
  ].join('; ');
  server.get('/', (_req: Request, res: Response, next: restify.Next) => {
    // X-Frame-Options cannot name other sites: with portals allowed, frame-ancestors alone decides.
    if (cfg.frameAncestors.length) res.removeHeader('x-frame-options');
    else res.setHeader('x-frame-options', 'SAMEORIGIN');
    res.sendRaw(200, page, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': pageCsp });
    next();
  });
  const bundle = bundleLoader(join(__dirname, 'webchat'));
  server.get('/webchat/webchat.js', async (req: Request, res: Response) => {
    const b = await bundle();
    const headers: Record<string, string> = {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: b.etag,
      'last-modified': b.lastModified,
      vary: 'Accept-Encoding',
    };
    const since = req.header('if-modified-since');
    if (req.header('if-none-match') === b.etag || (!req.header('if-none-match') && since && Date.parse(since) >= Date.parse(b.lastModified))) {
      res.sendRaw(304, '', headers);
      return;
    }
    const encoding = pickEncoding(req.header('accept-encoding'));
    res.sendRaw(200, encoding ? b[encoding] : b.raw, encoding ? { ...headers, 'content-encoding': encoding } : headers);
  });
  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    res.send(200, { status: 'ok' });
    next();
  });
}

export interface StatusDeps {
  metrics: Metrics;
  /** True once the knowledge index is loaded. */
  ready: () => boolean;
  /** The index in use and the last failed reload, shown on /readyz. */
  indexStatus?: () => unknown;
  /** Rebuilds and swaps the knowledge index (POST /api/staff/reload). */
  reload?: () => Promise<{ ok: true; version: string } | { ok: false; problems: unknown[] }>;
}

/** Health, readiness, metrics and the index reload. */
export function registerStatusRoutes(server: restify.Server, cfg: Pick<Config, 'staffApiTokens' | 'statusPrivate'>, deps: StatusDeps): void {
  const { metrics } = deps;
  const staffToken = (req: Request): boolean => hasStaffToken(req, cfg.staffApiTokens);
  /** With STATUS_PRIVATE=on, metrics and readiness (which describe the service) need a staff token. */
  const statusAllowed = (req: Request, res: Response): boolean => {
    if (!cfg.statusPrivate || staffToken(req)) return true;
    res.send(401, { error: 'staff token required' });
    return false;
  };
  server.get('/metrics', async (req: Request, res: Response) => {
    if (!statusAllowed(req, res)) return;
    res.sendRaw(200, await metrics.registry.metrics(), { 'content-type': metrics.registry.contentType });
  });
  server.get('/readyz', (req: Request, res: Response, next: restify.Next) => {
    if (statusAllowed(req, res)) res.send(deps.ready() ? 200 : 503, { ready: deps.ready(), index: deps.indexStatus?.() });
    next();
  });

  // Staff API: rebuild the index from the content and swap to it without a restart.
  server.post('/api/staff/reload', async (req: Request, res: Response) => {
    if (!staffToken(req)) {
      res.send(401, { error: 'staff token required' });
      return;
    }
    if (!deps.reload) {
      res.send(404, { error: 'reload not available' });
      return;
    }
    const r = await deps.reload();
    res.send(r.ok ? 200 : 422, r);
  });
}
