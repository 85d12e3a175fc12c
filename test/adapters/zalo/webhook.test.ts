import { loadConfig } from '../../../adapters/config';
import type { RawRequest } from '../../../adapters/webhook';
import { zaloWebhook } from '../../../adapters/zalo/webhook';
import { zaloSign } from '../../../adapters/zalo/protocol';

const APP_ID = '3011223344556677889';
const SECRET = 'oa-secret';
const cfg = loadConfig({ ZALO_APP_ID: APP_ID, ZALO_OA_SECRET_KEY: SECRET, ZALO_ACCESS_TOKEN: 'AT' }).zalo!;
const hook = zaloWebhook(cfg);

const request = (raw: string, signature?: string): RawRequest =>
  ({ rawBody: raw, body: JSON.parse(raw), header: (name: string) => (name === 'x-zevent-signature' ? signature : undefined) }) as unknown as RawRequest;
const text = (at: number, msgId = 'm1') =>
  `{"app_id":"${APP_ID}","event_name":"user_send_text","timestamp":"${at}","sender":{"id":"5432109876543210987"},"recipient":{"id":"7777"},"message":{"msg_id":"${msgId}","text":"xin chào"}}`;

describe('Zalo webhook module (no HTTP)', () => {
  const now = Date.now();

  it('accepts a signed, fresh event and turns it into one activity named by its msg_id', () => {
    const raw = text(now);
    expect(hook.verify(request(raw, zaloSign(raw, APP_ID, SECRET)), now)).toBeUndefined();
    const events = hook.parse(JSON.parse(raw));
    expect(events).toHaveLength(1);
    expect(hook.deliveryId(events[0]!)).toBe('zalo:m1');
    const activity = hook.toActivity(events[0]!, JSON.parse(raw));
    expect(activity).toMatchObject({ type: 'message', text: 'xin chào', channelId: 'zalo', conversation: { id: 'zalo:7777:5432109876543210987' } });
  });

  it('refuses a wrong or missing signature with 401 and a replayed event with 400', () => {
    const raw = text(now);
    expect(hook.verify(request(raw, 'mac=0000'), now)).toMatchObject({ status: 401, outcome: 'bad_signature' });
    expect(hook.verify(request(raw), now)).toMatchObject({ status: 401 });
    const old = text(now - 3600_000);
    expect(hook.verify(request(old, zaloSign(old, APP_ID, SECRET)), now)).toMatchObject({ status: 400, outcome: 'stale' });
  });

  it('acknowledges events that need no turn without running one', () => {
    expect(hook.parse({ event_name: 'user_seen_message' })).toEqual([]);
    expect(hook.parse('garbage')).toEqual([]);
    expect(hook.handshake).toBeUndefined();
  });
});
