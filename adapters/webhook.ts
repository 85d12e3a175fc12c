/**
 * One accept path for every platform webhook. A platform supplies a small {@link Webhook} object (how to verify a
 * delivery, read its events, name each one and turn it into an activity), as grammY reduces every web framework to
 * one adapter object; this module does the rest the same way for all: 404 when the channel is off, refusal with
 * the platform's status, deduplication, a 503 when the turn line is full, the turn queued, 200 fast.
 *
 * @example
 * registerWebhook(server, '/api/zalo', zaloWebhook(cfg.zalo), { accept, metrics, log });
 */
import type { Activity } from 'botbuilder';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Deduper } from './dedupe';
import type { ChannelName } from './channels';
import type { Inbound } from './inbound';
import type { Metrics } from './observability';

export type RawRequest = Request & { rawBody?: string | Buffer };

/** Why a delivery was refused: the HTTP answer, the metrics outcome and, when worth it, a log line. */
export interface Refusal {
  status: number;
  error: string;
  outcome: string;
  log?: string;
}

export interface Webhook<E> {
  channel: ChannelName;
  /** Undefined when the delivery is the platform's, else why not. */
  verify(req: RawRequest, now: number): Refusal | undefined;
  /** The events of one delivery that need a turn (others are acknowledged and dropped). Never throws. */
  parse(body: unknown): E[];
  /** Stable id of an event across the platform's repeated deliveries. */
  deliveryId(event: E): string;
  toActivity(event: E, body: unknown): Activity;
  /** Body of the 200 answer. */
  ack: unknown;
  /** The platform's subscription handshake (GET on the same path): the text to echo, or undefined to refuse. */
  handshake?(query: Record<string, string>): string | undefined;
}

/** Answers 503 + Retry-After: too many turns already wait; the platform delivers again later. */
export function answerBusy(res: Response, channel: string, metrics: Metrics): void {
  metrics.webhooks.inc({ channel, outcome: 'busy' });
  res.header('Retry-After', '5');
  res.send(503, { error: 'Hệ thống đang quá tải, vui lòng gửi lại sau ít giây.' });
}

export type Accept = (res: Response, channel: ChannelName, deliveryId: string, activity: () => Activity) => Promise<boolean>;

/**
 * Queues the turn of a delivery that is seen for the first time (deliveries are at least once). False, after
 * answering 503, when the line is full: checked before the delivery id is remembered, so the platform's next
 * attempt is not taken for a repeat.
 */
export function acceptor(inbound: Inbound, deduper: Deduper, metrics: Metrics): Accept {
  return async (res, channel, deliveryId, activity) => {
    if (inbound.full()) {
      answerBusy(res, channel, metrics);
      return false;
    }
    if (!(await deduper.firstTime(deliveryId))) return true;
    await inbound.submit({ channel, activity: activity() });
    return true;
  };
}

/** POST (and, with a handshake, GET) routes of one platform; `hook` undefined when the channel is off. */
export function registerWebhook<E>(
  server: restify.Server,
  path: string,
  channel: ChannelName,
  hook: Webhook<E> | undefined,
  deps: { accept: Accept; metrics: Metrics; log: (line: string) => void },
): void {
  server.post(path, async (req: RawRequest, res: Response) => {
    if (!hook) {
      res.send(404, { error: `${channel} disabled` });
      return;
    }
    const refusal = hook.verify(req, Date.now());
    if (refusal) {
      deps.metrics.webhooks.inc({ channel, outcome: refusal.outcome });
      if (refusal.log) deps.log(refusal.log);
      res.send(refusal.status, { error: refusal.error });
      return;
    }
    // One turn per event; a refusal part-way asks for the whole delivery again, and dedupe skips what already ran.
    for (const event of hook.parse(req.body)) {
      if (!(await deps.accept(res, channel, hook.deliveryId(event), () => hook.toActivity(event, req.body)))) return;
    }
    deps.metrics.webhooks.inc({ channel, outcome: 'accepted' });
    res.send(200, hook.ack);
  });
  if (hook?.handshake) {
    server.get(path, (req: Request, res: Response, next: restify.Next) => {
      const echo = hook.handshake?.(req.query as Record<string, string>);
      if (echo !== undefined) res.sendRaw(200, echo, { 'content-type': 'text/plain' });
      else res.send(403, { error: 'verification failed' });
      next();
    });
  }
}

/** The raw body as text (restify keeps it for signature checks). */
export function rawText(req: RawRequest): string {
  return typeof req.rawBody === 'string' ? req.rawBody : (req.rawBody?.toString('utf8') ?? '');
}
