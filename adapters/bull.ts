/**
 * BullMQ on the deployment's Redis. BullMQ does not accept ioredis key prefixes, so its queues get their own
 * connections without one and the deployment prefix (`REDIS_PREFIX`) as BullMQ's own `prefix` option. The module is
 * loaded only here, so a process without Redis never pays for it.
 */
import type Redis from 'ioredis';

export interface BullConnections {
  bullmq: typeof import('bullmq');
  prefix: string;
  queue: Redis;
  /** For a Worker (blocking commands: no retry limit). */
  worker: () => Redis;
  close(): Promise<void>;
}

export function bullConnections(connection: Redis): BullConnections {
  const opened: Redis[] = [];
  const open = (r: Redis): Redis => {
    opened.push(r);
    return r;
  };
  return {
    bullmq: require('bullmq') as typeof import('bullmq'),
    prefix: `${connection.options.keyPrefix ?? ''}bull`,
    queue: open(connection.duplicate({ keyPrefix: '' })),
    worker: () => open(connection.duplicate({ keyPrefix: '', maxRetriesPerRequest: null })),
    close: async () => {
      for (const c of opened) await c.quit().catch(() => c.disconnect());
    },
  };
}
