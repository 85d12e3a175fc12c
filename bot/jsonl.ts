/** JSON Lines files: the gaps and turn records of a deployment without Redis. */
import { readFile } from 'node:fs/promises';

/** Reads a JSONL file; missing files and unreadable lines are skipped. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // skip
    }
  }
  return out;
}
