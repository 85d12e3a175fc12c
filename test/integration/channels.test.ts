import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTurnLock } from '../../bot/state';
import { loadConfig } from '../../adapters/config';
import { messengerSign } from '../../adapters/messenger/protocol';
import { createApp, type App } from '../../adapters/server';
import { get as httpGet } from 'node:http';
import { zaloSign } from '../../adapters/zalo/protocol';
import { FakePlatform } from '../helpers/fake-platform';
import { harness } from '../helpers/bot';
import type { TurnContext } from 'botbuilder';

const APP_ID = '3011223344556677889';
const OA_SECRET = 'oa-secret';
const FB_SECRET = 'fb-secret';
const USER = '5432109876543210987'; // larger than 2^53: must stay a string
const FAIL_TURN = 'this turn fails';

let zaloApi: FakePlatform;
let zaloOauth: FakePlatform;
let graph: FakePlatform;
let app: App;
let base: string;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'channels-'));
  zaloApi = await new FakePlatform().start();
  zaloOauth = await new FakePlatform().start();
  graph = await new FakePlatform().start();
  const cfg = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET_KEY: 'app-secret',
    ZALO_ACCESS_TOKEN: 'AT1',
    ZALO_REFRESH_TOKEN: 'RT1',
    ZALO_API_BASE_URL: zaloApi.url,
    ZALO_OAUTH_BASE_URL: zaloOauth.url,
    ZALO_TOKEN_FILE: join(dir, 'zalo-token.json'),
    MESSENGER_APP_SECRET: FB_SECRET,
    MESSENGER_VERIFY_TOKEN: 'verify-me',
    MESSENGER_PAGE_ACCESS_TOKEN: 'PAGE_TOKEN',
    GRAPH_API_BASE_URL: graph.url,
    GRAPH_API_VERSION: 'v25.0',
  });
  const h = await harness();
  // A message reading FAIL_TURN stands for a turn that throws inside the bot.
  const bot = {
    run: (ctx: TurnContext) => (ctx.activity.text === FAIL_TURN ? Promise.reject(new Error('index exploded')) : h.bot.run(ctx)),
    recover: (ctx: TurnContext) => h.bot.recover(ctx),
  };
  app = await createApp(cfg, { bot, lock: new MemoryTurnLock(), ready: () => true, log: (l) => logs.push(l) });
  base = await app.listen();
});

afterAll(async () => {
  await app.close();
  await Promise.all([zaloApi.stop(), zaloOauth.stop(), graph.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
function zaloText(text: string, msgId = `msg-${++seq}`): string {
  // Hand-built JSON keeps the big ids as strings, exactly as Zalo sends them.
  return `{"app_id":"${APP_ID}","user_id_by_app":"111","event_name":"user_send_text","timestamp":"${Date.now()}","sender":{"id":"${USER}"},"recipient":{"id":"7777"},"message":{"msg_id":"${msgId}","text":${JSON.stringify(text)}}}`;
}

async function post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const settle = async () => {
  await app.idle();
  await new Promise((r) => setTimeout(r, 150));
};

describe('Zalo OA', () => {
  beforeEach(() => {
    zaloApi.requests.length = 0;
    zaloApi.respond('/v3.0/oa/message/cs', { status: 200, body: { error: 0, message: 'Success', data: { message_id: 'm1' } } });
  });

  // How fast it comes is measured by `npm run bench` (reply latency at the fake API), not asserted here: a loaded CI
  // machine once took 1.3 s.
  it('a signed emergency message is answered first with a Zalo call button, then the details', async () => {
    const raw = zaloText('bố em spo2 93, thở dốc');
    const res = await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) });
    expect(res.status).toBe(200);
    const sent = await zaloApi.waitFor('/v3.0/oa/message/cs', 1, 10_000);
    await settle();
    const all = zaloApi.to('/v3.0/oa/message/cs');
    expect(all).toHaveLength(2);
    const req = sent[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers.access_token).toBe('AT1');
    expect(req.body).toContain(`"user_id":"${USER}"`);
    expect(req.json).toEqual({
      recipient: { user_id: USER },
      message: {
        text: '⚠️ Gọi ngay 115: SpO2 93%. Không gọi được thì đưa người bệnh đến cơ sở y tế gần nhất.',
        attachment: { type: 'template', payload: { buttons: [{ title: 'Gọi 115', type: 'oa.open.phone', payload: { phone_code: '115' } }] } },
      },
    });
    const details = all[1]!.json.message;
    expect(details.text).toMatch(/^Trong lúc chờ cấp cứu/);
    expect(details.text.length).toBeLessThanOrEqual(2000);
    expect(details.attachment.payload.buttons[0]).toEqual({ title: 'Gọi 115', type: 'oa.open.phone', payload: { phone_code: '115' } });
    expect(details.attachment.payload.buttons[1]).toMatchObject({ type: 'oa.query.hide', payload: 'card:hotline-115' });
  });

  it('a turn that throws gets an apology with the hotline, and a log line naming the channel and conversation (issue 14, item 6)', async () => {
    const raw = zaloText(FAIL_TURN);
    expect((await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) })).status).toBe(200);
    const sent = await zaloApi.waitFor('/v3.0/oa/message/cs', 1);
    expect(sent[0]!.json.message.text).toMatch(/1900 9095/);
    expect(logs.some((l) => l.includes(`turn error on zalo conversation zalo:7777:${USER}`) && l.includes('index exploded'))).toBe(true);
  });

  it('answers a message in English in English, with its source and English buttons (issue 15)', async () => {
    const raw = zaloText('How do I read a rapid test result, line C and line T?');
    expect((await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) })).status).toBe(200);
    const [req] = await zaloApi.waitFor('/v3.0/oa/message/cs', 1);
    await settle();
    const texts = zaloApi.to('/v3.0/oa/message/cs').map((r) => r.json.message.text as string);
    expect(texts.join('\n')).toMatch(/Source: /);
    expect(texts.join('\n')).not.toMatch(/Nguồn:/);
    const buttons = req!.json.message.attachment?.payload.buttons ?? zaloApi.to('/v3.0/oa/message/cs').at(-1)!.json.message.attachment.payload.buttons;
    expect(buttons.map((b: { title: string }) => b.title)).toContain('👍 Helpful');
  });

  it('maps suggested actions to at most 5 Zalo buttons with hidden payloads', async () => {
    const raw = zaloText('xin chao');
    await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) });
    const [req] = await zaloApi.waitFor('/v3.0/oa/message/cs', 1);
    const buttons = req!.json.message.attachment.payload.buttons;
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(5);
    expect(buttons[0]).toEqual({ title: 'Đi lại giữa các vùng', type: 'oa.query.hide', payload: 'menu:travel' });
  });

  it('refuses a missing or wrong signature with 401 and processes nothing', async () => {
    const raw = zaloText('test nhanh');
    expect((await post('/api/zalo', raw, {})).status).toBe(401);
    expect((await post('/api/zalo', raw, { 'x-zevent-signature': 'mac=00' })).status).toBe(401);
    expect((await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, 'other') })).status).toBe(401);
    await settle();
    expect(zaloApi.to('/v3.0/oa/message/cs')).toHaveLength(0);
  });

  it('refuses a correctly signed event from a year ago, and a signature without its mac= prefix (issue 13, items 7 and 11)', async () => {
    const old = zaloText('f0 cach ly may ngay', 'old-1').replace(/"timestamp":"\d+"/, `"timestamp":"${Date.now() - 365 * 86_400_000}"`);
    expect((await post('/api/zalo', old, { 'x-zevent-signature': zaloSign(old, APP_ID, OA_SECRET) })).status).toBe(400);
    const fresh = zaloText('f0 cach ly may ngay', 'bare-1');
    const bare = zaloSign(fresh, APP_ID, OA_SECRET).replace(/^mac=/, '');
    expect((await post('/api/zalo', fresh, { 'x-zevent-signature': bare })).status).toBe(401);
    await settle();
    expect(zaloApi.to('/v3.0/oa/message/cs')).toHaveLength(0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/webhook_requests_total\{[^}]*channel="zalo"[^}]*outcome="stale"[^}]*\} 1/);
  });

  it('answers malformed JSON with 400', async () => {
    const raw = '{"timestamp":"1", broken';
    const res = await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) });
    expect(res.status).toBe(400);
  });

  it('the same delivery twice yields one reply', async () => {
    const raw = zaloText('f1 co phai cach ly ko', 'dup-1');
    const sig = zaloSign(raw, APP_ID, OA_SECRET);
    await Promise.all([post('/api/zalo', raw, { 'x-zevent-signature': sig }), post('/api/zalo', raw, { 'x-zevent-signature': sig })]);
    await zaloApi.waitFor('/v3.0/oa/message/cs', 1);
    await settle();
    expect(zaloApi.to('/v3.0/oa/message/cs')).toHaveLength(1);
  });

  it('platform 500 then 200: delivered exactly once', async () => {
    zaloApi.respond('/v3.0/oa/message/cs', { status: 500, body: {} }, { status: 200, body: { error: 0, message: 'Success' } });
    const raw = zaloText('bạn là ai');
    await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) });
    await zaloApi.waitFor('/v3.0/oa/message/cs', 2, 10_000);
    await settle();
    await new Promise((r) => setTimeout(r, 400));
    expect(zaloApi.to('/v3.0/oa/message/cs')).toHaveLength(2);
  });

  it('refreshes an expired token once, persists the rotated refresh token, and retries', async () => {
    zaloApi.respond('/v3.0/oa/message/cs', { status: 200, body: { error: -216, message: 'Access token is invalid' } }, { status: 200, body: { error: 0 } });
    zaloOauth.respond('/v4/oa/access_token', { status: 200, body: { access_token: 'AT2', refresh_token: 'RT2', expires_in: '90000' } });
    const raw = zaloText('cảm ơn');
    await post('/api/zalo', raw, { 'x-zevent-signature': zaloSign(raw, APP_ID, OA_SECRET) });
    const sent = await zaloApi.waitFor('/v3.0/oa/message/cs', 2);
    expect(sent.map((r) => r.headers.access_token)).toEqual(['AT1', 'AT2']);
    const refresh = zaloOauth.to('/v4/oa/access_token');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.headers.secret_key).toBe('app-secret');
    expect(refresh[0]!.body).toBe(`refresh_token=RT1&app_id=${APP_ID}&grant_type=refresh_token`);
    expect(JSON.parse(readFileSync(join(dir, 'zalo-token.json'), 'utf8'))).toMatchObject({ accessToken: 'AT2', refreshToken: 'RT2' });
  });

  it('welcomes a follower and politely declines images', async () => {
    const follow = `{"app_id":"${APP_ID}","oa_id":"7777","event_name":"follow","timestamp":"${Date.now()}","follower":{"id":"${USER}"},"source":"oa_profile"}`;
    await post('/api/zalo', follow, { 'x-zevent-signature': zaloSign(follow, APP_ID, OA_SECRET) });
    const [welcome] = await zaloApi.waitFor('/v3.0/oa/message/cs', 1);
    expect(welcome!.json.message.text).toMatch(/trợ lý tự động/);
    zaloApi.requests.length = 0;
    const image = `{"app_id":"${APP_ID}","event_name":"user_send_image","timestamp":"${Date.now()}","sender":{"id":"${USER}"},"recipient":{"id":"7777"},"message":{"msg_id":"img-1","attachments":[{"type":"image","payload":{"url":"https://x/y.jpg"}}]}}`;
    await post('/api/zalo', image, { 'x-zevent-signature': zaloSign(image, APP_ID, OA_SECRET) });
    const [reply] = await zaloApi.waitFor('/v3.0/oa/message/cs', 1);
    expect(reply!.json.message.text).toMatch(/chỉ đọc được tin nhắn chữ/);
  });
});

describe('Messenger', () => {
  beforeEach(() => {
    graph.requests.length = 0;
    graph.respond('/v25.0/me/messages', { status: 200, body: { recipient_id: '1', message_id: 'm_1' } });
  });

  const page = (messaging: unknown[]) => JSON.stringify({ object: 'page', entry: [{ id: 'PAGE1', time: Date.now(), messaging }] });
  const textEvent = (text: string, mid: string, extra: object = {}) => ({
    sender: { id: '24000000000000001' },
    recipient: { id: 'PAGE1' },
    timestamp: Date.now(),
    message: { mid, text, ...extra },
  });

  it('GET verification returns hub.challenge as raw text, 403 with a wrong token', async () => {
    const ok = await fetch(`${base}/api/messenger?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${base}/api/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it('a signed message produces typing_on then one RESPONSE message with quick replies within limits', async () => {
    const raw = page([textEvent('f1 có phải cách ly không', 'mid.1')]);
    const res = await post('/api/messenger', raw, { 'x-hub-signature-256': messengerSign(raw, FB_SECRET) });
    expect(res.status).toBe(200);
    const sent = await graph.waitFor('/v25.0/me/messages', 2, 10_000);
    await settle();
    expect(graph.to('/v25.0/me/messages')).toHaveLength(2);
    expect(sent[0]!.url).toBe('/v25.0/me/messages?access_token=PAGE_TOKEN');
    expect(sent[0]!.json).toEqual({ recipient: { id: '24000000000000001' }, sender_action: 'typing_on' });
    const msg = sent[1]!.json;
    expect(msg.messaging_type).toBe('RESPONSE');
    expect(msg.message.text).toMatch(/CV 1909\/BYT-DP/);
    expect(msg.message.text.length).toBeLessThanOrEqual(2000);
    expect(msg.message.quick_replies.length).toBeLessThanOrEqual(13);
    for (const q of msg.message.quick_replies) expect(q.title.length).toBeLessThanOrEqual(20);
  });

  it('answers a message in English in English (issue 15)', async () => {
    const raw = page([textEvent('Do I need quarantine when I arrive in Vietnam now?', 'mid.en1')]);
    expect((await post('/api/messenger', raw, { 'x-hub-signature-256': messengerSign(raw, FB_SECRET) })).status).toBe(200);
    await graph.waitFor('/v25.0/me/messages', 2, 10_000);
    await settle();
    const texts = graph
      .to('/v25.0/me/messages')
      .map((r) => r.json.message?.text as string | undefined)
      .filter(Boolean)
      .join('\n');
    expect(texts).toMatch(/Source: |Which of these did you mean/);
    expect(texts).not.toMatch(/Nguồn:|Bạn muốn hỏi/);
  });

  it('an emergency gets a button template with a phone_number call button first, then the details', async () => {
    const raw = page([textEvent('ba em kho tho, moi tim tai', 'mid.em')]);
    await post('/api/messenger', raw, { 'x-hub-signature-256': messengerSign(raw, FB_SECRET) });
    const sent = await graph.waitFor('/v25.0/me/messages', 3, 10_000);
    await settle();
    expect(sent[0]!.json).toEqual({ recipient: { id: '24000000000000001' }, sender_action: 'typing_on' });
    expect(sent[1]!.json).toEqual({
      recipient: { id: '24000000000000001' },
      messaging_type: 'RESPONSE',
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            text: '⚠️ Gọi ngay 115: khó thở. Không gọi được thì đưa người bệnh đến cơ sở y tế gần nhất.',
            buttons: [{ type: 'phone_number', title: 'Gọi 115', payload: '+84115' }],
          },
        },
      },
    });
    const details = graph
      .to('/v25.0/me/messages')
      .map((r) => r.json)
      .filter((j) => j.message);
    expect(details.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(details.slice(1))).toMatch(/Trong lúc chờ cấp cứu/);
  });

  it('quick-reply payloads and postbacks reach the bot; echoes and reads are ignored', async () => {
    const raw = page([
      textEvent('Tự xét nghiệm', 'mid.qr', { quick_reply: { payload: 'card:selftest-cac-buoc' } }),
      { sender: { id: 'PAGE1' }, recipient: { id: '24000000000000001' }, timestamp: Date.now(), message: { mid: 'mid.echo', text: 'echo', is_echo: true } },
      { sender: { id: '24000000000000001' }, recipient: { id: 'PAGE1' }, timestamp: Date.now(), read: { watermark: 1 } },
    ]);
    await post('/api/messenger', raw, { 'x-hub-signature-256': messengerSign(raw, FB_SECRET) });
    const sent = await graph.waitFor('/v25.0/me/messages', 2);
    await settle();
    expect(graph.to('/v25.0/me/messages')).toHaveLength(2);
    expect(sent[1]!.json.message.text).toMatch(/HCDC|tự (lấy mẫu|test)/i);
  });

  it('refuses a bad signature, deduplicates on mid, and does not retry a closed 24-hour window', async () => {
    const raw = page([textEvent('test nhanh 1 vach c', 'mid.2')]);
    expect((await post('/api/messenger', raw, { 'x-hub-signature-256': 'sha256=00' })).status).toBe(401);
    graph.respond('/v25.0/me/messages', { status: 400, body: { error: { code: 10, error_subcode: 2018278, message: 'outside window' } } });
    const sig = messengerSign(raw, FB_SECRET);
    await post('/api/messenger', raw, { 'x-hub-signature-256': sig });
    await post('/api/messenger', raw, { 'x-hub-signature-256': sig });
    await graph.waitFor('/v25.0/me/messages', 1);
    await settle();
    await new Promise((r) => setTimeout(r, 400));
    expect(graph.to('/v25.0/me/messages')).toHaveLength(1); // typing_on refused permanently: nothing more sent, no retry
    expect(logs.some((l) => /dropped messenger reply.*2018278/.test(l))).toBe(true);
  });
});

describe('Web chat over Direct Line 3.0', () => {
  it('issues a token bound to its conversation, echoes the user activity and polls the answer with a watermark', async () => {
    const t = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string; expires_in: number };
    expect(t.expires_in).toBeGreaterThan(0);
    const auth = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' };
    const start = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth });
    expect(start.status).toBe(201);
    expect(((await start.json()) as { conversationId: string }).conversationId).toBe(t.conversationId);
    const posted = await fetch(`${base}/v3/directline/conversations/${t.conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'test nhanh 1 vach C la sao', from: { id: 'spoofed' }, channelData: { clientActivityID: 'c-1' } }),
    });
    expect(posted.status).toBe(200);
    await app.idle();
    const poll = (await (await fetch(`${base}/v3/directline/conversations/${t.conversationId}/activities?watermark=`, { headers: auth })).json()) as {
      activities: {
        type: string;
        text?: string;
        from: { id: string; role: string };
        channelData?: { clientActivityID?: string };
        id: string;
        timestamp: string;
      }[];
      watermark: string;
    };
    expect(typeof poll.watermark).toBe('string');
    const echo = poll.activities.find((a) => a.channelData?.clientActivityID === 'c-1')!;
    expect(echo.id).toBeTruthy();
    expect(echo.from.id).toMatch(/^dl_/);
    const answer = poll.activities[poll.activities.length - 1]!;
    expect(answer.from.role).toBe('bot');
    expect(answer.text).toMatch(/Nguồn:/);
    const again = (await (
      await fetch(`${base}/v3/directline/conversations/${t.conversationId}/activities?watermark=${poll.watermark}`, { headers: auth })
    ).json()) as { activities: unknown[] };
    expect(again.activities).toHaveLength(0);
  });

  it('refuses tokens for another conversation and bad tokens', async () => {
    const a = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const b = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const res = await fetch(`${base}/v3/directline/conversations/${b.conversationId}/activities`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(403);
    const bad = await fetch(`${base}/v3/directline/conversations/${a.conversationId}/activities`, { headers: { authorization: 'Bearer nope.nope' } });
    expect(bad.status).toBe(403);
    const extra = await fetch(`${base}/v3/directline/conversations/${a.conversationId}/activities`, { headers: { authorization: `Bearer ${a.token}.x` } });
    expect(extra.status).toBe(403);
    const refreshed = await fetch(`${base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` } });
    expect(((await refreshed.json()) as { conversationId: string }).conversationId).toBe(a.conversationId);
  });

  it('sends security headers, and the bundle compressed, versioned, cached and revalidated (issue 13, item 10)', async () => {
    const pageRes = await fetch(`${base}/`);
    const html = await pageRes.text();
    expect(pageRes.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(pageRes.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    expect(pageRes.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(pageRes.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pageRes.headers.get('referrer-policy')).toBe('same-origin');
    const src = /<script src="(\/webchat\/webchat\.js\?v=[^"]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const json = await fetch(`${base}/healthz`);
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(json.headers.get('x-frame-options')).toBe('DENY');
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const raw = await fetch(`${base}${src}`, { headers: { 'accept-encoding': 'identity' } });
    const rawBody = Buffer.from(await raw.arrayBuffer());
    expect(raw.headers.get('content-encoding')).toBeNull();
    expect(raw.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const etag = raw.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(raw.headers.get('last-modified')).toBeTruthy();
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${base}${src}`, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
      // fetch undoes the encoding itself: what arrives must be the bundle, byte for byte.
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(rawBody)).toBe(true);
    }
    const small = await new Promise<number>((resolve, reject) => {
      const r = httpGet(`${base}${src}`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
      });
      r.on('error', reject);
    });
    expect(small).toBeLessThan(rawBody.length / 3);
    expect((await fetch(`${base}${src}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('serves the page, the Web Chat bundle and health checks', async () => {
    const pageRes = await fetch(`${base}/`);
    expect(pageRes.headers.get('content-type')).toMatch(/text\/html/);
    const html = await pageRes.text();
    expect(html).toMatch(/'vi-VN'/);
    expect(html).toMatch(/id="lang"/);
    expect((await fetch(`${base}/webchat/webchat.js`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/api/messages`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
  });
});

describe('server configuration', () => {
  it('names each bad variable, and refuses an accept-only process without Redis', () => {
    expect(() => loadConfig({ PORT: 'abc', MAX_CONCURRENT_TURNS: '0' })).toThrow(/PORT[\s\S]*MAX_CONCURRENT_TURNS/);
    expect(() => loadConfig({ TURN_WORKER: 'maybe' })).toThrow(/TURN_WORKER/);
    expect(() => loadConfig({ TURN_WORKER: 'off' })).toThrow(/TURN_WORKER: "off" cần REDIS_URL/);
    expect(loadConfig({ TURN_WORKER: 'off', REDIS_URL: 'redis://127.0.0.1:6379' }).turnWorker).toBe(false);
    expect(loadConfig({}).turnWorker).toBe(true);
  });
});
