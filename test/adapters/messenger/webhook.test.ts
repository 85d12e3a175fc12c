import { loadConfig } from '../../../adapters/config';
import { messengerSign } from '../../../adapters/messenger/protocol';
import { messengerWebhook } from '../../../adapters/messenger/webhook';
import type { RawRequest } from '../../../adapters/webhook';

const cfg = loadConfig({ MESSENGER_APP_SECRET: 'fb-secret', MESSENGER_VERIFY_TOKEN: 'verify-me', MESSENGER_PAGE_ACCESS_TOKEN: 'PAGE' }).messenger!;
const hook = messengerWebhook(cfg);

const request = (raw: string, signature?: string): RawRequest =>
  ({ rawBody: raw, body: JSON.parse(raw), header: (name: string) => (name === 'x-hub-signature-256' ? signature : undefined) }) as unknown as RawRequest;
const batch = JSON.stringify({
  object: 'page',
  entry: [
    {
      id: 'PAGE',
      time: 1,
      messaging: [{ sender: { id: 'u1' }, recipient: { id: 'PAGE' }, timestamp: 1, message: { mid: 'mid.1', text: 'f1 cách ly mấy ngày' } }],
    },
    {
      id: 'PAGE',
      time: 2,
      messaging: [
        { sender: { id: 'u2' }, recipient: { id: 'PAGE' }, timestamp: 2, message: { mid: 'mid.2', text: 'test nhanh' } },
        { sender: { id: 'u2' }, recipient: { id: 'PAGE' }, timestamp: 3, read: { watermark: 1 } },
      ],
    },
  ],
});

describe('Messenger webhook module (no HTTP)', () => {
  it('answers the subscription handshake only with the right verify token', () => {
    expect(hook.handshake!({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '42' })).toBe('42');
    expect(hook.handshake!({ 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong', 'hub.challenge': '42' })).toBeUndefined();
  });

  it('verifies the signature over the raw body', () => {
    expect(hook.verify(request(batch, messengerSign(batch, 'fb-secret')), Date.now())).toBeUndefined();
    expect(hook.verify(request(batch, 'sha256=00'), Date.now())).toMatchObject({ status: 401, outcome: 'bad_signature' });
  });

  it('runs one turn per user event of a batch, reads left out, each named by its mid', () => {
    const events = hook.parse(JSON.parse(batch));
    expect(events.map((e) => hook.deliveryId(e))).toEqual(['fb:mid.1', 'fb:mid.2']);
    expect(hook.toActivity(events[0]!, JSON.parse(batch))).toMatchObject({ type: 'message', text: 'f1 cách ly mấy ngày', channelId: 'messenger' });
  });
});
