/**
 * The travel advisor dialog (botbuilder-dialogs): asks only for what is missing (origin, destination, the origin's
 * level when no published list covers the date, and the vaccination status when the level makes it matter), then
 * answers with the rule and its sources. Levels come only from dated published lists or from the citizen.
 * Prompts are Vietnamese text prompts with our own recognisers (the SDK's prompts have no Vietnamese).
 */
import { ActionTypes, type CardAction } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import {
  provinceFinder,
  type Province,
  type Vaccination,
  type KnowledgeIndex,
  type ProvinceFinder,
  type ProvinceMention,
  type LevelRow,
} from '../../knowledge';
import { PAYLOAD, buttonTitle, cardButton, dateLabel, message, viDate, type TurnSummary } from '../replies';
import { VACCINATION_CHOICES, chooseRule, levelOf, needsVaccination, recognizeVaccination, statedOrigin } from '../travel';

export const TRAVEL_DIALOG = 'travel';
const PROVINCE_PROMPT = 'travel.province';
const VACCINATION_PROMPT = 'travel.vaccination';
const LEVEL_PROMPT = 'travel.level';

export interface TravelOptions {
  origin?: string;
  destination?: string;
  vaccination?: Vaccination;
  /** Level of the origin as the user stated it ("đang cấp 4"), taken over the table. */
  statedLevel?: number;
  /** The user leaves a locked-down area. */
  lockdown?: boolean;
  /** Card of the means of transport the user named (air, rail, coach), offered first. */
  mode?: string;
  asOf: string;
}

interface TravelValues {
  origin?: Province;
  destination?: Province;
  vaccination?: Vaccination;
  /** The origin's level (or lockdown) as the citizen answered it. */
  statedLevel?: number;
  lockdown?: boolean;
}

export interface TravelDialogDeps {
  index: () => KnowledgeIndex;
}

export class TravelDialog extends ComponentDialog {
  private finderFor?: { index: KnowledgeIndex; find: ProvinceFinder };

  constructor(private readonly deps: TravelDialogDeps) {
    super(TRAVEL_DIALOG);
    this.addDialog(new TextPrompt(PROVINCE_PROMPT, async (pc) => this.validProvince(pc)));
    this.addDialog(new TextPrompt(VACCINATION_PROMPT, async (pc) => recognizeVaccination(pc.recognized.value ?? '') !== undefined));
    this.addDialog(
      new TextPrompt(LEVEL_PROMPT, async (pc) => {
        const s = statedOrigin(pc.recognized.value ?? '');
        return s.level !== undefined || s.lockdown;
      }),
    );
    this.addDialog(
      new WaterfallDialog(`${TRAVEL_DIALOG}.steps`, [
        (s) => this.askOrigin(s),
        (s) => this.askDestination(s),
        (s) => this.askLevel(s),
        (s) => this.askVaccination(s),
        (s) => this.answer(s),
      ]),
    );
    this.initialDialogId = `${TRAVEL_DIALOG}.steps`;
  }

  /** Provinces named in a text, with positions (the finder is rebuilt when the index is swapped). */
  mentions(text: string): ProvinceMention[] {
    const index = this.deps.index();
    if (this.finderFor?.index !== index) this.finderFor = { index, find: provinceFinder(index.data.provinces) };
    return this.finderFor.find(text);
  }

  find(text: string): Province[] {
    return this.mentions(text).map((m) => m.province);
  }

  private provinceById(id: string | undefined): Province | undefined {
    return id ? this.deps.index().data.provinces.find((p) => p.id === id) : undefined;
  }

  private async validProvince(pc: PromptValidatorContext<string>): Promise<boolean> {
    return this.find(pc.recognized.value ?? '').length > 0;
  }

  private prompt(text: string, retry: string, actions: CardAction[] = []) {
    const summary: TurnSummary = { kind: 'prompt', sources: [], entries: [], score: 0 };
    return { prompt: message(text, actions, summary), retryPrompt: message(retry, actions, summary) };
  }

  private values(step: WaterfallStepContext): TravelValues {
    return step.values as TravelValues;
  }

  private async askOrigin(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as TravelOptions;
    const v = this.values(step);
    v.origin = this.provinceById(o.origin);
    v.destination = this.provinceById(o.destination);
    v.vaccination = o.vaccination;
    // Leaving a locked-down area: the rule does not depend on the province.
    if (v.origin || o.lockdown) return step.next();
    return step.prompt(
      PROVINCE_PROMPT,
      this.prompt(
        'Bạn đi **từ** tỉnh, thành phố nào? (ví dụ: Hà Nội, TP.HCM, Đà Nẵng)',
        'Tôi chưa nhận ra tên tỉnh, thành phố. Bạn gõ lại giúp tôi nơi đi nhé (ví dụ: "hcm", "ha noi"), hoặc gõ "thôi" để dừng.',
      ),
    );
  }

  private async askDestination(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = this.values(step);
    const o = step.options as TravelOptions;
    if (!v.origin && !o.lockdown) v.origin = this.find(String(step.result ?? ''))[0];
    // The rules depend on where people leave from: a destination is asked for only when the user gave no place.
    if (v.destination || o.origin || o.destination) return step.next();
    return step.prompt(
      PROVINCE_PROMPT,
      this.prompt(
        `Bạn đi từ ${v.origin?.name ?? 'đó'} **đến** tỉnh, thành phố nào?`,
        'Tôi chưa nhận ra nơi đến. Bạn gõ lại tên tỉnh, thành phố giúp tôi, hoặc gõ "thôi" để dừng.',
      ),
    );
  }

  /** No published list covers the date: the citizen is asked for the level, never given a guess. */
  private async askLevel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = this.values(step);
    const o = step.options as TravelOptions;
    if (!v.destination) v.destination = this.find(String(step.result ?? '')).find((p) => p.id !== v.origin?.id);
    if (!v.origin || o.lockdown || this.originLevel(v.origin, o, v)) return step.next();
    const text = `Tôi không có danh sách cấp độ dịch đã công bố của **${v.origin.name}** vào ngày ${viDate(o.asOf)}. Khi đó ${v.origin.name} ở **cấp mấy** (1, 2, 3 hay 4), hay bạn đi từ **vùng phong tỏa**? Cấp độ do UBND tỉnh công bố và được Bộ Y tế tổng hợp trên bản đồ cấp độ dịch.`;
    const actions: CardAction[] = ['Cấp 1', 'Cấp 2', 'Cấp 3', 'Cấp 4', 'Vùng phong tỏa'].map((t) => ({ type: ActionTypes.ImBack, title: t, value: t }));
    return step.prompt(
      LEVEL_PROMPT,
      this.prompt(text, 'Bạn gõ giúp tôi cấp độ nơi đi: "cấp 1", "cấp 2", "cấp 3", "cấp 4" hoặc "vùng phong tỏa"; gõ "thôi" để dừng.', actions),
    );
  }

  private async askVaccination(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = this.values(step);
    const o = step.options as TravelOptions;
    if (typeof step.result === 'string') {
      const stated = statedOrigin(step.result);
      v.statedLevel = stated.level;
      v.lockdown = stated.lockdown;
    }
    const index = this.deps.index();
    const level = v.origin ? this.originLevel(v.origin, o, v) : undefined;
    const lockdown = o.lockdown || v.lockdown;
    if (lockdown || v.vaccination || !level || !needsVaccination(index.data.travel, level.level, o.asOf, lockdown)) return step.next();
    const actions: CardAction[] = VACCINATION_CHOICES.map((c) => ({ type: ActionTypes.ImBack, title: c.label, value: c.label }));
    return step.prompt(
      VACCINATION_PROMPT,
      this.prompt(
        `${v.origin!.name} đang ở cấp ${level.level}, nên quy định phụ thuộc vào việc tiêm vắc xin. Bạn (người đi) đã tiêm vắc xin COVID-19 thế nào?`,
        'Bạn chọn một trong các mục: đã tiêm đủ liều, chưa đủ liều, chưa tiêm, hoặc đã khỏi bệnh.',
        actions,
      ),
    );
  }

  /** The origin's level: as the user stated it, else from a published list covering the date. */
  private originLevel(origin: Province, o: TravelOptions, v?: TravelValues): LevelRow | undefined {
    const stated = o.statedLevel ?? v?.statedLevel;
    if (stated) return { province: origin.id, level: stated, valid_from: o.asOf, valid_to: o.asOf, source: 'user', sample: 'no' };
    return levelOf(this.deps.index().data.levels, origin.id, o.asOf);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = this.values(step);
    const o = step.options as TravelOptions;
    if (!v.vaccination && typeof step.result === 'string') v.vaccination = recognizeVaccination(step.result);
    const index = this.deps.index();
    const origin = v.origin;
    const dest = v.destination;
    const level = origin ? this.originLevel(origin, o, v) : undefined;
    const destLevel = dest ? levelOf(index.data.levels, dest.id, o.asOf) : undefined;
    const lockdown = o.lockdown || v.lockdown;
    const rule = lockdown
      ? chooseRule(index.data.travel, level?.level ?? 1, v.vaccination, o.asOf, true)
      : level
        ? chooseRule(index.data.travel, level.level, v.vaccination, o.asOf)
        : undefined;
    const card = index.cardsById.get(rule?.card ?? 'travel-tong-quan');
    const lines: string[] = [];
    const levelText = (name: string, row: typeof level): string =>
      !row
        ? `**${name}** (chưa có số liệu cấp độ)`
        : row.source === 'user'
          ? `**${name}** (cấp ${row.level}, theo bạn cho biết${lockdown ? ', vùng phong tỏa' : ''})`
          : `**${name}** (cấp ${row.level} theo danh sách ngày ${viDate(row.valid_from)}${lockdown ? ', vùng phong tỏa' : ''})`;
    const from = origin ? levelText(origin.name, level) : lockdown ? '**vùng phong tỏa**' : 'nơi bạn đi';
    lines.push(`Từ ${from} đến ${dest ? levelText(dest.name, destLevel) : 'nơi bạn đến'}:`);
    lines.push(
      rule
        ? rule.summary
        : 'Tôi chưa có quy tắc cho trường hợp này. Theo NQ 128, việc đi lại được áp dụng thống nhất theo cấp độ dịch; bạn nên hỏi trạm y tế nơi đến.',
    );
    if (level && level.source !== 'user') lines.push(`Cấp độ nơi đi theo: ${level.source}.`);
    lines.push(index.data.travel.local_rules_note);
    const refs = (rule?.sources ?? ['nq-128']).flatMap((id) => {
      const d = index.documentsById.get(id);
      return d ? [{ doc: d.number, date: d.issued ?? null }] : [];
    });
    lines.push(`Nguồn: ${refs.map((r) => `${r.doc}${dateLabel(r.date)}`).join('; ')}`);
    const actions: CardAction[] = [];
    const modeCard = o.mode ? index.cardsById.get(o.mode) : undefined;
    if (modeCard) {
      lines.splice(2, 0, `Phương tiện bạn hỏi có quy định riêng: bấm "${buttonTitle(modeCard.title)}" bên dưới.`);
      actions.push(cardButton(modeCard));
    }
    if (card) actions.push(cardButton(card));
    const papers = index.cardsById.get('travel-giay-to');
    if (papers && papers.id !== card?.id) actions.push(cardButton(papers));
    actions.push({ type: ActionTypes.PostBack, title: buttonTitle('Hỏi chuyến đi khác'), value: PAYLOAD.travel });
    const entries = [card?.id, modeCard?.id].filter((x): x is string => Boolean(x));
    const summary: TurnSummary = { kind: 'answer', sources: refs, entries, score: 1 };
    await step.context.sendActivity(message(lines.join('\n\n'), actions, summary));
    return step.endDialog({ origin: origin?.id, destination: dest?.id, vaccination: v.vaccination, rule: rule?.id });
  }
}
