/**
 * Dates and document numbers that citizens mention in a question ("hồi tháng 12/2021", "theo CV 762"), so the
 * engine can rank the rule that applied then above today's rule.
 *
 * @example
 * dateMentioned('hoi thang 12/2021 f1 cach ly may ngay') // '2021-12-15'
 * dateMentioned('trc thang 2/2022 f0 cach ly may ngay')  // '2022-01-31'
 */
import { foldVietnamese, normalizeVietnamese } from './vietnamese';

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 2019 || y > 2030 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return new Date(iso).toISOString().startsWith(iso) ? iso : undefined;
}

/** Last day of the month before (y, m). */
function dayBeforeMonth(y: number, m: number): string {
  const d = new Date(Date.UTC(y, m - 1, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The first date a question refers to, as YYYY-MM-DD, or undefined.
 * Understands dd/mm/yyyy, mm/yyyy, "tháng m năm yyyy", "đầu/giữa/cuối (năm) yyyy", "Tết yyyy", a school year
 * ("2021-2022"), a year after a word of time ("hồi 2021"), and "trước …" (the day before). A day and month without a
 * year ("từ 15/4") is placed in the guidance period (July–December → 2021, January–June → 2022).
 */
export function dateMentioned(text: string): string | undefined {
  const t = foldVietnamese(normalizeVietnamese(String(text ?? '')));
  const before = (idx: number): boolean => /\b(truoc|trc|truoc khi)\s*(ngay|thang|nam)?\s*$/.test(t.slice(Math.max(0, idx - 16), idx));
  for (const m of t.matchAll(/\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(20\d{2})\b/g)) {
    const d = validDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) return before(m.index) ? new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10) : d;
  }
  for (const m of t.matchAll(/\b(?:(dau|giua|cuoi)\s*)?(?:thang\s*)?(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(20\d{2})\b/g)) {
    const y = Number(m[3]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12 || !validDate(y, mo, 1)) continue;
    if (before(m.index)) return dayBeforeMonth(y, mo);
    const day = m[1] === 'dau' ? '05' : m[1] === 'cuoi' ? String(new Date(Date.UTC(y, mo, 0)).getUTCDate()) : '15';
    return `${y}-${pad(mo)}-${day}`;
  }
  const part = /\b(dau|giua|cuoi)\s*(?:nam\s*)?(20\d{2})\b/.exec(t);
  if (part) {
    const y = Number(part[2]);
    const md = part[1] === 'dau' ? '01-15' : part[1] === 'giua' ? '06-15' : '12-20';
    if (validDate(y, 1, 1)) return `${y}-${md}`;
  }
  const english = englishDate(t);
  if (english) return english;
  // A school year ("năm học 2021-2022"): its middle. Only years of the epidemic (2020–2023): "năm 2026", "năm học
  // 2025-2026" say today.
  const school = /\b(202[0-2])\s*-\s*(202[1-3])\b/.exec(t);
  if (school && Number(school[2]) === Number(school[1]) + 1) return `${school[2]}-01-15`;
  // A year alone after a word of time ("hồi 2021", "năm 2022", "in 2022"): the guidance of that year, late 2021 (it
  // began with NQ 128 of 11/10/2021), the middle of any other year.
  const year = /\b(?:hoi|nam|vao|trong|thoi|dot|in|during)\s+(202[0-3])\b(?!\s*[/.-]\s*\d)/.exec(t);
  if (year) return year[1] === '2021' ? '2021-11-15' : `${year[1]}-06-15`;
  const tet = /\btet\s*(?:nham dan\s*)?(2022)\b|\btet nham dan\b/.exec(t);
  if (tet) return '2022-01-25';
  const dayMonth = /\b(?:tu|ngay|den|truoc|trc|sau)\s*(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)/.exec(t);
  if (dayMonth) {
    const mo = Number(dayMonth[2]);
    const y = mo >= 7 ? 2021 : 2022;
    const d = validDate(y, mo, Number(dayMonth[1]));
    if (d) return /^(truoc|trc)/.test(dayMonth[0]) ? new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10) : d;
  }
  return undefined;
}

/** Document-type words that may precede a number ("QĐ 4800", "công văn 762", "nq38"). */
const DOC_PREFIX = /\b(?:qd|quyet dinh|cv|cong van|nq|nghi quyet|hd|huong dan|van ban|vb|so)\s*(\d{2,5})\b/g;

/**
 * Numbers of official documents named in the text. Numbers of four or more digits count on their own;
 * shorter ones only after a word such as "QĐ", "CV", "NQ" ("mạch 128" is a pulse, not NQ 128).
 */
export function documentNumbersMentioned(text: string, known: ReadonlySet<string>): string[] {
  const t = foldVietnamese(normalizeVietnamese(String(text ?? '')));
  const found = new Set<string>();
  for (const m of t.matchAll(DOC_PREFIX)) if (known.has(m[1]!)) found.add(m[1]!);
  for (const m of t.matchAll(/\b(\d{4,5})\b/g)) {
    if (known.has(m[1]!) && !/^20(19|2\d)$/.test(m[1]!)) found.add(m[1]!);
  }
  return [...found];
}

/** The leading number of a document number: "QĐ 4800/QĐ-BYT" → "4800". */
export function leadingNumber(docNumber: string): string | undefined {
  return /(\d{2,5})/.exec(docNumber)?.[1];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const monthNumber = (name: string): number => MONTHS.indexOf(name.slice(0, 3)) + 1;

/**
 * Dates written in English: "15 March 2022", "March 15, 2022", "mid-March 2022", "in April 2022", "late 2021",
 * "before May 2022" (the day before).
 */
function englishDate(t: string): string | undefined {
  const before = (idx: number): boolean => /\b(before|until|till|prior to)\s*$/.test(t.slice(Math.max(0, idx - 12), idx));
  const dayBefore = (d: string): string => new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);
  for (const m of t.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(20\\d{2})\\b`, 'g'))) {
    const d = validDate(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
    if (d) return before(m.index) ? dayBefore(d) : d;
  }
  for (const m of t.matchAll(new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(20\\d{2})\\b`, 'g'))) {
    const d = validDate(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
    if (d) return before(m.index) ? dayBefore(d) : d;
  }
  for (const m of t.matchAll(new RegExp(`\\b(?:(early|mid|late|end of|beginning of|start of)[\\s-]*)?${MONTH}\\.?,?\\s+(?:of\\s+)?(20\\d{2})\\b`, 'g'))) {
    const y = Number(m[3]);
    const mo = monthNumber(m[2]!);
    if (!validDate(y, mo, 1)) continue;
    if (before(m.index)) return dayBeforeMonth(y, mo);
    const part = m[1] ?? '';
    const day = /early|beginning|start/.test(part) ? '05' : /late|end/.test(part) ? String(new Date(Date.UTC(y, mo, 0)).getUTCDate()) : '15';
    return `${y}-${pad(mo)}-${day}`;
  }
  const part = /\b(early|mid|late|end of|beginning of|start of)[\s-]*(20\d{2})\b/.exec(t);
  if (part && validDate(Number(part[2]), 1, 1)) {
    const md = /early|beginning|start/.test(part[1]!) ? '01-15' : part[1] === 'mid' ? '06-15' : '12-20';
    return `${part[2]}-${md}`;
  }
  return undefined;
}

const TIME_V = '(?:hồi|hoi|vào|vao|từ|tu|trong|đến|den|trước|truoc|sau|in|on|from|since|by|until|during|at)';
const TIME_PART = '(?:đầu|dau|giữa|giua|cuối|cuoi|early|mid|late|end of|beginning of|start of)';
const TIME_UNIT = '(?:ngày|ngay|tháng|thang|năm|nam)';
const word = (p: string): RegExp => new RegExp(`(?<![\\p{L}\\d])${p}(?![\\p{L}\\d])`, 'giu');
/** What {@link withoutTimes} takes out, in order: years and dates, day/month, month names, Tết, words of today. */
const TIMES: readonly RegExp[] = [
  word(`(?:${TIME_V}\\s+)?(?:${TIME_PART}\\s+)?(?:${TIME_UNIT}\\s+)?(?:\\d{1,2}\\s*[/.-]\\s*)?(?:\\d{1,2}\\s*[/.-]\\s*)?(?:${TIME_UNIT}\\s+)?20\\d{2}`),
  word(`(?:${TIME_V}|${TIME_UNIT})\\s+(?:${TIME_UNIT}\\s+)?\\d{1,2}\\s*[/.-]\\s*\\d{1,2}`),
  word(`(?:${TIME_V}\\s+)?(?:${TIME_PART}\\s+(?:of\\s+)?)?${MONTH}\\.?,?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?(?:20\\d{2})?`),
  word('(?:tết|tet)(?:\\s+(?:nhâm dần|nham dan))?'),
  word('(?:bây giờ|bay gio|hiện nay|hien nay|hiện tại|hien tai|năm nay|nam nay|now|currently|nowadays)'),
];

/**
 * The text without the times it names (dates, months, years, "Tết 2022", "hồi …", "năm nay", "bây giờ"): a
 * follow-up that names its own time ("còn bây giờ?") is read with the previous question's subject, not its time.
 *
 * @example
 * withoutTimes('Hồi tháng 12/2021 F1 phải cách ly mấy ngày?') // 'F1 phải cách ly mấy ngày?'
 */
export function withoutTimes(text: string): string {
  return TIMES.reduce((t, re) => t.replace(re, ' '), String(text ?? ''))
    .replace(/\s+([?.!,])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
