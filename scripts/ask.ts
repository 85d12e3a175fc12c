/**
 * `npm run ask -- "câu hỏi"`       the bot's reply as a person would see it, buttons included
 * `npm run ask`                    an interactive chat in the terminal (one conversation)
 * `npm run --silent ask -- --jsonl` one question per line on stdin, each in a fresh conversation, or JSON lines
 *                                  {"conversation":"c1","text":"…"}: lines with the same id continue one conversation
 *                                  (state kept); one JSON object per
 *                                  line on stdout: {question, kind, text, messages, actions, sources, entries, offered?, score}
 *                                  (`messages`: the text of each message in order; `actions`: every button offered,
 *                                  e.g. {"type":"call","title":"Gọi 115","value":"115"})
 * The real bot runs in this process (no HTTP).
 */
import { createInterface } from 'node:readline';
import type { Activity, TurnContext } from 'botbuilder';
import { buttonsOf } from '../adapters/channel-adapter';
import { createBotRuntime } from '../bot/create';
import { InProcessAdapter } from '../adapters/in-process-adapter';
import type { TurnSummary } from '../bot/replies';
import { serializeTurns } from '../adapters/serialize-turns';
import { parseArgs } from './lib/cli';
import { loadConfig } from '../adapters/config';
import { stopQuietlyWhenPipeCloses } from './lib/pipe';

function summaryOf(replies: Partial<Activity>[]): TurnSummary {
  const first = replies.find((r) => r.channelData?.turn)?.channelData?.turn as TurnSummary | undefined;
  return first ?? { kind: 'fallback', sources: [], entries: [], score: 0 };
}

/** Buttons as JSON: a call button's value is the number to dial. */
function actionsJson(replies: Partial<Activity>[]): { type: string; title: string; value: string }[] {
  const seen = new Set<string>();
  const out: { type: string; title: string; value: string }[] = [];
  for (const a of replies.flatMap(buttonsOf)) {
    const value = String(a.value ?? '').replace(/^tel:/, '');
    const key = `${a.type}|${a.title}|${value}`;
    if (!seen.has(key)) out.push({ type: String(a.type), title: String(a.title), value });
    seen.add(key);
  }
  return out;
}

function render(replies: Partial<Activity>[]): string {
  const out: string[] = [];
  for (const r of replies) {
    out.push(`Trợ lý: ${r.text ?? ''}`);
    const actions = buttonsOf(r);
    if (actions.length) out.push(actions.map((a) => `[${a.title}]`).join(' '));
  }
  return out.join('\n');
}

/** A button typed back by its title (interactive mode) sends its value, like a click. */
function resolveButton(input: string, last: Partial<Activity>[]): string {
  const t = input.trim().replace(/^\[|\]$/g, '');
  for (const r of last) {
    for (const a of buttonsOf(r)) {
      if (a.title.toLowerCase() === t.toLowerCase()) return String(a.value);
    }
  }
  return input;
}

stopQuietlyWhenPipeCloses();

async function main(): Promise<void> {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  const runtime = await createBotRuntime({ ...config.content, settings: config.runtime });
  const adapter = new InProcessAdapter();
  adapter.use(serializeTurns(runtime.state.lock));
  adapter.onTurnError = async (_ctx, err) => {
    console.error(`turn error: ${err instanceof Error ? err.message : String(err)}`);
  };
  const logic = (ctx: TurnContext) => runtime.bot.run(ctx);

  try {
    if (flags.has('jsonl')) {
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let n = 0;
      for await (const line of rl) {
        const input = line.replace(/\r$/, '');
        if (!input.trim()) continue;
        // A JSON line names its conversation: lines with the same id continue it; a plain line starts a fresh one.
        let question = input;
        let conversationId = `jsonl-${process.pid}-${n++}`;
        if (input.trimStart().startsWith('{')) {
          try {
            const parsed = JSON.parse(input) as { conversation?: unknown; text?: unknown };
            if (typeof parsed.text === 'string') question = parsed.text;
            if (typeof parsed.conversation === 'string' && parsed.conversation) conversationId = `jsonl-${process.pid}-c-${parsed.conversation}`;
          } catch {
            // not JSON after all: the line is the question
          }
        }
        const replies = await adapter.say(question, logic, { conversationId });
        const s = summaryOf(replies);
        process.stdout.write(
          `${JSON.stringify({
            question,
            kind: s.kind,
            text: replies.map((r) => r.text ?? '').join('\n'),
            messages: replies.map((r) => r.text ?? ''),
            actions: actionsJson(replies),
            sources: s.sources,
            entries: s.entries,
            ...(s.offered ? { offered: s.offered } : {}),
            score: s.score,
          })}\n`,
        );
      }
      return;
    }
    if (positional.length) {
      const replies = await adapter.say(positional.join(' '), logic, { conversationId: `ask-${process.pid}` });
      console.log(render(replies));
      return;
    }
    const address = { conversationId: `chat-${process.pid}` };
    let last = await adapter.join(logic, address);
    console.log(`${render(last)}\n`);
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    rl.setPrompt('Bạn: ');
    rl.prompt();
    for await (const line of rl) {
      if (/^(exit|quit|\/q)$/i.test(line.trim())) break;
      if (line.trim()) {
        last = await adapter.say(resolveButton(line, last), logic, address);
        console.log(`${render(last)}\n`);
      }
      rl.prompt();
    }
    rl.close();
  } finally {
    await runtime.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
