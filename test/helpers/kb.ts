import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The shipped knowledge base. */
export const KB_DIR = resolve(__dirname, '../../knowledge');

/** A throw-away copy of the knowledge base that a test may break. */
export function copyKnowledgeBase(): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kb-'));
  const dir = join(root, 'knowledge');
  cpSync(KB_DIR, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A fixed as-of date so results do not drift with the calendar. */
export const AS_OF = '2026-11-26';
