/**
 * Texts of official documents (`knowledge/sources/<document-id>.md|.txt`), split where the law splits them:
 * chapters (Chương), sections (Mục), articles (Điều), clauses (khoản, "1.") and points (điểm, "a)"). Each passage
 * keeps its exact location ("Điều 2, khoản 2, điểm b") so staff can cite it. Long passages are cut further with
 * LangChain's RecursiveCharacterTextSplitter.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { ContentProblem } from './load';

export interface Passage {
  doc: string;
  /** "Chương II › Điều 2, khoản 2, điểm b". */
  location: string;
  text: string;
}

interface Position {
  chapter?: string;
  section?: string;
  article?: string;
  clause?: string;
  point?: string;
}

function locationOf(p: Position): string {
  const head = [p.chapter, p.section].filter(Boolean).join(' › ');
  const tail = [p.article, p.clause && `khoản ${p.clause}`, p.point && `điểm ${p.point}`].filter(Boolean).join(', ');
  return [head, tail].filter(Boolean).join(' › ') || 'Phần mở đầu';
}

/** Headings that open a new passage, from the largest unit down; each resets the units below it. */
const HEADINGS: { pattern: RegExp; applies: (pos: Position) => boolean; position: (n: string) => Position }[] = [
  {
    pattern: /^Chương\s+([IVXLC\d]+)\b/i,
    applies: () => true,
    position: (n) => ({ chapter: `Chương ${n}`, section: undefined, article: undefined, clause: undefined, point: undefined }),
  },
  { pattern: /^Mục\s+(\d+)\b/i, applies: () => true, position: (n) => ({ section: `Mục ${n}`, article: undefined, clause: undefined, point: undefined }) },
  { pattern: /^Điều\s+(\d+[a-z]?)\b/i, applies: () => true, position: (n) => ({ article: `Điều ${n}`, clause: undefined, point: undefined }) },
  { pattern: /^(\d+)\.\s/, applies: (pos) => Boolean(pos.article), position: (n) => ({ clause: n, point: undefined }) },
  { pattern: /^([a-zđ])\)\s/, applies: (pos) => Boolean(pos.clause), position: (n) => ({ point: n }) },
];

/** Splits one document's text into located passages. */
export async function splitDocument(doc: string, text: string, maxChars = 800): Promise<Passage[]> {
  const lines = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const pos: Position = {};
  const raw: { location: string; lines: string[] }[] = [];
  const start = () => raw.push({ location: locationOf(pos), lines: [] });
  start();
  for (const line of lines) {
    const t = line.trim().replace(/^#+\s*/, '');
    const heading = HEADINGS.find((h) => h.applies(pos) && h.pattern.test(t));
    if (heading) {
      Object.assign(pos, heading.position(heading.pattern.exec(t)![1]!));
      start();
    }
    if (t) raw[raw.length - 1]!.lines.push(t);
  }
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: maxChars, chunkOverlap: 80, separators: ['\n', '. ', '; ', ' ', ''] });
  const out: Passage[] = [];
  for (const r of raw) {
    const body = r.lines.join('\n').trim();
    if (!body) continue;
    const chunks = body.length > maxChars ? await splitter.splitText(body) : [body];
    for (const c of chunks) out.push({ doc, location: r.location, text: c });
  }
  return out;
}

/** Every passage of every source file under `<root>/sources` (or `dir`). Unknown document ids are problems. */
export async function loadSources(
  root: string,
  knownDocs: ReadonlySet<string>,
  dir = join(root, 'sources'),
): Promise<{ passages: Passage[]; problems: ContentProblem[] }> {
  const passages: Passage[] = [];
  const problems: ContentProblem[] = [];
  if (!existsSync(dir)) return { passages, problems };
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(md|txt)$/i.test(name)) continue;
    const doc = basename(name, extname(name));
    const file = relative(process.cwd(), join(dir, name));
    if (!knownDocs.has(doc)) {
      problems.push({ file, message: `Tên tệp phải là id một văn bản trong documents.yaml ("${doc}" không có)` });
      continue;
    }
    passages.push(...(await splitDocument(doc, readFileSync(join(dir, name), 'utf8'))));
  }
  return { passages, problems };
}
