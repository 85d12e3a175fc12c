/**
 * Every environment variable of the project, in one zod schema: name, type, default and meaning, each declared once
 * here. Start-up parses `process.env` with it and passes the parsed values down; nothing else in adapters/, bot/ or
 * knowledge/ reads the environment (script entry points read only their own benchmark knobs). Every variable is
 * optional: with none set the server runs web chat only, in memory, on the embedded defaults. A channel whose
 * credentials are missing is disabled with one log line.
 *
 * This module imports nothing from the project, so every layer may use its types.
 *
 * @example
 * const config = loadConfig(process.env, log);   // throws with one line per bad variable
 * config.port; config.runtime.redis?.url; config.content.kbDir
 */
import { BlockList, isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const url = z.url({ message: 'phải là một URL (http:// hoặc https://)' });
const opt = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const onOff = z.enum(['on', 'off'], { message: 'là "on" hoặc "off"' });
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** A whole number that may also be left empty (then undefined). */
const optInt = (min: number, max: number) => z.preprocess((v) => (v === '' ? undefined : v), int(min, max).optional());

/** Parses "10.0.0.1, 10.1.0.0/16, ::1" (throws on an entry that is not an address or a subnet). */
export function parseTrustedProxies(list: string): BlockList {
  const trusted = new BlockList();
  for (const entry of list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family || (bits !== undefined && !/^\d+$/.test(bits))) throw new Error(`TRUSTED_PROXIES: "${entry}" không phải địa chỉ IP hay dải mạng`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(address!, type);
    else trusted.addSubnet(address!, Number(bits), type);
  }
  return trusted;
}

export const EnvSchema = z
  .object({
    // ── Server ──
    PORT: int(0, 65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    /** pino level: fatal, error, warn, info, debug, trace or silent. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** V8 old-generation growth before a major collection, in percent of live data; 0 keeps V8's heuristics (see scripts/lib/heap.ts). */
    HEAP_GROWING_PERCENT: int(0, 1000).default(50),
    /** Redis for several replicas (state, locks, queues, dedupe); memory when unset. */
    REDIS_URL: opt,
    /** Prefix of every Redis key of this deployment, so deployments and test runs can share a server. */
    REDIS_PREFIX: z.string().default('tua:'),
    /** Hours a conversation's state is kept after its last message (memory and Redis). */
    STATE_TTL_HOURS: int(1, 24 * 365).default(24),
    /** Conversations kept in memory at most (least recently used dropped first; without Redis only). */
    STATE_MAX_ENTRIES: int(1, 10_000_000).default(50_000),

    // ── Content and records ──
    /** Where the content lives. */
    KB_DIR: z.string().default('knowledge'),
    /** Where built indexes go. */
    INDEX_DIR: z.string().default('.data/index'),
    /** The date answers are judged against (YYYY-MM-DD); today when unset. */
    GUIDANCE_AS_OF: opt.refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), {
      message: 'là một ngày dạng YYYY-MM-DD',
    }),
    /** Questions the bot could not answer (JSONL; in Redis when REDIS_URL is set). */
    GAPS_FILE: z.string().default('.data/gaps.jsonl'),
    /** One line per turn for the daily report (JSONL). */
    TRAFFIC_FILE: z.string().default('.data/traffic.jsonl'),
    /** Where `npm run report` and the staff console write daily reports. */
    REPORTS_DIR: z.string().default('.data/reports'),
    /** Days recorded questions and turn records are kept. */
    RETENTION_DAYS: int(1, 3650).default(30),
    /** Staff console accounts (scrypt hashes), managed with `npm run staff`. */
    STAFF_ACCOUNTS_FILE: z.string().default('.data/staff-accounts.json'),

    // ── Retrieval and language services ──
    /** "local": hashed n-gram vectors in process; "http": an OpenAI-compatible embeddings endpoint. */
    EMBEDDINGS: z.enum(['local', 'http'], { message: 'là "local" hoặc "http"' }).default('local'),
    /** Vector size of the local embedder (its own default when unset). */
    EMBEDDINGS_DIMENSIONS: optInt(8, 4096),
    EMBEDDINGS_URL: url.optional(),
    EMBEDDINGS_MODEL: opt,
    EMBEDDINGS_API_KEY: opt,
    /** Azure AI Language (language detection, personal data redaction); local rules when unset or failing. */
    AZURE_LANGUAGE_ENDPOINT: url.optional(),
    AZURE_LANGUAGE_KEY: opt,

    // ── Channels ──
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
    ZALO_EVENT_WINDOW_MIN: int(1, 24 * 60).default(10),
    MESSENGER_APP_SECRET: opt,
    MESSENGER_VERIFY_TOKEN: opt,
    MESSENGER_PAGE_ACCESS_TOKEN: opt,
    GRAPH_API_BASE_URL: url.default('https://graph.facebook.com'),
    GRAPH_API_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, 'có dạng v25.0')
      .default('v25.0'),
    MicrosoftAppId: opt,
    MicrosoftAppPassword: opt,
    MicrosoftAppTenantId: opt,
    MicrosoftAppType: opt,

    // ── Protection ──
    /** The public https address (e.g. https://hoidap.example.vn): staff cookie becomes __Host- and Secure; staff forms must come from it. */
    PUBLIC_URL: url.optional(),
    /** Addresses or subnets of reverse proxies whose X-Forwarded-For is believed (comma-separated). */
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
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
      .refine(
        (v) =>
          (v ?? '')
            .split(/[\s,]+/)
            .filter(Boolean)
            .every((o) => /^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o)),
        { message: 'là các địa chỉ https://tên-miền, cách nhau bằng dấu cách' },
      ),
    /** Staff sign-in attempts one address may make per minute. */
    STAFF_SIGNIN_PER_MIN: int(1, 10_000).default(20),
    /** Milliseconds a client has to send a whole request (headers within 10 s at most). */
    REQUEST_TIMEOUT_MS: int(500, 300_000).default(20_000),
    /** Open sockets one peer address may hold (trusted proxies excepted). */
    MAX_CONNECTIONS_PER_ADDRESS: int(1, 100_000).default(300),
    /** "on": /metrics and /readyz answer only requests with a staff API token. */
    STATUS_PRIVATE: onOff.default('off'),
    /** Comma-separated bearer tokens for staff APIs (index reload); tokens shorter than 16 characters are ignored. */
    STAFF_API_TOKENS: opt,
    /** Messages one user may send per minute before a polite notice. */
    RATE_LIMIT_USER_PER_MIN: int(1, Number.MAX_SAFE_INTEGER).default(20),
    /** Requests one IP address may make per minute to web chat and webhook routes. */
    RATE_LIMIT_IP_PER_MIN: int(1, Number.MAX_SAFE_INTEGER).default(600),

    // ── Load ──
    /** Milliseconds before an outbound platform call is abandoned. */
    OUTBOUND_TIMEOUT_MS: int(100, 60_000).default(10_000),
    /** Turns one process runs at once; further deliveries are acknowledged and wait in line for a slot. */
    MAX_CONCURRENT_TURNS: int(1, 10_000).default(64),
    /** Turns that may wait in line; beyond that webhooks answer 503 + Retry-After (the platforms deliver again). */
    MAX_WAITING_TURNS: int(0, 1_000_000).default(5_000),
    /** "off": this process accepts deliveries and queues their turns for the other replicas (needs REDIS_URL). */
    TURN_WORKER: onOff.default('on'),
  })
  .superRefine((e, ctx) => {
    if (e.TURN_WORKER === 'off' && !e.REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['TURN_WORKER'],
        message: '"off" cần REDIS_URL (không có Redis thì không tiến trình nào khác chạy được lượt hội thoại)',
      });
    }
    if (e.EMBEDDINGS === 'http' && (!e.EMBEDDINGS_URL || !e.EMBEDDINGS_MODEL)) {
      ctx.addIssue({ code: 'custom', path: ['EMBEDDINGS'], message: '"http" cần EMBEDDINGS_URL và EMBEDDINGS_MODEL' });
    }
  });
export type Env = z.output<typeof EnvSchema>;

const trimSlash = (s: string): string => s.replace(/\/+$/, '');
const list = (v: string | undefined, sep: RegExp): string[] =>
  (v ?? '')
    .split(sep)
    .map((t) => t.trim())
    .filter(Boolean);

/** The parsed values, grouped for the parts that use them. */
export const ConfigSchema = EnvSchema.transform((e) => ({
  port: e.PORT,
  host: e.HOST,
  logLevel: e.LOG_LEVEL,
  heapGrowingPercent: e.HEAP_GROWING_PERCENT,
  redisUrl: e.REDIS_URL,
  directLineSecret: e.DIRECTLINE_SECRET,
  outboundTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
  rateLimitUserPerMin: e.RATE_LIMIT_USER_PER_MIN,
  rateLimitIpPerMin: e.RATE_LIMIT_IP_PER_MIN,
  maxConcurrentTurns: e.MAX_CONCURRENT_TURNS,
  maxWaitingTurns: e.MAX_WAITING_TURNS,
  /** False: turns queued here run on other replicas (Redis only). */
  turnWorker: e.TURN_WORKER === 'on',
  publicUrl: e.PUBLIC_URL,
  /** /metrics and /readyz need a staff API token. */
  statusPrivate: e.STATUS_PRIVATE === 'on',
  requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
  maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
  /** Origins allowed to frame the web chat page (besides our own). */
  frameAncestors: list(e.WEBCHAT_FRAME_ANCESTORS, /[\s,]+/),
  /** Reverse proxies whose X-Forwarded-For is believed; none when unset. */
  trustedProxies: e.TRUSTED_PROXIES ? parseTrustedProxies(e.TRUSTED_PROXIES) : undefined,
  staffSignInPerMin: e.STAFF_SIGNIN_PER_MIN,
  staffApiTokens: list(e.STAFF_API_TOKENS, /,/).filter((t) => t.length >= 16),
  zalo:
    e.ZALO_APP_ID && e.ZALO_OA_SECRET_KEY && (e.ZALO_ACCESS_TOKEN || e.ZALO_REFRESH_TOKEN)
      ? {
          appId: e.ZALO_APP_ID,
          oaSecretKey: e.ZALO_OA_SECRET_KEY,
          appSecretKey: e.ZALO_APP_SECRET_KEY,
          accessToken: e.ZALO_ACCESS_TOKEN,
          refreshToken: e.ZALO_REFRESH_TOKEN,
          apiBaseUrl: trimSlash(e.ZALO_API_BASE_URL),
          oauthBaseUrl: trimSlash(e.ZALO_OAUTH_BASE_URL),
          tokenFile: e.ZALO_TOKEN_FILE,
          /** Milliseconds an event's timestamp may differ from now. */
          eventWindowMs: e.ZALO_EVENT_WINDOW_MIN * 60_000,
        }
      : undefined,
  messenger:
    e.MESSENGER_APP_SECRET && e.MESSENGER_VERIFY_TOKEN && e.MESSENGER_PAGE_ACCESS_TOKEN
      ? {
          appSecret: e.MESSENGER_APP_SECRET,
          verifyToken: e.MESSENGER_VERIFY_TOKEN,
          pageAccessToken: e.MESSENGER_PAGE_ACCESS_TOKEN,
          graphBaseUrl: trimSlash(e.GRAPH_API_BASE_URL),
          graphVersion: e.GRAPH_API_VERSION,
        }
      : undefined,
  azureBot: e.MicrosoftAppId
    ? { appId: e.MicrosoftAppId, password: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType }
    : undefined,
  /** Content and the files the running service writes. */
  content: {
    kbDir: resolve(e.KB_DIR),
    indexDir: resolve(e.INDEX_DIR),
    staffAccountsFile: e.STAFF_ACCOUNTS_FILE,
    reportsDir: e.REPORTS_DIR,
    trafficFile: e.TRAFFIC_FILE,
    retentionDays: e.RETENTION_DAYS,
  },
  /** What the bot runtime (bot/create.ts) needs. */
  runtime: {
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    state: { ttlHours: e.STATE_TTL_HOURS, maxEntries: e.STATE_MAX_ENTRIES },
    gapsFile: e.GAPS_FILE,
    trafficFile: e.TRAFFIC_FILE,
    guidanceAsOf: e.GUIDANCE_AS_OF,
    embeddings:
      e.EMBEDDINGS === 'http'
        ? { kind: 'http' as const, url: e.EMBEDDINGS_URL!, model: e.EMBEDDINGS_MODEL!, apiKey: e.EMBEDDINGS_API_KEY }
        : { kind: 'local' as const, dimensions: e.EMBEDDINGS_DIMENSIONS },
    azureLanguage: e.AZURE_LANGUAGE_ENDPOINT && e.AZURE_LANGUAGE_KEY ? { endpoint: e.AZURE_LANGUAGE_ENDPOINT, key: e.AZURE_LANGUAGE_KEY } : undefined,
  },
}));
export type Config = z.output<typeof ConfigSchema>;
export type ZaloConfig = NonNullable<Config['zalo']>;
export type MessengerConfig = NonNullable<Config['messenger']>;
export type RuntimeConfig = Config['runtime'];

/** Validated configuration; throws one readable line per bad variable. Disabled channels are logged once. */
export function loadConfig(env: NodeJS.ProcessEnv, log: (line: string) => void = () => undefined): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (env.STAFF_API_TOKENS?.trim() && cfg.staffApiTokens.length === 0) log('STAFF_API_TOKENS: bỏ qua các token ngắn hơn 16 ký tự');
  if (!cfg.zalo) log('Zalo: tắt (cần ZALO_APP_ID, ZALO_OA_SECRET_KEY và ZALO_ACCESS_TOKEN hoặc ZALO_REFRESH_TOKEN)');
  if (!cfg.messenger) log('Messenger: tắt (cần MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN và MESSENGER_PAGE_ACCESS_TOKEN)');
  if (!cfg.azureBot) log('Azure Bot Service (/api/messages): tắt (cần MicrosoftAppId và MicrosoftAppPassword)');
  return cfg;
}
