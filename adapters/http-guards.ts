/**
 * Protection common to every route: socket limits, default security headers, and the per-address request limit.
 */
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { isTrustedProxy } from './client-address';
import type { Config } from './config';
import type { Metrics } from './observability';
import type { RateLimiter } from './rate-limit';

/**
 * Slow or numerous sockets: the headers must arrive within 10 s and the whole request within REQUEST_TIMEOUT_MS
 * (webhook bodies are small), idle keep-alive sockets close after 5 s, and one peer address (trusted proxies
 * excepted) may hold at most MAX_CONNECTIONS_PER_ADDRESS sockets; further ones are closed at once.
 */
export function guardSockets(http: HttpServer, cfg: Config, onRefused: () => void): void {
  http.requestTimeout = cfg.requestTimeoutMs;
  http.headersTimeout = Math.min(10_000, cfg.requestTimeoutMs);
  http.keepAliveTimeout = 5_000;
  // How often Node looks for requests past those time-outs (default 30 s); read when the server starts listening.
  (http as HttpServer & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, cfg.requestTimeoutMs);
  const open = new Map<string, number>();
  http.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    if (isTrustedProxy(cfg.trustedProxies, peer)) return;
    const n = (open.get(peer) ?? 0) + 1;
    if (n > cfg.maxConnectionsPerAddress) {
      onRefused();
      socket.destroy();
      return;
    }
    open.set(peer, n);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left > 0) open.set(peer, left);
      else open.delete(peer);
    });
  });
}

/** Routes outside the per-address limit: health, metrics, pages, staff (which has its own sign-in limit). */
const UNLIMITED = /^\/(healthz|readyz|metrics)?$|^\/webchat\/|^\/staff|^\/api\/staff/;
/** Web chat polling has its own budget per conversation: ten users behind one address poll 600 times a minute. */
const POLL_PATH = /^\/v3\/directline\/conversations\/[^/]+\/activities$/;

/** Security headers on every response; the web chat page and the staff pages set their own policy. */
export function securityHeaders(_req: Request, res: Response, next: restify.Next): void {
  res.header('x-content-type-options', 'nosniff');
  res.header('referrer-policy', 'same-origin'); // not 'no-referrer': a browser then sends "Origin: null" with our own forms
  res.header('x-frame-options', 'DENY');
  res.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  next();
}

/** Per-address limit on web chat and webhook routes, checked before the body is read. */
export function limitPerAddress(limiter: RateLimiter, address: (req: Request) => string, metrics: Metrics): restify.RequestHandler {
  return (req: Request, res: Response, next: restify.Next) => {
    const path = req.getPath();
    if (UNLIMITED.test(path) || (req.method === 'GET' && POLL_PATH.test(path))) return next();
    limiter
      .hit(address(req))
      .catch(() => 0)
      .then((count) => {
        if (count <= limiter.limit) return next();
        metrics.rateLimited.inc({ scope: 'ip' });
        res.send(429, { error: 'Quá nhiều yêu cầu, vui lòng thử lại sau một phút.' });
        return next(false);
      });
  };
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
}

/** Whether the request carries one of the staff API tokens. */
export function hasStaffToken(req: Request, tokens: readonly string[]): boolean {
  const given = bearerToken(req);
  return Boolean(given && tokens.includes(given));
}
