/**
 * Language services for privacy and language detection. Local rules always run; Azure AI Language (PII recognition
 * in Vietnamese, language detection) adds a second layer when `AZURE_LANGUAGE_ENDPOINT` and `AZURE_LANGUAGE_KEY` are
 * set. On any Azure error or time-out the local answer stands, so a slow service never stalls a turn.
 */
import type { TextAnalysisClient } from '@azure/ai-language-text';
import { detectLanguage, type Language } from './language';
import { redact as localRedact } from './privacy';

export interface LanguageService {
  /** Text with personal data replaced by labels ("[SĐT]", "[Person]"). */
  redact(text: string): Promise<string>;
  detect(text: string): Promise<Language>;
}

export class LocalLanguageService implements LanguageService {
  async redact(text: string): Promise<string> {
    return localRedact(text);
  }

  async detect(text: string): Promise<Language> {
    return detectLanguage(text);
  }
}

export interface AzureLanguageOptions {
  endpoint: string;
  key: string;
  /** Milliseconds before a call is abandoned and the local answer used. Default 1500. */
  timeoutMs?: number;
  /** Retries of the SDK (0 in tests). Default 1. */
  maxRetries?: number;
  /** Only for a local stand-in over http:// in tests. */
  allowInsecureConnection?: boolean;
  onError?: (err: unknown) => void;
}

/** PII categories replaced by their label (others, such as dates or organisations, are kept). */
const PII_CATEGORIES = new Set([
  'Person',
  'PersonType',
  'Address',
  'PhoneNumber',
  'Email',
  'IPAddress',
  'URL',
  'CreditCardNumber',
  'InternationalBankingAccountNumber',
]);

export class AzureLanguageService implements LanguageService {
  private readonly client: TextAnalysisClient;
  private readonly local = new LocalLanguageService();

  constructor(private readonly options: AzureLanguageOptions) {
    // Loaded only when Azure AI Language is configured.
    const { AzureKeyCredential, TextAnalysisClient } = require('@azure/ai-language-text') as typeof import('@azure/ai-language-text');
    this.client = new TextAnalysisClient(options.endpoint, new AzureKeyCredential(options.key), {
      defaultLanguage: 'vi',
      defaultCountryHint: 'vn',
      retryOptions: { maxRetries: options.maxRetries ?? 1 },
      allowInsecureConnection: options.allowInsecureConnection,
    });
  }

  async redact(text: string): Promise<string> {
    const local = await this.local.redact(text);
    try {
      const [doc] = await this.client.analyze('PiiEntityRecognition', [local], 'vi', { abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 1500) });
      if (!doc || 'error' in doc) return local;
      let out = local;
      const entities = [...doc.entities].filter((e) => PII_CATEGORIES.has(e.category)).sort((a, b) => b.offset - a.offset);
      for (const e of entities) out = `${out.slice(0, e.offset)}[${e.category}]${out.slice(e.offset + e.length)}`;
      return out;
    } catch (err) {
      this.options.onError?.(err);
      return local;
    }
  }

  async detect(text: string): Promise<Language> {
    const local = detectLanguage(text);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "any non-ASCII character"
    if (local === 'vi' && /[^\x00-\x7f]/.test(text)) return 'vi'; // Vietnamese letters settle it
    try {
      const [doc] = await this.client.analyze('LanguageDetection', [text], 'vn', { abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 1500) });
      if (!doc || 'error' in doc) return local;
      const iso = doc.primaryLanguage.iso6391Name;
      return iso === 'vi' ? 'vi' : iso === 'en' ? 'en' : iso === '(Unknown)' ? local : 'other';
    } catch (err) {
      this.options.onError?.(err);
      return local;
    }
  }
}

/** Azure when configured (`AZURE_LANGUAGE_ENDPOINT` and `AZURE_LANGUAGE_KEY`), local otherwise. */
export function createLanguageService(azure?: { endpoint: string; key: string }, onError?: (err: unknown) => void): LanguageService {
  return azure ? new AzureLanguageService({ ...azure, onError }) : new LocalLanguageService();
}
