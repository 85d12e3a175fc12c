/**
 * The hybrid search engine: BM25F (accented + folded fields) fused with a vector channel, date-aware ranking,
 * and a decision: answer one card, ask the user to choose (clarify), or decline (out of scope).
 *
 * @example
 * const index = await KnowledgeIndex.build(kb, new HashedNgramEmbeddings());
 * const r = await index.search('test nhanh 2 vach phai lam gi');
 * r.decision   // 'answer'
 * r.hits[0].card.id // 'selftest-doc-ket-qua'
 */
import type { DocumentInterface } from '@langchain/core/documents';
import type { KnowledgeBase } from '../content/load';
import type { Passage } from '../content/sources';
import type { Card, Conversation, Domain, Facets, LevelRow, OfficialDocument, Province, TravelRules, TriageRules } from '../content/schema';
import {
  analyze,
  compileLexicon,
  contentTokens,
  termsOf,
  VIETNAMESE,
  withoutFillers,
  type Lexicon,
  type SynonymGroup,
  type TextAnalyzer,
} from '../text/analyze';
import { ENGLISH, withSpelling } from '../text/english';
import { dateMentioned, documentNumbersMentioned, withoutTimes } from '../text/dates';
import { foldVietnamese, hasWord, normalizeVietnamese } from '../text/vietnamese';
import { buildBm25, scoreFamily, type Bm25Index, type FieldTerms, type QueryTerm } from './bm25f';
import { compileDomain, readDomain, type DomainMatcher, type DomainReading } from './domain';
import { CardClassifier } from './classifier';
import { compileFacets, contradicts, type FacetMatcher } from './facets';
import type { IndexEmbeddings } from './embeddings';
import { withDefaults, type SearchOptions } from './options';
import { HnswVectorStore } from './vector-store';

/** A card as the runtime needs it (no file paths). */
export type CardRecord = Omit<Card, never>;

/** The English side of the index: the English versions of the cards, with their own lexicon and BM25F fields. */
export interface LanguageData {
  cards: CardRecord[];
  synonyms: SynonymGroup[];
  stopwords: string[];
  domain: Domain;
  facets: Facets;
  bm25: Bm25Index;
}

/** Everything the engine needs at run time; this is what the index artifact stores besides the vectors. */
export interface IndexData {
  /** The language of `cards` (Vietnamese when absent). */
  language?: 'vi' | 'en';
  /** The English versions of the cards that have one, searched for English questions. */
  english?: LanguageData;
  cards: CardRecord[];
  documents: OfficialDocument[];
  synonyms: SynonymGroup[];
  stopwords: string[];
  domain: Domain;
  /** Facet groups and the words that name their values (who a question is about). */
  facets: Facets;
  provinces: Province[];
  levels: LevelRow[];
  /** Warning signs for emergency triage, the assistant's own words, and the travel rules: versioned with the cards. */
  triage: TriageRules;
  conversation: Conversation;
  travel: TravelRules;
  bm25: Bm25Index;
  /** Passages of official document texts (knowledge/sources), for staff; ids are positions in `passages`. */
  passages: Passage[];
  passageBm25: Bm25Index;
}

/** current; superseded (a newer card states the rule that replaced it); ended (stopped applying, nothing replaced it); not_yet. */
/** Words that mark a sentence as a question ("… có phải cách ly không", "… làm sao", "bao nhiêu ngày"). */
const QUESTION_CUES_VI =
  /\b(khong|ko|k|hok|chua|sao|gi|j|nao|bao nhieu|bn|may|duoc khong|co phai|the nao|ntn|lam sao|hay khong|o dau|bao lau|khi nao|nhu the nao|phai lam gi|can gi)\b/;

/** English sentences that ask: a question word first, or a request for advice. */
const QUESTION_CUES_EN =
  /^(what|how|when|where|which|who|whom|why|do|does|did|can|could|should|shall|must|is|are|was|were|will|would|may|have|has|any)\b|\b(how|what|when|where|which|whether|wonder|wondering|not sure|please (tell|advise|help|explain)|(want|wants|need|needs|like) to know|let me know|can someone|could you|can you)\b/;

/**
 * The question sentences of a long message (at least two sentences and 15 words): the sentences with a question
 * mark or a question word, or undefined when the message is short or has none.
 *
 * @example
 * questionSentences('Con em học lớp 3. Hôm nay cô báo lớp có bạn dương tính. Bé có phải nghỉ học không?')
 * // 'Bé có phải nghỉ học không?'
 */
export function questionSentences(text: string, language: 'vi' | 'en' = 'vi'): string | undefined {
  const sentences = text
    .split(/(?<=[.?!\n])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < 2 || text.split(/\s+/).length < 15) return undefined;
  const asked = sentences.filter((s) => asks(s, language));
  if (!asked.length || asked.length === sentences.length) return undefined;
  return asked.join(' ');
}

/**
 * Where one message asks two things: after a sentence's end, or at a joining word that opens a new question ("…,
 * còn F2 thì sao", "… với lại test nhanh mua ở đâu"). "còn" opens a question only after a comma ("giờ còn dùng
 * không" asks one thing).
 */
const QUESTION_JOINS_VI = /(?<=[?!.;\n])\s+|\s*,?\s+(?=(?:với lại|voi lai|thêm nữa là|them nua la|ngoài ra|ngoai ra)\s)|\s*,\s*(?=(?:còn|con)\s)/giu;
const QUESTION_JOINS_EN = /(?<=[?!.;\n])\s+|\s*,?\s+(?=(?:and also|also|plus)\s)/giu;

/**
 * The separate questions of a message: its parts (sentences, or clauses opened by "còn", "với lại"…) that ask
 * something, each of at least two words; fewer than two when the message asks one thing.
 *
 * @example
 * askedQuestions('F1 cách ly mấy ngày? với lại test nhanh mua ở đâu')
 * // ['F1 cách ly mấy ngày?', 'với lại test nhanh mua ở đâu']
 */
export function askedQuestions(text: string, language: 'vi' | 'en' = 'vi'): string[] {
  return text
    .split(language === 'en' ? QUESTION_JOINS_EN : QUESTION_JOINS_VI)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 2 && asks(s, language));
}

/** A sentence that asks: a question mark, or a question word of its language. */
function asks(sentence: string, language: 'vi' | 'en'): boolean {
  if (sentence.includes('?')) return true;
  if (language === 'en')
    return QUESTION_CUES_EN.test(
      sentence
        .toLowerCase()
        .replace(/[^a-z0-9' ]+/g, ' ')
        .trim(),
    );
  return QUESTION_CUES_VI.test(` ${foldVietnamese(normalizeVietnamese(sentence.toLowerCase())).replace(/[^a-z0-9]+/g, ' ')} `);
}

export type CardStatus = 'current' | 'superseded' | 'ended' | 'not_yet';
export type Decision = 'answer' | 'clarify' | 'out_of_scope';

export interface Hit {
  card: CardRecord;
  /** Fused score after the date adjustment. */
  score: number;
  lexical: number;
  vector: number;
  status: CardStatus;
}

export interface SearchResult {
  query: string;
  /** The date rules were judged against: the question's own date ("hồi tháng 12/2021") if it names one, else the as-of date. */
  asOf: string;
  /** Date the question itself refers to, if any. */
  refDate?: string;
  /** Ids of documents the question names ("theo CV 762"). */
  mentionedDocs: string[];
  /** Whether the question uses the guidance's own words. */
  domain: DomainReading;
  /** Who the question is about, by facet group ("status": ["f1"]); cards whose facets contradict it were ruled out. */
  facets: Record<string, string[]>;
  decision: Decision;
  /** Score of the best card, 0–1; the decision compares it with the thresholds in {@link SearchOptions}. */
  confidence: number;
  /** Best first. For `clarify`, the first `clarifyMax` are the choices. */
  hits: Hit[];
  /**
   * A message that asks two things and was answered: the cards that answer its other questions, each found with
   * confidence when that question is searched alone (at most two; never the answered card).
   */
  others?: Hit[];
}

export interface SearchParams {
  /** Date the answer must be valid on, YYYY-MM-DD. Default: today. */
  asOf?: string;
  /** How many hits to return. Default 5. */
  limit?: number;
  /**
   * Facet values known better than the text tells: a follow-up read together with the previous question ("còn bé
   * nhà em thì sao?") is about the people its own words name, so those groups replace what the whole text names.
   */
  facets?: Record<string, string[]>;
  /**
   * Whether the card classifier orders the cards. Default true; a follow-up read together with the previous question
   * is not, because the classifier would hear the previous question's subject in it.
   */
  learnedRanking?: boolean;
  /**
   * The conversation is already about COVID-19 (a follow-up read with the previous question, which was answered or
   * clarified): a question without the guidance's own words may still be offered the closest cards (unless off topic).
   */
  inDomain?: boolean;
  /** Whether the other questions of a message that asks two things are looked for (`others`). Default true. */
  otherQuestions?: boolean;
}

/** Markdown to plain text for indexing. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*[-*]\s+/gm, '')
    .replace(/^\s*\d+\.\s+/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The date answers are judged against: a fixed day (YYYY-MM-DD, the configuration's `GUIDANCE_AS_OF`, validated
 * there) or, when none, today, read on every call so a long-running server moves with the calendar.
 *
 * @example
 * guidanceAsOf('2022-03-01')() // '2022-03-01'
 */
export function guidanceAsOf(fixed?: string): () => string {
  return fixed ? () => fixed : today;
}

export function cardStatus(card: Pick<CardRecord, 'valid_from' | 'valid_to' | 'superseded_by'>, asOf: string): CardStatus {
  if (card.valid_to && card.valid_to < asOf) return card.superseded_by ? 'superseded' : 'ended';
  if (card.valid_from > asOf) return 'not_yet';
  return 'current';
}

export class KnowledgeIndex {
  readonly data: IndexData;
  readonly options: SearchOptions;
  readonly lexicon: Lexicon;
  readonly cardsById: Map<string, CardRecord>;
  /** Last day of the latest rules (the end of the period, e.g. 19/10/2023): their cards are the latest word. */
  private readonly periodEnd: string;
  readonly documentsById: Map<string, OfficialDocument>;
  private readonly stopwords: Set<string>;
  /** Leading number of each numbered document ("4800") → document ids. */
  private readonly docsByNumber: Map<string, string[]>;
  private readonly docNumbers: ReadonlySet<string>;
  private readonly domainMatcher: DomainMatcher;
  private readonly facetMatcher: FacetMatcher;
  /** Learned from the cards' phrasings (absent when its weight is 0). */
  readonly classifier?: CardClassifier;
  /** How this index's language becomes tokens. */
  readonly analyzer: TextAnalyzer;
  /** The same for questions: English questions also get their typos mended against the index's words. */
  private readonly queryAnalyzer: TextAnalyzer;
  /** The English side (English versions of the cards), when the content has any. */
  readonly english?: KnowledgeIndex;

  constructor(
    data: IndexData,
    readonly vectors: HnswVectorStore,
    readonly embeddings: IndexEmbeddings,
    options: Partial<SearchOptions> = {},
    englishVectors?: HnswVectorStore,
    /** Classifiers already trained on these cards (loaded with the index artifact); trained here when absent. */
    learned: { own?: CardClassifier; english?: CardClassifier } = {},
  ) {
    this.data = data;
    this.options = withDefaults(options);
    this.analyzer = data.language === 'en' ? ENGLISH : VIETNAMESE;
    this.lexicon = compileLexicon(data.synonyms, this.analyzer);
    this.stopwords = new Set(data.stopwords.flatMap((s) => analyze(s, undefined, this.analyzer).tokens));
    this.cardsById = new Map(data.cards.map((c) => [c.id, c]));
    this.periodEnd = data.cards.reduce((end, c) => (c.valid_to && c.valid_to > end ? c.valid_to : end), '');
    this.documentsById = new Map(data.documents.map((d) => [d.id, d]));
    this.queryAnalyzer = this.analyzer === ENGLISH ? withSpelling(ENGLISH, knownWords(data, this.analyzer)) : this.analyzer;
    this.domainMatcher = compileDomain(data.domain, this.lexicon, this.queryAnalyzer);
    this.facetMatcher = compileFacets(data.facets ?? {}, this.lexicon, this.analyzer);
    this.docsByNumber = new Map();
    for (const d of data.documents) {
      const m = /^(?:QĐ|CV|NQ|HD)\s*(\d{2,5})\//.exec(d.number);
      if (m) this.docsByNumber.set(m[1]!, [...(this.docsByNumber.get(m[1]!) ?? []), d.id]);
    }
    this.docNumbers = new Set(this.docsByNumber.keys());
    if (this.options.classifierWeight > 0) {
      this.classifier =
        learned.own ??
        CardClassifier.train(data.cards.flatMap((c) => [c.title, ...c.questions].map((q) => ({ tokens: this.analyzeText(q).folded, label: c.id }))));
    }
    if (data.english && englishVectors) {
      const englishOptions = { ...this.options, ...this.options.english };
      this.english = new KnowledgeIndex(
        { ...data, ...data.english, language: 'en', english: undefined },
        englishVectors,
        embeddings,
        englishOptions,
        undefined,
        {
          own: learned.english,
        },
      );
    }
  }

  /** The language this index answers in. */
  get language(): 'vi' | 'en' {
    return this.analyzer.language;
  }

  /** The index that answers in `language`: the English side for English when there is one, else this one. */
  forLanguage(language: string): KnowledgeIndex {
    return language === 'en' && this.english ? this.english : this;
  }

  /** The date to judge validity against, and the documents the question names. */
  private temporalContext(text: string, asOf: string): { asOf: string; refDate?: string; docs: string[] } {
    const numbers = documentNumbersMentioned(text, this.docNumbers);
    const docs = numbers.flatMap((n) => this.docsByNumber.get(n) ?? []);
    let refDate = dateMentioned(text);
    if (!refDate) {
      // Naming a replaced document ("theo QĐ 4800") asks about the time it applied.
      const old = docs
        .map((id) => this.documentsById.get(id))
        .find((d) => d?.status === 'superseded' && d.effective && /^\d{4}-\d{2}-\d{2}$/.test(d.effective));
      refDate = old?.effective ?? undefined;
    }
    return refDate && refDate < asOf ? { asOf: refDate, refDate, docs } : { asOf, docs };
  }

  /** Synonym groups the engine uses: the lexicon's plus one group per province (aliases → name). */
  static synonymsOf(kb: Pick<KnowledgeBase, 'lexicon'>): SynonymGroup[] {
    const provinceGroups = kb.lexicon.provinces.filter((p) => p.aliases.length > 0).map((p) => ({ canonical: p.name, variants: p.aliases }));
    return [...kb.lexicon.synonyms.map(({ canonical, variants }) => ({ canonical, variants })), ...provinceGroups];
  }

  /** Builds the whole index from validated content. */
  static async build(
    kb: KnowledgeBase,
    embeddings: IndexEmbeddings,
    options: Partial<SearchOptions> = {},
    onProgress?: (done: number, total: number) => void,
    passages: Passage[] = [],
  ): Promise<KnowledgeIndex> {
    const cards: CardRecord[] = kb.cards.map(({ file: _file, ...card }) => card);
    const synonyms = KnowledgeIndex.synonymsOf(kb);
    const lexicon = compileLexicon(synonyms);
    const stop = new Set(kb.lexicon.stopwords.flatMap((s) => analyze(s).tokens));
    const bm25 = cardBm25(cards, lexicon, stop, VIETNAMESE);
    const en = kb.lexicon.english;
    const englishCards = cards.filter((c) => c.languages.includes('en') && c.en && c.answer_en).map(englishVersion);
    let english: LanguageData | undefined;
    if (en && englishCards.length) {
      const enLexicon = compileLexicon(en.synonyms, ENGLISH);
      const enStop = new Set(en.stopwords.flatMap((s) => analyze(s, undefined, ENGLISH).tokens));
      english = {
        cards: englishCards,
        synonyms: en.synonyms,
        stopwords: en.stopwords,
        domain: en.domain,
        facets: en.facets,
        bm25: cardBm25(englishCards, enLexicon, enStop, ENGLISH),
      };
    }
    const pa: FieldTerms[] = [];
    const pf: FieldTerms[] = [];
    for (const p of passages) {
      const loc = contentTokens(p.location, lexicon, stop);
      const txt = contentTokens(p.text, lexicon, stop);
      pa.push({ questions: [], title: termsOf(loc.tokens), answer: termsOf(txt.tokens), tags: [] });
      pf.push({ questions: [], title: termsOf(loc.folded), answer: termsOf(txt.folded), tags: [] });
    }
    const passageBm25 = buildBm25(
      passages.map((_, i) => String(i)),
      pa,
      pf,
    );
    const data: IndexData = {
      cards,
      documents: [...kb.documents.values()],
      synonyms,
      stopwords: kb.lexicon.stopwords,
      domain: kb.lexicon.domain,
      facets: kb.lexicon.facets,
      provinces: kb.lexicon.provinces,
      levels: kb.levels,
      triage: kb.triage,
      conversation: kb.conversation,
      travel: kb.travel,
      bm25,
      passages,
      passageBm25,
      ...(english ? { english } : {}),
    };
    const index = new KnowledgeIndex(data, new HnswVectorStore(embeddings), embeddings, options, english ? new HnswVectorStore(embeddings) : undefined);
    const sides = [index, ...(index.english ? [index.english] : [])];
    const docs = sides.flatMap((side) =>
      side.data.cards.flatMap((c) =>
        [c.title, ...c.questions].map((text) => ({ side, doc: { pageContent: side.vectorText(text), metadata: { cardId: c.id } } })),
      ),
    );
    const batch = 64;
    for (let i = 0; i < docs.length; i += batch) {
      for (const side of sides) {
        const part: DocumentInterface[] = docs.slice(i, i + batch).flatMap((d) => (d.side === side ? [d.doc] : []));
        if (part.length) await side.vectors.addDocuments(part);
      }
      onProgress?.(Math.min(docs.length, i + batch), docs.length);
    }
    return index;
  }

  /** Tokens of a text after normalisation, lexicon rewriting and removal of filler words. */
  analyzeText(text: string): { tokens: string[]; folded: string[] } {
    return contentTokens(text, this.lexicon, this.stopwords, this.analyzer);
  }

  /** The text given to the embedder: folded, rewritten, without filler words. */
  vectorText(text: string): string {
    return this.analyzeText(text).folded.join(' ');
  }

  private queryTerms(tokens: string[]): QueryTerm[] {
    const weights = new Map<string, number>();
    for (const t of tokens) weights.set(t, 1);
    for (let i = 0; i + 1 < tokens.length; i++) weights.set(`${tokens[i]}_${tokens[i + 1]}`, this.options.bigramWeight);
    return [...weights].map(([term, weight]) => ({ term, weight }));
  }

  /** Lexical score per card index, normalised to about 0–1; accented fields count only for accented questions. */
  private lexicalScores({ tokens, folded }: { tokens: string[]; folded: string[] }, useAccents: boolean): Map<number, number> {
    const out = new Map<number, number>();
    if (folded.length === 0) return out;
    const o = this.options;
    const fold = scoreFamily(this.data.bm25, 'folded', this.queryTerms(folded), o);
    const acc = useAccents ? scoreFamily(this.data.bm25, 'accented', this.queryTerms(tokens), o) : undefined;
    const share = useAccents ? o.accentedShare : 0;
    const norm = (s: number, n: number): number => (n > 0 ? Math.min(s / n, o.lexicalCap) / o.lexicalCap : 0);
    for (const [doc, s] of fold.scores) out.set(doc, (1 - share) * norm(s, fold.norm));
    if (acc) {
      for (const [doc, s] of acc.scores) out.set(doc, (out.get(doc) ?? 0) + share * norm(s, acc.norm));
    }
    return out;
  }

  /** Passages of official texts that share words with the question, best first (lexical, accents ignored). */
  searchPassages(query: string, limit = 5): { passage: Passage; score: number }[] {
    const content = withoutFillers(analyze(String(query ?? '').slice(0, 500), this.lexicon, this.analyzer), this.stopwords);
    if (!this.data.passages?.length || content.folded.length === 0) return [];
    const fam = scoreFamily(this.data.passageBm25, 'folded', this.queryTerms(content.folded), this.options);
    return [...fam.scores]
      .map(([i, sc]) => ({ passage: this.data.passages[i]!, score: fam.norm ? sc / fam.norm / this.options.lexicalCap : 0 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /** Whether a question uses the guidance's own words, or looks like a look-alike ("que thử thai"). */
  /** Who a text is about, by facet group (`{ status: ['f1'], person: ['child'] }`). */
  facetsOf(text: string): Record<string, string[]> {
    return facetRecord(this.facetMatcher.read(analyze(text, this.lexicon, this.queryAnalyzer)));
  }

  domainOf(text: string): DomainReading {
    return readDomain(analyze(text, this.lexicon, this.queryAnalyzer), text, this.domainMatcher);
  }

  /**
   * Searches the cards and decides what to do with the question. A long message (a story with the question inside)
   * is also searched on its question sentences alone; the more confident reading wins.
   */
  async search(query: string, params: SearchParams = {}): Promise<SearchResult> {
    const focus = typeof query === 'string' ? questionSentences(query, this.language) : undefined;
    let result: SearchResult;
    if (!focus) result = await this.searchOnce(query, params);
    else {
      // Question sentences that ask about today, with no date of their own, read the story without its times ("Năm
      // 2022 anh em bị F0, phải cách ly ở nhà. Giờ nếu lại có người nhiễm thì…").
      const now = !dateMentioned(focus) && this.askedToday(focus);
      const whole = await this.searchOnce(now ? withoutTimes(query) : query, params);
      const part = await this.searchOnce(focus, params, whole);
      result = part.confidence > whole.confidence ? { ...part, query: whole.query } : whole;
    }
    if (params.otherQuestions === false || result.decision === 'out_of_scope' || typeof query !== 'string') return result;
    return this.withOtherQuestions(query, params, result);
  }

  /**
   * A message that asks two things: each question searched alone, in the domain of the whole message and about the
   * people it names itself (else those of the whole message). When the whole message is not answered with confidence
   * but one of its questions is, that question is answered; the others' cards are offered (`others`) when their
   * question alone finds them with at least the confidence to be offered as a choice.
   */
  private async withOtherQuestions(query: string, params: SearchParams, result: SearchResult): Promise<SearchResult> {
    const parts = askedQuestions(query.slice(0, 2000), this.language);
    if (parts.length < 2) return result;
    const found: SearchResult[] = [];
    for (const part of parts.slice(0, 4)) {
      const r = await this.searchOnce(part, { ...params, facets: { ...this.facetsOf(part), ...params.facets } }, result);
      if (r.decision !== 'out_of_scope' && r.hits[0]) found.push(r);
    }
    let main = result;
    if (result.decision !== 'answer') {
      // Only a message whose questions are each answered with confidence, by different cards, is taken apart; a
      // story with one question stays with the reading of the whole. A short message of two questions, one of them
      // answered with confidence by a card the whole message also offers, gets that answer (the other is offered).
      const answered = found.filter((r) => r.decision === 'answer');
      const distinct = new Set(answered.map((r) => r.hits[0]!.card.id)).size;
      const one =
        distinct === 1 &&
        result.decision === 'clarify' &&
        query.split(/\s+/).length <= this.options.shortMessageWords &&
        result.hits.slice(0, this.options.clarifyMax).some((h) => h.card.id === answered[0]!.hits[0]!.card.id);
      if (distinct < 2 && !one) return result;
      const best = [...answered].sort((a, b) => b.confidence - a.confidence)[0]!;
      main = { ...best, query: result.query };
    }
    const seen = new Set([main.hits[0]?.card.id]);
    const others: Hit[] = [];
    for (const r of found) {
      const top = r.hits[0]!;
      if (seen.has(top.card.id)) continue;
      seen.add(top.card.id);
      others.push(top);
      if (others.length === 2) break;
    }
    return others.length ? { ...main, others } : main;
  }

  /** The text asks about today in so many words: a word of `follow_up.now_cues` outside `follow_up.not_today` ("làm gì bây giờ" asks what to do at once). */
  private askedToday(text: string): boolean {
    const { now_cues, not_today } = this.data.conversation.follow_up;
    this.notToday ??= not_today.map((p) => foldVietnamese(normalizeVietnamese(p.toLowerCase())));
    let t = foldVietnamese(normalizeVietnamese(text.toLowerCase()));
    for (const p of this.notToday) t = t.split(p).join(' ');
    return hasWord(t, now_cues);
  }

  /** `follow_up.not_today` folded, once. */
  private notToday?: string[];

  private async searchOnce(query: string, params: SearchParams, whole?: Pick<SearchResult, 'domain' | 'facets' | 'refDate'>): Promise<SearchResult> {
    const o = this.options;
    const limit = params.limit ?? 5;
    const text = typeof query === 'string' ? query.slice(0, 2000) : '';
    let temporal = this.temporalContext(text, params.asOf ?? today());
    // A question sentence that points back to the time its whole message names ("Hồi tháng 1/2022 em định đi tàu… Lúc
    // đó có cần…") is asked about that time.
    if (!temporal.refDate && whole?.refDate && hasWord(text, this.data.conversation.follow_up.then_cues))
      temporal = { ...temporal, asOf: whole.refDate, refDate: whole.refDate };
    const { asOf, refDate, docs: mentionedDocs } = temporal;
    const analysis = analyze(text, this.lexicon, this.queryAnalyzer);
    const content = withoutFillers(analysis, this.stopwords);
    const lexical = this.lexicalScores(content, this.analyzer.accented(text));
    const vector = new Map<string, number>();
    const vtext = content.folded.join(' ');
    if (vtext) {
      const qv = await this.embeddings.embedQuery(vtext);
      for (const [doc, sim] of this.vectors.searchSync(qv, o.vectorK)) {
        const id = String(doc.metadata.cardId);
        if (sim > (vector.get(id) ?? -1)) vector.set(id, sim);
      }
    }
    // A question sentence keeps the domain and the people of its whole message ("covid", "vợ em mang thai" may be
    // said in the story before it).
    const domain = whole?.domain ?? readDomain(analysis, text, this.domainMatcher);
    const facets = whole ? new Map(Object.entries(whole.facets).map(([g, v]) => [g, new Set(v)])) : this.facetMatcher.read(analysis);
    for (const [group, values] of Object.entries(params.facets ?? {})) facets.set(group, new Set(values));
    const domainFactor =
      domain.offTopic && !domain.strongAsTyped
        ? o.offTopicFactor
        : domain.signal === 'strong'
          ? 1
          : domain.signal === 'weak'
            ? o.weakDomainFactor
            : o.noDomainFactor;
    const ids = this.data.bm25.ids;
    // Candidates: every card with a lexical or a vector score.
    const lexById = new Map<string, number>();
    for (const [i, s] of lexical) lexById.set(ids[i]!, s);
    const candidates: string[] = [...lexById.keys()];
    for (const id of vector.keys()) if (!lexById.has(id)) candidates.push(id);
    const learned = (params.learnedRanking !== false && this.classifier?.probabilities(content.folded)) || new Map<string, number>();
    const hits: Hit[] = [];
    /** Order of the cards with the classifier's vote, where it has one. */
    const rank = new Map<string, number>();
    for (const id of candidates) {
      const card = this.cardsById.get(id);
      if (!card) continue;
      const ruledOut = contradicts(facets, card.facets);
      if (ruledOut && o.facetMismatchFactor === 0) continue;
      const lex = lexById.get(id) ?? 0;
      const vec = Math.max(0, vector.get(id) ?? 0);
      const status = cardStatus(card, asOf);
      let fused = o.lexicalWeight * lex + (1 - o.lexicalWeight) * vec;
      if (mentionedDocs.length) {
        const cited = card.sources.findIndex((s) => mentionedDocs.includes(s.doc));
        if (cited === 0) fused += o.docMentionBoost;
        else if (cited > 0) fused += o.docMentionSecondaryBoost;
      }
      if (card.topic === 'myth') fused += domain.rumour ? o.rumourBoost : -o.rumourBoost;
      // A rule not in force on the date ranks lower, except the last rules of a period that ended as a whole
      // (COVID-19 in group B): nothing newer replaced them, they are the latest word on their subject.
      const endedWithPeriod = status === 'ended' && card.valid_to === this.periodEnd;
      // The same factors weigh the classifier's vote: a rule not in force ranks lower whoever ranks it.
      // Asked without a date, what applies today (topic "now") comes a little before the last rules of the period.
      const periodF = refDate ? 1 : endedWithPeriod ? o.undatedEndedFactor : card.topic === 'now' ? o.undatedNowFactor : 1;
      const factor = (status === 'current' || endedWithPeriod ? periodF : o.supersededPenalty) * domainFactor * (ruledOut ? o.facetMismatchFactor : 1);
      hits.push({ card, score: fused * factor, lexical: lex, vector: vec, status });
      const p = learned.get(id);
      if (p) rank.set(id, (fused + o.classifierWeight * p) * factor);
    }
    hits.sort((a, b) => b.score - a.score || a.card.id.localeCompare(b.card.id));
    const top = hits[0]?.score ?? 0;
    // Whether to answer, offer choices or decline is decided on the fused scores; the classifier then orders the
    // cards (it tells neighbours apart, but its probabilities always sum to one, even for a question no card answers).
    // A conversation already about COVID-19 (a follow-up read with the previous question) needs no domain word again
    // to be offered the closest cards; it is never answered on that account.
    const decision = this.decide(hits, params.inDomain && !domain.offTopic ? { ...domain, signal: 'strong' } : domain);
    if (rank.size) {
      const order = (h: Hit): number => rank.get(h.card.id) ?? h.score;
      hits.sort((a, b) => order(b) - order(a) || a.card.id.localeCompare(b.card.id));
    }
    // Asked about today in so many words ("bây giờ", "hiện nay"; `follow_up.now_cues`), with no date, and offered
    // choices whose best is a rule of the ended period: what applies today on its subject (`today_by_topic`) comes
    // first, the rule of the period right after it. (An answer stays: it opens with the period it applied to.)
    const first = hits[0];
    const todayId =
      !refDate && first && first.status === 'ended' && first.card.valid_to === this.periodEnd && this.askedToday(text)
        ? this.data.conversation.today_by_topic[first.card.topic]
        : undefined;
    const todayCard = todayId && todayId !== first?.card.id ? this.cardsById.get(todayId) : undefined;
    if (todayCard && first && decision === 'clarify') {
      const at = hits.findIndex((h) => h.card.id === todayCard.id);
      hits.unshift(at >= 0 ? hits.splice(at, 1)[0]! : { card: todayCard, score: first.score, lexical: 0, vector: 0, status: cardStatus(todayCard, asOf) });
    }
    return {
      query: text,
      asOf,
      refDate,
      mentionedDocs,
      domain,
      facets: facetRecord(facets),
      decision,
      confidence: Math.min(1, top),
      hits: hits.slice(0, Math.max(limit, o.clarifyMax)),
    };
  }

  /** Answer the best card, offer choices, or decline, from the ranked hits and the question's domain. */
  private decide(hits: readonly Hit[], domain: DomainReading): Decision {
    const o = this.options;
    const top = hits[0]?.score ?? 0;
    const second = hits[1]?.score ?? 0;
    // A question without any word of the domain needs a higher score even to be offered choices, where a language's
    // calibration says so (`noDomainOutOfScopeBelow`).
    if (top < (domain.signal === 'none' ? Math.max(o.outOfScopeBelow, o.noDomainOutOfScopeBelow) : o.outOfScopeBelow)) {
      const floor = domain.signal === 'strong' ? o.strongClarifyFloor : domain.signal === 'weak' ? o.weakClarifyFloor : Number.POSITIVE_INFINITY;
      return !domain.offTopic && top >= floor && hits.length > 1 ? 'clarify' : 'out_of_scope';
    }
    if (top - second < (top >= o.confidentAbove ? o.confidentMargin : o.clarifyMargin) && second >= o.outOfScopeBelow) return 'clarify';
    if (top < o.answerAbove && hits.length > 1) return 'clarify';
    return 'answer';
  }
}

function facetRecord(facets: ReadonlyMap<string, ReadonlySet<string>>): Record<string, string[]> {
  return Object.fromEntries([...facets].map(([g, v]) => [g, [...v].sort()]));
}

/** The English version of a card as a card record: English title, phrasings and answer; everything else shared. */
function englishVersion(card: CardRecord): CardRecord {
  return { ...card, title: card.en!.title, questions: card.en!.questions, answer: card.answer_en!, tags: [] };
}

/** BM25F over the cards' fields, in the accented and the folded family. */
function cardBm25(cards: CardRecord[], lexicon: Lexicon, stop: ReadonlySet<string>, analyzer: TextAnalyzer): Bm25Index {
  const accented: FieldTerms[] = [];
  const folded: FieldTerms[] = [];
  for (const c of cards) {
    const texts: Record<keyof FieldTerms, string[]> = { questions: c.questions, title: [c.title], answer: [plainText(c.answer)], tags: c.tags };
    const a = {} as FieldTerms;
    const f = {} as FieldTerms;
    for (const [field, list] of Object.entries(texts) as [keyof FieldTerms, string[]][]) {
      a[field] = [];
      f[field] = [];
      for (const t of list) {
        const an = contentTokens(t, lexicon, stop, analyzer);
        a[field].push(...termsOf(an.tokens));
        f[field].push(...termsOf(an.folded));
      }
    }
    accented.push(a);
    folded.push(f);
  }
  return buildBm25(
    cards.map((c) => c.id),
    accented,
    folded,
  );
}

/** Words an index knows, with how many cards use each: its indexed words and every word of its lexicon and fillers. */
function knownWords(data: Pick<IndexData, 'bm25' | 'synonyms' | 'stopwords' | 'domain'>, analyzer: TextAnalyzer): Map<string, number> {
  const known = new Map<string, number>();
  for (const [term, post] of Object.entries(data.bm25.families.folded.postings)) if (!term.includes('_')) known.set(term, post.length);
  const phrases = [
    ...data.synonyms.flatMap((g) => [g.canonical, ...g.variants]),
    ...data.stopwords,
    ...data.domain.strong,
    ...data.domain.weak,
    ...data.domain.off_topic,
    ...data.domain.rumour_cues,
  ];
  for (const p of phrases) for (const t of analyzer.tokens(p)) if (!known.has(t)) known.set(t, 1);
  return known;
}
