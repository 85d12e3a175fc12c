import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKnowledgeBase } from '../../../knowledge/content/load';
import { cardToRow, readRows, rowToCard, writeRows } from '../../../knowledge/content/spreadsheet';
import { KB_DIR, copyKnowledgeBase } from '../../helpers/kb';

const kbCli = (args: string[], env: NodeJS.ProcessEnv) => {
  try {
    return {
      code: 0,
      out: execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/kb.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' }),
    };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
};

describe('spreadsheets', () => {
  it.each(['xlsx', 'csv'])(
    'export then import (%s) round-trips every card',
    async (ext) => {
      const kb = copyKnowledgeBase();
      try {
        const before = loadKnowledgeBase(kb.dir).value!.cards.map(({ file: _f, ...c }) => c);
        const file = join(kb.dir, '..', `cards.${ext}`);
        await writeRows(file, before.map(cardToRow));
        const rows = await readRows(file);
        expect(rows).toHaveLength(before.length);
        const cards = rows.map(({ row, line }) => rowToCard(row, file, line).card!);
        expect(cards).toEqual(before);
        const r = kbCli(['import', file], { KB_DIR: kb.dir });
        expect(r.code).toBe(0);
        const after = loadKnowledgeBase(kb.dir);
        expect(after.problems).toEqual([]);
        expect(after.value!.cards.map(({ file: _f, ...c }) => c)).toEqual(before);
      } finally {
        kb.cleanup();
      }
    },
    60_000,
  );

  it('reports errors per row and changes nothing when a row is wrong', () => {
    const kb = copyKnowledgeBase();
    try {
      const csv = join(kb.dir, '..', 'new.csv');
      writeFileSync(
        csv,
        [
          'id,topic,title,questions,answer,sources,valid_from',
          'selftest-moi,selftest,Thẻ mới hợp lệ,"câu một\ncâu hai\ncâu ba\ncâu bốn\ncâu năm",Một câu trả lời đủ dài cho thẻ mới này.,qd-604,2022-03-14',
          'selftest-loi,selftest,Thẻ lỗi,"chỉ một câu",Một câu trả lời đủ dài cho thẻ lỗi này.,qd-9999,2022-13-40',
        ].join('\n'),
      );
      const r = kbCli(['import', csv], { KB_DIR: kb.dir });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/new\.csv:3: questions: Cần ít nhất 5 cách hỏi/);
      expect(r.out).toMatch(/new\.csv:3: valid_from: /);
      expect(r.out).toMatch(/Chưa tệp nào bị thay đổi/);
      expect(loadKnowledgeBase(kb.dir).value!.cards.some((c) => c.id === 'selftest-moi')).toBe(false);
    } finally {
      kb.cleanup();
    }
  }, 180_000);

  it('levels import validates 63 provinces, levels 1–4 and dates before replacing the table', () => {
    const kb = copyKnowledgeBase();
    try {
      const good = readFileSync(join(KB_DIR, 'levels.csv'), 'utf8').replace('ha-noi,2,', 'ha-noi,4,');
      const goodFile = join(kb.dir, '..', 'good.csv');
      writeFileSync(goodFile, good);
      const ok = kbCli(['levels', 'import', goodFile], { KB_DIR: kb.dir });
      expect(ok.code).toBe(0);
      expect(readFileSync(join(kb.dir, 'levels.csv'), 'utf8')).toMatch(/^ha-noi,4,/m);

      const bad = good
        .replace('hai-phong,2,', 'hai-phong,7,')
        .split('\n')
        .filter((l) => !l.startsWith('ca-mau'))
        .join('\n');
      const badFile = join(kb.dir, '..', 'bad.csv');
      writeFileSync(badFile, bad);
      const r = kbCli(['levels', 'import', badFile], { KB_DIR: kb.dir });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/bad\.csv:\d+: level: /);
      expect(readFileSync(join(kb.dir, 'levels.csv'), 'utf8')).toBe(good);
    } finally {
      kb.cleanup();
    }
  }, 180_000);
});
