/**
 * Zalo OA webhook for the generic accept path: the signature over the raw body (`X-ZEvent-Signature`), a timestamp
 * within the configured window (a replayed event is refused), one event per delivery, `zalo:<msg_id>` as its id.
 */
import type { ZaloConfig } from '../config';
import { rawText, type Webhook } from '../webhook';
import { ZaloAdapter } from './adapter';
import { parseZaloEvent, zaloEventFresh, zaloSignatureOk, type ZaloEvent } from './protocol';

type ZaloTurnEvent = Exclude<ZaloEvent, { kind: 'ignore' }>;

export function zaloWebhook(cfg: ZaloConfig): Webhook<ZaloTurnEvent> {
  return {
    channel: 'zalo',
    verify(req, now) {
      const raw = rawText(req);
      if (!zaloSignatureOk(raw, req.header('x-zevent-signature'), cfg.appId, cfg.oaSecretKey))
        return { status: 401, error: 'bad signature', outcome: 'bad_signature' };
      if (!zaloEventFresh(raw, now, cfg.eventWindowMs)) {
        return {
          status: 400,
          error: 'stale event',
          outcome: 'stale',
          log: `zalo: refused an event whose timestamp is outside ${cfg.eventWindowMs / 60_000} min`,
        };
      }
      return undefined;
    },
    parse(body) {
      const event = parseZaloEvent(body);
      return event.kind === 'ignore' ? [] : [event];
    },
    deliveryId: (event) => `zalo:${event.id}`,
    toActivity: (event, body) => ZaloAdapter.toActivity(event, body),
    ack: { ok: true },
  };
}
