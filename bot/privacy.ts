/**
 * Redaction of personal data before any user text is stored or logged: phone numbers (0…, +84…), CCCD/CMND
 * numbers, health-insurance codes and e-mail addresses.
 *
 * @example
 * redact('số em 0912 345 678, cccd 001203004567') // 'số em [SĐT], cccd [SỐ GIẤY TỜ]'
 */
// Number patterns are bounded by "no digit before / after" rather than word boundaries, so a number glued to a
// word ("sdt0912345678") is still found; the e-mail pattern accepts letters with accents.
const RULES: [RegExp, string][] = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[EMAIL]'],
  // Health-insurance card codes: two letters, one digit, then 12 digits (e.g. "DN4010123456789").
  [/(?<![a-zA-Z])[a-zA-Z]{2}\d[\s.-]?\d{2}[\s.-]?\d{10}(?!\d)/g, '[MÃ BHYT]'],
  [/(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){9,10}(?!\d)/g, '[SĐT]'],
  // CCCD (12 digits) and CMND (9 digits), possibly grouped.
  [/(?<!\d)\d{3}[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{3})?(?!\d)/g, '[SỐ GIẤY TỜ]'],
];

export function redact(text: string): string {
  // NFKC turns full-width digits into ASCII ones; format characters (zero-width spaces and joiners) are removed
  // so that they cannot split a number.
  let out = String(text ?? '')
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '');
  for (const [re, label] of RULES) out = out.replace(re, label);
  return out;
}
