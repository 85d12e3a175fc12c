/**
 * Zalo OA webhook and send-API shapes, signature check and event parsing. Ids stay strings (they exceed 2^53).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const TIMESTAMP = /"timestamp"\s*:\s*"?(\d+)"?/;

/**
 * SHA-256 hex of app_id + raw body + timestamp (from the body) + OA secret key, compared in constant time. The
 * header must have the `mac=` prefix Zalo always sends.
 */
export function zaloSignatureOk(raw: string, header: string | undefined, appId: string, secret: string): boolean {
  if (!header || !raw) return false;
  const h = /^mac=([0-9a-f]{64})$/i.exec(header.trim());
  const m = TIMESTAMP.exec(raw);
  if (!h || !m) return false;
  const want = createHash('sha256')
    .update(appId + raw + m[1] + secret, 'utf8')
    .digest('hex');
  return timingSafeEqual(Buffer.from(h[1]!.toLowerCase()), Buffer.from(want));
}

/**
 * Whether the event's own timestamp (milliseconds, inside the signed body) lies within `windowMs` of `now`, so
 * that a correctly signed event recorded earlier cannot be replayed later.
 */
export function zaloEventFresh(raw: string, now: number, windowMs: number): boolean {
  const ts = Number(TIMESTAMP.exec(raw)?.[1]);
  return Number.isFinite(ts) && Math.abs(now - ts) <= windowMs;
}

/** Signs a body as Zalo would (used by tests and the local fake). */
export function zaloSign(raw: string, appId: string, secret: string): string {
  const ts = TIMESTAMP.exec(raw)?.[1] ?? '';
  return `mac=${createHash('sha256')
    .update(appId + raw + ts + secret, 'utf8')
    .digest('hex')}`;
}

export type ZaloEvent =
  | { kind: 'text'; id: string; oaId: string; userId: string; text: string; timestamp: string }
  | { kind: 'follow'; id: string; oaId: string; userId: string; timestamp: string }
  | { kind: 'media'; id: string; oaId: string; userId: string; timestamp: string }
  | { kind: 'ignore'; reason: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** Reads one webhook body. Unknown or incomplete events are ignored, never thrown. */
export function parseZaloEvent(body: unknown): ZaloEvent {
  if (!body || typeof body !== 'object') return { kind: 'ignore', reason: 'not an object' };
  // biome-ignore lint/suspicious/noExplicitAny: untyped platform JSON; every field read is checked with typeof or str()
  const b = body as Record<string, any>;
  const name = str(b.event_name) ?? '';
  const timestamp = str(b.timestamp) ?? '';
  if (name === 'follow') {
    const userId = str(b.follower?.id);
    const oaId = str(b.oa_id) ?? str(b.recipient?.id) ?? '';
    return userId ? { kind: 'follow', id: `follow:${userId}:${timestamp}`, oaId, userId, timestamp } : { kind: 'ignore', reason: 'follow without follower' };
  }
  if (!name.startsWith('user_send_')) return { kind: 'ignore', reason: name || 'no event_name' };
  const userId = str(b.sender?.id);
  const oaId = str(b.recipient?.id) ?? '';
  const msgId = str(b.message?.msg_id);
  if (!userId || !msgId) return { kind: 'ignore', reason: 'no sender or msg_id' };
  if (name === 'user_send_text' && typeof b.message?.text === 'string') {
    return { kind: 'text', id: msgId, oaId, userId, text: b.message.text, timestamp };
  }
  return { kind: 'media', id: msgId, oaId, userId, timestamp };
}

/** A button that sends its payload back hidden, or one that dials a number (`oa.open.phone`). */
export type ZaloButton = { title: string; type: 'oa.query.hide'; payload: string } | { title: string; type: 'oa.open.phone'; payload: { phone_code: string } };

export interface ZaloSendRequest {
  recipient: { user_id: string };
  message: { text: string; attachment?: { type: 'template'; payload: { buttons: ZaloButton[] } } };
}

/** Zalo limits we keep to: text ≤ 2000 characters, at most 5 buttons with short titles. */
export const ZALO_MAX_TEXT = 2000;
export const ZALO_MAX_BUTTONS = 5;
export const ZALO_MAX_BUTTON_TITLE = 35;

/** Error codes after which a send must not be retried (window closed, user gone or blocked us, bad request). */
export const ZALO_PERMANENT = new Set([-230, -232, -227, -213, -244, -201, -224, -221, -223, -209, -212, -219, -240]);
/** Error codes that mean "try again later". */
export const ZALO_RETRY = new Set([-32, -218, -211, -200]);
/** Access token invalid or expired: refresh, then retry. */
export const ZALO_TOKEN_ERRORS = new Set([-216, -220]);
