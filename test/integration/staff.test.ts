import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import * as accounts from '../../adapters/staff/accounts';
import { addAccount, hashPassword, verifyPassword } from '../../adapters/staff/accounts';
import { STAFF_PASSWORD, STAFF_TOKEN, STAFF_USER, staffApp } from '../helpers/staff-app';

let ctx: Awaited<ReturnType<typeof staffApp>>;
beforeAll(async () => {
  ctx = await staffApp();
});
afterAll(() => ctx.cleanup());

const login = (user: string, password: string) =>
  fetch(`${ctx.base}/staff/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user, password }).toString(),
  });

describe('staff console', () => {
  it('hashes passwords with scrypt', async () => {
    const h = await hashPassword('mot-mat-khau-dai');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('mot-mat-khau-dai', h)).toBe(true);
    expect(await verifyPassword('sai', h)).toBe(false);
  });

  it('npm run staff -- add writes an account that can sign in', async () => {
    const file = join(ctx.dir, 'accounts.json');
    execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/staff.ts', 'add', 'tongdai09', '--password-stdin'], {
      input: 'mot-mat-khau-moi-2022\n',
      env: { ...process.env, STAFF_ACCOUNTS_FILE: file },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { users: Record<string, string> };
    expect(stored.users.tongdai09).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored)).not.toMatch(/mot-mat-khau-moi/);
    expect((await login('tongdai09', 'mot-mat-khau-moi-2022')).headers.get('location')).toBe('/staff');
  });

  it('refuses anonymous requests everywhere under /staff and /api/staff', async () => {
    for (const path of ['/staff', '/staff/console.js', '/staff/gaps', '/staff/reports']) {
      const res = await fetch(`${ctx.base}${path}`, { redirect: 'manual' });
      expect([303, 401]).toContain(res.status);
      if (res.status === 303) expect(res.headers.get('location')).toBe('/staff/login');
    }
    for (const path of ['/api/staff/search?q=f1', '/api/staff/levels', '/api/staff/topics']) {
      expect((await fetch(`${ctx.base}${path}`)).status).toBe(401);
    }
    expect((await fetch(`${ctx.base}/api/staff/search?q=f1`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  });

  it('signs in with an HttpOnly SameSite cookie, searches without accents, and signs out', async () => {
    const res = await login(STAFF_USER, STAFF_PASSWORD);
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const search = (await (await fetch(`${ctx.base}/api/staff/search?q=test+nhanh+2+vach`, { headers: { cookie } })).json()) as {
      results: { id: string; reply: string; sources: { number: string }[] }[];
      ms: number;
    };
    expect(search.results.map((r) => r.id)).toContain('selftest-doc-ket-qua');
    // The console shows how long the search took; its speed is measured by `npm run bench:retrieval`, not asserted here.
    expect(search.ms).toBeGreaterThanOrEqual(0);
    const card = search.results.find((r) => r.id === 'selftest-doc-ket-qua')!;
    expect(card.reply).toMatch(/Nguồn: /);
    expect((await fetch(`${ctx.base}/staff`, { headers: { cookie } })).status).toBe(200);
    await fetch(`${ctx.base}/staff/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect((await fetch(`${ctx.base}/api/staff/search?q=f1`, { headers: { cookie } })).status).toBe(401);
  });

  it('accepts staff API tokens, filters by topic, shows superseded rules and the latest published level with its date', async () => {
    const auth = { authorization: `Bearer ${STAFF_TOKEN}` };
    const r = (await (await fetch(`${ctx.base}/api/staff/search?q=f1+cach+ly&topic=f1`, { headers: auth })).json()) as {
      results: { topic: string; status: string; id: string }[];
    };
    expect(r.results.length).toBeGreaterThan(1);
    expect(r.results.every((x) => x.topic === 'f1')).toBe(true);
    expect(r.results.find((x) => x.id === 'f1-cach-ly-762')?.status).toBe('superseded');
    const levels = (await (await fetch(`${ctx.base}/api/staff/levels?q=hcm`, { headers: auth })).json()) as { levels: { province: string; sample: boolean }[] };
    expect(levels.levels).toEqual([expect.objectContaining({ province: 'ho-chi-minh', level: 1, validFrom: '2021-10-22', validTo: '2022-12-31' })]);
  });

  it('locks an account after repeated failures', async () => {
    for (let i = 0; i < 5; i++) expect((await login('tongdai02', 'sai-mat-khau')).headers.get('location')).toBe('/staff/login?e=1');
    expect((await login('tongdai02', 'sai-mat-khau')).headers.get('location')).toBe('/staff/login?e=locked');
  });

  it('shows recorded questions escaped (no HTML injection)', async () => {
    writeFileSync(
      join(ctx.dir, 'gaps.jsonl'),
      `${JSON.stringify({ time: '2026-11-25T01:00:00Z', kind: 'fallback', channel: 'zalo', text: '<script>alert(1)</script> giá vàng' })}\n`,
    );
    const cookie = (await login(STAFF_USER, STAFF_PASSWORD)).headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await fetch(`${ctx.base}/staff/gaps`, { headers: { cookie } })).text();
    expect(html).toMatch(/&lt;script&gt;/);
    expect(html).not.toMatch(/<script>alert/);
  });

  it('shows recorded questions without bidi controls (issue 13, item 11)', async () => {
    writeFileSync(
      join(ctx.dir, 'gaps.jsonl'),
      `${JSON.stringify({ time: '2026-11-25T01:00:00Z', kind: 'fallback', channel: 'zalo', text: 'gia vang \u202eabc\u202c hom nay' })}\n`,
    );
    const cookie = (await login(STAFF_USER, STAFF_PASSWORD)).headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await fetch(`${ctx.base}/staff/gaps`, { headers: { cookie } })).text();
    expect(html).toMatch(/gia vang abc hom nay/);
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});

// Issue 13: attacks on the sign-in, each reproduced against a server of its own.
const signInAt = (base: string, user: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/staff/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ user, password }).toString(),
  });

const stores: [string, (() => Redis) | undefined][] = [['memory', undefined]];
if (process.env.REDIS_URL)
  stores.push(['Redis', () => new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2, keyPrefix: `test-staff-${process.pid}-${Date.now()}:` })]);

describe.each(stores)('sign-in under attack (%s)', (_name, makeRedis) => {
  let app: Awaited<ReturnType<typeof staffApp>>;
  let redis: Redis | undefined;
  const lines: string[] = [];
  beforeAll(async () => {
    redis = makeRedis?.();
    app = await staffApp({ env: { STAFF_SIGNIN_PER_MIN: '1000' }, redis, log: (l) => lines.push(l) });
  });
  afterAll(async () => {
    await app.cleanup();
    if (redis) {
      const keys = await redis.keys('*');
      const prefix = String(redis.options.keyPrefix);
      if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      redis.disconnect();
    }
  });

  it('60 parallel attempts (59 wrong, then the right one) do not sign in, and the account is locked afterwards', async () => {
    await addAccount(app.accountsFile, 'tongdai30', 'dung-mat-khau-2022');
    const tries = Array.from({ length: 60 }, (_, i) => signInAt(app.base, 'tongdai30', i === 59 ? 'dung-mat-khau-2022' : `sai-${i}`));
    const answers = await Promise.all(tries);
    expect(answers.filter((r) => r.headers.get('location') === '/staff')).toHaveLength(0);
    expect(answers.filter((r) => r.headers.get('location') === '/staff/login?e=1').length).toBeLessThanOrEqual(5);
    expect((await signInAt(app.base, 'tongdai30', 'dung-mat-khau-2022')).headers.get('location')).toBe('/staff/login?e=locked');
    expect(lines.some((l) => /locked.*user="tongdai30" address=/.test(l))).toBe(true);
  });

  it('failures for invented names lock those names, not a real account behind the same address', async () => {
    await addAccount(app.accountsFile, 'tongdai31', 'mat-khau-that-2022');
    for (let i = 0; i < 60; i++) await signInAt(app.base, `khong-co-${i}`, 'doan-bua');
    expect((await signInAt(app.base, 'khong-co-x', 'doan-bua')).headers.get('location')).toBe('/staff/login?e=locked');
    const ok = await signInAt(app.base, 'tongdai31', 'mat-khau-that-2022');
    expect(ok.headers.get('location')).toBe('/staff');
    expect(lines.some((l) => l.startsWith('staff signed in: user="tongdai31" address='))).toBe(true);
    expect(lines.join('\n')).not.toContain('mat-khau-that-2022');
  });
});

describe('sign-in hardening', () => {
  it('limits sign-ins per address', async () => {
    const app = await staffApp({ env: { STAFF_SIGNIN_PER_MIN: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await signInAt(app.base, 'ai-do', 'sai')).headers.get('location')).toBe('/staff/login?e=1');
      expect((await signInAt(app.base, STAFF_USER, STAFF_PASSWORD)).headers.get('location')).toBe('/staff/login?e=busy');
      expect(await (await fetch(`${app.base}/staff/login?e=busy`)).text()).toMatch(/thử lại sau một phút/);
    } finally {
      await app.cleanup();
    }
  });

  it('checks an unknown name against a throw-away hash, so that timing does not tell which names exist', async () => {
    const spy = jest.spyOn(accounts, 'verifyPassword');
    try {
      await signInAt(ctx.base, 'khong-ton-tai', 'bat-ky');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a sign-in or sign-out posted from another site', async () => {
    const foreign = await signInAt(ctx.base, STAFF_USER, STAFF_PASSWORD, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    expect((await signInAt(ctx.base, STAFF_USER, STAFF_PASSWORD, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const own = await signInAt(ctx.base, STAFF_USER, STAFF_PASSWORD, { origin: ctx.base });
    expect(own.headers.get('location')).toBe('/staff');
    const cookie = own.headers.get('set-cookie')!.split(';')[0]!;
    const out = await fetch(`${ctx.base}/staff/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: 'https://evil.example' } });
    expect(out.status).toBe(403);
    expect((await fetch(`${ctx.base}/api/staff/topics`, { headers: { cookie } })).status).toBe(200);
  });

  it('with an https PUBLIC_URL the cookie is __Host- prefixed and Secure, and forms must come from that origin', async () => {
    const app = await staffApp({ env: { PUBLIC_URL: 'https://hoidap.example.vn' } });
    try {
      expect((await signInAt(app.base, STAFF_USER, STAFF_PASSWORD, { origin: app.base })).status).toBe(403);
      const res = await signInAt(app.base, STAFF_USER, STAFF_PASSWORD, { origin: 'https://hoidap.example.vn' });
      const set = res.headers.get('set-cookie') ?? '';
      expect(set).toMatch(/^__Host-staff_session=[^;]+;.*Secure/);
      expect(set).toMatch(/Path=\//);
      expect(set).not.toMatch(/Domain=/i);
    } finally {
      await app.cleanup();
    }
  });
});
