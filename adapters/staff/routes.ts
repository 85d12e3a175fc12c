/**
 * The hotline staff console: sign-in (accounts file, scrypt, HttpOnly SameSite cookie, lock-out), search as you type,
 * the level table, unanswered questions and daily reports. Everything under /staff and /api/staff refuses anonymous
 * requests; other tools use bearer tokens from STAFF_API_TOKENS.
 */
import { randomBytes } from 'node:crypto';
import { hasStaffToken } from '../http-guards';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server, Next } from 'restify';
import { escapeHtml } from '../../bot/report-render';
import { groupGaps } from '../../bot/reporting';
import { MemoryTurnLock } from '../../bot/state';
import type { GapRecord } from '../../bot/gaps';
import type { RateLimiter } from '../rate-limit';
import { TurnQueue } from '../turn-queue';
import { hashPassword, readAccounts, verifyPassword } from './accounts';
import { MemoryStaffStore, type StaffStore } from './sessions';

export interface StaffDeps {
  search(q: string, opts: { topic?: string }): Promise<unknown[]>;
  /** Passages of official document texts matching the query. */
  passages?(q: string): unknown[];
  levels(q: string): unknown[];
  topics(): string[];
  indexStatus?: () => unknown;
  accountsFile: string;
  apiTokens: string[];
  /** Sessions and failed sign-ins: process memory by default, Redis when replicas share the work. */
  store?: StaffStore;
  /** Every recorded question (file or Redis). */
  readGaps(): Promise<GapRecord[]>;
  reportsDir: string;
  log?: (line: string) => void;
  /** The address a request comes from (the socket's, or the client's behind a trusted proxy). */
  clientAddress?: (req: Request) => string;
  /** Sign-in attempts per address and minute (all replicas when it is Redis); unlimited when omitted. */
  signInLimiter?: RateLimiter;
  /**
   * The public address of the service. When it is https the session cookie is `__Host-` prefixed and `Secure`;
   * when set, state-changing staff requests must come from its origin (otherwise from the request's own host).
   */
  publicUrl?: string;
}

const SESSION_MS = 8 * 3600_000;
/** Password checks that may run at once (scrypt uses libuv's small thread pool, shared with file I/O and DNS). */
const SCRYPT_RUNNING = 2;
const SCRYPT_WAITING = 50;

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,Arial,sans-serif;max-width:860px;margin:24px auto;padding:0 12px;color:#123}form.login{max-width:340px;display:grid;gap:8px}input{padding:8px;font-size:1rem}button{padding:8px;background:#0b5cad;color:#fff;border:0;border-radius:4px;font-size:1rem}.err{color:#a00}li{margin:8px 0}small{color:#567}</style></head><body>${body}</body></html>`;

export function registerStaffRoutes(server: Server, deps: StaffDeps): void {
  const store = deps.store ?? new MemoryStaffStore();
  const log = deps.log ?? (() => undefined);
  const https = deps.publicUrl?.startsWith('https://') ?? false;
  const COOKIE = https ? '__Host-staff_session' : 'staff_session';
  const cookieFlags = `HttpOnly; SameSite=Strict; Path=/${https ? '; Secure' : ''}`;
  const publicOrigin = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;
  /**
   * Cross-site request forgery: a browser names the page that sent a form in `Origin` (and `Sec-Fetch-Site`);
   * it must be our own. Clients that send neither (scripts, tests) are not browsers acting for someone else.
   */
  const sameOrigin = (req: Request): boolean => {
    const site = req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return false;
    const origin = req.header('origin');
    if (!origin) return true;
    if (publicOrigin) return origin === publicOrigin;
    try {
      return new URL(origin).host === req.header('host');
    } catch {
      return false;
    }
  };
  const scrypts = new TurnQueue(SCRYPT_RUNNING, SCRYPT_WAITING);
  // One password check at a time per key, in arrival order (the same promise chain that orders a conversation's turns).
  const serial = new MemoryTurnLock();
  // Unknown user names are checked against a throw-away hash, so that the answer takes as long as for a real one.
  let dummyHash: Promise<string> | undefined;
  const hashFor = async (user: string): Promise<string | undefined> => (await readAccounts(deps.accountsFile)).users[user];
  // 5 failures lock an account for 15 minutes; an address (a call centre may share one) only after 50.
  const LOCK_MS = 15 * 60_000;
  const USER_MAX = 5;
  const IP_MAX = 50;
  const consoleHtml = readFileSync(join(__dirname, 'console.html'));
  const consoleJs = readFileSync(join(__dirname, 'console.js'));

  // The signed-in user of a staff request is looked up once, before its route runs (the store may be Redis).
  const signedIn = new WeakMap<Request, string>();
  server.use((req: Request, _res: Response, next: Next) => {
    const path = req.getPath();
    if (!path.startsWith('/staff') && !path.startsWith('/api/staff')) return next();
    const id = cookie(req, COOKIE);
    if (!id) return next();
    store.user(id).then(
      (user) => {
        if (user) signedIn.set(req, user);
        next();
      },
      () => next(), // store unreachable: treated as signed out
    );
  });
  const sessionUser = (req: Request): string | undefined => signedIn.get(req);
  const bearerOk = (req: Request): boolean => hasStaffToken(req, deps.apiTokens);
  const html = (res: Response, status: number, body: string | Buffer) =>
    res.sendRaw(status, body, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'",
    });
  const redirect = (res: Response, to: string, extra: Record<string, string> = {}) => {
    res.header('location', to);
    for (const [k, v] of Object.entries(extra)) res.header(k, v);
    res.sendRaw(303, '');
  };
  /** Pages: a redirect to sign-in; APIs: 401. */
  const guardPage = (req: Request, res: Response): boolean => {
    if (sessionUser(req)) return true;
    redirect(res, '/staff/login');
    return false;
  };
  const foreign = (req: Request, res: Response): boolean => {
    if (sameOrigin(req)) return false;
    log(`staff: refused a ${req.method} ${req.getPath()} from another site (${JSON.stringify(req.header('origin') ?? '')})`);
    res.send(403, { error: 'Yêu cầu đến từ trang khác' });
    return true;
  };
  const guardApi = (req: Request, res: Response): boolean => {
    if (sessionUser(req) || bearerOk(req)) return true;
    res.send(401, { error: 'Cần đăng nhập hoặc token của nhân viên' });
    return false;
  };

  server.get('/staff/login', (req: Request, res: Response, next: Next) => {
    const q = req.query as Record<string, string>;
    const msg =
      q.e === 'locked'
        ? '<p class="err">Tài khoản tạm khóa 15 phút vì nhập sai nhiều lần.</p>'
        : q.e === 'busy'
          ? '<p class="err">Có quá nhiều lượt đăng nhập, xin thử lại sau một phút.</p>'
          : q.e
            ? '<p class="err">Sai tên đăng nhập hoặc mật khẩu.</p>'
            : '';
    html(
      res,
      200,
      page(
        'Đăng nhập – tổng đài viên',
        `<h1>Đăng nhập tra cứu cho tổng đài viên</h1>${msg}<form class="login" method="post" action="/staff/login"><label>Tên đăng nhập <input name="user" autocomplete="username" required></label><label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label><button type="submit">Đăng nhập</button></form>`,
      ),
    );
    next();
  });

  server.post('/staff/login', async (req: Request, res: Response) => {
    if (foreign(req, res)) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user = typeof body.user === 'string' ? body.user.trim().slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const userKey = user.toLowerCase();
    const ip = deps.clientAddress?.(req) ?? req.socket.remoteAddress ?? '';
    const who = `user=${JSON.stringify(user)} address=${ip}`;
    const limiter = deps.signInLimiter;
    if (limiter && (await limiter.hit(`signin:${ip}`).catch(() => 0)) > limiter.limit) {
      log(`staff sign-in refused (too many from this address): ${who}`);
      return redirect(res, '/staff/login?e=busy');
    }
    if (scrypts.full) return redirect(res, '/staff/login?e=busy');
    // One check at a time per address and per account (later attempts wait their turn); the attempt is counted
    // before the password is checked, so parallel attempts cannot all slip under the limit.
    const outcome = await serial.run(`ip:${ip}`, () =>
      serial.run(`u:${userKey}`, async (): Promise<'locked' | 'failed' | 'ok'> => {
        const count = await store.count(`u:${userKey}`, LOCK_MS);
        if (count > USER_MAX) {
          if (count === USER_MAX + 1) log(`staff sign-in locked for 15 min: ${who}`);
          return 'locked';
        }
        // Failures from an address lock out unknown names and wrong passwords only: a real account with its right
        // password still gets in, so invented names cannot lock out every agent behind one address.
        const addressLocked = await store.locked(`ip:${ip}`, IP_MAX);
        const hash = await hashFor(user);
        dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
        const ok = await scrypts.submit(async () => verifyPassword(password, hash ?? (await dummyHash!)));
        if (ok && hash) return 'ok';
        await store.count(`ip:${ip}`, LOCK_MS);
        return addressLocked ? 'locked' : 'failed';
      }),
    );
    if (outcome === 'locked') return redirect(res, '/staff/login?e=locked');
    if (outcome === 'failed') {
      log(`staff sign-in failed: ${who}`);
      return redirect(res, '/staff/login?e=1');
    }
    await store.succeeded(`u:${userKey}`);
    const id = randomBytes(32).toString('base64url');
    await store.open(id, user, SESSION_MS);
    log(`staff signed in: ${who}`);
    redirect(res, '/staff', { 'set-cookie': `${COOKIE}=${id}; ${cookieFlags}; Max-Age=${SESSION_MS / 1000}` });
  });

  server.post('/staff/logout', async (req: Request, res: Response) => {
    if (foreign(req, res)) return;
    const id = cookie(req, COOKIE);
    if (id) await store.close(id).catch(() => undefined);
    redirect(res, '/staff/login', { 'set-cookie': `${COOKIE}=; ${cookieFlags}; Max-Age=0` });
  });

  server.get('/staff', (req: Request, res: Response, next: Next) => {
    if (guardPage(req, res)) html(res, 200, consoleHtml);
    next();
  });
  server.get('/staff/console.js', (req: Request, res: Response, next: Next) => {
    if (guardPage(req, res)) res.sendRaw(200, consoleJs, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store' });
    next();
  });

  server.get('/api/staff/search', async (req: Request, res: Response) => {
    if (!guardApi(req, res)) return;
    const q = req.query as Record<string, string>;
    const t0 = performance.now();
    const results = await deps.search(String(q.q ?? ''), { topic: q.topic || undefined });
    const passages = deps.passages?.(String(q.q ?? '')) ?? [];
    res.send(200, { results, passages, ms: Math.round((performance.now() - t0) * 10) / 10 });
  });
  server.get('/api/staff/levels', (req: Request, res: Response, next: Next) => {
    if (guardApi(req, res)) res.send(200, { levels: deps.levels(String((req.query as Record<string, string>).q ?? '')) });
    next();
  });
  server.get('/api/staff/topics', (req: Request, res: Response, next: Next) => {
    if (guardApi(req, res)) res.send(200, { topics: deps.topics(), index: deps.indexStatus?.() });
    next();
  });

  server.get('/staff/gaps', async (req: Request, res: Response) => {
    if (!guardPage(req, res)) return;
    const groups = groupGaps(await deps.readGaps()).slice(0, 100);
    // Citizens' words, escaped and without direction controls (which could make one line read as another).
    const show = (t: string) => escapeHtml(t.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''));
    const items = groups
      .map(
        (g) =>
          `<li><strong>${g.count}×</strong> ${show(g.words.join(' '))}<br><small>${g.examples.map((e) => `“${show(e)}”`).join('; ')} — gần nhất ${show(g.lastSeen.slice(0, 16).replace('T', ' '))}</small></li>`,
      )
      .join('');
    html(
      res,
      200,
      page(
        'Câu hỏi chưa trả lời được',
        `<p><a href="/staff">← Tra cứu</a></p><h1>Câu hỏi chưa trả lời được</h1>${items ? `<ol>${items}</ol>` : '<p>Chưa có.</p>'}`,
      ),
    );
  });

  server.get('/staff/reports', (req: Request, res: Response, next: Next) => {
    if (!guardPage(req, res)) return next();
    const files = existsSync(deps.reportsDir)
      ? readdirSync(deps.reportsDir)
          .filter((f) => /^\d{4}-\d{2}-\d{2}\.html$/.test(f))
          .sort()
          .reverse()
      : [];
    const items = files.map((f) => `<li><a href="/staff/reports/${f}">${escapeHtml(f.replace('.html', '').split('-').reverse().join('/'))}</a></li>`).join('');
    html(
      res,
      200,
      page(
        'Báo cáo ngày',
        `<p><a href="/staff">← Tra cứu</a></p><h1>Báo cáo ngày</h1>${items ? `<ul>${items}</ul>` : '<p>Chưa có báo cáo. Chạy <code>npm run report</code>.</p>'}`,
      ),
    );
    next();
  });
  server.get('/staff/reports/:name', (req: Request, res: Response, next: Next) => {
    if (!guardPage(req, res)) return next();
    const name = String(req.params.name ?? '');
    const file = join(deps.reportsDir, name);
    if (!/^\d{4}-\d{2}-\d{2}\.html$/.test(name) || !existsSync(file)) {
      html(res, 404, page('Không có báo cáo', '<p>Không có báo cáo này.</p>'));
      return next();
    }
    html(res, 200, readFileSync(file));
    next();
  });
}
