/**
 * The assistant's texts in the language of the conversation: the Vietnamese texts of `knowledge/conversation.yaml`,
 * or the same structure with its English texts (`en:`) laid over them.
 *
 * @example
 * localized(conv, 'en').fallback // "Sorry, I could not find a sure answer…"
 */
import { foldVietnamese, normalizeVietnamese, type Conversation } from '../knowledge';

export type Lang = 'vi' | 'en';

const cache = new WeakMap<Conversation, Conversation>();

/** Whether the content has the English texts. */
export function speaksEnglish(conv: Conversation): boolean {
  return !!conv.en;
}

export function localized(conv: Conversation, lang: Lang): Conversation {
  const en = conv.en;
  if (lang !== 'en' || !en) return conv;
  const known = cache.get(conv);
  if (known) return known;
  const out: Conversation = {
    ...conv,
    welcome: en.welcome,
    menu_prompt: en.menu_prompt,
    menu: conv.menu.map((m) => ({ ...m, label: m.label_en })),
    language_switched: en.language_switched,
    not_text: en.not_text,
    fallback: en.fallback,
    turn_error: en.turn_error,
    too_long: en.too_long,
    clarify_prompt: en.clarify_prompt,
    none_of_these: en.none_of_these,
    no_card: en.no_card,
    facts: { ...conv.facts, ...en.facts },
    reading_ok: en.reading_ok,
    reading_high: en.reading_high,
    reading_fever: en.reading_fever,
    reading_advice: en.reading_advice,
    also_asked: en.also_asked,
    validity: en.validity,
    feedback: en.feedback,
    intents: {
      ...conv.intents,
      greeting: { ...conv.intents.greeting, reply: en.intents.greeting },
      thanks: { ...conv.intents.thanks, reply: en.intents.thanks },
      who: { ...conv.intents.who, reply: en.intents.who },
      cancel: { ...conv.intents.cancel, reply: en.intents.cancel },
      handoff: { ...conv.intents.handoff, reply: en.intents.handoff },
    },
    labels: en.labels,
  };
  cache.set(conv, out);
  return out;
}

const SWITCH: Record<string, Lang> = {
  english: 'en',
  'in english': 'en',
  'english please': 'en',
  'speak english': 'en',
  'do you speak english': 'en',
  'can you speak english': 'en',
  'english pls': 'en',
  'english version': 'en',
  'tieng anh': 'en',
  en: 'en',
  'tieng viet': 'vi',
  vietnamese: 'vi',
  'in vietnamese': 'vi',
  vi: 'vi',
};

/** "English", "tiếng Việt" and the like, said as a whole message: the language asked for. */
export function languageSwitch(text: string): Lang | undefined {
  const t = foldVietnamese(normalizeVietnamese(text))
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return SWITCH[t];
}
