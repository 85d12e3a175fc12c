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
  'xin chao la co khong ko k gi toi em anh chi ban duoc dc bi nha o di ve cach ly xet nghiem nhanh tiem mui lam sao nao bao nhieu cho hoi can phai thi va cua voi roi chua nguoi ngay tinh cap dich thuoc sot kho tho nhe oi vay f0 f1 covid vach am duong tinh trang y te tram goi tu theo doi nay minh me bo ba con be ong ra vao tai sau truoc den qua'.split(
    ' ',
  ),
);

export type Language = 'vi' | 'en' | 'other';

/**
 * The shape of a Vietnamese syllable written without accents: onset, vowel cluster, final consonant. English words
 * mostly do not fit it ("food", "need", "price", "out"), which tells bare Latin text apart even when the function
 * words are shared ("can", "to", "do").
 */
const VI_SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?(uye|uya|uyu|uoi|uou|oai|oay|oeo|ieu|yeu|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)(ng|nh|ch|c|m|n|p|t)?$/;
/** Loanwords and teencode in Vietnamese messages: they say nothing about the language. */
const NEUTRAL = new Set(
  'covid test pcr spo2 sp02 vaccine vacxin app online zalo facebook fb ok oke okay hcm hcmc tphcm atk kit qr pc sms email wifi taxi grab bus f0 f1 f2 f3 ad admin shop bot hi hello alo thanks tks ib inbox wa ik bik mik hok hem hong ak uk oy zay z j dc ko k ntn mk bn vs oxy oxi spa delta omicron pfizer moderna astrazeneca sinopharm vero molnupiravir paracetamol'.split(
    ' ',
  ),
);

export function detectLanguage(text: string): Language {
  const t = String(text ?? '').normalize('NFC');
  const letters = t.replace(/[^\p{L}]/gu, '');
  const other = (t.match(OTHER_SCRIPT) ?? []).length;
  if (letters.length > 0 && other / letters.length > 0.5) return 'other';
  const words = t.toLowerCase().match(/[\p{L}0-9']+/gu) ?? [];
  let en = 0;
  let vi = 0;
  for (const raw of words) {
    // A word with Vietnamese letters is Vietnamese (an English story may still quote "giấy đi đường").
    if (VI_LETTERS.test(raw)) {
      vi++;
      continue;
    }
    // "khoooo" is "kho" drawn out; an apostrophe ("can't", "I'm") is English.
    const w = raw.replace(/'/g, '').replace(/([a-z])\1{2,}/g, '$1');
    if (raw.includes("'")) en++;
    if (NEUTRAL.has(w) || !/^[a-z]+$/.test(w)) continue;
    const syllable = VI_SYLLABLE.test(w);
    // English words that are also Vietnamese syllables ("can", "to", "do", "the") count for neither language.
    if (EN.has(w) && !VI.has(w) && !syllable) en++;
    else if (VI.has(w) && !EN.has(w)) vi++;
    else if (!EN.has(w) && !VI.has(w) && /[aeiouy]/.test(w) && !syllable) en++;
  }
  return en >= 2 && en > vi * 2 ? 'en' : 'vi';
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
