/**
 * Local language detection, good enough to tell Vietnamese (with or without accents) from English and from other
 * scripts. Vietnamese letters settle it at once; for bare Latin text, common words of each language are counted.
 */
const VI_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const OTHER_SCRIPT = /[\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

const EN = new Set(
  'a an and are as at be been but by can could do does did for from had has have how i if in is it its me my no not of on or our please should so than that this to was we were what when where which who why will with would you your there their they them he she his her about after before during test tested testing quarantine isolation vaccine vaccinated travel need must fever cough hello hi thanks thank much any long days day'.split(
    ' ',
  ),
);
const VI = new Set(
  'la co khong ko k gi toi em anh chi ban duoc dc bi nha o di ve cach ly xet nghiem nhanh tiem mui lam sao nao bao nhieu cho hoi can phai thi va cua voi roi chua nguoi ngay tinh cap dich thuoc sot kho tho nhe oi vay f0 f1 covid vach am duong tinh trang y te tram goi tu theo doi nay minh me bo ba con be ong ra vao tai sau truoc den qua'.split(
    ' ',
  ),
);

export type Language = 'vi' | 'en' | 'other';

export function detectLanguage(text: string): Language {
  const t = String(text ?? '').normalize('NFC');
  if (VI_LETTERS.test(t)) return 'vi';
  const letters = t.replace(/[^\p{L}]/gu, '');
  const other = (t.match(OTHER_SCRIPT) ?? []).length;
  if (letters.length > 0 && other / letters.length > 0.5) return 'other';
  const words = t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let en = 0;
  let vi = 0;
  for (const w of words) {
    if (EN.has(w)) en++;
    if (VI.has(w)) vi++;
  }
  return en >= 2 && en > vi * 1.5 ? 'en' : 'vi';
}

/** Words both languages use ("covid", "f0", "test"): they say nothing about the language. */
const SHARED = new Set(['covid', 'f0', 'f1', 'f2', 'pcr', 'test', 'ok', 'oke', 'spo2', 'vaccine', 'app', 'pc', 'hotline', 'ha', 'a', 'o']);

/**
 * The language to answer a message in: the message's own when it is clear, else the conversation's. A short English
 * follow-up ("and for my kids?", "still needed in 2023?") stays in English; a message with Vietnamese letters or two
 * Vietnamese words is Vietnamese.
 *
 * @example
 * conversationLanguage('Still needed in 2023?', 'vi', 'en') // 'en'
 */
export function conversationLanguage(text: string, detected: Language, previous: 'vi' | 'en' | undefined): 'vi' | 'en' {
  if (detected === 'en') return 'en';
  if (previous !== 'en' || VI_LETTERS.test(text.normalize('NFC'))) return 'vi';
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const vietnamese = words.filter((w) => VI.has(w) && !SHARED.has(w) && !EN.has(w)).length;
  return vietnamese >= 2 || (words.length > 0 && vietnamese === words.length) ? 'vi' : 'en';
}
