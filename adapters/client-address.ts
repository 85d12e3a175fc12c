/**
 * The address a request comes from, for limits and logs. Behind a reverse proxy every request arrives from the
 * proxy, so `X-Forwarded-For` is believed only when the socket peer is one of `TRUSTED_PROXIES`; the header is read
 * from the right, skipping further trusted proxies, so a client cannot put a false address in front of it.
 *
 * @example
 * const address = clientAddress(['10.0.0.0/8']);
 * address(req) // '203.0.113.7' for a request from proxy 10.0.0.2 with "X-Forwarded-For: 203.0.113.7"
 */
import { type BlockList, isIP } from 'node:net';
import type { Request } from 'restify';

/** Strips the IPv4-mapped prefix ("::ffff:1.2.3.4" → "1.2.3.4") and brackets or a port from a header entry. */
function plain(address: string): string {
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** Whether a socket or header address is one of the trusted proxies. */
export function isTrustedProxy(trusted: BlockList | undefined, address: string): boolean {
  const a = plain(address);
  const family = isIP(a);
  return Boolean(trusted && family && trusted.check(a, family === 4 ? 'ipv4' : 'ipv6'));
}

export function clientAddress(trusted: BlockList | undefined): (req: Request) => string {
  const isTrusted = (a: string): boolean => isTrustedProxy(trusted, a);
  return (req: Request): string => {
    const peer = plain(req.socket.remoteAddress ?? '');
    if (!isTrusted(peer)) return peer || 'unknown';
    const hops = String(req.header('x-forwarded-for') ?? '')
      .split(',')
      .map(plain)
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) return peer; // a malformed header is not believed
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  };
}
