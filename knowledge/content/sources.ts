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

/** Splits one document's text into located passages. */
export async function splitDocument(doc: string, text: string, maxChars = 800): Promise<Passage[]> {
  const lines = text.replace(/<!--[\s\S]*?-->/g, '').replace(/\r\n?/g, '\n').split('\n');
  const pos: Position = {};
  const raw: { location: string; lines: string[] }[] = [];
  const start = () => raw.push({ location: locationOf(pos), lines: [] });
  start();
  for (const line of lines) {
    const t = line.trim().replace(/^#+\s*/, '');
    let m: RegExpExecArray | null;
    if ((m = /^Chương\s+([IVXLC\d]+)\b/i.exec(t))) {
      Object.assign(pos, { chapter: `Chương ${m[1]}`, section: undefined, article: undefined, clause: undefined, point: undefined });
      start();
    } else if ((m = /^Mục\s+(\d+)\b/i.exec(t))) {
      Object.assign(pos, { section: `Mục ${m[1]}`, article: undefined, clause: undefined, point: undefined });
      start();
    } else if ((m = /^Điều\s+(\d+[a-z]?)\b/i.exec(t))) {
      Object.assign(pos, { article: `Điều ${m[1]}`, clause: undefined, point: undefined });
      start();
    } else if (pos.article && (m = /^(\d+)\.\s/.exec(t))) {
      Object.assign(pos, { clause: m[1], point: undefined });
      start();
    } else if (pos.clause && (m = /^([a-zđ])\)\s/.exec(t))) {
      pos.point = m[1];
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
export async function loadSources(root: string, knownDocs: ReadonlySet<string>, dir = join(root, 'sources')): Promise<{ passages: Passage[]; problems: ContentProblem[] }> {
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
