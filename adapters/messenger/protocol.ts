/**
 * Facebook Messenger webhook and Send API shapes, signature check and event parsing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the raw body with the app secret, header `X-Hub-Signature-256: sha256=<hex>`. */
export function messengerSignatureOk(raw: string | Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header) return false;
  const given = header
    .replace(/^sha256=/i, '')
    .trim()
    .toLowerCase();
  const want = createHmac('sha256', appSecret).update(raw).digest('hex');
  return given.length === want.length && timingSafeEqual(Buffer.from(given), Buffer.from(want));
}

export function messengerSign(raw: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

export type MessengerEvent =
  | { kind: 'text'; id: string; pageId: string; psid: string; text: string; timestamp: number }
  | { kind: 'media'; id: string; pageId: string; psid: string; timestamp: number };

/** Every user event in a webhook body; echoes, deliveries and reads are left out. Never throws. */
export function parseMessengerEvents(body: unknown): MessengerEvent[] {
  const out: MessengerEvent[] = [];
  const b = body as { object?: string; entry?: unknown[] } | null;
  if (b?.object !== 'page' || !Array.isArray(b.entry)) return out;
  for (const entry of b.entry as { id?: unknown; messaging?: unknown[] }[]) {
    // biome-ignore lint/suspicious/noExplicitAny: untyped platform JSON; every field read is checked with typeof
    for (const ev of (Array.isArray(entry?.messaging) ? entry.messaging : []) as Record<string, any>[]) {
      const psid = typeof ev?.sender?.id === 'string' ? ev.sender.id : undefined;
      const pageId = String(ev?.recipient?.id ?? entry.id ?? '');
      const timestamp = Number(ev?.timestamp) || Date.now();
      if (!psid) continue;
      if (ev.message && !ev.message.is_echo) {
        const mid = String(ev.message.mid ?? '');
        if (!mid) continue;
        const payload = ev.message.quick_reply?.payload;
        if (typeof payload === 'string' && payload) out.push({ kind: 'text', id: mid, pageId, psid, text: payload, timestamp });
        else if (typeof ev.message.text === 'string') out.push({ kind: 'text', id: mid, pageId, psid, text: ev.message.text, timestamp });
        else out.push({ kind: 'media', id: mid, pageId, psid, timestamp });
      } else if (ev.postback && typeof ev.postback.payload === 'string') {
        const id = String(ev.postback.mid ?? `postback:${psid}:${timestamp}`);
        out.push({ kind: 'text', id, pageId, psid, text: ev.postback.payload, timestamp });
      }
    }
  }
  return out;
}

export const MESSENGER_MAX_TEXT = 2000;
export const MESSENGER_MAX_QUICK_REPLIES = 13;
export const MESSENGER_MAX_TITLE = 20;

/** Button template text limit; a template carries 1–3 buttons. */
export const MESSENGER_MAX_TEMPLATE_TEXT = 640;
/**
 * Messenger's call button wants "+<country code><number>"; Vietnam is +84. A short emergency number such as 115 is
 * sent as +84115, and the text of the message names 115 as well.
 */
export const MESSENGER_COUNTRY_CODE = '+84';

type QuickReply = { content_type: 'text'; title: string; payload: string };

export type MessengerRequest =
  | { recipient: { id: string }; sender_action: 'typing_on' }
  | {
      recipient: { id: string };
      messaging_type: 'RESPONSE';
      message:
        | { text: string; quick_replies?: QuickReply[] }
        | {
            attachment: {
              type: 'template';
              payload: { template_type: 'button'; text: string; buttons: { type: 'phone_number'; title: string; payload: string }[] };
            };
            quick_replies?: QuickReply[];
          };
    };
