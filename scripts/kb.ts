/**
 * The content team's command line: `npm run kb -- <command>`.
 *
 *   validate              check every content file (schema, ids, references, duplicate questions)
 *   build                 validate, then write a new versioned index and make it current
 *   search "câu hỏi"      top results with scores (--as-of YYYY-MM-DD, --limit N)
 *   eval                  accuracy on card questions + knowledge/eval; exit 1 under thresholds (--json, --as-of)
 *   import FILE           cards from a spreadsheet (.xlsx or .csv), validated, with a per-row error report
 *   export FILE           every card to a spreadsheet (.xlsx or .csv)
 *   levels import FILE    replace the province level table with a validated CSV
 *   gaps                  questions the bot could not answer (GAPS_FILE), grouped, most frequent first (--json, --limit N)
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentWarnings, formatProblem, loadKnowledgeBase, parseLevels } from '../knowledge/content/load';
import { loadSources } from '../knowledge/content/sources';
import { cardToRow, checkReferences, readRows, rowToCard, writeCards, writeRows } from '../knowledge/content/spreadsheet';
import { buildIndexArtifact, openIndex } from '../knowledge/engine/artifact';
import { evaluateTwoQuestions, loadTwoQuestions } from './lib/two-questions-eval';
import { createEmbeddings } from '../knowledge/engine/embeddings';
import { belowThresholds, evaluate, loadEvalSets } from '../knowledge/engine/evaluate';
import { validityLine } from '../bot/replies';
import { Triage } from '../bot/triage';
import { detectLanguage } from '../bot/language';
import { evaluateLocked, loadLocked } from './lib/locked-eval';
import { today } from '../knowledge/engine/search';
import { evaluateTriage, loadTriageSets } from '../bot/triage/evaluate';
import { parseArgs, progressBar } from './lib/cli';
import { loadConfig } from '../adapters/config';
import { groupGaps, loadGaps } from '../bot/reporting';
import { stopQuietlyWhenPipeCloses } from './lib/pipe';

const USAGE = `Cách dùng: npm run kb -- <lệnh>
  validate                 kiểm tra toàn bộ nội dung
  build                    kiểm tra rồi dựng chỉ mục mới
  search "câu hỏi"         tìm thử (--as-of YYYY-MM-DD, --limit N)
  eval                     đánh giá độ chính xác (--json, --as-of YYYY-MM-DD)
  import cards.xlsx|.csv   nhập thẻ từ bảng tính (báo lỗi theo từng dòng)
  export cards.xlsx|.csv   xuất mọi thẻ ra bảng tính
  levels import levels.csv cập nhật bảng cấp độ tỉnh (kiểm tra đủ 63 tỉnh, cấp 1–4, ngày)
  gaps                     nhóm câu hỏi chưa trả lời được (--json, --limit N)
  stats                    số thẻ theo chủ đề, văn bản (đã hết hiệu lực), dòng cấp độ (--json: một dòng JSON cuối)`;

/** The knowledge base, or undefined after printing its problems. */
function loadOrReport(kbDir: string) {
  const kb = loadKnowledgeBase(kbDir);
  for (const p of kb.problems) console.error(formatProblem(p));
  return kb.value;
}

stopQuietlyWhenPipeCloses();

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { flags, positional } = parseArgs(rest, ['as-of', 'limit']);
  const config = loadConfig(process.env);
  const { kbDir, indexDir } = config.content;
  const asOf = typeof flags.get('as-of') === 'string' ? String(flags.get('as-of')) : config.runtime.guidanceAsOf;
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error('--as-of phải có dạng YYYY-MM-DD');
    return 2;
  }

  switch (command) {
    case 'validate': {
      const kb = loadKnowledgeBase(kbDir);
      if (kb.problems.length) {
        for (const p of kb.problems) console.error(formatProblem(p));
        console.error(`\n${kb.problems.length} lỗi.`);
        return 1;
      }
      const v = kb.value!;
      const sources = await loadSources(kbDir, new Set(v.documents.keys()));
      if (sources.problems.length) {
        for (const p of sources.problems) console.error(formatProblem(p));
        return 1;
      }
      const warnings = contentWarnings(v);
      for (const w of warnings) console.error(`Cảnh báo: ${formatProblem(w)}`);
      console.log(
        `Hợp lệ: ${sources.passages.length} đoạn văn bản gốc, ${v.cards.length} thẻ, ${v.documents.size} văn bản, ${v.lexicon.synonyms.length} nhóm từ đồng nghĩa, ${v.lexicon.provinces.length} tỉnh, ${v.levels.length} dòng cấp độ.`,
      );
      return 0;
    }
    case 'build': {
      const t0 = performance.now();
      const r = await buildIndexArtifact(kbDir, indexDir, createEmbeddings(config.runtime.embeddings), {}, progressBar('Dựng chỉ mục'));
      if (!r.ok) {
        for (const p of r.problems) console.error(formatProblem(p));
        console.error(`\nKhông dựng chỉ mục: ${r.problems.length} lỗi. Chỉ mục đang dùng được giữ nguyên.`);
        return 1;
      }
      const m = r.loaded.meta;
      console.log(`Đã dựng chỉ mục ${m.version}: ${m.cards} thẻ, ${m.vectors} vectơ, ${(performance.now() - t0).toFixed(0)} ms → ${r.loaded.dir}`);
      return 0;
    }
    case 'search': {
      const query = positional.join(' ').trim();
      if (!query) {
        console.error('Hãy nhập câu hỏi: npm run kb -- search "test nhanh 2 vach"');
        return 2;
      }
      const opened = await openIndex(kbDir, indexDir, createEmbeddings(config.runtime.embeddings));
      if (!opened.loaded) {
        for (const p of opened.problems) console.error(formatProblem(p));
        return 1;
      }
      const limit = Number(flags.get('limit') ?? 5) || 5;
      const r = await opened.loaded.index.search(query, { asOf, limit });
      console.log(`Quyết định: ${r.decision} (điểm ${r.confidence.toFixed(3)}, ngày áp dụng ${r.asOf})`);
      const facets = Object.entries(r.facets).map(([g, v]) => `${g}: ${v.join(', ')}`);
      if (facets.length) console.log(`Đặc điểm câu hỏi: ${facets.join('; ')} (thẻ khai báo đặc điểm khác bị loại)`);
      if (r.others?.length) console.log(`Câu hỏi khác trong tin nhắn: ${r.others.map((h) => `${h.card.id} (${h.score.toFixed(3)})`).join(', ')}`);
      r.hits.slice(0, limit).forEach((h, i) => {
        const label = { current: '', superseded: ' [đã được thay thế]', ended: ' [hết áp dụng]', not_yet: ' [chưa áp dụng]' }[h.status];
        const validity = validityLine(opened.loaded!.index, h.card, r.asOf);
        console.log(
          `${i + 1}. ${h.score.toFixed(3)}  ${h.card.id}${label}  (lex ${h.lexical.toFixed(3)}, vec ${h.vector.toFixed(3)})\n   ${h.card.title}${validity ? `\n   ${validity}` : ''}`,
        );
      });
      return 0;
    }
    case 'eval': {
      const opened = await openIndex(kbDir, indexDir, createEmbeddings(config.runtime.embeddings));
      if (!opened.loaded) {
        for (const p of opened.problems) console.error(formatProblem(p));
        return 1;
      }
      const index = opened.loaded.index;
      const sets = loadEvalSets(kbDir, index);
      if (sets.problems.length) {
        for (const p of sets.problems) console.error(formatProblem(p));
        return 1;
      }
      const report = await evaluate(index, sets, asOf);
      const json = flags.has('json');
      const out = json ? console.error : console.log;
      const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
      out(`Câu hỏi có nhãn: ${report.n} (thẻ + tập phát triển)`);
      out(`  top-1 ${pct(report.top1)}  top-3 ${pct(report.top3)}  MRR ${report.mrr.toFixed(3)}`);
      out(
        `Tập phát triển: ${report.dev.n} câu, top-1 ${pct(report.dev.top1)} (có dấu ${pct(report.dev.top1Accented)}, không dấu ${pct(report.dev.top1Unaccented)} trên ${report.dev.nUnaccented} câu)`,
      );
      out(`Ngoài phạm vi: ${report.oosN} câu, từ chối đúng ${pct(report.oosDeclined)}; câu trong phạm vi bị từ chối nhầm ${pct(report.inScopeDeclined)}`);
      if (report.failures.length) {
        out(`\nCâu sai (${report.failures.length}):`);
        for (const f of report.failures) out(`  [${f.origin}] "${f.q}" → cần ${f.expect}, được ${f.decision}: ${f.got.join(', ') || '—'}`);
      }
      const below = sets.thresholds ? belowThresholds(report, sets.thresholds) : [];
      // Emergency triage on its own sets: the locked set's messages are never printed (it is not tuned against).
      const triageSets = loadTriageSets(kbDir);
      for (const p of triageSets.problems) console.error(formatProblem(p));
      const triageReports = evaluateTriage(new Triage(index.data.triage), triageSets.sets);
      out('\nPhân loại khẩn cấp (knowledge/eval/triage-*.yaml):');
      for (const t of triageReports) {
        out(`  ${t.name}: nhận ra ${pct(t.recall)} của ${t.alarming} tin nguy hiểm; báo động nhầm ${pct(t.falseAlarms)} của ${t.calm} tin bình thường`);
        // Emergencies written in English, on their own (the figure issue 15 asks for).
        const english = triageSets.sets.find((x) => x.name === t.name)?.alarming.filter((i) => detectLanguage(i.text) === 'en') ?? [];
        if (english.length) {
          const missed = t.missed.filter((m) => detectLanguage(m.text) === 'en').length;
          out(`    tiếng Anh: nhận ra ${pct(1 - missed / english.length)} của ${english.length} tin nguy hiểm`);
        }
        if (t.name !== 'locked') {
          for (const m of t.missed) out(`    bỏ sót [${m.kind}] "${m.text}"`);
          for (const f of t.flagged) out(`    báo nhầm [${f.kind}] "${f.text}" → ${f.reasons.join('; ')}`);
        }
        if (sets.thresholds && t.recall < sets.thresholds.triageRecall)
          below.push(`triage.${t.name}.recall ${t.recall.toFixed(3)} < ${sets.thresholds.triageRecall}`);
        if (sets.thresholds && t.falseAlarms > sets.thresholds.triageFalseAlarms)
          below.push(`triage.${t.name}.falseAlarms ${t.falseAlarms.toFixed(3)} > ${sets.thresholds.triageFalseAlarms}`);
      }
      // Development conversations (long stories, short, follow-ups, no card), through the whole bot: for tuning. The
      // second to fourth sets were written later by people who had not seen the cards (their figures on arrival are in
      // the README).
      for (const name of ['devconv', 'devconv2', 'devconv3', 'devconv4', 'devconv5']) {
        const set = loadLocked(kbDir, new Set(index.cardsById.keys()), { sets: new RegExp(`^${name}-questions$`), labels: `${name}-labels.yaml` });
        for (const p of set.problems) console.error(p);
        if (!set.items.length) continue;
        const d = await evaluateLocked(index, set.items, asOf ?? today());
        out(
          `\nHội thoại phát triển (knowledge/eval/${name}-*.yaml, ${d.n} câu): thẻ đầu đúng ${pct(d.top1)}; đúng hoặc trong lựa chọn ${pct(d.answeredOrChoices)}; sai chắc chắn ${pct(d.confidentlyWrong)}; không có thẻ được từ chối ${pct(d.noCardDeclined)}; nhất quán dấu ${pct(d.accentConsistency)}${d.outOfScope ? `; ngoài chủ đề bị từ chối ${pct(d.outOfScopeDeclined)} (${d.outOfScope} câu)` : ''}`,
        );
        for (const [section, s] of Object.entries(d.bySection))
          out(
            `  ${section}: ${s.n} câu, thẻ đầu đúng ${pct(s.top1)}, đúng hoặc trong lựa chọn ${pct(s.answeredOrChoices)}, sai chắc chắn ${pct(s.confidentlyWrong)}`,
          );
      }
      // Messages that ask two things: the development set (failures printed) and the locked one (figures only).
      for (const which of ['dev', 'locked'] as const) {
        const set = loadTwoQuestions(kbDir, which, new Set(index.cardsById.keys()));
        for (const p of set.problems) console.error(p);
        if (!set.items.length) continue;
        const t = await evaluateTwoQuestions(index, set.items, asOf ?? today());
        out(
          `\nHai câu hỏi trong một tin, ${which === 'dev' ? 'tập phát triển' : 'tập khóa'} (knowledge/eval/two-questions-${which}.yaml, ${t.n} tin): câu chính đúng ${pct(t.mainRight)}; cả hai được trả lời hoặc gợi ý đúng ${pct(t.bothCovered)}; sai chắc chắn ${pct(t.confidentlyWrong)}; gợi ý sai ${pct(t.wrongOffers)} của ${t.offered} gợi ý`,
        );
        if (which === 'dev') for (const f of t.failures) out(`    chưa đủ: "${f.text}" → ${f.answered ?? '—'}; gợi ý ${f.offered.join(', ') || '—'}`);
      }
      // Locked question sets through the whole bot: figures only (never tuned against).
      const locked = loadLocked(kbDir, new Set(index.cardsById.keys()));
      for (const p of locked.problems) console.error(p);
      const lockedReport = locked.items.length ? await evaluateLocked(index, locked.items, asOf ?? today()) : undefined;
      if (lockedReport) {
        const l = lockedReport;
        out(`\nTập khóa (knowledge/eval/locked-*.yaml, ${l.n} câu, ${l.answerable} có thẻ đúng, ${l.noCard} không có thẻ):`);
        out(`  thẻ đầu đúng ${pct(l.top1)}; trả lời đúng hoặc có trong lựa chọn ${pct(l.answeredOrChoices)}; trả lời sai chắc chắn ${pct(l.confidentlyWrong)}`);
        out(`  câu không có thẻ được từ chối/chỉ nơi hỏi ${pct(l.noCardDeclined)}; nhất quán có dấu/không dấu ${pct(l.accentConsistency)}`);
        for (const [section, s] of Object.entries(l.bySection))
          out(
            `  ${section}: ${s.n} câu, thẻ đầu đúng ${pct(s.top1)}, đúng hoặc trong lựa chọn ${pct(s.answeredOrChoices)}, sai chắc chắn ${pct(s.confidentlyWrong)}`,
          );
        const t = sets.thresholds;
        if (t) {
          if (l.top1 < t.lockedTop1) below.push(`locked.top1 ${l.top1.toFixed(3)} < ${t.lockedTop1}`);
          if (l.answeredOrChoices < t.lockedAnsweredOrChoices)
            below.push(`locked.answeredOrChoices ${l.answeredOrChoices.toFixed(3)} < ${t.lockedAnsweredOrChoices}`);
          if (l.confidentlyWrong > t.lockedConfidentlyWrong)
            below.push(`locked.confidentlyWrong ${l.confidentlyWrong.toFixed(3)} > ${t.lockedConfidentlyWrong}`);
          if (l.noCardDeclined < t.lockedNoCardDeclined) below.push(`locked.noCardDeclined ${l.noCardDeclined.toFixed(3)} < ${t.lockedNoCardDeclined}`);
          if (l.accentConsistency < t.lockedAccentConsistency)
            below.push(`locked.accentConsistency ${l.accentConsistency.toFixed(3)} < ${t.lockedAccentConsistency}`);
        }
      }
      // English: the development set (for tuning) and the locked set (figures only), through the whole bot.
      const english: Record<string, Awaited<ReturnType<typeof evaluateLocked>>> = {};
      for (const [name, which] of [
        ['en-dev', { sets: /^en-dev-questions$/, labels: 'en-dev-labels.yaml' }],
        ['en-locked', { sets: /^en-locked$/, labels: 'en-locked-labels.yaml' }],
      ] as const) {
        const set = loadLocked(kbDir, new Set(index.cardsById.keys()), which);
        for (const p of set.problems) console.error(p);
        if (!set.items.length) continue;
        const e = await evaluateLocked(index, set.items, asOf ?? today());
        english[name] = e;
        out(
          `\nTiếng Anh, ${name === 'en-dev' ? 'tập phát triển' : 'tập khóa'} (knowledge/eval/${name === 'en-dev' ? 'en-dev-questions' : name}.yaml, ${e.n} câu): thẻ đầu đúng ${pct(e.top1)}; đúng hoặc trong lựa chọn ${pct(e.answeredOrChoices)}; sai chắc chắn ${pct(e.confidentlyWrong)}; không có thẻ được từ chối ${pct(e.noCardDeclined)}; ngoài chủ đề bị từ chối ${pct(e.outOfScopeDeclined)} (${e.outOfScope} câu)`,
        );
        for (const [section, s] of Object.entries(e.bySection))
          out(
            `  ${section}: ${s.n} câu, thẻ đầu đúng ${pct(s.top1)}, đúng hoặc trong lựa chọn ${pct(s.answeredOrChoices)}, sai chắc chắn ${pct(s.confidentlyWrong)}`,
          );
        const t = sets.thresholds;
        if (t && name === 'en-locked') {
          if (e.top1 < t.enLockedTop1) below.push(`enLocked.top1 ${e.top1.toFixed(3)} < ${t.enLockedTop1}`);
          if (e.confidentlyWrong > t.enLockedConfidentlyWrong)
            below.push(`enLocked.confidentlyWrong ${e.confidentlyWrong.toFixed(3)} > ${t.enLockedConfidentlyWrong}`);
          if (e.outOfScopeDeclined < t.enLockedOutOfScope) below.push(`enLocked.outOfScope ${e.outOfScopeDeclined.toFixed(3)} < ${t.enLockedOutOfScope}`);
        }
      }
      if (below.length) out(`\nDưới ngưỡng: ${below.join('; ')}`);
      if (json) {
        console.log(
          JSON.stringify({
            n: report.n,
            top1: report.top1,
            top3: report.top3,
            mrr: report.mrr,
            oosDeclined: report.oosDeclined,
            dev: { n: report.dev.n, top1: report.dev.top1, top1Unaccented: report.dev.top1Unaccented },
            locked: lockedReport && {
              n: lockedReport.n,
              top1: lockedReport.top1,
              answeredOrChoices: lockedReport.answeredOrChoices,
              confidentlyWrong: lockedReport.confidentlyWrong,
              noCardDeclined: lockedReport.noCardDeclined,
              accentConsistency: lockedReport.accentConsistency,
            },
            english: Object.fromEntries(
              Object.entries(english).map(([name, e]) => [
                name,
                {
                  n: e.n,
                  top1: e.top1,
                  answeredOrChoices: e.answeredOrChoices,
                  confidentlyWrong: e.confidentlyWrong,
                  outOfScopeDeclined: e.outOfScopeDeclined,
                },
              ]),
            ),
            triage: Object.fromEntries(
              triageReports.map((t) => [t.name, { alarming: t.alarming, calm: t.calm, recall: t.recall, falseAlarms: t.falseAlarms }]),
            ),
          }),
        );
      }
      return below.length ? 1 : 0;
    }
    case 'import': {
      const file = positional[0];
      if (!file) {
        console.error('Cách dùng: npm run kb -- import cards.xlsx|cards.csv');
        return 2;
      }
      const kb = loadOrReport(kbDir);
      if (!kb) return 1;
      const rows = await readRows(file);
      const problems = [];
      const ok: { card: NonNullable<ReturnType<typeof rowToCard>['card']>; line: number }[] = [];
      for (const { line, row } of rows) {
        const r = rowToCard(row, file, line);
        problems.push(...r.problems);
        if (r.card) ok.push({ card: r.card, line });
      }
      problems.push(...checkReferences(ok, kb, file));
      if (problems.length) {
        for (const p of problems) console.error(formatProblem(p));
        console.error(`\nKhông nhập: ${problems.length} lỗi trong ${rows.length} dòng. Chưa tệp nào bị thay đổi.`);
        return 1;
      }
      const written = await writeCards(
        kbDir,
        ok.map((x) => x.card),
      );
      const after = loadKnowledgeBase(kbDir);
      for (const p of after.problems) console.error(formatProblem(p));
      console.log(`Đã nhập ${written.length} thẻ. Chạy "npm run kb -- build" để cập nhật chỉ mục.`);
      return after.problems.length ? 1 : 0;
    }
    case 'export': {
      const file = positional[0];
      if (!file) {
        console.error('Cách dùng: npm run kb -- export cards.xlsx|cards.csv');
        return 2;
      }
      const kb = loadOrReport(kbDir);
      if (!kb) return 1;
      await writeRows(file, kb.cards.map(cardToRow));
      console.log(`Đã xuất ${kb.cards.length} thẻ → ${file}`);
      return 0;
    }
    case 'levels': {
      const file = positional[1];
      if (positional[0] !== 'import' || !file) {
        console.error('Cách dùng: npm run kb -- levels import levels.csv');
        return 2;
      }
      const kb = loadOrReport(kbDir);
      if (!kb) return 1;
      const text = await readFile(file, 'utf8');
      const parsed = parseLevels(text, file);
      const problems = [...parsed.problems];
      if (parsed.value) {
        const known = new Set(kb.lexicon.provinces.map((p) => p.id));
        const present = new Set(parsed.value.map((r) => r.province));
        parsed.value.forEach((r, i) => {
          if (!known.has(r.province)) problems.push({ file, line: i + 2, field: 'province', message: `Không có tỉnh "${r.province}"` });
        });
        const missing = [...known].filter((p) => !present.has(p));
        if (missing.length) problems.push({ file, message: `Thiếu ${missing.length} tỉnh: ${missing.join(', ')}` });
      }
      if (problems.length) {
        for (const p of problems) console.error(formatProblem(p));
        console.error('\nBảng cấp độ không được cập nhật.');
        return 1;
      }
      const target = join(kbDir, 'levels.csv');
      await writeFile(`${target}.tmp`, text.replace(/^\uFEFF/, ''));
      await rename(`${target}.tmp`, target);
      console.log(`Đã cập nhật ${parsed.value!.length} dòng cấp độ (${new Set(parsed.value!.map((r) => r.province)).size} tỉnh). Chạy "npm run kb -- build".`);
      return 0;
    }
    case 'stats': {
      const kb = loadOrReport(kbDir);
      if (!kb) return 1;
      const byTopic: Record<string, number> = {};
      for (const c of kb.cards) byTopic[c.topic] = (byTopic[c.topic] ?? 0) + 1;
      const docs = [...kb.documents.values()];
      const stats = {
        cards: kb.cards.length,
        byTopic,
        documents: docs.length,
        ended: docs.filter((d) => d.status !== 'in_force').length,
        levelsRows: kb.levels.length,
        levelsSample: kb.levels.filter((r) => r.sample === 'yes').length,
      };
      if (flags.has('json')) console.log(JSON.stringify(stats));
      else {
        console.log(
          `Thẻ: ${stats.cards} (${Object.entries(byTopic)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')})`,
        );
        console.log(`Văn bản: ${stats.documents}, trong đó ${stats.ended} đã bị thay thế hoặc hết hiệu lực`);
        console.log(`Dòng cấp độ: ${stats.levelsRows} (số liệu mẫu: ${stats.levelsSample})`);
      }
      return 0;
    }
    case 'gaps': {
      const groups = groupGaps(await loadGaps(config.runtime));
      const limit = Number(flags.get('limit') ?? 30) || 30;
      if (flags.has('json')) {
        console.log(JSON.stringify(groups.slice(0, limit)));
        return 0;
      }
      if (groups.length === 0) console.log('Chưa có câu hỏi nào cần bổ sung.');
      groups.slice(0, limit).forEach((g, i) => {
        console.log(
          `${String(i + 1).padStart(2)}. ${String(g.count).padStart(4)}×  ${g.words.join(' ')}   (${Object.entries(g.kinds)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}; gần nhất ${g.lastSeen.slice(0, 16).replace('T', ' ')})`,
        );
        for (const e of g.examples) console.log(`           “${e}”`);
      });
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
