/**
 * A small typed Zalo OA client on Node's `fetch`: customer-service messages (v3.0) and OAuth v4 token refresh.
 * Refresh is single-flight (one refresh at a time in this process, and across replicas through a Redis lock when
 * the token store is Redis); the rotated refresh token is persisted before it is used.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Redis from 'ioredis';
import { postJson } from '../http-client';
import type { SendOutcome } from '../outbox';
import { ZALO_PERMANENT, ZALO_RETRY, ZALO_TOKEN_ERRORS, type ZaloSendRequest } from './protocol';

export interface ZaloTokens {
  accessToken?: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires (unknown for tokens given in the environment). */
  expiresAt?: number;
}

export interface TokenStore {
  load(): Promise<ZaloTokens | undefined>;
  save(tokens: ZaloTokens): Promise<void>;
  /** Runs `fn` while no other replica refreshes. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export class FileTokenStore implements TokenStore {
  constructor(private readonly file: string) {}

  async load(): Promise<ZaloTokens | undefined> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as ZaloTokens;
    } catch {
      return undefined;
    }
  }

  async save(tokens: ZaloTokens): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(tokens), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}

export class RedisTokenStore implements TokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly key = 'zalo:tokens',
  ) {}

  async load(): Promise<ZaloTokens | undefined> {
    const v = await this.redis.get(this.key);
    return v ? (JSON.parse(v) as ZaloTokens) : undefined;
  }

  async save(tokens: ZaloTokens): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(tokens));
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.key}:lock`;
    const deadline = Date.now() + 15_000;
    while ((await this.redis.set(lock, String(process.pid), 'PX', 15_000, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error('zalo token lock timeout');
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      return await fn();
    } finally {
      await this.redis.del(lock);
    }
  }
}

export interface ZaloClientOptions {
  appId: string;
  appSecretKey?: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  initial: ZaloTokens;
  store: TokenStore;
  /** Milliseconds before a call is abandoned. Default 10000. */
  timeoutMs?: number;
  /** Refresh when the access token has less than this left. Default 1 hour. */
  refreshMarginMs?: number;
  onRefresh?: (ok: boolean, detail: string) => void;
}

export class ZaloClient {
  private tokens?: ZaloTokens;
  private refreshing?: Promise<string>;

  constructor(private readonly options: ZaloClientOptions) {}

  private async current(): Promise<ZaloTokens> {
    this.tokens ??= (await this.options.store.load()) ?? this.options.initial;
    return this.tokens;
  }

  /** A usable access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const t = await this.current();
    const margin = this.options.refreshMarginMs ?? 3600_000;
    if (t.accessToken && (!t.expiresAt || t.expiresAt - Date.now() > margin)) return t.accessToken;
    return this.refresh(t.accessToken);
  }

  /** Refreshes once for everyone waiting; `stale` is the token that failed (skip if another refresh already replaced it). */
  refresh(stale?: string): Promise<string> {
    this.refreshing ??= this.options.store
      .exclusive(async () => {
        const latest = (await this.options.store.load()) ?? (await this.current());
        if (latest.accessToken && latest.accessToken !== stale && (!latest.expiresAt || latest.expiresAt > Date.now())) {
          this.tokens = latest;
          return latest.accessToken;
        }
        if (!latest.refreshToken || !this.options.appSecretKey) throw new Error('Zalo: không có refresh token hoặc ZALO_APP_SECRET_KEY để làm mới');
        const res = await fetch(`${this.options.oauthBaseUrl}/v4/oa/access_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.options.appSecretKey },
          body: new URLSearchParams({ refresh_token: latest.refreshToken, app_id: this.options.appId, grant_type: 'refresh_token' }).toString(),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        const body = (await res.json().catch(() => ({}))) as {
          access_token?: string;
          refresh_token?: string;
          expires_in?: string | number;
          error?: number;
          message?: string;
        };
        if (!res.ok || !body.access_token || !body.refresh_token) {
          throw new Error(`Zalo token refresh failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        }
        const next: ZaloTokens = {
          accessToken: body.access_token,
          refreshToken: body.refresh_token,
          expiresAt: Date.now() + Number(body.expires_in ?? 90_000) * 1000,
        };
        await this.options.store.save(next); // persist the rotated refresh token before using it
        this.tokens = next;
        return next.accessToken!;
      })
      .then(
        (token) => {
          this.options.onRefresh?.(true, 'refreshed');
          return token;
        },
        (err: unknown) => {
          this.options.onRefresh?.(false, String(err));
          throw err;
        },
      )
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** Sends one customer-service message and classifies the result for the outbox. */
  async send(request: ZaloSendRequest): Promise<SendOutcome> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let token: string;
      try {
        token = await this.accessToken();
      } catch (err) {
        return { ok: false, retry: true, reason: String(err) };
      }
      let res: { status: number; body: unknown };
      try {
        res = await postJson(
          `${this.options.apiBaseUrl}/v3.0/oa/message/cs`,
          JSON.stringify(request),
          { 'content-type': 'application/json', access_token: token },
          this.options.timeoutMs ?? 10_000,
        );
      } catch (err) {
        return { ok: false, retry: true, reason: `zalo: ${String(err)}` };
      }
      if (res.status >= 500 || res.status === 429) return { ok: false, retry: true, reason: `zalo: HTTP ${res.status}` };
      const body = res.body as { error?: number; message?: string } | undefined;
      if (res.status < 200 || res.status >= 300 || !body) return { ok: false, retry: false, reason: `zalo: HTTP ${res.status}` };
      const code = Number(body.error ?? 0);
      if (code === 0) return { ok: true };
      if (ZALO_TOKEN_ERRORS.has(code) && attempt === 0) {
        try {
          await this.refresh(token);
          continue;
        } catch (err) {
          return { ok: false, retry: true, reason: String(err) };
        }
      }
      if (ZALO_RETRY.has(code)) return { ok: false, retry: true, reason: `zalo error ${code}: ${body.message ?? ''}` };
      // Window closed, user gone or blocked, bad request, or an unknown code: logged and dropped, not retried.
      return { ok: false, retry: false, reason: `zalo error ${code}${ZALO_PERMANENT.has(code) ? ' (permanent)' : ''}: ${body.message ?? ''}` };
    }
    return { ok: false, retry: true, reason: 'zalo: token refresh did not help' };
  }
}
