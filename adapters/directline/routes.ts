/**
 * Web chat's doors: a token for a new conversation and the Direct Line 3.0 routes Web Chat polls. The token names
 * its conversation and user, whatever the browser claims; every post counts against the conversation's budget and
 * is queued before the 200, so a message the page shows as sent always gets its turn; a poll never answers 5xx.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { redact } from '../../bot/privacy';
import type { Inbound } from '../inbound';
import type { Metrics } from '../observability';
import type { RateLimiter } from '../rate-limit';
import { bearerToken } from '../http-guards';
import { answerBusy } from '../webhook';
import { BOT_ACCOUNT } from './adapter';
import type { ConversationLog, TokenSigner } from './store';

/** The largest `value` an activity may attach (JSON characters). */
const MAX_VALUE_CHARS = 4096;

export interface DirectLineDeps {
  store: ConversationLog;
  signer: TokenSigner;
  inbound: Inbound;
  /** Activities one conversation may post per minute, and polls it may make. */
  postLimiter: RateLimiter;
  pollLimiter: RateLimiter;
  metrics: Metrics;
  log: (line: string) => void;
}

export function registerDirectLineRoutes(server: restify.Server, { store, signer, inbound, postLimiter, pollLimiter, metrics, log }: DirectLineDeps): void {
  // Web chat: token and Direct Line 3.0 (polling).
  const claimsFor = async (req: Request, res: Response, conversationId?: string) => {
    const claims = signer.verify(bearerToken(req));
    if (!claims || !(await store.exists(claims.conversationId))) {
      res.send(403, { error: { code: 'TokenExpired', message: 'Token không hợp lệ hoặc đã hết hạn' } });
      return undefined;
    }
    if (conversationId && conversationId !== claims.conversationId) {
      res.send(403, { error: { code: 'BadArgument', message: 'Token không thuộc cuộc trò chuyện này' } });
      return undefined;
    }
    return claims;
  };
  server.post('/api/webchat/token', async (_req: Request, res: Response) => {
    const { conversationId, userId } = await store.create();
    res.send(200, { ...signer.issue(conversationId, userId), conversationId });
  });
  server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res);
    if (claims) res.send(200, { ...signer.issue(claims.conversationId, claims.userId), conversationId: claims.conversationId });
  });
  const startConversation = async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res);
    if (!claims) return;
    const first = await store.start(claims.conversationId);
    res.send(first ? 201 : 200, { conversationId: claims.conversationId, ...signer.issue(claims.conversationId, claims.userId) });
    if (first) {
      const user = { id: claims.userId, name: 'Bạn', role: 'user' };
      const update = {
        type: ActivityTypes.ConversationUpdate,
        id: `${claims.conversationId}-join`,
        channelId: 'webchat',
        serviceUrl: 'directline://',
        timestamp: new Date(),
        conversation: { id: claims.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: user,
        recipient: BOT_ACCOUNT,
        membersAdded: [user],
        locale: 'vi-VN',
      } as Activity;
      await inbound.submit({ channel: 'webchat', activity: update }).catch((err: unknown) => log(`welcome not queued: ${String(err)}`));
    }
  };
  server.post('/v3/directline/conversations', startConversation);
  server.get('/v3/directline/conversations/:id', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res, req.params.id);
    if (claims) res.send(200, { conversationId: claims.conversationId, ...signer.issue(claims.conversationId, claims.userId) });
  });
  server.post('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res, req.params.id);
    if (!claims) return;
    const body = req.body as Partial<Activity> | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      res.send(400, { error: { code: 'BadArgument', message: 'Activity không hợp lệ' } });
      return;
    }
    // Every posted activity counts against the sender's budget, not only messages.
    if ((await postLimiter.hit(claims.conversationId).catch(() => 0)) > postLimiter.limit) {
      metrics.rateLimited.inc({ scope: 'webchat_post' });
      res.send(429, { error: { code: 'TooManyRequests', message: 'Bạn gửi quá nhanh, xin chờ một chút rồi gửi lại.' } });
      return;
    }
    const value = body.value === undefined ? undefined : JSON.stringify(body.value);
    if (value !== undefined && value.length > MAX_VALUE_CHARS) {
      res.send(413, { error: { code: 'BadArgument', message: 'Dữ liệu gửi kèm quá lớn' } });
      return;
    }
    const text = typeof body.text === 'string' ? body.text.slice(0, 4000) : undefined;
    const clientActivityID = (body.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    // The user is who the token says, whatever the browser claims. Of the browser's channel data only the id Web
    // Chat uses to match its echo is kept.
    const incoming: Partial<Activity> = {
      type: body.type,
      text,
      value: value === undefined ? undefined : JSON.parse(value),
      locale: 'vi-VN',
      channelId: 'webchat',
      channelData: typeof clientActivityID === 'string' ? { clientActivityID: clientActivityID.slice(0, 100) } : undefined,
      from: { id: claims.userId, name: 'Bạn', role: 'user' },
      conversation: { id: claims.conversationId } as Activity['conversation'],
      recipient: BOT_ACCOUNT,
      serviceUrl: 'directline://',
    };
    if (body.type !== ActivityTypes.Message) {
      // Typing and events are not kept: the bot does not act on them and Web Chat needs no echo of them.
      res.send(200, { id: `${claims.conversationId}|${randomUUID()}` });
      return;
    }
    // Refused before it is stored, so the page shows it as not sent and the user can send it again.
    if (inbound.full()) return answerBusy(res, 'webchat', metrics);
    // The echo Web Chat needs (to show the message as sent) is all that is kept, with personal data redacted.
    const stored = await store.append(claims.conversationId, {
      type: incoming.type,
      text: text === undefined ? undefined : redact(text),
      channelData: incoming.channelData,
      from: incoming.from,
    });
    // Queued before the 200, so a message the page shows as sent is never left without its turn.
    if (stored) await inbound.submit({ channel: 'webchat', activity: { ...incoming, id: stored.id, timestamp: new Date() } as Activity });
    res.send(200, { id: stored?.id });
  });
  server.get('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
    const claims = await claimsFor(req, res, req.params.id);
    if (!claims) return;
    const q = req.query as Record<string, string>;
    // Over its budget a poll reads as "nothing new" (cheap, and Web Chat keeps polling).
    if ((await pollLimiter.hit(claims.conversationId).catch(() => 0)) > pollLimiter.limit) {
      metrics.rateLimited.inc({ scope: 'webchat_poll' });
      res.send(200, { activities: [], watermark: q.watermark ?? '0' });
      return;
    }
    // Never a 5xx on the poll (Web Chat stops polling after one): a store error reads as "nothing new".
    const page = await store.since(claims.conversationId, q.watermark).catch(() => undefined);
    res.send(200, page ?? { activities: [], watermark: q.watermark ?? '0' });
  });
}
