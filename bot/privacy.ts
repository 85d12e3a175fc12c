/**
 * Redaction of personal data before any user text is stored or logged: phone numbers (0…, +84…), CCCD/CMND
 * numbers, health-insurance codes and e-mail addresses.
 *
 * @example
 * redact('số em 0912 345 678, cccd 001203004567') // 'số em [SĐT], cccd [SỐ GIẤY TỜ]'
 */
const RULES: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[EMAIL]'],
  // Health-insurance card codes: two letters, one digit, then 12 digits (e.g. "DN4010123456789").
  [/\b[a-zA-Z]{2}\d[\s.-]?\d{2}[\s.-]?\d{10}\b/g, '[MÃ BHYT]'],
  [/(?:\+?84|\b0)(?:[\s.-]?\d){9,10}\b/g, '[SĐT]'],
  // CCCD (12 digits) and CMND (9 digits), possibly grouped.
  [/\b\d{3}[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{3})?\b/g, '[SỐ GIẤY TỜ]'],
];

export function redact(text: string): string {
  let out = String(text ?? '');
  for (const [re, label] of RULES) out = out.replace(re, label);
  return out;
}
