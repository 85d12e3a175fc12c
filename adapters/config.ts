/**
 * Server configuration from the environment, validated with zod at start-up. Every variable is optional: with
 * none set the server runs web chat only, in memory. A channel whose credentials are missing is disabled with
 * one log line.
 */
import type { BlockList } from 'node:net';
import { z } from 'zod';
import { parseTrustedProxies } from './client-address';

const url = z.url({ message: 'phải là một URL (http:// hoặc https://)' });
const opt = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: opt,
  /** Secret that signs Direct Line tokens; random per start when unset (tokens then die with the process). */
  DIRECTLINE_SECRET: opt,
  ZALO_APP_ID: opt,
  ZALO_OA_SECRET_KEY: opt,
  ZALO_APP_SECRET_KEY: opt,
  ZALO_ACCESS_TOKEN: opt,
  ZALO_REFRESH_TOKEN: opt,
  ZALO_API_BASE_URL: url.default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE_URL: url.default('https://oauth.zaloapp.com'),
  ZALO_TOKEN_FILE: z.string().default('.data/zalo-token.json'),
  /** Minutes a Zalo event's timestamp may differ from now; older (replayed) or far-future events are refused. */
  ZALO_EVENT_WINDOW_MIN: z.coerce.number().int().min(1).max(24 * 60).default(10),
  MESSENGER_APP_SECRET: opt,
  MESSENGER_VERIFY_TOKEN: opt,
  MESSENGER_PAGE_ACCESS_TOKEN: opt,
  GRAPH_API_BASE_URL: url.default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'có dạng v25.0').default('v25.0'),
  MicrosoftAppId: opt,
  MicrosoftAppPassword: opt,
  MicrosoftAppTenantId: opt,
  MicrosoftAppType: opt,
  /** The public https address (e.g. https://hoidap.example.vn): staff cookie becomes __Host- and Secure; staff forms must come from it. */
  PUBLIC_URL: url.optional(),
  /** Addresses or subnets of reverse proxies whose X-Forwarded-For is believed (comma-separated). */
  TRUSTED_PROXIES: z.string().optional().superRefine((v, ctx) => {
    try {
      parseTrustedProxies(v ?? '');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  }),
  /** Origins (space- or comma-separated) of portals allowed to show the web chat page in a frame. */
  WEBCHAT_FRAME_ANCESTORS: z
    .string()
    .optional()
    .refine((v) => (v ?? '').split(/[\s,]+/).filter(Boolean).every((o) => /^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o)), { message: 'là các địa chỉ https://tên-miền, cách nhau bằng dấu cách' }),
  /** Staff sign-in attempts one address may make per minute. */
  STAFF_SIGNIN_PER_MIN: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Milliseconds a client has to send a whole request (headers within 10 s at most). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(20_000),
  /** Open sockets one peer address may hold (trusted proxies excepted). */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(300),
  /** "on": /metrics and /readyz answer only requests with a staff API token. */
  STATUS_PRIVATE: z.enum(['on', 'off'], { message: 'là "on" hoặc "off"' }).default('off'),
  /** Comma-separated bearer tokens for staff APIs (index reload). */
  STAFF_API_TOKENS: opt,
  /** Messages one user may send per minute before a polite notice. */
  RATE_LIMIT_USER_PER_MIN: z.coerce.number().int().min(1).default(20),
  /** Requests one IP address may make per minute to web chat and webhook routes. */
  RATE_LIMIT_IP_PER_MIN: z.coerce.number().int().min(1).default(600),
  /** Milliseconds before an outbound platform call is abandoned. */
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Turns one process runs at once; further deliveries are acknowledged and wait in line for a slot. */
  MAX_CONCURRENT_TURNS: z.coerce.number().int().min(1).max(10_000).default(64),
  /** Turns that may wait in line; beyond that webhooks answer 503 + Retry-After (the platforms deliver again). */
  MAX_WAITING_TURNS: z.coerce.number().int().min(0).max(1_000_000).default(5_000),
  /** "off": this process accepts deliveries and queues their turns for the other replicas (needs REDIS_URL). */
  TURN_WORKER: z.enum(['on', 'off'], { message: 'là "on" hoặc "off"' }).default('on'),
}).superRefine((e, ctx) => {
  if (e.TURN_WORKER === 'off' && !e.REDIS_URL) {
    ctx.addIssue({ code: 'custom', path: ['TURN_WORKER'], message: '"off" cần REDIS_URL (không có Redis thì không tiến trình nào khác chạy được lượt hội thoại)' });
  }
});
export type Env = z.infer<typeof EnvSchema>;

export interface ZaloConfig {
  appId: string;
  oaSecretKey: string;
  appSecretKey?: string;
  accessToken?: string;
  refreshToken?: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  tokenFile: string;
  /** Milliseconds an event's timestamp may differ from now. */
  eventWindowMs: number;
}

export interface MessengerConfig {
  appSecret: string;
  verifyToken: string;
  pageAccessToken: string;
  graphBaseUrl: string;
  graphVersion: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  redisUrl?: string;
  directLineSecret?: string;
  zalo?: ZaloConfig;
  messenger?: MessengerConfig;
  azureBot?: { appId: string; password?: string; tenantId?: string; appType?: string };
  outboundTimeoutMs: number;
  rateLimitUserPerMin: number;
  rateLimitIpPerMin: number;
  maxConcurrentTurns: number;
  maxWaitingTurns: number;
  /** False: turns queued here run on other replicas (Redis only). */
  turnWorker: boolean;
  staffApiTokens: string[];
  publicUrl?: string;
  staffSignInPerMin: number;
  requestTimeoutMs: number;
  maxConnectionsPerAddress: number;
  /** /metrics and /readyz need a staff API token. */
  statusPrivate: boolean;
  /** Origins allowed to frame the web chat page (besides our own). */
  frameAncestors: string[];
  /** Reverse proxies whose X-Forwarded-For is believed; none when unset. */
  trustedProxies?: BlockList;
}

/** Validated configuration, or a list of readable problems. */
export function loadConfig(env: NodeJS.ProcessEnv, log: (line: string) => void = () => undefined): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const trim = (s: string): string => s.replace(/\/+$/, '');
  const cfg: ServerConfig = {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    directLineSecret: e.DIRECTLINE_SECRET,
    outboundTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
    rateLimitUserPerMin: e.RATE_LIMIT_USER_PER_MIN,
    rateLimitIpPerMin: e.RATE_LIMIT_IP_PER_MIN,
    maxConcurrentTurns: e.MAX_CONCURRENT_TURNS,
    maxWaitingTurns: e.MAX_WAITING_TURNS,
    turnWorker: e.TURN_WORKER === 'on',
    publicUrl: e.PUBLIC_URL,
    statusPrivate: e.STATUS_PRIVATE === 'on',
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    frameAncestors: (e.WEBCHAT_FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean),
    trustedProxies: e.TRUSTED_PROXIES ? parseTrustedProxies(e.TRUSTED_PROXIES) : undefined,
    staffSignInPerMin: e.STAFF_SIGNIN_PER_MIN,
    staffApiTokens: (e.STAFF_API_TOKENS ?? '').split(',').map((t) => t.trim()).filter((t) => t.length >= 16),
  };
  if (e.STAFF_API_TOKENS && cfg.staffApiTokens.length === 0) log('STAFF_API_TOKENS: bỏ qua các token ngắn hơn 16 ký tự');
  if (e.ZALO_APP_ID && e.ZALO_OA_SECRET_KEY && (e.ZALO_ACCESS_TOKEN || e.ZALO_REFRESH_TOKEN)) {
    cfg.zalo = {
      appId: e.ZALO_APP_ID,
      oaSecretKey: e.ZALO_OA_SECRET_KEY,
      appSecretKey: e.ZALO_APP_SECRET_KEY,
      accessToken: e.ZALO_ACCESS_TOKEN,
      refreshToken: e.ZALO_REFRESH_TOKEN,
      apiBaseUrl: trim(e.ZALO_API_BASE_URL),
      oauthBaseUrl: trim(e.ZALO_OAUTH_BASE_URL),
      tokenFile: e.ZALO_TOKEN_FILE,
      eventWindowMs: e.ZALO_EVENT_WINDOW_MIN * 60_000,
    };
  } else log('Zalo: tắt (cần ZALO_APP_ID, ZALO_OA_SECRET_KEY và ZALO_ACCESS_TOKEN hoặc ZALO_REFRESH_TOKEN)');
  if (e.MESSENGER_APP_SECRET && e.MESSENGER_VERIFY_TOKEN && e.MESSENGER_PAGE_ACCESS_TOKEN) {
    cfg.messenger = {
      appSecret: e.MESSENGER_APP_SECRET,
      verifyToken: e.MESSENGER_VERIFY_TOKEN,
      pageAccessToken: e.MESSENGER_PAGE_ACCESS_TOKEN,
      graphBaseUrl: trim(e.GRAPH_API_BASE_URL),
      graphVersion: e.GRAPH_API_VERSION,
    };
  } else log('Messenger: tắt (cần MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN và MESSENGER_PAGE_ACCESS_TOKEN)');
  if (e.MicrosoftAppId) {
    cfg.azureBot = { appId: e.MicrosoftAppId, password: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType };
  } else log('Azure Bot Service (/api/messages): tắt (cần MicrosoftAppId và MicrosoftAppPassword)');
  return cfg;
}
