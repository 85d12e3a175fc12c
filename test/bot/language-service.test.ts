import { createServer, type Server } from 'node:http';
import { loadConfig } from '../../adapters/config';
import type { AddressInfo } from 'node:net';
import { AzureLanguageService, LocalLanguageService, createLanguageService } from '../../bot/language-service';
import { MemoryGapRecorder } from '../../bot/gaps';

/** A local stand-in of Azure AI Language `POST /language/:analyze-text` (shape captured from the SDK). */
function standIn(mode: {
  fail: boolean;
}): Promise<{ server: Server; url: string; calls: { kind: string; key?: string; docs: { text: string; language?: string }[] }[] }> {
  const calls: { kind: string; key?: string; docs: { text: string; language?: string }[] }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = JSON.parse(body) as { kind: string; analysisInput: { documents: { id: string; text: string; language?: string }[] } };
      calls.push({ kind: json.kind, key: req.headers['ocp-apim-subscription-key'] as string, docs: json.analysisInput.documents });
      if (mode.fail || !req.url?.startsWith('/language/:analyze-text')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'boom' } }));
        return;
      }
      const docs = json.analysisInput.documents;
      let out: unknown;
      if (json.kind === 'PiiEntityRecognition') {
        out = {
          kind: 'PiiEntityRecognitionResults',
          results: {
            modelVersion: '2023-09-01',
            errors: [],
            documents: docs.map((d) => {
              const at = d.text.indexOf('Nguyễn Văn An');
              const entities = at >= 0 ? [{ text: 'Nguyễn Văn An', category: 'Person', offset: at, length: 'Nguyễn Văn An'.length, confidenceScore: 0.9 }] : [];
              return { id: d.id, redactedText: d.text, warnings: [], entities };
            }),
          },
        };
      } else {
        out = {
          kind: 'LanguageDetectionResults',
          results: {
            modelVersion: '2023-09-01',
            errors: [],
            documents: docs.map((d) => ({
              id: d.id,
              warnings: [],
              detectedLanguage: /bonjour/i.test(d.text)
                ? { name: 'French', iso6391Name: 'fr', confidenceScore: 0.9 }
                : { name: 'Vietnamese', iso6391Name: 'vi', confidenceScore: 0.8 },
            })),
          },
        };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls })));
}

describe('Azure AI Language path (local stand-in)', () => {
  const mode = { fail: false };
  let stand: Awaited<ReturnType<typeof standIn>>;
  let azure: AzureLanguageService;
  const errors: unknown[] = [];

  beforeAll(async () => {
    stand = await standIn(mode);
    azure = new AzureLanguageService({
      endpoint: stand.url,
      key: 'k1',
      maxRetries: 0,
      allowInsecureConnection: true,
      timeoutMs: 2000,
      onError: (e) => errors.push(e),
    });
  });
  afterAll(() => new Promise<void>((r) => stand.server.close(() => r())));

  it('combines Azure PII recognition (language vi) with the local rules', async () => {
    mode.fail = false;
    const out = await azure.redact('Tôi là Nguyễn Văn An, số 0912 345 678, cccd 001203004567');
    expect(out).toBe('Tôi là [Person], số [SĐT], cccd [SỐ GIẤY TỜ]');
    const call = stand.calls.find((c) => c.kind === 'PiiEntityRecognition')!;
    expect(call.key).toBe('k1');
    expect(call.docs[0]).toMatchObject({ language: 'vi' });
    expect(call.docs[0]!.text).not.toMatch(/0912/); // local redaction first: the number never leaves
  });

  it('detects the language with Azure for unaccented text, and trusts Vietnamese letters locally', async () => {
    mode.fail = false;
    expect(await azure.detect('bonjour, combien de jours de quarantaine')).toBe('other');
    const before = stand.calls.length;
    expect(await azure.detect('xét nghiệm ở đâu')).toBe('vi');
    expect(stand.calls.length).toBe(before);
  });

  it('falls back to the local rules on any error', async () => {
    mode.fail = true;
    errors.length = 0;
    expect(await azure.redact('Nguyễn Văn An gọi 0912345678')).toBe('Nguyễn Văn An gọi [SĐT]');
    expect(await azure.detect('What is the rule for travellers?')).toBe('en');
    expect(errors.length).toBe(2);
  });

  it('is chosen by configuration, and feeds the gap recorder', async () => {
    expect(createLanguageService(loadConfig({}).runtime.azureLanguage)).toBeInstanceOf(LocalLanguageService);
    expect(
      createLanguageService(loadConfig({ AZURE_LANGUAGE_ENDPOINT: 'https://x.cognitiveservices.azure.com', AZURE_LANGUAGE_KEY: 'k' }).runtime.azureLanguage),
    ).toBeInstanceOf(AzureLanguageService);
    mode.fail = false;
    const gaps = new MemoryGapRecorder((t) => azure.redact(t));
    await gaps.record({ time: new Date().toISOString(), kind: 'fallback', channel: 'zalo', text: 'Nguyễn Văn An hỏi giá vàng' });
    expect(gaps.records[0]!.text).toBe('[Person] hỏi giá vàng');
  });
});
