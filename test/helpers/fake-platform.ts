import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded request bodies are inspected freely by the tests
  json?: any;
}

export interface FakeResponse {
  status: number;
  body: unknown;
}

/**
 * A local stand-in of a platform API: an HTTP server on 127.0.0.1 that records every request and answers from a
 * script of responses per path (the last one repeats), defaulting to 200 {}.
 */
export class FakePlatform {
  readonly requests: Recorded[] = [];
  private readonly scripts = new Map<string, FakeResponse[]>();
  private server?: Server;
  url = '';

  /** Answers for requests whose path starts with `prefix`, in order. */
  respond(prefix: string, ...responses: FakeResponse[]): void {
    this.scripts.set(prefix, responses);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json });
        const key = [...this.scripts.keys()].find((p) => (req.url ?? '').startsWith(p));
        const script = key ? this.scripts.get(key)! : [];
        const next = script.length > 1 ? script.shift()! : (script[0] ?? { status: 200, body: {} });
        res.writeHead(next.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(next.body));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  to(prefix: string): Recorded[] {
    return this.requests.filter((r) => r.url.startsWith(prefix));
  }

  async waitFor(prefix: string, count: number, timeoutMs = 10_000): Promise<Recorded[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(prefix).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.to(prefix);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
