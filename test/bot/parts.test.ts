import { IntentRecognizer } from '../../bot/intents';
import { redact } from '../../bot/privacy';
import { chooseRule, isTravelQuestion, levelOf, needsVaccination, parseTravel, recognizeVaccination } from '../../bot/travel';
import { loadKnowledgeBase } from '../../knowledge/content/load';
import { provinceFinder } from '../../knowledge/text/provinces';
import { KB_DIR } from '../helpers/kb';

const kb = loadKnowledgeBase(KB_DIR).value!;
const find = provinceFinder(kb.lexicon.provinces);
const ids = (t: string) => find(t).map((m) => m.province.id);

describe('provinces in free text', () => {
  it.each([
    ['tu sg ve ha noi', ['ho-chi-minh', 'ha-noi']],
    ['Từ Hà Nội vào Sài Gòn', ['ha-noi', 'ho-chi-minh']],
    ['hcm ra hn', ['ho-chi-minh', 'ha-noi']],
    ['về Thanh Hoá', ['thanh-hoa']],
    ['ve thanh hoa', ['thanh-hoa']],
    ['ba ria vung tau', ['ba-ria-vung-tau']],
    ['đi Đắk Lắk', ['dak-lak']],
    ['vinh long', ['vinh-long']],
    ['test nhanh 2 vach', []],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('tells origin from destination by the words around them', () => {
    const s = parseTravel('em muốn về hà nội từ đà nẵng', find);
    expect(s.origin?.id).toBe('da-nang');
    expect(s.destination?.id).toBe('ha-noi');
    expect(isTravelQuestion('tu sg ve ha noi can gi', find)).toBe(true);
    expect(isTravelQuestion('ha noi cap do may', find)).toBe(false);
  });
});

describe('travel rules as data', () => {
  it('reads the level in force on a date and picks the rule', () => {
    const levels = [
      { province: 'ha-noi', level: 2, valid_from: '2021-10-22', valid_to: '2021-11-30', source: 's', sample: 'yes' as const },
      { province: 'ha-noi', level: 4, valid_from: '2021-12-01', valid_to: '2021-12-14', source: 's', sample: 'yes' as const },
    ];
    expect(levelOf(levels, 'ha-noi', '2021-11-01')?.level).toBe(2);
    expect(levelOf(levels, 'ha-noi', '2021-12-05')?.level).toBe(4);
    expect(levelOf(levels, 'ha-noi', '2021-10-01')).toBeUndefined();
    expect(levelOf(levels, 'ha-noi', '2021-12-15')).toBeUndefined(); // after the last list's window: no guess
    expect(needsVaccination(kb.travel, 4, '2021-12-05')).toBe(true);
    expect(needsVaccination(kb.travel, 2, '2021-12-05')).toBe(false);
    expect(chooseRule(kb.travel, 4, 'chua_du_lieu', '2021-12-05')?.id).toBe('cap-4-chua-du-lieu');
    expect(chooseRule(kb.travel, 4, 'chua_tiem', '2022-01-28')?.id).toBe('tet-2022');
  });

  it.each([
    ['đã tiêm đủ 2 mũi', 'du_lieu'],
    ['du lieu roi', 'du_lieu'],
    ['moi tiem 1 mui', 'chua_du_lieu'],
    ['chưa đủ liều', 'chua_du_lieu'],
    ['chua tiem', 'chua_tiem'],
    ['khong tiem mui nao', 'chua_tiem'],
    ['đã khỏi bệnh', 'khoi_benh'],
    ['3', 'chua_tiem'],
    ['hôm nay trời đẹp', undefined],
  ])('vaccination "%s" → %s', (text, expected) => {
    expect(recognizeVaccination(text)).toBe(expected);
  });
});

describe('intents', () => {
  const intents = new IntentRecognizer(kb.conversation);
  it.each([
    ['xin chào', 'greeting'],
    ['chao ban a', 'greeting'],
    ['cam on nhieu nha', 'thanks'],
    ['bạn là ai vậy', 'who'],
    ['thôi', 'cancel'],
    ['cho mình gặp tư vấn viên được không', 'handoff'],
    ['chào bạn, f1 có phải cách ly không', undefined],
    ['cảm ơn, mà test nhanh 2 vạch là sao', undefined],
  ])('%s → %s', (text, expected) => {
    expect(intents.recognize(text)).toBe(expected);
  });
});

describe('redaction', () => {
  it.each([
    ['số em 0912 345 678 nhé', 'số em [SĐT] nhé'],
    ['gọi +84 912345678', 'gọi [SĐT]'],
    ['cccd 001203004567', 'cccd [SỐ GIẤY TỜ]'],
    ['cmnd 123456789', 'cmnd [SỐ GIẤY TỜ]'],
    ['mail a.b@gmail.com', 'mail [EMAIL]'],
    ['thẻ DN4010123456789', 'thẻ [MÃ BHYT]'],
    ['tổng đài 1900 9095 và 115', 'tổng đài 1900 9095 và 115'],
    // Attempts to get around it (issue 13, item 5): glued to a word, split by a zero-width space, full-width
    // digits, an e-mail with a Vietnamese local part.
    ['sdt0912345678', 'sdt[SĐT]'],
    ['cccd001203004567', 'cccd[SỐ GIẤY TỜ]'],
    ['số 0912\u200b345\u200b678', 'số [SĐT]'],
    ['số ０９１２３４５６７８', 'số [SĐT]'],
    ['mail nguyễn@gmail.com nhé', 'mail [EMAIL] nhé'],
  ])('%s', (input, out) => {
    expect(redact(input)).toBe(out);
  });
});
