/**
 * Cards to and from spreadsheets (CSV or Excel), for content teams that work in Excel.
 * Columns: id, topic, title, questions (one per line), answer, sources ("doc | section", one per line or ";"),
 * valid_from, valid_to, and optionally superseded_by, ended_by, facts, confidence, follow_ups, tags, facets (one group per
 * line: "status: f0, f1").
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { parseCsv, type ContentProblem, type KnowledgeBase, type LoadedCard } from './load';
import { CardSchema, EN_ANSWER_MARKER, type Card } from './schema';

export const CARD_COLUMNS = [
  'id',
  'topic',
  'title',
  'questions',
  'answer',
  'sources',
  'valid_from',
  'valid_to',
  'superseded_by',
  'ended_by',
  'facts',
  'confidence',
  'follow_ups',
  'tags',
  'facets',
  'languages',
  'title_en',
  'questions_en',
  'answer_en',
] as const;
const REQUIRED = ['id', 'topic', 'title', 'questions', 'answer', 'sources', 'valid_from'];

export type Row = Record<string, string>;

/** Reads rows from a .csv or .xlsx file; `line` is the spreadsheet row number (header = 1). */
export async function readRows(file: string): Promise<{ line: number; row: Row }[]> {
  let table: { line: number; cells: string[] }[];
  if (/\.xlsx$/i.test(file)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    table = [];
    ws?.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        cells[col - 1] =
          v instanceof Date
            ? v.toISOString().slice(0, 10)
            : v === null || v === undefined
              ? ''
              : typeof v === 'object' && 'text' in v
                ? String(v.text)
                : String(v);
      });
      table.push({ line: n, cells: Array.from(cells, (c) => c ?? '') });
    });
  } else {
    // Rows are numbered as a spreadsheet shows them (a quoted cell may span several text lines).
    table = parseCsv(await readFile(file, 'utf8')).map((r, i) => ({ line: i + 1, cells: r.cells }));
  }
  const header = table.shift();
  if (!header) return [];
  const names = header.cells.map((c) => c.trim().toLowerCase());
  return table.map(({ line, cells }) => ({ line, row: Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()])) }));
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n|;/)
    .map((x) => x.trim())
    .filter(Boolean);

/** One entry per line, for cells whose entries may themselves contain ";" (phrasings, sources). */
const perLine = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter(Boolean);

/** One row → a validated card, or the problems of that row. */
export function rowToCard(row: Row, file: string, line: number): { card?: Card; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  for (const col of REQUIRED) if (!row[col]) problems.push({ file, line, field: col, message: 'Thiếu giá trị' });
  if (problems.length) return { problems };
  const candidate = {
    id: row.id,
    topic: row.topic,
    title: row.title,
    questions: perLine(row.questions),
    // One source per line: a section may itself contain ";" ("Tiêu chí triệu chứng nhẹ; dấu hiệu cảnh báo").
    sources: perLine(row.sources).map((s) => {
      const [doc, ...section] = s.split('|').map((x) => x.trim());
      return section.length && section.join('|') ? { doc, section: section.join(' | ') } : { doc };
    }),
    valid_from: row.valid_from,
    ...(row.valid_to ? { valid_to: row.valid_to } : {}),
    ...(row.superseded_by ? { superseded_by: row.superseded_by } : {}),
    ...(row.ended_by ? { ended_by: row.ended_by } : {}),
    facts: lines(row.facts),
    ...(row.confidence ? { confidence: row.confidence } : {}),
    follow_ups: lines(row.follow_ups),
    tags: lines(row.tags),
    facets: Object.fromEntries(
      lines(row.facets).map((l) => {
        const [group = '', values = ''] = l.split(':');
        return [
          group.trim(),
          values
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        ];
      }),
    ),
    answer: row.answer,
    ...(row.languages ? { languages: lines(row.languages.replace(/,/g, '\n')) } : {}),
    ...(row.title_en || row.questions_en ? { en: { title: row.title_en ?? '', questions: perLine(row.questions_en) } } : {}),
    ...(row.answer_en ? { answer_en: row.answer_en } : {}),
  };
  const parsed = CardSchema.safeParse(candidate);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => ({ file, line, field: i.path.join('.'), message: i.message })) };
  return { card: parsed.data, problems };
}

/** Checks references of imported cards against the knowledge base (documents, follow-ups, duplicates in the file). */
export function checkReferences(cards: { card: Card; line: number }[], kb: KnowledgeBase, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ids = new Set([...kb.cards.map((c) => c.id), ...cards.map((c) => c.card.id)]);
  const seen = new Map<string, number>();
  for (const { card, line } of cards) {
    if (seen.has(card.id)) problems.push({ file, line, field: 'id', message: `Trùng id "${card.id}" với dòng ${seen.get(card.id)}` });
    seen.set(card.id, line);
    if (!card.id.startsWith(`${card.topic}-`)) problems.push({ file, line, field: 'id', message: `id phải bắt đầu bằng chủ đề "${card.topic}-"` });
    card.sources.forEach((s, i) => {
      if (!kb.documents.has(s.doc)) problems.push({ file, line, field: `sources.${i}`, message: `Văn bản "${s.doc}" không có trong documents.yaml` });
    });
    if (card.ended_by && !kb.documents.has(card.ended_by))
      problems.push({ file, line, field: 'ended_by', message: `Văn bản "${card.ended_by}" không có trong documents.yaml` });
    for (const f of [...card.follow_ups, ...(card.superseded_by ? [card.superseded_by] : [])]) {
      if (!ids.has(f)) problems.push({ file, line, field: 'follow_ups', message: `Không có thẻ "${f}"` });
    }
    for (const [group, values] of Object.entries(card.facets)) {
      for (const v of values)
        if (!kb.lexicon.facets[group]?.[v]) problems.push({ file, line, field: 'facets', message: `Không có đặc điểm "${group}: ${v}" trong lexicon.yaml` });
    }
  }
  return problems;
}

/** The Markdown file of a card: YAML front matter, then the answer. */
export function cardToMarkdown(card: Card): string {
  const { answer, answer_en, ...front } = card;
  const fm: Record<string, unknown> = { ...front };
  if (!card.follow_ups.length) delete fm.follow_ups;
  if (!card.tags.length) delete fm.tags;
  if (!card.facts.length) delete fm.facts;
  if (!Object.keys(card.facets).length) delete fm.facets;
  if (card.languages.length === 1 && card.languages[0] === 'vi') delete fm.languages;
  const english = answer_en ? `\n${EN_ANSWER_MARKER}\n${answer_en.trim()}\n` : '';
  return `---\n${stringify(fm, { lineWidth: 0 }).trimEnd()}\n---\n${answer.trim()}\n${english}`;
}

export async function writeCards(root: string, cards: Card[]): Promise<string[]> {
  const files: string[] = [];
  for (const card of cards) {
    const file = join(root, 'cards', card.topic, `${card.id}.md`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, cardToMarkdown(card));
    files.push(file);
  }
  return files;
}

export function cardToRow(card: LoadedCard | Card): Row {
  return {
    id: card.id,
    topic: card.topic,
    title: card.title,
    questions: card.questions.join('\n'),
    answer: card.answer,
    sources: card.sources.map((s) => (s.section ? `${s.doc} | ${s.section}` : s.doc)).join('\n'),
    valid_from: card.valid_from,
    valid_to: card.valid_to ?? '',
    superseded_by: card.superseded_by ?? '',
    ended_by: card.ended_by ?? '',
    facts: card.facts.join('\n'),
    confidence: card.confidence ?? '',
    follow_ups: card.follow_ups.join('\n'),
    tags: card.tags.join('\n'),
    facets: Object.entries(card.facets)
      .map(([group, values]) => `${group}: ${values.join(', ')}`)
      .join('\n'),
    languages: card.languages.join('\n'),
    title_en: card.en?.title ?? '',
    questions_en: card.en?.questions.join('\n') ?? '',
    answer_en: card.answer_en ?? '',
  };
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function writeRows(file: string, rows: Row[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  if (/\.xlsx$/i.test(file)) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('cards');
    ws.columns = CARD_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'answer' ? 80 : c === 'questions' ? 50 : 20 }));
    for (const r of rows) ws.addRow(r);
    ws.getColumn('answer').alignment = { wrapText: true, vertical: 'top' };
    ws.getColumn('questions').alignment = { wrapText: true, vertical: 'top' };
    await wb.xlsx.writeFile(file);
    return;
  }
  const text = [CARD_COLUMNS.join(','), ...rows.map((r) => CARD_COLUMNS.map((c) => csvCell(r[c] ?? '')).join(','))].join('\r\n');
  await writeFile(file, `\uFEFF${text}\r\n`);
}
