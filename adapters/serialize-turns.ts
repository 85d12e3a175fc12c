/**
 * Turn middleware every adapter installs first: turns of one conversation run one at a time (in this process, or
 * across replicas with the Redis lock), so a citizen's quick second message sees the state the first one left.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { TurnLock } from '../bot/state';

export function serializeTurns(lock: TurnLock): Middleware {
  return {
    onTurn: (ctx: TurnContext, next: () => Promise<void>) => lock.run(`${ctx.activity.channelId}:${ctx.activity.conversation?.id ?? 'none'}`, next),
  };
}
