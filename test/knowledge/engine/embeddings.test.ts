import { createServer, type IncomingMessage, type Server } from 'node:http';
import { loadConfig } from '../../../adapters/config';
import type { AddressInfo } from 'node:net';
import { HashedNgramEmbeddings, HttpEmbeddings, createEmbeddings } from '../../../knowledge/engine/embeddings';
import { HnswVectorStore } from '../../../knowledge/engine/vector-store';

/** A local stand-in of an OpenAI-compatible embeddings endpoint: embeds with the local model, records requests. */
function fakeEndpoint(): Promise<{ server: Server; url: string; requests: { auth?: string; body: { model: string; input: string[] } }[] }> {
  const local = new HashedNgramEmbeddings({ dimensions: 32 });
  const requests: { auth?: string; body: { model: string; input: string[] } }[] = [];
  const read = async (req: IncomingMessage): Promise<string> => {
    let s = '';
    for await (const chunk of req) s += chunk;
    return s;
  };
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as { model: string; input: string[] };
    requests.push({ auth: req.headers.authorization, body });
    if (req.url !== '/v1/embeddings') {
      res.writeHead(404);
      res.end();
      return;
    }
    const data = body.input.map((t, index) => ({ index, embedding: local.embedSync(t) })).reverse();
    // Not chained: restify, loaded by other tests in this worker, patches writeHead to return nothing.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests })),
  );
}

describe('embeddings by configuration', () => {
  it('local by default, with a stable id', () => {
    const e = createEmbeddings();
    expect(e).toBeInstanceOf(HashedNgramEmbeddings);
    expect(e.id).toBe(createEmbeddings(loadConfig({ EMBEDDINGS: 'local' }).runtime.embeddings).id);
    expect(() => loadConfig({ EMBEDDINGS: 'http' })).toThrow(/EMBEDDINGS_URL/);
    expect(() => loadConfig({ EMBEDDINGS: 'magic' })).toThrow(/EMBEDDINGS: là "local" hoặc "http"/);
  });

  it('a hosted model over HTTP feeds the same vector store', async () => {
    const fake = await fakeEndpoint();
    try {
      const emb = createEmbeddings(
        loadConfig({ EMBEDDINGS: 'http', EMBEDDINGS_URL: fake.url, EMBEDDINGS_MODEL: 'm1', EMBEDDINGS_API_KEY: 'k' }).runtime.embeddings,
      );
      expect(emb).toBeInstanceOf(HttpEmbeddings);
      const store = await HnswVectorStore.fromTexts(['test nhanh hai vach', 'cap do dich mau do'], [{ id: 1 }, { id: 2 }], emb);
      const hits = await store.similaritySearchWithScore('test nhanh 2 vach', 1);
      expect(hits[0]![0].metadata.id).toBe(1);
      expect(fake.requests[0]).toMatchObject({ auth: 'Bearer k', body: { model: 'm1', input: ['test nhanh hai vach', 'cap do dich mau do'] } });
    } finally {
      fake.server.close();
    }
  });

  it('reports an endpoint error clearly', async () => {
    const fake = await fakeEndpoint();
    try {
      const emb = new HttpEmbeddings({ baseUrl: `${fake.url}/wrong`, model: 'm', maxRetries: 0 });
      await expect(emb.embedQuery('x')).rejects.toThrow(/HTTP 404/);
    } finally {
      fake.server.close();
    }
  });
});
