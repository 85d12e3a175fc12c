/**
 * The HTTP server: one restify app for every door. Webhooks verify, deduplicate and answer 200 fast, then the
 * turn runs asynchronously; replies to Zalo and Messenger leave through the outbox; Web Chat polls Direct Line.
 *
 * @example
 * const app = await createApp(loadConfig(env), { bot, lock, ready: () => true });
 * await app.listen();
 */
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type Redis from 'ioredis';
import restify, { type Request, type Response } from 'restify';
import { redact } from '../bot/privacy';
import { serializeTurns, type TurnLock } from '../bot/state';
import type { ServerConfig } from './config';
import { clientAddress, isTrustedProxy } from './client-address';
import { bundleLoader, inlineScriptHashes, pickEncoding, webchatBundle } from './webchat/assets';
import { MemoryDeduper, RedisDeduper, type Deduper } from './dedupe';
import { BOT_ACCOUNT, DirectLineAdapter } from './directline/adapter';
import { MemoryConversationLog, RedisConversationLog, TokenSigner, type ConversationLog } from './directline/store';
import { MessengerAdapter } from './messenger/adapter';
import { MessengerClient } from './messenger/client';
import { messengerSignatureOk, parseMessengerEvents, type MessengerRequest } from './messenger/protocol';
import { BullMqOutbox, MemoryOutbox, type Outbox, type OutboxEvents, type Sender } from './outbox';
import { ZaloAdapter } from './zalo/adapter';
import { FileTokenStore, RedisTokenStore, ZaloClient } from './zalo/client';
import { parseZaloEvent, zaloEventFresh, zaloSignatureOk, type ZaloSendRequest } from './zalo/protocol';
import { Metrics, observeTurns } from './observability';
import { registerStaffRoutes, type StaffDeps } from './staff/routes';
import { MemoryStaffStore, RedisStaffStore } from './staff/sessions';
import { MemoryRateLimiter, RedisRateLimiter, limitTurns, type RateLimiter } from './rate-limit';
import { MemoryInbound, RedisInbound, type Inbound, type InboundChannel, type InboundJob } from './inbound';

/** Shown once per minute to a user who sends faster than the per-user limit. */
/** Activities one web chat conversation may post per minute, and the largest `value` it may attach (JSON characters). */
const DL_POSTS_PER_MIN = 60;
/** Polls one web chat conversation may make per minute (Web Chat polls about once a second). */
const DL_POLLS_PER_MIN = 150;
const POLL_PATH = /^\/v3\/directline\/conversations\/[^/]+\/activities$/;
const MAX_VALUE_CHARS = 4096;

export const RATE_LIMIT_NOTICE =
  'Bạn gửi tin nhắn hơi nhanh, vui lòng chờ khoảng một phút rồi hỏi tiếp nhé. Nếu cần gấp, hãy gọi 1900 9095 (cấp cứu: 115).';

/** What the server needs from the bot side. */
export interface AppDeps {
  bot: {
    run(context: TurnContext): Promise<void>;
    /** After a turn that threw: clears what may be broken and tells the citizen (apology, hotline). */
    recover?(context: TurnContext): Promise<void>;
  };
  lock: TurnLock;
  /** True once the knowledge index is loaded. */
  ready: () => boolean;
  redis?: Redis;
  log?: (line: string) => void;
  outboxEvents?: OutboxEvents;
  /** Prometheus metrics; a fresh registry without process metrics when omitted. */
  metrics?: Metrics;
  /** Rebuilds and swaps the knowledge index (POST /api/staff/reload). */
  reload?: () => Promise<{ ok: true; version: string } | { ok: false; problems: unknown[] }>;
  /** The index in use and the last failed reload, shown on /readyz. */
  indexStatus?: () => unknown;
  /** The staff console's search interface and files; the console is off when omitted. */
  staff?: Omit<StaffDeps, 'apiTokens' | 'indexStatus' | 'log' | 'store'>;
}

export interface App {
  server: restify.Server;
  metrics: Metrics;
  listen(): Promise<string>;
  /** Resolves when every webhook turn started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type RawRequest = Request & { rawBody?: string | Buffer };

/**
 * Slow or numerous sockets: the headers must arrive within 10 s and the whole request within REQUEST_TIMEOUT_MS
 * (webhook bodies are small), idle keep-alive sockets close after 5 s, and one peer address (trusted proxies
 * excepted) may hold at most MAX_CONNECTIONS_PER_ADDRESS sockets; further ones are closed at once.
 */
function guardSockets(http: HttpServer, cfg: ServerConfig, onRefused: () => void): void {
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

export async function createApp(cfg: ServerConfig, deps: AppDeps): Promise<App> {
  const log = deps.log ?? ((line: string) => console.error(line));
  const logic = (ctx: TurnContext) => deps.bot.run(ctx);
  const onTurnError = async (ctx: TurnContext, err: Error): Promise<void> => {
    log(`turn error on ${ctx.activity.channelId} conversation ${ctx.activity.conversation?.id ?? '?'}: ${err.message}`);
    await deps.bot.recover?.(ctx).catch((e: unknown) => log(`turn error reply failed: ${String(e)}`));
  };

  const metrics = deps.metrics ?? new Metrics(false);
  /** Answers 503 + Retry-After: too many turns already wait; the platform delivers again later. */
  const busy = (res: Response, channel: string): void => {
    metrics.webhooks.inc({ channel, outcome: 'busy' });
    res.header('Retry-After', '5');
    res.send(503, { error: 'Hệ thống đang quá tải, vui lòng gửi lại sau ít giây.' });
  };
  const deduper: Deduper = deps.redis ? new RedisDeduper(deps.redis) : new MemoryDeduper();
  /** A per-minute limit shared by every replica through Redis, or in this process's memory. */
  const perMinute = (limit: number, prefix: string): RateLimiter => (deps.redis ? new RedisRateLimiter(deps.redis, limit, 60_000, prefix) : new MemoryRateLimiter(limit));
  const userLimiter = perMinute(cfg.rateLimitUserPerMin, 'rl:user:');
  const ipLimiter = perMinute(cfg.rateLimitIpPerMin, 'rl:ip:');

  // Outbound: one sender per configured platform, behind one outbox.
  const senders: Partial<Record<'zalo' | 'messenger', Sender>> = {};
  let zaloClient: ZaloClient | undefined;
  if (cfg.zalo) {
    const z = cfg.zalo;
    zaloClient = new ZaloClient({
      appId: z.appId,
      appSecretKey: z.appSecretKey,
      apiBaseUrl: z.apiBaseUrl,
      oauthBaseUrl: z.oauthBaseUrl,
      initial: { accessToken: z.accessToken, refreshToken: z.refreshToken },
      store: deps.redis ? new RedisTokenStore(deps.redis) : new FileTokenStore(z.tokenFile),
      timeoutMs: cfg.outboundTimeoutMs,
      onRefresh: (ok, detail) => {
        metrics.tokenRefreshes.inc({ result: ok ? 'ok' : 'failed' });
        log(`zalo token refresh: ${ok ? 'ok' : `FAILED ${detail}`}`);
      },
    });
    senders.zalo = (r) => zaloClient!.send(r as ZaloSendRequest);
  }
  if (cfg.messenger) {
    const client = new MessengerClient({ ...cfg.messenger, timeoutMs: cfg.outboundTimeoutMs });
    senders.messenger = (r) => client.send(r as MessengerRequest);
  }
  const events: OutboxEvents = {
    onDropped: (job, reason) => {
      metrics.outboxFailures.inc({ channel: job.channel });
      log(`outbox: dropped ${job.channel} reply to ${job.key}: ${reason}`);
      deps.outboxEvents?.onDropped?.(job, reason);
    },
    onRetry: (job, reason) => {
      metrics.outboxRetries.inc({ channel: job.channel });
      deps.outboxEvents?.onRetry?.(job, reason);
    },
    onDelivered: (job) => {
      metrics.outboxDelivered.inc({ channel: job.channel });
      deps.outboxEvents?.onDelivered?.(job);
    },
  };
  const outbox: Outbox = deps.redis ? new BullMqOutbox(deps.redis, senders, events) : new MemoryOutbox(senders, events);

  const zalo = cfg.zalo ? new ZaloAdapter(outbox) : undefined;
  const messenger = cfg.messenger ? new MessengerAdapter(outbox) : undefined;
  const store: ConversationLog = deps.redis ? new RedisConversationLog(deps.redis) : new MemoryConversationLog();
  // Activities one web chat conversation may post per minute (messages, typing and events together).
  const pollLimiter = perMinute(DL_POLLS_PER_MIN, 'rl:dlpoll:');
  const postLimiter = perMinute(DL_POSTS_PER_MIN, 'rl:dlpost:');
  const signer = new TokenSigner(cfg.directLineSecret);
  const directLine = new DirectLineAdapter(store);

  // Acknowledged deliveries wait here for their turn: in process memory, or in a BullMQ queue every replica serves.
  const run = async (job: InboundJob): Promise<void> => {
    const adapter = job.channel === 'zalo' ? zalo : job.channel === 'messenger' ? messenger : directLine;
    if (!adapter) throw new Error(`${job.channel} is not configured on this process`);
    await adapter.processActivity(job.activity, logic);
  };
  const inboundOptions = {
    maxConcurrent: cfg.maxConcurrentTurns,
    maxWaiting: cfg.maxWaitingTurns,
    run,
    onError: (err: unknown) => log(`turn failed: ${err instanceof Error ? err.message : String(err)}`),
  };
  const inbound: Inbound = deps.redis ? new RedisInbound(deps.redis, { ...inboundOptions, worker: cfg.turnWorker }) : new MemoryInbound(inboundOptions);
  metrics.watchTurnQueue(() => inbound.counts());
  /**
   * Queues the turn of a delivery that is seen for the first time (deliveries are at least once). False, after
   * answering 503, when the line is full: checked before the delivery id is remembered, so the platform's next
   * attempt is not taken for a repeat.
   */
  const accept = async (res: Response, channel: InboundChannel, deliveryId: string, activity: () => Activity): Promise<boolean> => {
    if (inbound.full()) {
      busy(res, channel);
      return false;
    }
    if (!(await deduper.firstTime(deliveryId))) return true;
    await inbound.submit({ channel, activity: activity() });
    return true;
  };

  for (const a of [zalo, messenger, directLine]) {
    if (!a) continue;
    a.use(serializeTurns(deps.lock));
    a.use(limitTurns(userLimiter, RATE_LIMIT_NOTICE, () => metrics.rateLimited.inc({ scope: 'user' })));
    a.use(observeTurns(metrics));
    a.onTurnError = onTurnError;
  }

  const address = clientAddress(cfg.trustedProxies);
  const server = restify.createServer({ name: 'thich-ung-an-toan', handleUncaughtExceptions: false });
  guardSockets(server.server, cfg, () => metrics.rateLimited.inc({ scope: 'connections' }));
  // Defaults for every response; the web chat page and the staff pages set their own policy.
  server.use((_req: Request, res: Response, next: restify.Next) => {
    res.header('x-content-type-options', 'nosniff');
    res.header('referrer-policy', 'same-origin'); // not 'no-referrer': a browser then sends "Origin: null" with our own forms
    res.header('x-frame-options', 'DENY');
    res.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Per-IP limit on everything but health, metrics and static files (checked before the body is read).
  server.use((req: Request, res: Response, next: restify.Next) => {
    const path = req.getPath();
    if (path === '/healthz' || path === '/readyz' || path === '/metrics' || path === '/' || path.startsWith('/webchat/') || path.startsWith('/staff') || path.startsWith('/api/staff')) return next();
    // Web chat polling has its own budget per conversation (below): ten users behind one address poll 600 times a minute.
    if (req.method === 'GET' && POLL_PATH.test(path)) return next();
    ipLimiter
      .hit(address(req))
      .catch(() => 0)
      .then((count) => {
        if (count <= ipLimiter.limit) return next();
        metrics.rateLimited.inc({ scope: 'ip' });
        res.send(429, { error: 'Quá nhiều yêu cầu, vui lòng thử lại sau một phút.' });
        return next(false);
      });
  });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  // Pages and health.
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
  const staffToken = (req: Request): boolean => {
    const given = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    return Boolean(given && cfg.staffApiTokens.includes(given));
  };
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

  // Zalo webhook.
  server.post('/api/zalo', async (req: RawRequest, res: Response) => {
    if (!cfg.zalo || !zalo) {
      res.send(404, { error: 'zalo disabled' });
      return;
    }
    const raw = typeof req.rawBody === 'string' ? req.rawBody : (req.rawBody?.toString('utf8') ?? '');
    if (!zaloSignatureOk(raw, req.header('x-zevent-signature'), cfg.zalo.appId, cfg.zalo.oaSecretKey)) {
      metrics.webhooks.inc({ channel: 'zalo', outcome: 'bad_signature' });
      res.send(401, { error: 'bad signature' });
      return;
    }
    if (!zaloEventFresh(raw, Date.now(), cfg.zalo.eventWindowMs)) {
      metrics.webhooks.inc({ channel: 'zalo', outcome: 'stale' });
      log(`zalo: refused an event whose timestamp is outside ${cfg.zalo.eventWindowMs / 60_000} min`);
      res.send(400, { error: 'stale event' });
      return;
    }
    const event = parseZaloEvent(req.body);
    if (event.kind !== 'ignore' && !(await accept(res, 'zalo', `zalo:${event.id}`, () => ZaloAdapter.toActivity(event, req.body)))) return;
    metrics.webhooks.inc({ channel: 'zalo', outcome: 'accepted' });
    res.send(200, { ok: true });
  });

  // Messenger webhook.
  server.get('/api/messenger', (req: Request, res: Response, next: restify.Next) => {
    const q = req.query as Record<string, string>;
    if (cfg.messenger && q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === cfg.messenger.verifyToken) {
      res.sendRaw(200, String(q['hub.challenge'] ?? ''), { 'content-type': 'text/plain' });
    } else res.send(403, { error: 'verification failed' });
    next();
  });
  server.post('/api/messenger', async (req: RawRequest, res: Response) => {
    if (!cfg.messenger || !messenger) {
      res.send(404, { error: 'messenger disabled' });
      return;
    }
    if (!messengerSignatureOk(req.rawBody ?? '', req.header('x-hub-signature-256'), cfg.messenger.appSecret)) {
      metrics.webhooks.inc({ channel: 'messenger', outcome: 'bad_signature' });
      res.send(401, { error: 'bad signature' });
      return;
    }
    // One turn per event; a refusal part-way asks for the whole batch again, and dedupe skips what already ran.
    for (const e of parseMessengerEvents(req.body)) {
      if (!(await accept(res, 'messenger', `fb:${e.id}`, () => MessengerAdapter.toActivity(e, req.body)))) return;
    }
    metrics.webhooks.inc({ channel: 'messenger', outcome: 'accepted' });
    res.send(200, 'EVENT_RECEIVED');
  });

  // Web chat: token and Direct Line 3.0 (polling).
  const bearer = (req: Request): string | undefined => /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
  const claimsFor = async (req: Request, res: Response, conversationId?: string) => {
    const claims = signer.verify(bearer(req));
    if (!claims || !(await store.exists(claims.conversationId))) {
      res.send(403, { error: { code: 'TokenExpired', message: 'Token không hợp lệ hoặc đã hết hạn' } });
      return undefined;
    }
    if (conversationId && conversationId !== claims.conversationId) {
      res.send(403, { error: { code: 'BadArgument', message: 'Token không thuộc cuộc trò chuyện này' } });
      return undefined;
    }
    return claims;
  };
  server.post('/api/webchat/token', async (_req: Request, res: Response) => {
    const { conversationId, userId } = await store.create();
    res.send(200, { ...signer.issue(conversationId, userId), conversationId });
  });
  server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res);
    if (claims) res.send(200, { ...signer.issue(claims.conversationId, claims.userId), conversationId: claims.conversationId });
  });
  const startConversation = async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res);
    if (!claims) return;
    const first = await store.start(claims.conversationId);
    res.send(first ? 201 : 200, { conversationId: claims.conversationId, ...signer.issue(claims.conversationId, claims.userId) });
    if (first) {
      const user = { id: claims.userId, name: 'Bạn', role: 'user' };
      const update = {
        type: ActivityTypes.ConversationUpdate,
        id: `${claims.conversationId}-join`,
        channelId: 'webchat',
        serviceUrl: 'directline://',
        timestamp: new Date(),
        conversation: { id: claims.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: user,
        recipient: BOT_ACCOUNT,
        membersAdded: [user],
        locale: 'vi-VN',
      } as Activity;
      await inbound.submit({ channel: 'webchat', activity: update }).catch((err: unknown) => log(`welcome not queued: ${String(err)}`));
    }
  };
  server.post('/v3/directline/conversations', startConversation);
  server.get('/v3/directline/conversations/:id', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res, req.params.id);
    if (claims) res.send(200, { conversationId: claims.conversationId, ...signer.issue(claims.conversationId, claims.userId) });
  });
  server.post('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res, req.params.id);
    if (!claims) return;
    const body = req.body as Partial<Activity> | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      res.send(400, { error: { code: 'BadArgument', message: 'Activity không hợp lệ' } });
      return;
    }
    // Every posted activity counts against the sender's budget, not only messages.
    if ((await postLimiter.hit(claims.conversationId).catch(() => 0)) > postLimiter.limit) {
      metrics.rateLimited.inc({ scope: 'webchat_post' });
      res.send(429, { error: { code: 'TooManyRequests', message: 'Bạn gửi quá nhanh, xin chờ một chút rồi gửi lại.' } });
      return;
    }
    const value = body.value === undefined ? undefined : JSON.stringify(body.value);
    if (value !== undefined && value.length > MAX_VALUE_CHARS) {
      res.send(413, { error: { code: 'BadArgument', message: 'Dữ liệu gửi kèm quá lớn' } });
      return;
    }
    const text = typeof body.text === 'string' ? body.text.slice(0, 4000) : undefined;
    const clientActivityID = (body.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    // The user is who the token says, whatever the browser claims. Of the browser's channel data only the id Web
    // Chat uses to match its echo is kept.
    const incoming: Partial<Activity> = {
      type: body.type,
      text,
      value: value === undefined ? undefined : JSON.parse(value),
      locale: 'vi-VN',
      channelId: 'webchat',
      channelData: typeof clientActivityID === 'string' ? { clientActivityID: clientActivityID.slice(0, 100) } : undefined,
      from: { id: claims.userId, name: 'Bạn', role: 'user' },
      conversation: { id: claims.conversationId } as Activity['conversation'],
      recipient: BOT_ACCOUNT,
      serviceUrl: 'directline://',
    };
    if (body.type !== ActivityTypes.Message) {
      // Typing and events are not kept: the bot does not act on them and Web Chat needs no echo of them.
      res.send(200, { id: `${claims.conversationId}|${randomUUID()}` });
      return;
    }
    // Refused before it is stored, so the page shows it as not sent and the user can send it again.
    if (inbound.full()) return busy(res, 'webchat');
    // The echo Web Chat needs (to show the message as sent) is all that is kept, with personal data redacted.
    const stored = await store.append(claims.conversationId, { type: incoming.type, text: text === undefined ? undefined : redact(text), channelData: incoming.channelData, from: incoming.from });
    // Queued before the 200, so a message the page shows as sent is never left without its turn.
    if (stored) await inbound.submit({ channel: 'webchat', activity: { ...incoming, id: stored.id, timestamp: new Date() } as Activity });
    res.send(200, { id: stored?.id });
  });
  server.get('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res, req.params.id);
    if (!claims) return;
    const q = req.query as Record<string, string>;
    // Over its budget a poll reads as "nothing new" (cheap, and Web Chat keeps polling).
    if ((await pollLimiter.hit(claims.conversationId).catch(() => 0)) > pollLimiter.limit) {
      metrics.rateLimited.inc({ scope: 'webchat_poll' });
      res.send(200, { activities: [], watermark: q.watermark ?? '0' });
      return;
    }
    // Never a 5xx on the poll (Web Chat stops polling after one): a store error reads as "nothing new".
    const page = await store.since(claims.conversationId, q.watermark).catch(() => undefined);
    res.send(200, page ?? { activities: [], watermark: q.watermark ?? '0' });
  });

  if (deps.staff) {
    const store = deps.redis ? new RedisStaffStore(deps.redis) : new MemoryStaffStore();
    registerStaffRoutes(server, { ...deps.staff, store, signInLimiter: perMinute(cfg.staffSignInPerMin, 'rl:signin:'), clientAddress: address, publicUrl: cfg.publicUrl, apiTokens: cfg.staffApiTokens, indexStatus: deps.indexStatus, log });
  }

  // Azure Bot Service channels, when an app id is configured.
  if (cfg.azureBot) {
    const cloud = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: cfg.azureBot.appId,
        MicrosoftAppPassword: cfg.azureBot.password,
        MicrosoftAppTenantId: cfg.azureBot.tenantId,
        MicrosoftAppType: cfg.azureBot.appType,
      }),
    );
    cloud.use(serializeTurns(deps.lock));
    cloud.use(limitTurns(userLimiter, RATE_LIMIT_NOTICE, () => metrics.rateLimited.inc({ scope: 'user' })));
    cloud.use(observeTurns(metrics));
    cloud.onTurnError = onTurnError;
    server.post('/api/messages', async (req: Request, res: Response) => {
      await cloud.process(req, res, logic);
    });
  } else {
    server.post('/api/messages', (_req: Request, res: Response, next: restify.Next) => {
      res.send(404, { error: 'Azure Bot Service channel disabled (MicrosoftAppId not set)' });
      next();
    });
  }

  return {
    server,
    metrics,
    idle: () => inbound.idle(),
    listen: () =>
      new Promise((resolve) => {
        server.listen(cfg.port, cfg.host, () => resolve(server.url.replace('[::]', 'localhost').replace('0.0.0.0', 'localhost')));
      }),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await inbound.close();
      await outbox.close();
    },
  };
}
