/**
 * Messenger webhook for the generic accept path: the subscription handshake (GET with `hub.verify_token`), the
 * signature over the raw body (`X-Hub-Signature-256`), every user event of a batch as its own turn (`fb:<mid>`).
 */
import type { MessengerConfig } from '../config';
import type { Webhook } from '../webhook';
import { MessengerAdapter } from './adapter';
import { messengerSignatureOk, parseMessengerEvents, type MessengerEvent } from './protocol';

export function messengerWebhook(cfg: MessengerConfig): Webhook<MessengerEvent> {
  return {
    channel: 'messenger',
    verify: (req) =>
      messengerSignatureOk(req.rawBody ?? '', req.header('x-hub-signature-256'), cfg.appSecret)
        ? undefined
        : { status: 401, error: 'bad signature', outcome: 'bad_signature' },
    parse: parseMessengerEvents,
    deliveryId: (event) => `fb:${event.id}`,
    toActivity: (event, body) => MessengerAdapter.toActivity(event, body),
    ack: 'EVENT_RECEIVED',
    handshake: (q) => (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === cfg.verifyToken ? String(q['hub.challenge'] ?? '') : undefined),
  };
}
