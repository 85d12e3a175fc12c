/**
 * The HTTP server, as wiring: one restify app for every door. Webhooks go through one generic accept path
 * (adapters/webhook.ts) that verifies, deduplicates and answers 200 fast, then the turn runs from the inbound queue;
 * replies to Zalo and Messenger leave through the outbox; web chat polls Direct Line. Where shared things live
 * (memory or Redis) is decided in adapters/backends.ts.
 *
 * @example
 * const app = await createApp(loadConfig(env), { bot, lock, ready: () => true });
 * await app.listen();
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type BotAdapter, type TurnContext } from 'botbuilder';
import type Redis from 'ioredis';
import restify, { type Request, type Response } from 'restify';
import type { TurnLock } from '../bot/state';
import { createBackends } from './backends';
import { clientAddress } from './client-address';
import type { Config } from './config';
import { DirectLineAdapter } from './directline/adapter';
import { registerDirectLineRoutes } from './directline/routes';
import { TokenSigner } from './directline/store';
import { guardSockets, limitPerAddress, securityHeaders } from './http-guards';
import type { InboundJob } from './inbound';
import { MessengerAdapter } from './messenger/adapter';
import { messengerWebhook } from './messenger/webhook';
import { Metrics, observeTurns } from './observability';
import type { OutboxEvents } from './outbox';
import { limitTurns } from './rate-limit';
import { serializeTurns } from './serialize-turns';
import { registerPages, registerStatusRoutes, type StatusDeps } from './routes';
import { outboxEvents, platformSenders } from './senders';
import { registerStaffRoutes, type StaffDeps } from './staff/routes';
import { acceptor, registerWebhook } from './webhook';
import { ZaloAdapter } from './zalo/adapter';
import { zaloWebhook } from './zalo/webhook';

/** Activities one web chat conversation may post per minute, and polls it may make (Web Chat polls about once a second). */
const DL_POSTS_PER_MIN = 60;
const DL_POLLS_PER_MIN = 150;

/** Shown once per minute to a user who sends faster than the per-user limit. */
export const RATE_LIMIT_NOTICE = 'Bạn gửi tin nhắn hơi nhanh, vui lòng chờ khoảng một phút rồi hỏi tiếp nhé. Nếu cần gấp, hãy gọi 1900 9095 (cấp cứu: 115).';

/** What the server needs from the bot side. */
export interface AppDeps extends Omit<StatusDeps, 'metrics'> {
  bot: {
    run(context: TurnContext): Promise<void>;
    /** After a turn that threw: clears what may be broken and tells the citizen (apology, hotline). */
    recover?(context: TurnContext): Promise<void>;
  };
  lock: TurnLock;
  redis?: Redis;
  log?: (line: string) => void;
  outboxEvents?: OutboxEvents;
  /** Prometheus metrics; a fresh registry without process metrics when omitted. */
  metrics?: Metrics;
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

export async function createApp(cfg: Config, deps: AppDeps): Promise<App> {
  const log = deps.log ?? ((line: string) => console.error(line));
  const metrics = deps.metrics ?? new Metrics(false);
  const backends = createBackends(deps.redis);
  const logic = (ctx: TurnContext) => deps.bot.run(ctx);
  const userLimiter = backends.perMinute(cfg.rateLimitUserPerMin, 'rl:user:');

  /** The same turn pipeline on every adapter: one turn at a time per conversation, the user limit, metrics, recovery. */
  const prepare = <A extends BotAdapter>(adapter: A): A => {
    adapter.use(serializeTurns(deps.lock));
    adapter.use(limitTurns(userLimiter, RATE_LIMIT_NOTICE, () => metrics.rateLimited.inc({ scope: 'user' })));
    adapter.use(observeTurns(metrics));
    adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
      log(`turn error on ${ctx.activity.channelId} conversation ${ctx.activity.conversation?.id ?? '?'}: ${err.message}`);
      await deps.bot.recover?.(ctx).catch((e: unknown) => log(`turn error reply failed: ${String(e)}`));
    };
    return adapter;
  };

  const outbox = backends.outbox(platformSenders(cfg, backends.zaloTokens, metrics, log), outboxEvents(metrics, log, deps.outboxEvents));
  const store = backends.conversationLog();
  const adapters = {
    zalo: cfg.zalo ? prepare(new ZaloAdapter(outbox)) : undefined,
    messenger: cfg.messenger ? prepare(new MessengerAdapter(outbox)) : undefined,
    webchat: prepare(new DirectLineAdapter(store)),
  };

  // Acknowledged deliveries wait here for their turn: in process memory, or in a BullMQ queue every replica serves.
  const inbound = backends.inbound({
    maxConcurrent: cfg.maxConcurrentTurns,
    maxWaiting: cfg.maxWaitingTurns,
    worker: cfg.turnWorker,
    run: async (job: InboundJob) => {
      const adapter = adapters[job.channel];
      if (!adapter) throw new Error(`${job.channel} is not configured on this process`);
      await adapter.processActivity(job.activity, logic);
    },
    onError: (err: unknown) => log(`turn failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  metrics.watchTurnQueue(() => inbound.counts());

  const address = clientAddress(cfg.trustedProxies);
  const server = restify.createServer({ name: 'thich-ung-an-toan', handleUncaughtExceptions: false });
  guardSockets(server.server, cfg, () => metrics.rateLimited.inc({ scope: 'connections' }));
  server.use(securityHeaders);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(limitPerAddress(backends.perMinute(cfg.rateLimitIpPerMin, 'rl:ip:'), address, metrics));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  registerPages(server, cfg);
  registerStatusRoutes(server, cfg, { ...deps, metrics });
  const webhookDeps = { accept: acceptor(inbound, backends.deduper(), metrics), metrics, log };
  registerWebhook(server, '/api/zalo', 'zalo', cfg.zalo && zaloWebhook(cfg.zalo), webhookDeps);
  registerWebhook(server, '/api/messenger', 'messenger', cfg.messenger && messengerWebhook(cfg.messenger), webhookDeps);
  registerDirectLineRoutes(server, {
    store,
    signer: new TokenSigner(cfg.directLineSecret),
    inbound,
    postLimiter: backends.perMinute(DL_POSTS_PER_MIN, 'rl:dlpost:'),
    pollLimiter: backends.perMinute(DL_POLLS_PER_MIN, 'rl:dlpoll:'),
    metrics,
    log,
  });
  if (deps.staff) {
    registerStaffRoutes(server, {
      ...deps.staff,
      store: backends.staffSessions(),
      signInLimiter: backends.perMinute(cfg.staffSignInPerMin, 'rl:signin:'),
      clientAddress: address,
      publicUrl: cfg.publicUrl,
      apiTokens: cfg.staffApiTokens,
      indexStatus: deps.indexStatus,
      log,
    });
  }

  // Azure Bot Service channels, when an app id is configured.
  if (cfg.azureBot) {
    const { appId, password, tenantId, appType } = cfg.azureBot;
    const cloud = prepare(
      new CloudAdapter(
        new ConfigurationBotFrameworkAuthentication({
          MicrosoftAppId: appId,
          MicrosoftAppPassword: password,
          MicrosoftAppTenantId: tenantId,
          MicrosoftAppType: appType,
        }),
      ),
    );
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
      new Promise((resolve) => server.listen(cfg.port, cfg.host, () => resolve(server.url.replace('[::]', 'localhost').replace('0.0.0.0', 'localhost')))),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await inbound.close();
      await outbox.close();
    },
  };
}
