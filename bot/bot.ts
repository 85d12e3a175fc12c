/**
 * The conversation: one turn pipeline for every channel.
 *
 *   normalise → emergency triage (always first, also inside dialogs) → buttons → small talk / hand-off / cancel
 *   → active dialog → travel advisor → knowledge question → reply
 *
 * Replies are channel-neutral activities (text + suggested actions); adapters render them per platform.
 *
 * @example
 * const bot = new CovidBot({ index: () => index, conversationState, userState, gaps });
 * const adapter = new TestAdapter((ctx) => bot.run(ctx));
 */
import {
  ActionTypes,
  ActivityHandler,
  ActivityTypes,
  CardFactory,
  type ConversationState,
  type UserState,
  type Activity,
  type CardAction,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import {
  cardStatus,
  today as todayIso,
  hasWord,
  normalizeVietnamese,
  dateMentioned,
  withoutTimes,
  type CardRecord,
  type KnowledgeIndex,
  type SearchResult,
  type Hit,
} from '../knowledge';
import { TRAVEL_DIALOG, TravelDialog, type TravelOptions } from './dialogs/travel-dialog';
import { MemoryGapQuota, type GapQuota, type GapRecord, type GapRecorder } from './gaps';
import type { TrafficRecorder } from './traffic';
import { IntentRecognizer } from './intents';
import { PAYLOAD, cardButton, message, parsePayload, sourcesOf, validityLine, viDate, type ReplyKind, type TurnSummary } from './replies';
import { isTravelQuestion, levelOf, parseTravel, recognizeVaccination, statedOrigin, travelMode } from './travel';
import { Triage, type TriageResult } from './triage';
import { mergeFacts, readFacts, riskNote, type ConversationFacts } from './facts';
import { afterEmergencyReply, callAction, emergencyReply, readingLines } from './emergency';
import { languageSwitch, localized, speaksEnglish, type Lang } from './texts';
import { conversationLanguage, detectLanguage } from './language';
import type { LanguageService } from './language-service';
import { LocalLanguageService } from './language-service';

export interface CovidBotOptions {
  /** The knowledge index in use; a function so a reloaded index is picked up on the next turn. */
  index: () => KnowledgeIndex;
  conversationState: ConversationState;
  userState: UserState;
  gaps: GapRecorder;
  /** Unanswered questions of one user a day that reach the report (the rest are still answered). Default: 20, in memory. */
  gapQuota?: GapQuota;
  /** Today's date, YYYY-MM-DD (tests fix it). */
  today?: () => string;
  /** Language detection (local by default; Azure AI Language when configured). */
  language?: LanguageService;
  /** One record per turn (kind, topic, channel) for the daily report; none when omitted. */
  traffic?: TrafficRecorder;
}

/** The turn-state key under which botbuilder-dialogs' DialogStateManager caches its configuration. */
const DIALOG_STATE_CONFIG = 'DialogStateManagerConfiguration';

interface ConversationFlags {
  welcomed?: boolean;
  /** The last question answered or clarified (redacted), for follow-ups and the "none of these" record. */
  lastQuestion?: string;
  /** The card of the last answer (an id). */
  lastCard?: string;
  /** What the citizen said about the person asked for (labels only, no text). */
  facts?: ConversationFacts;
  /** Turns left in which a message is read in the context of the emergency just answered. */
  afterEmergency?: number;
  /** The language of the conversation: chosen ("English", "tiếng Việt") or of the last clear message. */
  language?: Lang;
}

/** The turn-state key of the turn's language. */
const LANG = 'covidbot.lang';

/** Parts of the index that are derived once per index version. */
interface Derived {
  index: KnowledgeIndex;
  triage: Triage;
  intents: IntentRecognizer;
}

/** The apology when even the content could not be read. */
const TURN_ERROR_TEXT = 'Xin lỗi, hệ thống vừa gặp sự cố. Bạn vui lòng gửi lại sau ít phút, hoặc gọi đường dây nóng 1900 9095. Cấp cứu: gọi ngay 115.';

export class CovidBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly gapQuota: GapQuota;
  private readonly travel: TravelDialog;
  private readonly flags;
  private readonly today: () => string;
  private derived?: Derived;
  private readonly language: LanguageService;
  private dialogStateConfig?: unknown;

  constructor(private readonly options: CovidBotOptions) {
    super();
    this.gapQuota = options.gapQuota ?? new MemoryGapQuota();
    this.today = options.today ?? todayIso;
    this.language = options.language ?? new LocalLanguageService();
    this.dialogs = new DialogSet(options.conversationState.createProperty<DialogState>('dialogState'));
    this.travel = new TravelDialog({ index: options.index });
    this.dialogs.add(this.travel);
    this.flags = options.conversationState.createProperty<ConversationFlags>('flags');

    this.onMembersAdded(async (ctx, next) => {
      const others = (ctx.activity.membersAdded ?? []).filter((m) => m.id !== ctx.activity.recipient?.id);
      if (others.length) await this.welcome(ctx);
      await next();
    });
    this.onMessage(async (ctx, next) => {
      await this.handleMessage(ctx);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    let summary: TurnSummary | undefined;
    if (this.options.traffic && context.activity.type === 'message') {
      context.onSendActivities(async (_ctx, activities, next) => {
        summary ??= activities.find((a) => a.channelData?.turn)?.channelData?.turn as TurnSummary | undefined;
        return next();
      });
    }
    await super.run(context);
    if (summary && this.options.traffic) {
      const topic = summary.entries[0] ? this.current.index.cardsById.get(summary.entries[0])?.topic : undefined;
      await this.options.traffic.record({
        time: new Date().toISOString(),
        channel: context.activity.channelId,
        kind: summary.kind,
        topic,
        entries: summary.entries,
        score: summary.score,
      });
    }
    await this.options.conversationState.saveChanges(context, false);
    await this.options.userState.saveChanges(context, false);
  }

  /**
   * After a turn that threw: the conversation's state is dropped (a half-finished dialog may be what broke) and the
   * citizen gets an apology with the hotline and 115. Never throws.
   */
  async recover(context: TurnContext): Promise<void> {
    await this.options.conversationState.delete(context).catch(() => undefined);
    let text = TURN_ERROR_TEXT;
    try {
      const asked = typeof context.activity.text === 'string' ? context.activity.text : '';
      text = localized(this.current.index.data.conversation, detectLanguage(asked) === 'en' ? 'en' : 'vi').turn_error;
    } catch {
      // the index itself failed: the built-in words
    }
    await context.sendActivity({ type: ActivityTypes.Message, text }).catch(() => undefined);
  }

  private get current(): Derived {
    const index = this.options.index();
    if (this.derived?.index !== index) {
      this.derived = { index, triage: new Triage(index.data.triage), intents: new IntentRecognizer(index.data.conversation) };
    }
    return this.derived;
  }

  private async send(ctx: TurnContext, text: string, actions: CardAction[], summary: TurnSummary): Promise<void> {
    await ctx.sendActivity(message(text, actions, summary, this.langOf(ctx)));
  }

  /** The language this turn is answered in. */
  private langOf(ctx: TurnContext): Lang {
    return (ctx.turnState.get(LANG) as Lang | undefined) ?? 'vi';
  }

  /** The index that answers in the turn's language (its cards carry that language's title and answer). */
  private indexFor(ctx: TurnContext): KnowledgeIndex {
    return this.current.index.forLanguage(this.langOf(ctx));
  }

  /** The assistant's texts in the turn's language. */
  private textsFor(ctx: TurnContext) {
    return localized(this.current.index.data.conversation, this.langOf(ctx));
  }

  private simple(kind: ReplyKind): TurnSummary {
    return { kind, sources: [], entries: [], score: 0 };
  }

  private menuActions(ctx: TurnContext): CardAction[] {
    return this.textsFor(ctx).menu.map((m) =>
      'action' in m
        ? { type: ActionTypes.PostBack, title: m.label, value: PAYLOAD.travel }
        : { type: ActionTypes.PostBack, title: m.label, value: PAYLOAD.card(m.card) },
    );
  }

  private async welcome(ctx: TurnContext): Promise<void> {
    const flags = await this.flags.get(ctx, {});
    flags.welcomed = true;
    if (!ctx.turnState.get(LANG) && flags.language) ctx.turnState.set(LANG, flags.language);
    await this.send(ctx, this.textsFor(ctx).welcome, this.menuActions(ctx), this.simple('smalltalk'));
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const raw = typeof ctx.activity.text === 'string' ? ctx.activity.text : '';
    const text = normalizeVietnamese(raw).trim().slice(0, 2000);
    const base = this.current.index.data.conversation;
    // botbuilder-dialogs rebuilds its memory-scope configuration for every DialogContext (a service collection and
    // schema checks); it is the same every turn, so the first turn's is reused, as DialogManager does.
    if (this.dialogStateConfig) ctx.turnState.set(DIALOG_STATE_CONFIG, this.dialogStateConfig);
    const dc = await this.dialogs.createContext(ctx);
    this.dialogStateConfig ??= ctx.turnState.get(DIALOG_STATE_CONFIG);

    if (!text) {
      // Nothing to read the language from: the conversation's.
      const language = (await this.flags.get(ctx, {})).language;
      if (language) ctx.turnState.set(LANG, language);
      await this.send(ctx, this.textsFor(ctx).not_text, this.menuActions(ctx), this.simple('smalltalk'));
      return;
    }

    // The language of the turn: a button keeps the conversation's; a message its own, or the conversation's when
    // it is too short to tell ("and for my kids?").
    const flags = await this.flags.get(ctx, {});
    const payload = parsePayload(raw);
    const detected = payload ? (flags.language ?? 'vi') : await this.language.detect(text);
    const english = speaksEnglish(base) && !!this.current.index.english;
    const lang: Lang = detected === 'other' ? 'vi' : english ? conversationLanguage(text, detected, flags.language) : 'vi';
    ctx.turnState.set(LANG, lang);
    const conv = this.textsFor(ctx);

    // 1. Emergency triage: always first, also in the middle of a dialog, in every language.
    const triage = this.current.triage.check(text);
    flags.facts = mergeFacts(flags.facts, readFacts(base, text, this.current.triage.ages(text)));
    if (triage.emergency) {
      await dc.cancelAllDialogs();
      const emergencyLang: Lang = detected === 'en' || lang === 'en' ? 'en' : 'vi';
      flags.afterEmergency = base.emergency.after.turns;
      await this.emergency(ctx, triage, emergencyLang);
      return;
    }

    // 2. Buttons, and the choice of a language.
    const index = this.indexFor(ctx);
    const switched = payload?.type === 'language' ? payload.lang : payload ? undefined : languageSwitch(text);
    if (switched && (switched === 'vi' || english)) {
      flags.language = switched;
      ctx.turnState.set(LANG, switched);
      const texts = this.textsFor(ctx);
      await this.send(ctx, switched === 'en' ? texts.language_switched : base.language_switched, this.menuActions(ctx), this.simple('smalltalk'));
      return;
    }

    // The knowledge search, run at most once per turn.
    let searched: SearchResult | undefined;
    const search = async (): Promise<SearchResult> => (searched ??= await index.search(text, { asOf: this.today() }));
    const language = detected === 'other' || (detected === 'en' && !english) ? 'other' : lang;
    if (!payload && language !== 'other') flags.language = lang;

    // Just after an emergency: "cannot get through", "what now", "a little better" are about reaching help, in the
    // language of the message (an English emergency's follow-ups are answered in English).
    if (!payload && flags.afterEmergency) {
      flags.afterEmergency--;
      const folded = this.current.triage
        .tokens(text)
        .map((t) => t.f)
        .join(' ');
      const after = afterEmergencyReply(base, folded, lang);
      if (after.matched || (await search()).decision !== 'answer') {
        await this.send(ctx, after.text, [callAction(base, lang), ...this.hotlineButton(ctx)], this.simple('emergency'));
        return;
      }
    }

    // Another language, or a message too long to be one question: a short, polite reply.
    if (!payload && language === 'other') {
      await this.send(ctx, base.other_language, [], this.simple('fallback'));
      return;
    }
    if (!payload && raw.length > conv.max_message_chars) {
      await this.send(ctx, conv.too_long, this.menuActions(ctx), this.simple('fallback'));
      return;
    }
    if (payload?.type === 'card') {
      await dc.cancelAllDialogs();
      const card = index.cardsById.get(payload.id) ?? this.current.index.cardsById.get(payload.id);
      if (card) return this.answerCard(ctx, card, undefined, 1);
    } else if (payload?.type === 'travel') {
      await dc.cancelAllDialogs();
      await this.travelOrOverview(ctx, dc, { asOf: this.today() });
      return;
    } else if (payload?.type === 'none') {
      await this.recordGap(ctx, { kind: 'clarify_none', text: flags.lastQuestion ?? '(không rõ)' });
      await this.send(ctx, conv.none_of_these.reply, [callAction(base, lang), ...this.hotlineButton(ctx)], this.simple('handoff'));
      return;
    } else if (payload?.type === 'feedback') {
      if (!payload.up) {
        await this.recordGap(ctx, {
          kind: 'feedback_down',
          text: `👎 ${payload.cardId}`,
          entries: [payload.cardId],
          topic: index.cardsById.get(payload.cardId)?.topic,
        });
      }
      await this.send(ctx, payload.up ? conv.feedback.thanks_up : conv.feedback.thanks_down, [], this.simple('smalltalk'));
      return;
    }

    // 3. Small talk, hand-off, menu, cancel.
    const intent = this.current.intents.recognize(text);
    if (intent === 'cancel') {
      await dc.cancelAllDialogs();
      await this.send(ctx, conv.intents.cancel.reply!, this.menuActions(ctx), this.simple('smalltalk'));
      return;
    }
    if (intent === 'handoff') {
      await dc.cancelAllDialogs();
      await this.send(ctx, conv.intents.handoff.reply!, [], this.simple('handoff'));
      return;
    }
    if (intent === 'menu') {
      await this.send(ctx, conv.menu_prompt, this.menuActions(ctx), this.simple('smalltalk'));
      return;
    }
    if (intent === 'greeting' || intent === 'thanks' || intent === 'who') {
      if (intent === 'greeting' && !flags.welcomed) return this.welcome(ctx);
      await this.send(ctx, conv.intents[intent].reply!, intent === 'greeting' ? this.menuActions(ctx) : [], this.simple('smalltalk'));
      return;
    }

    // 4. An active dialog continues only when the message answers its question; anything else is a new question.
    if (dc.activeDialog) {
      const stated = statedOrigin(text);
      if (this.travel.find(text).length > 0 || recognizeVaccination(text) !== undefined || stated.level !== undefined || stated.lockdown) {
        const result = await dc.continueDialog();
        if (result.status !== DialogTurnStatus.empty) return;
      }
      await dc.cancelAllDialogs();
    }

    // 5. Travel advisor.
    const mentions = (t: string) => this.travel.mentions(t);
    if (lang === 'vi' && isTravelQuestion(text, mentions) && !index.domainOf(text).offTopic) {
      const slots = parseTravel(text, mentions);
      const stated = statedOrigin(text);
      // A follow-up that names no time of its own ("nếu ở Hà Nội về Thanh Hóa thì sao" after "về quê tết 2022…") keeps
      // the time of the previous question.
      const leans = !!flags.lastQuestion && text.split(/\s+/).length <= conv.follow_up.max_words && hasWord(text, conv.follow_up.cues);
      const named = dateMentioned(text) ?? (leans && !hasWord(text, conv.follow_up.now_cues) ? dateMentioned(flags.lastQuestion!) : undefined);
      const asOf = named && named < this.today() ? named : this.today();
      const travel: TravelOptions = {
        asOf,
        mode: travelMode(text),
        origin: slots.origin?.id,
        destination: slots.destination?.id,
        vaccination: recognizeVaccination(text) ?? flags.facts?.vaccination,
        statedLevel: stated.level,
        lockdown: stated.lockdown,
      };
      await this.travelOrOverview(ctx, dc, travel, text);
      return;
    }

    // 6. Knowledge question. A follow-up that leans on the previous question ("còn bé nhà em thì sao?") is read
    // together with it. A reading under the thresholds is answered directly, never with the fallback.
    let result = await search();
    let asked = text;
    const subjectless = this.subjectless(text);
    // A time the follow-up names replaces the previous question's ("còn bây giờ?", "vậy hồi tháng 3/2022 thì sao"):
    // the previous question lends its subject, without its time. The follow-up's own words are said twice: they
    // weigh as much as the previous question's ("còn mũi 4?" after a long question on the third dose) — on the
    // development conversations, follow-ups right first 73 → 74 of 134, answered with a wrong card 10 → 7.
    const ownTime = !!dateMentioned(text) || hasWord(text, conv.follow_up.now_cues);
    const previous = flags.lastQuestion;
    const together = previous ? `${ownTime ? withoutTimes(previous) : previous} ${text} ${text}` : text;
    // The people the follow-up names replace those of the previous question ("còn mẹ em 70 tuổi thì sao?").
    const readTogether = (): Promise<SearchResult> =>
      index.search(together, {
        asOf: this.today(),
        facets: index.facetsOf(text),
        learnedRanking: false,
        otherQuestions: false,
        inDomain: true,
      });
    let joinedRead: SearchResult | undefined;
    if (previous && this.followUp(text, result, subjectless)) {
      const joined = await readTogether();
      joinedRead = joined;
      // Read with the previous question, a follow-up that only brings back the previous answer while its own words
      // point elsewhere ("thế ăn gì cho mau khỏi" after a rumour) is not answered with it: the citizen chooses between
      // the previous answer (first: a follow-up more often asks more of the same subject — on the development
      // conversations, right first 74 → 79 of 134 follow-ups) and what its own words find.
      const repeats = joined.hits[0]?.card.id === flags.lastCard && result.decision === 'clarify' && result.hits[0]?.card.id !== flags.lastCard;
      if (repeats) {
        const [first, ...rest] = result.hits;
        result = { ...result, hits: [{ ...joined.hits[0]!, score: first!.score }, first!, ...rest.filter((h) => h.card.id !== flags.lastCard)] };
      } else if (
        joined.decision !== 'out_of_scope' &&
        // A follow-up cue ("vậy nếu đã tiêm đủ 2 mũi thì sao") says the message leans on the previous one: its reading
        // with the previous question is kept even when its own words find another card with more confidence.
        (result.decision !== 'answer' || joined.confidence > result.confidence || hasWord(text, conv.follow_up.cues) || subjectless)
      ) {
        result = joined;
        asked = together;
      }
    }
    // In a conversation about COVID-19, a message that is not understood alone (too long to be taken for a follow-up,
    // or far from every card even read with the previous question) is offered the cards closest to its reading with
    // the previous question, when the best of them reaches `follow_up.rescue_score`, instead of "please rephrase".
    const rescue = conv.follow_up.rescue_score;
    if (result.decision === 'out_of_scope' && previous && rescue > 0 && !result.domain.offTopic && !index.domainOf(text).offTopic) {
      const joined = joinedRead ?? (await readTogether());
      if ((joined.hits[0]?.score ?? 0) >= rescue) {
        result = { ...joined, decision: 'clarify' };
        asked = together;
      }
    }
    if (result.decision !== 'out_of_scope') flags.lastQuestion = (await this.language.redact(asked)).slice(-300);
    // A reading is answered on its own only in a short message; in a longer one the question is what matters.
    if (triage.readings.length && (result.decision === 'answer' || text.split(/\s+/).length <= conv.follow_up.max_words))
      return this.answerReadings(ctx, triage, result);
    await this.answerSearch(ctx, text, result);
  }

  /** A short message with a follow-up cue or without a subject of its own, or a short one the search is not sure of. */
  private followUp(text: string, alone: SearchResult, subjectless: boolean): boolean {
    const f = this.current.index.data.conversation.follow_up;
    if (text.split(/\s+/).filter(Boolean).length > f.max_words) return false;
    return alone.decision !== 'answer' || hasWord(text, f.cues) || subjectless;
  }

  /** A very short message without a strong word of the domain: it has no subject of its own ("tiêm mấy mũi"). */
  private subjectless(text: string): boolean {
    const n = this.current.index.data.conversation.follow_up.subjectless_words;
    return n > 0 && text.split(/\s+/).filter(Boolean).length <= n && this.current.index.domainOf(text).signal !== 'strong';
  }

  private hotlineButton(ctx: TurnContext): CardAction[] {
    const hotline = this.indexFor(ctx).cardsById.get('hotline-115');
    return hotline ? [cardButton(hotline)] : [];
  }

  /**
   * Readings that are not alarming: each with the threshold it was compared with, then the card the question asks
   * for when the search is sure of one (other than the warning signs), else when to call 115.
   */
  private async answerReadings(ctx: TurnContext, triage: TriageResult, r: SearchResult): Promise<void> {
    const index = this.indexFor(ctx);
    const conv = this.textsFor(ctx);
    const lines = readingLines(conv, triage, this.langOf(ctx));
    const top = r.hits[0];
    if (r.decision === 'answer' && top && top.card.id !== this.current.triage.card) return this.answerCard(ctx, top.card, r, r.confidence, lines);
    const signs = index.cardsById.get(this.current.triage.card);
    const src = signs ? sourcesOf(index, signs) : { line: '', refs: [] };
    const actions = [signs, index.cardsById.get('home-theo-doi')].filter((c): c is CardRecord => !!c).map(cardButton);
    await this.send(ctx, [lines, conv.reading_advice, src.line].filter(Boolean).join('\n\n'), actions, {
      kind: 'answer',
      sources: src.refs,
      entries: signs ? [signs.id] : [],
      score: 1,
    });
  }

  /**
   * The travel advisor when a travel rule was in force on the date asked about; otherwise (the rules by level
   * ended) the travel overview, opening with its period and what ended it.
   */
  private async travelOrOverview(ctx: TurnContext, dc: DialogContext, slots: TravelOptions, text?: string): Promise<void> {
    const asOf = slots.asOf;
    const index = this.current.index;
    if (index.data.travel.rules.some((r) => r.valid_from <= asOf && (!r.valid_to || asOf <= r.valid_to))) {
      // The advisor will have to ask for the origin or its level on that date, which no published list gives: what can
      // be said without it (the search's travel card, the card of the means of transport named, else the overview)
      // comes first, with its source, then the question that makes it specific.
      if (text && this.travelWillAsk(slots)) {
        const r = await index.search(text, { asOf });
        const top = r.decision === 'answer' ? r.hits[0]?.card : undefined;
        const card =
          (top?.topic === 'travel' && top) ||
          (slots.mode && index.cardsById.get(slots.mode)) ||
          this.travelCardOn(r, asOf) ||
          index.cardsById.get('travel-tong-quan');
        if (card) await this.answerCard(ctx, card, { asOf, refDate: asOf < this.today() ? asOf : undefined }, top === card ? r.confidence : 1);
      }
      await dc.beginDialog(TRAVEL_DIALOG, slots);
      return;
    }
    // No travel rule by level was in force on that date: the question is searched like any other (coach, plane,
    // testing before a trip…); when the search is not sure, the card of the means of transport or the overview.
    const r = text ? await index.search(text, { asOf }) : undefined;
    if (text && r) {
      if (r.decision === 'answer') return this.answerSearch(ctx, text, r);
      // Not sure, no means of transport named, and what it would offer is not about travel ("test nhanh trước khi về
      // quê"): the choices, not the travel overview.
      if (r.decision === 'clarify' && !slots.mode && r.hits[0] && r.hits[0].card.topic !== 'travel') return this.answerSearch(ctx, text, r);
    }
    // The card of the means of transport named ("xe khách"), else the travel card in force on that date that the search
    // found ("tháng 8/2021": the rules before NQ 128), else the overview; each opens with its period.
    const found = r ? this.travelCardOn(r, asOf) : undefined;
    const overview = (slots.mode && index.cardsById.get(slots.mode)) || found || index.cardsById.get('travel-tong-quan');
    if (overview) return this.answerCard(ctx, overview, { asOf, refDate: asOf < this.today() ? asOf : undefined }, 1);
  }

  /** The best travel card among the search's first three that was in force on `asOf`. */
  private travelCardOn(r: SearchResult, asOf: string): CardRecord | undefined {
    return r.hits
      .slice(0, 3)
      .map((h) => h.card)
      .find((c) => c.topic === 'travel' && cardStatus(c, asOf) === 'current');
  }

  /**
   * Whether the travel advisor, started with these slots, will first have to ask for what only the citizen can tell:
   * where they leave from, or its level on a date no published list covers (as its steps decide). Asking for the
   * vaccination, which the citizen knows, needs no answer before it.
   */
  private travelWillAsk(slots: TravelOptions): boolean {
    if (slots.lockdown) return false;
    if (!slots.origin) return true;
    return !slots.statedLevel && !levelOf(this.current.index.data.levels, slots.origin, slots.asOf);
  }

  /** Two messages: "⚠️ Gọi ngay 115: <sign>" with a call button (≤ 160 characters), then the details. */
  private async emergency(ctx: TurnContext, triage: TriageResult, lang: Lang): Promise<void> {
    ctx.turnState.set(LANG, lang);
    const index = this.indexFor(ctx);
    const conv = index.data.conversation;
    const card = index.cardsById.get(this.current.triage.card);
    const src = card ? sourcesOf(index, card, lang) : { line: '', refs: [] };
    const [first, details] = emergencyReply(conv, triage, lang, card ? { answer: card.answer, source: src.line } : undefined);
    const summary: TurnSummary = { kind: 'emergency', sources: src.refs, entries: card ? [card.id] : [], score: 1 };
    const base = { type: ActivityTypes.Message, textFormat: 'markdown', locale: lang === 'en' ? 'en-US' : 'vi-VN', channelData: { turn: summary } } as const;
    const activities: Partial<Activity>[] = [
      // The call button rides on a card, so it stays beside the first line after the details arrive.
      { ...base, text: first.text, attachments: [CardFactory.heroCard('', undefined, first.actions)] },
      message(details.text, [...details.actions, ...this.hotlineButton(ctx)], summary, lang),
    ];
    await ctx.sendActivities(activities);
  }

  private async answerCard(
    ctx: TurnContext,
    card: CardRecord,
    result: Pick<SearchResult, 'asOf' | 'refDate'> | undefined,
    score: number,
    lead?: string,
    others: readonly Hit[] = [],
  ): Promise<void> {
    const index = this.indexFor(ctx);
    const conv = this.textsFor(ctx);
    const src = sourcesOf(index, card, this.langOf(ctx));
    const asOf = result?.asOf ?? this.today();
    // First line: the period of a rule that no longer applies on the date asked about, and what ended it.
    const validity = validityLine(index, card, asOf, conv);
    const flags = await this.flags.get(ctx, {});
    flags.lastCard = card.id;
    const facts = flags.facts;
    const parts: string[] = [validity, lead].filter((p): p is string => !!p);
    if (result?.refDate) parts.push(conv.labels.as_of.replace('{date}', viDate(result.refDate)));
    parts.push(card.answer);
    const risk = riskNote(conv, facts, card.topic);
    if (risk) parts.push(risk);
    // A message that asked two things: the other question's answer is offered first.
    if (others.length) parts.push(conv.also_asked.replace('{questions}', others.map((h) => `«${h.card.title}»`).join('; ')));
    parts.push(src.line);
    const actions: CardAction[] = [];
    const replaced = card.superseded_by && card.valid_to && card.valid_to < asOf;
    // A rule that no longer applies today, asked about today: what applies now is offered first.
    const endedToday = !!card.valid_to && card.valid_to < asOf && asOf === this.today();
    const today = endedToday && index.data.conversation.today_card ? [index.data.conversation.today_card] : [];
    const follow = [...others.map((h) => h.card.id), ...today, ...card.follow_ups, ...(replaced ? [card.superseded_by!] : [])];
    for (const id of [...new Set(follow)].filter((id) => id !== card.id).slice(0, Math.max(3, others.length + 1))) {
      const c = index.cardsById.get(id);
      if (c) actions.push(cardButton(c));
    }
    actions.push(
      { type: ActionTypes.PostBack, title: conv.feedback.up, value: PAYLOAD.feedback(true, card.id) },
      { type: ActionTypes.PostBack, title: conv.feedback.down, value: PAYLOAD.feedback(false, card.id) },
    );
    await this.send(ctx, parts.join('\n\n'), actions, {
      kind: 'answer',
      sources: src.refs,
      entries: [card.id],
      score,
      ...(others.length ? { offered: others.map((h) => h.card.id) } : {}),
    });
  }

  /** Records a question for the content team, within the user's daily quota (so nobody can flood the report). */
  private async recordGap(ctx: TurnContext, gap: Omit<GapRecord, 'time' | 'channel'>): Promise<void> {
    const now = new Date().toISOString();
    const user = `${ctx.activity.channelId}:${ctx.activity.from?.id ?? ctx.activity.conversation?.id}`;
    // A quota store that fails does not silence the report.
    if (!(await this.gapQuota.take(user, now.slice(0, 10)).catch(() => true))) return;
    await this.options.gaps.record({ ...gap, time: now, channel: ctx.activity.channelId });
  }

  private async answerSearch(ctx: TurnContext, text: string, r: SearchResult): Promise<void> {
    const conv = this.textsFor(ctx);
    const top = r.hits[0];
    if (r.decision === 'answer' && top) return this.answerCard(ctx, top.card, r, r.confidence, undefined, r.others);
    if (r.decision === 'clarify' && top) {
      // Only plausible choices: cards close to the best one, not whatever came next.
      const { clarifyMax, clarifyRatio } = this.current.index.options;
      const choices = r.hits.slice(0, clarifyMax).filter((h, i) => i === 0 || h.score >= top.score * clarifyRatio);
      await this.recordGap(ctx, { kind: 'clarify', text, topic: top.card.topic, entries: choices.map((h) => h.card.id) });
      const list = choices.map((h, i) => `${i + 1}. ${h.card.title}`).join('\n');
      const none: CardAction = { type: ActionTypes.PostBack, title: conv.none_of_these.label, value: PAYLOAD.noneOfThese };
      await this.send(ctx, `${conv.clarify_prompt}\n${list}`, [...choices.map((h) => cardButton(h.card)), none], {
        kind: 'clarify',
        sources: [],
        entries: choices.map((h) => h.card.id),
        score: r.confidence,
      });
      return;
    }
    // A COVID question no card answers gets who can answer; anything else the "please rephrase" fallback.
    if (r.domain.signal === 'strong' && !r.domain.offTopic) {
      await this.recordGap(ctx, { kind: 'no_card', text, topic: top?.card.topic });
      await this.send(ctx, conv.no_card, [...this.hotlineButton(ctx), ...this.menuActions(ctx).slice(0, 2)], {
        kind: 'referral',
        sources: [],
        entries: [],
        score: r.confidence,
      });
      return;
    }
    await this.recordGap(ctx, { kind: 'fallback', text, topic: top?.card.topic });
    await this.send(ctx, conv.fallback, this.menuActions(ctx), { kind: 'fallback', sources: [], entries: [], score: r.confidence });
  }
}
