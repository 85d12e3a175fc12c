/**
 * The travel advisor's reasoning, as plain functions: which provinces a message names (and which is the origin),
 * the epidemic level of a province on a date, and which rule of `knowledge/travel-rules.yaml` applies.
 */
import type { LevelRow, Province, TravelRule, TravelRules, Vaccination } from '../knowledge/content/schema';
import { tokenize } from '../knowledge/text/analyze';
import type { ProvinceFinder } from '../knowledge/text/provinces';
import { foldVietnamese, normalizeVietnamese } from '../knowledge/text/vietnamese';

const ORIGIN_CUES = new Set(['tu', 'o', 'roi']);
const DESTINATION_CUES = new Set(['ve', 'den', 'toi', 'vao', 'ra', 'sang', 'len', 'xuong', 'qua', 'di']);
const TRAVEL_WORDS = /\b(tu|ve|den|toi|vao|ra|sang|len|xuong|di lai|di chuyen|di|bay|xe khach|tau)\b/;

export interface TravelSlots {
  origin?: Province;
  destination?: Province;
}

/** Origin and destination named in a message. "từ X" marks the origin, "về/đến/vào/ra X" the destination. */
export function parseTravel(text: string, find: ProvinceFinder): TravelSlots {
  const mentions = find(text);
  if (mentions.length === 0) return {};
  const tokens = tokenize(normalizeVietnamese(text)).map(foldVietnamese);
  const slots: TravelSlots = {};
  const unassigned: Province[] = [];
  for (const m of mentions) {
    const before = tokens[m.at - 1] ?? '';
    if (ORIGIN_CUES.has(before) && !slots.origin) slots.origin = m.province;
    else if (DESTINATION_CUES.has(before) && !slots.destination) slots.destination = m.province;
    else unassigned.push(m.province);
  }
  for (const p of unassigned) {
    if (!slots.origin) slots.origin = p;
    else if (!slots.destination) slots.destination = p;
  }
  return slots;
}

/** True when a message asks about travelling to or from a named province. */
export function isTravelQuestion(text: string, find: ProvinceFinder): boolean {
  if (find(text).length === 0) return false;
  return TRAVEL_WORDS.test(foldVietnamese(normalizeVietnamese(text)));
}

/** The level row in force for a province on a date: the latest `valid_from` not after it. */
export function levelOf(levels: LevelRow[], provinceId: string, asOf: string): LevelRow | undefined {
  let best: LevelRow | undefined;
  for (const row of levels) {
    if (row.province === provinceId && row.valid_from <= asOf && (!best || row.valid_from > best.valid_from)) best = row;
  }
  return best;
}

function inForce(rule: TravelRule, asOf: string): boolean {
  return rule.valid_from <= asOf && (!rule.valid_to || rule.valid_to >= asOf);
}

/** Whether the rules for this origin level on this date depend on vaccination status. */
export function needsVaccination(rules: TravelRules, originLevel: number, asOf: string): boolean {
  const first = rules.rules.find((r) => inForce(r, asOf) && r.origin_levels.includes(originLevel));
  return Boolean(first?.vaccination);
}

/** The first rule in force for the origin level (and vaccination, where the rule asks for it). */
export function chooseRule(rules: TravelRules, originLevel: number, vaccination: Vaccination | undefined, asOf: string): TravelRule | undefined {
  return rules.rules.find(
    (r) =>
      inForce(r, asOf) &&
      r.origin_levels.includes(originLevel) &&
      (!r.vaccination || (vaccination !== undefined && r.vaccination.includes(vaccination))),
  );
}

export const VACCINATION_CHOICES: { value: Vaccination; label: string }[] = [
  { value: 'du_lieu', label: 'Đã tiêm đủ liều' },
  { value: 'chua_du_lieu', label: 'Chưa đủ liều' },
  { value: 'chua_tiem', label: 'Chưa tiêm' },
  { value: 'khoi_benh', label: 'Đã khỏi bệnh' },
];

/** Reads a vaccination status from an answer ("đủ 2 mũi", "chua tiem", "2", "đã khỏi"). */
export function recognizeVaccination(text: string): Vaccination | undefined {
  const t = ` ${foldVietnamese(normalizeVietnamese(String(text ?? ''))).replace(/[^a-z0-9]+/g, ' ').trim()} `;
  if (/^ [1-4] $/.test(t)) return VACCINATION_CHOICES[Number(t.trim()) - 1]!.value;
  if (/ (chua|khong|ko|k) (duoc )?(tiem|chich)( mui nao| gi)? /.test(t) || / chua tiem/.test(t)) return 'chua_tiem';
  if (/ chua du| 1 mui | mot mui | moi tiem (1|mot) | tiem (1|mot) mui /.test(t)) return 'chua_du_lieu';
  if (/ khoi benh | da khoi | f0 khoi | tung (la )?f0 | da mac covid /.test(t)) return 'khoi_benh';
  if (/ du (lieu|mui|2 mui|3 mui|liều)| (da )?(tiem|chich) (du|2 mui|3 mui|mui 3|mui 2)| 2 mui | 3 mui /.test(t)) return 'du_lieu';
  return undefined;
}
