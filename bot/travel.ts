/**
 * The travel advisor's reasoning, as plain functions: which provinces a message names (and which is the origin),
 * the epidemic level of a province on a date, and which rule of `knowledge/travel-rules.yaml` applies.
 */
import {
  tokenize,
  foldVietnamese,
  normalizeVietnamese,
  type LevelRow,
  type Province,
  type TravelRule,
  type TravelRules,
  type Vaccination,
  type ProvinceFinder,
} from '../knowledge';

const ORIGIN_CUES = new Set(['tu', 'o', 'roi']);
const DESTINATION_CUES = new Set(['ve', 'den', 'toi', 'vao', 'ra', 'sang', 'len', 'xuong', 'qua', 'di']);
const TRAVEL_WORDS = /\b(di lai|di chuyen|ve que|di tinh|lien tinh|xe khach|may bay|bay noi dia|tau hoa|tau lua|xe lua)\b/;

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

/**
 * True when a message asks about travelling to or from a named province: a place word right before the province
 * ("từ Hà Nội", "về Thanh Hóa") or a travel phrase ("đi lại", "về quê", "xe khách"). Bare "tu" alone is not
 * enough (it is also "tự", as in "tự uống").
 */
export function isTravelQuestion(text: string, find: ProvinceFinder): boolean {
  const mentions = find(text);
  if (mentions.length === 0) return false;
  const tokens = tokenize(normalizeVietnamese(text));
  const folded = tokens.map(foldVietnamese);
  const cued = mentions.some((m) => {
    const before = tokens[m.at - 1];
    if (!before) return false;
    // An accented cue is unambiguous; a bare one counts only for words that are not also common other words.
    if (['từ', 'về', 'đến', 'tới', 'vào', 'ra', 'sang', 'lên', 'xuống', 'qua', 'đi'].includes(before)) return true;
    return ['ve', 'den', 'toi', 'vao', 'sang', 'len', 'xuong', 'di'].includes(folded[m.at - 1]!) && before === folded[m.at - 1];
  });
  return cued || TRAVEL_WORDS.test(folded.join(' '));
}

/** The latest published level of a province on or before a date, whatever its window (for staff, with its date). */
export function latestLevel(levels: LevelRow[], provinceId: string, asOf: string): LevelRow | undefined {
  let best: LevelRow | undefined;
  for (const row of levels) if (row.province === provinceId && row.valid_from <= asOf && (!best || row.valid_from > best.valid_from)) best = row;
  return best;
}

/** The level of a province on a date from a published list covering that date (none outside every list's window). */
export function levelOf(levels: LevelRow[], provinceId: string, asOf: string): LevelRow | undefined {
  const row = latestLevel(levels, provinceId, asOf);
  return row && asOf <= row.valid_to ? row : undefined;
}

function inForce(rule: TravelRule, asOf: string): boolean {
  return rule.valid_from <= asOf && (!rule.valid_to || rule.valid_to >= asOf);
}

/** Whether the rules for this origin level on this date depend on vaccination status. */
export function needsVaccination(rules: TravelRules, originLevel: number, asOf: string, lockdown = false): boolean {
  const first = rules.rules.find((r) => inForce(r, asOf) && r.lockdown === lockdown && r.origin_levels.includes(originLevel));
  return Boolean(first?.vaccination);
}

/** The first rule in force for the origin level (and vaccination, where the rule asks for it). */
export function chooseRule(
  rules: TravelRules,
  originLevel: number,
  vaccination: Vaccination | undefined,
  asOf: string,
  lockdown = false,
): TravelRule | undefined {
  return rules.rules.find(
    (r) =>
      inForce(r, asOf) &&
      r.lockdown === lockdown &&
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
  const t = ` ${foldVietnamese(normalizeVietnamese(String(text ?? '')))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  if (/^ [1-4] $/.test(t)) return VACCINATION_CHOICES[Number(t.trim()) - 1]!.value;
  if (/ (chua|khong|ko|k) (duoc )?(tiem|chich)( mui nao| gi)? /.test(t) || / chua tiem/.test(t)) return 'chua_tiem';
  if (/ chua du| 1 mui | mot mui | moi tiem (1|mot) | tiem (1|mot) mui /.test(t)) return 'chua_du_lieu';
  if (/ khoi benh | da khoi | f0 khoi | tung (la )?f0 | da mac covid /.test(t)) return 'khoi_benh';
  if (/ du (lieu|mui|2 mui|3 mui|liều)| (da )?(tiem|chich) (du|2 mui|3 mui|mui 3|mui 2)| 2 mui | 3 mui /.test(t)) return 'du_lieu';
  return undefined;
}

const ZONE_LEVEL: Record<string, number> = { xanh: 1, vang: 2, cam: 3, do: 4 };

/**
 * What the user says about the place they leave: a level ("đang cấp 4", "vùng đỏ") and whether it is locked down.
 * A level stated by the user is taken over the table (the table may be sample data or out of date).
 */
export function statedOrigin(text: string): { level?: number; lockdown: boolean } {
  const t = foldVietnamese(normalizeVietnamese(String(text ?? '')));
  const lockdown = /\b(phong toa|vung cach ly y te|khu cach ly y te|lockdown)\b/.test(t);
  const m = /\bcap(?: do)?\s*([1-4])\b/.exec(t) ?? /\bvung (xanh|vang|cam|do)\b/.exec(t);
  if (!m) return { lockdown };
  const level = /^[1-4]$/.test(m[1]!) ? Number(m[1]) : ZONE_LEVEL[m[1]!];
  return { level, lockdown };
}

/** Card of the means of transport a message names, if any ("máy bay", "tàu", "xe khách"). */
export function travelMode(text: string): string | undefined {
  const t = foldVietnamese(normalizeVietnamese(String(text ?? '')));
  if (/\b(may bay|bay noi dia|chuyen bay|hang khong|tau bay|san bay)\b/.test(t)) return 'travel-may-bay';
  if (/\b(tau hoa|tau lua|xe lua|duong sat|ga tau)\b/.test(t)) return 'travel-tau-hoa';
  if (/\b(xe khach|xe do|ben xe|nha xe|xe lien tinh)\b/.test(t)) return 'travel-xe-khach';
  return undefined;
}
