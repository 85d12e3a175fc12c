/**
 * Loads and validates the content files. Every problem is reported with its file, line and field, and loading
 * never throws on bad content: callers get the list of problems and decide (the CLI exits 1, the server keeps
 * the index it has).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { foldVietnamese, normalizeVietnamese } from '../text/vietnamese';
import {
  CardFrontMatterSchema,
  EN_ANSWER_MARKER,
  CardSchema,
  DocumentRegisterSchema,
  LevelRowSchema,
  LexiconSchema,
  TriageSchema,
  type TriageBasis,
  ConversationSchema,
  TravelRulesSchema,
  type Card,
  type Conversation,
  type TravelRules,
  type LevelRow,
  type LexiconFile,
  type OfficialDocument,
  type TriageRules,
} from './schema';

/** One problem in one content file. */
export interface ContentProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** A card as loaded: the validated content plus where it came from. */
export interface LoadedCard extends Card {
  file: string;
}

export interface KnowledgeBase {
  root: string;
  documents: Map<string, OfficialDocument>;
  cards: LoadedCard[];
  lexicon: LexiconFile;
  levels: LevelRow[];
  triage: TriageRules;
  conversation: Conversation;
  travel: TravelRules;
}

export interface LoadResult<T> {
  value?: T;
  problems: ContentProblem[];
}

/** Parses YAML text and validates it; `lineOffset` shifts line numbers (front matter starts on line 2). */
export function parseYaml<S extends z.ZodType>(text: string, schema: S, file: string, lineOffset = 0): LoadResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const problems: ContentProblem[] = [];
  for (const err of doc.errors) {
    const line = err.linePos?.[0]?.line;
    problems.push({ file, line: line ? line + lineOffset : undefined, message: `YAML không hợp lệ: ${err.message.split('\n')[0]}` });
  }
  if (problems.length) return { problems };
  const data: unknown = doc.toJS();
  const parsed = schema.safeParse(data);
  if (parsed.success) return { value: parsed.data, problems };
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let node: unknown = path.length ? doc.getIn(path, true) : doc.contents;
    // A missing key has no node: point at its parent instead.
    for (let k = path.length - 1; !isNode(node) && k >= 0; k--) node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
    const offset = isNode(node) && node.range ? node.range[0] : undefined;
    const line = offset !== undefined ? lineCounter.linePos(offset).line + lineOffset : undefined;
    problems.push({ file, line, field: path.join('.') || undefined, message: issue.message });
  }
  return { problems };
}

function readText(file: string, display: string, problems: ContentProblem[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file: display, message: `Không đọc được tệp: ${(e as Error).message}` });
    return undefined;
  }
}

function loadYaml<S extends z.ZodType>(file: string, schema: S, problems: ContentProblem[]): z.infer<S> | undefined {
  const display = relative(process.cwd(), file) || file;
  const text = readText(file, display, problems);
  if (text === undefined) return undefined;
  const r = parseYaml(text, schema, display);
  problems.push(...r.problems);
  return r.value;
}

/** Parses one card file: YAML front matter between `---` lines, then the Markdown answer. */
export function parseCard(text: string, file: string): LoadResult<Card> {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalized);
  if (!m) {
    return { problems: [{ file, line: 1, message: 'Thiếu phần đầu YAML (mở và đóng bằng dòng ---)' }] };
  }
  const front = m[1]!;
  const body = m[2]!;
  const fm = parseYaml(front, CardFrontMatterSchema, file, 1);
  if (!fm.value) return { problems: fm.problems };
  const bodyLine = front.split('\n').length + 3;
  // The English answer, when the card has one, follows a line of its own: <!-- en -->.
  const lines = body.split('\n');
  const marker = lines.findIndex((line) => line.trim() === EN_ANSWER_MARKER);
  const [vi, en] = marker < 0 ? [body, undefined] : [lines.slice(0, marker).join('\n'), lines.slice(marker + 1).join('\n')];
  const card = CardSchema.safeParse({ ...fm.value, answer: vi.trim(), ...(en === undefined ? {} : { answer_en: en.trim() }) });
  if (card.success) return { value: card.data, problems: [] };
  return {
    problems: card.error.issues.map((i) => ({
      file,
      line: i.path[0] === 'answer' ? bodyLine : i.path[0] === 'answer_en' && marker >= 0 ? bodyLine + marker + 1 : undefined,
      field: i.path.join('.'),
      message: i.message,
    })),
  };
}

/** Minimal RFC 4180 CSV: quoted fields, doubled quotes, CRLF. Returns rows with their line numbers. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

const LEVEL_COLUMNS = ['province', 'level', 'valid_from', 'valid_to', 'source', 'sample'] as const;

/** Parses the province level table (CSV with a header row). */
export function parseLevels(text: string, file: string): LoadResult<LevelRow[]> {
  // Lines starting with "#" are notes for the content team.
  const rows = parseCsv(text).filter((r) => !(r.cells.length && r.cells[0]!.trim().startsWith('#')));
  const problems: ContentProblem[] = [];
  const header = rows.shift();
  if (!header || LEVEL_COLUMNS.some((c, i) => header.cells[i]?.trim() !== c)) {
    return { problems: [{ file, line: 1, message: `Dòng tiêu đề phải là: ${LEVEL_COLUMNS.join(',')}` }] };
  }
  const out: LevelRow[] = [];
  for (const row of rows) {
    const obj = Object.fromEntries(LEVEL_COLUMNS.map((c, i) => [c, (row.cells[i] ?? '').trim()]));
    const parsed = LevelRowSchema.safeParse(obj);
    if (parsed.success) out.push(parsed.data);
    else for (const i of parsed.error.issues) problems.push({ file, line: row.line, field: i.path.join('.'), message: i.message });
  }
  return problems.length ? { problems } : { value: out, problems };
}

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, ext));
    else if (name.endsWith(ext)) out.push(full);
  }
  return out;
}

/** Key used to find the same question on two cards: case, accents and punctuation ignored. */
export function questionKey(q: string): string {
  return foldVietnamese(normalizeVietnamese(q))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Loads the whole knowledge base under `root` and checks references between files:
 * unknown or duplicate ids, dangling follow-ups, cards without known sources, duplicate questions.
 */
export function loadKnowledgeBase(root: string): LoadResult<KnowledgeBase> {
  const problems: ContentProblem[] = [];
  const rel = (f: string): string => relative(process.cwd(), f) || f;

  const docsFile = join(root, 'documents.yaml');
  const docsText = readText(docsFile, rel(docsFile), problems);
  const docs = docsText === undefined ? undefined : parseYaml(docsText, DocumentRegisterSchema, rel(docsFile));
  problems.push(...(docs?.problems ?? []));
  const documents = new Map<string, OfficialDocument>();
  for (const d of docs?.value?.documents ?? []) {
    if (documents.has(d.id)) problems.push({ file: rel(docsFile), field: 'id', message: `Trùng id văn bản "${d.id}"` });
    documents.set(d.id, d);
  }
  for (const d of documents.values()) {
    const field = (f: string): string => `${d.id}.${f}`;
    if (d.superseded_by && !documents.has(d.superseded_by))
      problems.push({ file: rel(docsFile), field: field('superseded_by'), message: `Không có văn bản "${d.superseded_by}"` });
    if (d.ended_by && !documents.has(d.ended_by)) problems.push({ file: rel(docsFile), field: field('ended_by'), message: `Không có văn bản "${d.ended_by}"` });
    if (d.status === 'superseded' && !d.superseded_by)
      problems.push({ file: rel(docsFile), field: field('superseded_by'), message: 'Văn bản đã bị thay thế phải ghi văn bản thay nó' });
    if (d.status === 'ended' && !d.ended_by)
      problems.push({ file: rel(docsFile), field: field('ended_by'), message: 'Văn bản đã hết hiệu lực phải ghi văn bản chấm dứt nó (ended_by)' });
    if (d.status !== 'in_force' && !d.valid_to)
      problems.push({ file: rel(docsFile), field: field('valid_to'), message: 'Văn bản không còn hiệu lực phải ghi ngày cuối áp dụng (valid_to)' });
  }

  const lexFile = join(root, 'lexicon.yaml');
  const lexText = readText(lexFile, rel(lexFile), problems);
  const lex = lexText === undefined ? undefined : parseYaml(lexText, LexiconSchema, rel(lexFile));
  problems.push(...(lex?.problems ?? []));
  // English facet words name the same groups and values as the Vietnamese ones.
  for (const [group, values] of Object.entries(lex?.value?.english?.facets ?? {})) {
    for (const v of Object.keys(values))
      if (!lex?.value?.facets[group]?.[v])
        problems.push({ file: rel(lexFile), field: `english.facets.${group}.${v}`, message: `Không có "${group}.${v}" trong facets tiếng Việt` });
  }

  const cards: LoadedCard[] = [];
  const byId = new Map<string, LoadedCard>();
  for (const file of listFiles(join(root, 'cards'), '.md')) {
    const text = readText(file, rel(file), problems);
    if (text === undefined) continue;
    const parsed = parseCard(text, rel(file));
    problems.push(...parsed.problems);
    if (!parsed.value) continue;
    const card: LoadedCard = { ...parsed.value, file: rel(file) };
    const other = byId.get(card.id);
    if (other) {
      problems.push({ file: card.file, field: 'id', message: `Trùng id "${card.id}" với ${other.file}` });
      continue;
    }
    byId.set(card.id, card);
    cards.push(card);
  }

  const seenQuestions = new Map<string, string>();
  for (const card of cards) {
    if (!card.id.startsWith(`${card.topic}-`)) {
      problems.push({ file: card.file, field: 'id', message: `id phải bắt đầu bằng chủ đề "${card.topic}-"` });
    }
    card.sources.forEach((s, i) => {
      if (!documents.has(s.doc)) problems.push({ file: card.file, field: `sources.${i}.doc`, message: `Văn bản "${s.doc}" không có trong documents.yaml` });
    });
    card.follow_ups.forEach((f, i) => {
      if (!byId.has(f)) problems.push({ file: card.file, field: `follow_ups.${i}`, message: `Không có thẻ "${f}"` });
      if (f === card.id) problems.push({ file: card.file, field: `follow_ups.${i}`, message: 'Thẻ không được gợi ý chính nó' });
    });
    for (const [group, values] of Object.entries(card.facets)) {
      const known = lex?.value?.facets[group];
      if (!known) problems.push({ file: card.file, field: `facets.${group}`, message: `Không có nhóm đặc điểm "${group}" trong lexicon.yaml (facets)` });
      else
        for (const v of values)
          if (!known[v])
            problems.push({ file: card.file, field: `facets.${group}`, message: `Nhóm "${group}" không có giá trị "${v}" (lexicon.yaml, facets)` });
    }
    if (card.superseded_by && !byId.has(card.superseded_by)) {
      problems.push({ file: card.file, field: 'superseded_by', message: `Không có thẻ "${card.superseded_by}"` });
    }
    if (card.valid_to && !card.superseded_by && !card.ended_by) {
      problems.push({
        file: card.file,
        field: 'superseded_by',
        message: 'Thẻ có valid_to phải chỉ ra thẻ nêu quy định mới (superseded_by) hoặc văn bản chấm dứt nó (ended_by)',
      });
    }
    if (card.ended_by && !documents.has(card.ended_by)) {
      problems.push({ file: card.file, field: 'ended_by', message: `Văn bản "${card.ended_by}" không có trong documents.yaml` });
    }
    // A rule whose every document has stopped applying cannot be presented as current.
    const docsOf = card.sources.map((s) => documents.get(s.doc)).filter((d): d is OfficialDocument => !!d);
    if (!card.valid_to && docsOf.length > 0 && docsOf.every((d) => d.status !== 'in_force')) {
      problems.push({
        file: card.file,
        field: 'valid_to',
        message: `Mọi văn bản nguồn đã hết hiệu lực (${docsOf.map((d) => d.number).join(', ')}): thẻ cần valid_to`,
      });
    }
    if (card.valid_to && card.valid_to < card.valid_from) {
      problems.push({ file: card.file, field: 'valid_to', message: 'valid_to đứng trước valid_from' });
    }
    card.questions.forEach((q, i) => {
      const key = questionKey(q);
      const owner = seenQuestions.get(key);
      if (owner && owner !== card.id) {
        problems.push({ file: card.file, field: `questions.${i}`, message: `Câu hỏi "${q}" đã có ở thẻ "${owner}"` });
      } else seenQuestions.set(key, card.id);
    });
  }

  const levelsFile = join(root, 'levels.csv');
  const levelsText = readText(levelsFile, rel(levelsFile), problems);
  const levels = levelsText === undefined ? undefined : parseLevels(levelsText, rel(levelsFile));
  problems.push(...(levels?.problems ?? []));
  if (lex?.value && levels?.value) {
    const provinceIds = new Set(lex.value.provinces.map((p) => p.id));
    for (const row of levels.value) {
      if (!provinceIds.has(row.province))
        problems.push({ file: rel(levelsFile), field: 'province', message: `Không có tỉnh "${row.province}" trong lexicon.yaml` });
      // Nothing invented reaches a citizen: sample levels live in test fixtures only.
      if (row.sample === 'yes')
        problems.push({
          file: rel(levelsFile),
          field: 'sample',
          message: `Dòng số liệu mẫu (${row.province}, ${row.valid_from}): chỉ được để trong test/fixtures`,
        });
    }
  }

  const triageFile = join(root, 'triage.yaml');
  const triageText = readText(triageFile, rel(triageFile), problems);
  const triage = triageText === undefined ? undefined : parseYaml(triageText, TriageSchema, rel(triageFile));
  problems.push(...(triage?.problems ?? []));
  if (triage?.value) {
    if (!documents.has(triage.value.source))
      problems.push({ file: rel(triageFile), field: 'source', message: `Văn bản "${triage.value.source}" không có trong documents.yaml` });
    if (!byId.has(triage.value.card)) problems.push({ file: rel(triageFile), field: 'card', message: `Không có thẻ "${triage.value.card}"` });
    const t = triage.value;
    const bases: [string, TriageBasis][] = [
      ...t.signs.map((s, i): [string, TriageBasis] => [`signs.${i}.basis`, s.basis]),
      ...Object.entries(t.measures).map(([name, m]): [string, TriageBasis] => [`measures.${name}.basis`, m.basis]),
      ...t.measures.breathing.by_age.map((b, i): [string, TriageBasis] => [`measures.breathing.by_age.${i}.basis`, b.basis]),
    ];
    for (const [field, basis] of bases) {
      if ('doc' in basis && !documents.has(basis.doc))
        problems.push({ file: rel(triageFile), field, message: `Văn bản "${basis.doc}" không có trong documents.yaml` });
    }
  }

  const conversation = loadYaml(join(root, 'conversation.yaml'), ConversationSchema, problems);
  if (conversation?.today_card && !byId.has(conversation.today_card))
    problems.push({ file: rel(join(root, 'conversation.yaml')), field: 'today_card', message: `Không có thẻ "${conversation.today_card}"` });
  for (const [topic, id] of Object.entries(conversation?.today_by_topic ?? {})) {
    const field = `today_by_topic.${topic}`;
    if (!byId.has(id)) problems.push({ file: rel(join(root, 'conversation.yaml')), field, message: `Không có thẻ "${id}"` });
    else if (byId.get(id)!.valid_to)
      problems.push({ file: rel(join(root, 'conversation.yaml')), field, message: `Thẻ "${id}" có ngày hết áp dụng: không phải thẻ về hôm nay` });
  }
  conversation?.menu.forEach((m, i) => {
    if ('card' in m && !byId.has(m.card))
      problems.push({ file: rel(join(root, 'conversation.yaml')), field: `menu.${i}.card`, message: `Không có thẻ "${m.card}"` });
  });
  const travel = loadYaml(join(root, 'travel-rules.yaml'), TravelRulesSchema, problems);
  travel?.rules.forEach((r, i) => {
    const file = rel(join(root, 'travel-rules.yaml'));
    if (!byId.has(r.card)) problems.push({ file, field: `rules.${i}.card`, message: `Không có thẻ "${r.card}"` });
    r.sources.forEach((d, k) => {
      if (!documents.has(d)) problems.push({ file, field: `rules.${i}.sources.${k}`, message: `Văn bản "${d}" không có trong documents.yaml` });
    });
    const ended = r.sources.map((d) => documents.get(d)).filter((d): d is OfficialDocument => !!d && d.status !== 'in_force');
    if (!r.valid_to && ended.length === r.sources.length) {
      problems.push({
        file,
        field: `rules.${i}.valid_to`,
        message: `Văn bản của quy tắc đã hết hiệu lực (${ended.map((d) => d.number).join(', ')}): quy tắc cần valid_to`,
      });
    }
  });

  if (problems.length || !lex?.value || !levels?.value || !triage?.value || !conversation || !travel) return { problems };
  return {
    value: { root, documents, cards, lexicon: lex.value, levels: levels.value, triage: triage.value, conversation, travel },
    problems,
  };
}

/** Words that show a card hedges an uncertain fact instead of stating it as certain. */
const HEDGES = [
  'chưa xác minh',
  'chưa rõ',
  'chưa chắc',
  'chưa tìm thấy',
  'một số nguồn',
  'theo thông tin báo chí',
  'có thể',
  'nên hỏi',
  'chưa được xác nhận',
  'chưa có văn bản',
];

/**
 * Warnings that do not stop a build: a card resting on a fact marked [?] (confidence uncertain) whose answer does not
 * hedge, and a card without the facts-sheet sections it rests on.
 */
export function contentWarnings(kb: KnowledgeBase): ContentProblem[] {
  const out: ContentProblem[] = [];
  for (const card of kb.cards) {
    const text = normalizeVietnamese(card.answer.toLowerCase());
    if (card.confidence === 'uncertain' && !HEDGES.some((h) => text.includes(h))) {
      out.push({
        file: card.file,
        field: 'answer',
        message: `Thẻ dựa trên dữ kiện chưa chắc chắn ([?]) nhưng câu trả lời không nói rõ điều đó (ví dụ: "${HEDGES[0]}", "${HEDGES[1]}")`,
      });
    }
    if (!card.facts.length || !card.confidence)
      out.push({ file: card.file, field: 'facts', message: 'Thẻ chưa ghi mục dữ kiện (facts) và độ tin cậy (confidence)' });
  }
  return out;
}
