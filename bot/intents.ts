/**
 * Small talk, menu, cancel and hand-off, recognised from the phrases in `knowledge/conversation.yaml`.
 * A whole-message intent needs the message to be the phrase plus filler only, so "chào bạn, test nhanh 2 vạch là
 * sao" is a question, not a greeting.
 */
import { tokenize, foldVietnamese, normalizeVietnamese, type Conversation } from '../knowledge';
import { indexOf } from './phrases';

export type IntentName = keyof Conversation['intents'];

const fold = (s: string): string[] => tokenize(normalizeVietnamese(s)).map(foldVietnamese);

export class IntentRecognizer {
  private readonly intents: { name: IntentName; patterns: string[][]; contains: boolean }[];
  private readonly fillers: Set<string>;

  constructor(conversation: Conversation) {
    this.fillers = new Set(conversation.fillers.flatMap(fold));
    // Hand-off first: "cảm ơn, cho em gặp nhân viên" is a hand-off.
    const order: IntentName[] = ['handoff', 'cancel', 'menu', 'who', 'greeting', 'thanks'];
    this.intents = order.map((name) => ({
      name,
      patterns: conversation.intents[name].patterns.map(fold).sort((a, b) => b.length - a.length),
      contains: conversation.intents[name].contains,
    }));
  }

  recognize(text: string): IntentName | undefined {
    const tokens = fold(text);
    if (tokens.length === 0 || tokens.length > 12) return undefined;
    for (const intent of this.intents) {
      for (const p of intent.patterns) {
        const at = indexOf(tokens, p);
        if (at < 0) continue;
        if (intent.contains) return intent.name;
        const rest = [...tokens.slice(0, at), ...tokens.slice(at + p.length)];
        if (rest.every((t) => this.fillers.has(t) || intent.patterns.some((q) => q.length === 1 && q[0] === t))) return intent.name;
      }
    }
    return undefined;
  }
}
