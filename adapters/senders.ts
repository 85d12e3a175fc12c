/**
 * The outbound side of the webhook platforms: one sender per configured platform (Zalo with its rotating tokens,
 * Messenger), and the outbox events that feed the metrics and the log.
 */
import type { Config } from './config';
import { MessengerClient } from './messenger/client';
import type { MessengerRequest } from './messenger/protocol';
import type { Metrics } from './observability';
import type { PushChannel } from './channels';
import type { OutboxEvents, Sender } from './outbox';
import { ZaloClient, type TokenStore } from './zalo/client';
import type { ZaloSendRequest } from './zalo/protocol';

export function platformSenders(
  cfg: Config,
  zaloTokens: (file: string) => TokenStore,
  metrics: Metrics,
  log: (line: string) => void,
): Partial<Record<PushChannel, Sender>> {
  const senders: Partial<Record<PushChannel, Sender>> = {};
  if (cfg.zalo) {
    const zalo = cfg.zalo;
    const client = new ZaloClient({
      appId: zalo.appId,
      appSecretKey: zalo.appSecretKey,
      apiBaseUrl: zalo.apiBaseUrl,
      oauthBaseUrl: zalo.oauthBaseUrl,
      initial: { accessToken: zalo.accessToken, refreshToken: zalo.refreshToken },
      store: zaloTokens(zalo.tokenFile),
      timeoutMs: cfg.outboundTimeoutMs,
      onRefresh: (ok, detail) => {
        metrics.tokenRefreshes.inc({ result: ok ? 'ok' : 'failed' });
        log(`zalo token refresh: ${ok ? 'ok' : `FAILED ${detail}`}`);
      },
    });
    senders.zalo = (request) => client.send(request as ZaloSendRequest);
  }
  if (cfg.messenger) {
    const client = new MessengerClient({ ...cfg.messenger, timeoutMs: cfg.outboundTimeoutMs });
    senders.messenger = (request) => client.send(request as MessengerRequest);
  }
  return senders;
}

/** Counts every delivery, retry and drop, logs drops, and passes each event on to `extra` (tests, benchmarks). */
export function outboxEvents(metrics: Metrics, log: (line: string) => void, extra: OutboxEvents = {}): OutboxEvents {
  return {
    onDropped: (job, reason) => {
      metrics.outboxFailures.inc({ channel: job.channel });
      log(`outbox: dropped ${job.channel} reply to ${job.key}: ${reason}`);
      extra.onDropped?.(job, reason);
    },
    onRetry: (job, reason) => {
      metrics.outboxRetries.inc({ channel: job.channel });
      extra.onRetry?.(job, reason);
    },
    onDelivered: (job) => {
      metrics.outboxDelivered.inc({ channel: job.channel });
      extra.onDelivered?.(job);
    },
  };
}
