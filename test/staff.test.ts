import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashPassword, verifyPassword } from '../adapters/staff/accounts';
import { STAFF_PASSWORD, STAFF_TOKEN, STAFF_USER, staffApp } from './helpers/staff-app';

let ctx: Awaited<ReturnType<typeof staffApp>>;
beforeAll(async () => {
  ctx = await staffApp();
});
afterAll(() => ctx.cleanup());

const login = (user: string, password: string) =>
  fetch(`${ctx.base}/staff/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ user, password }).toString() });

describe('staff console', () => {
  it('hashes passwords with scrypt', async () => {
    const h = await hashPassword('mot-mat-khau-dai');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('mot-mat-khau-dai', h)).toBe(true);
    expect(await verifyPassword('sai', h)).toBe(false);
  });

  it('npm run staff -- add writes an account that can sign in', async () => {
    const file = join(ctx.dir, 'accounts.json');
    execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/staff.ts', 'add', 'tongdai09', '--password-stdin'], { input: 'mot-mat-khau-moi-2022\n', env: { ...process.env, STAFF_ACCOUNTS_FILE: file }, stdio: ['pipe', 'pipe', 'pipe'] });
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
    const search = (await (await fetch(`${ctx.base}/api/staff/search?q=test+nhanh+2+vach`, { headers: { cookie } })).json()) as { results: { id: string; reply: string; sources: { number: string }[] }[]; ms: number };
    expect(search.results.map((r) => r.id)).toContain('selftest-doc-ket-qua');
    expect(search.ms).toBeLessThan(100);
    const card = search.results.find((r) => r.id === 'selftest-doc-ket-qua')!;
    expect(card.reply).toMatch(/Nguồn: /);
    expect((await fetch(`${ctx.base}/staff`, { headers: { cookie } })).status).toBe(200);
    await fetch(`${ctx.base}/staff/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect((await fetch(`${ctx.base}/api/staff/search?q=f1`, { headers: { cookie } })).status).toBe(401);
  });

  it('accepts staff API tokens, filters by topic, shows superseded rules and the latest published level with its date', async () => {
    const auth = { authorization: `Bearer ${STAFF_TOKEN}` };
    const r = (await (await fetch(`${ctx.base}/api/staff/search?q=f1+cach+ly&topic=f1`, { headers: auth })).json()) as { results: { topic: string; status: string; id: string }[] };
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
    writeFileSync(join(ctx.dir, 'gaps.jsonl'), `${JSON.stringify({ time: '2026-11-25T01:00:00Z', kind: 'fallback', channel: 'zalo', text: '<script>alert(1)</script> giá vàng' })}\n`);
    const cookie = (await login(STAFF_USER, STAFF_PASSWORD)).headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await fetch(`${ctx.base}/staff/gaps`, { headers: { cookie } })).text();
    expect(html).toMatch(/&lt;script&gt;/);
    expect(html).not.toMatch(/<script>alert/);
  });
});
