/** Messenger Send API on `fetch`, classifying each result for the outbox. */
import { postJson } from '../http-client';
import type { SendOutcome } from '../outbox';
import type { MessengerRequest } from './protocol';

export interface MessengerClientOptions {
  graphBaseUrl: string;
  graphVersion: string;
  pageAccessToken: string;
  timeoutMs?: number;
}

/** Error codes worth retrying (rate limits, temporary failures). Window closed (10/2018278) and unavailable users are not. */
const RETRY_CODES = new Set([1, 2, 4, 17, 32, 613, 1200]);

export class MessengerClient {
  constructor(private readonly options: MessengerClientOptions) {}

  async send(request: MessengerRequest): Promise<SendOutcome> {
    const url = `${this.options.graphBaseUrl}/${this.options.graphVersion}/me/messages?access_token=${encodeURIComponent(this.options.pageAccessToken)}`;
    let res: { status: number; body: unknown };
    try {
      res = await postJson(url, JSON.stringify(request), { 'content-type': 'application/json' }, this.options.timeoutMs ?? 10_000);
    } catch (err) {
      return { ok: false, retry: true, reason: `messenger: ${String(err)}` };
    }
    if (res.status >= 200 && res.status < 300) return { ok: true };
    const body = (res.body ?? {}) as { error?: { code?: number; error_subcode?: number; message?: string } };
    const code = body.error?.code;
    const reason = `messenger: HTTP ${res.status} code ${code ?? '-'}/${body.error?.error_subcode ?? '-'} ${body.error?.message ?? ''}`.trim();
    if (res.status >= 500 || res.status === 429 || (code !== undefined && RETRY_CODES.has(code))) return { ok: false, retry: true, reason };
    return { ok: false, retry: false, reason };
  }
}
