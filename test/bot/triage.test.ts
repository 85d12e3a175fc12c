import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Triage } from '../../bot/triage';
import { unstretch } from '../../bot/triage/tokens';
import { evaluateTriage, loadTriageSets } from '../../bot/triage/evaluate';
import { loadKnowledgeBase } from '../../knowledge/content/load';
import { KB_DIR } from '../helpers/kb';

const triage = new Triage(loadKnowledgeBase(KB_DIR).value!.triage);

/** One test per message: whether the triage raises an alarm on it. */
function expectEach(label: string, emergency: boolean, texts: readonly string[]): void {
  it.each(texts)(`${label}: %s`, (text) => {
    expect(triage.check(text).emergency).toBe(emergency);
  });
}

const ALARMING = [
  'bố em spo2 93, thở dốc',
  'sp02 93',
  'spo2: 94%',
  'spo2 96%',
  'SpO2 chỉ còn 92',
  'đo sp o2 được 90 thôi',
  'me em f0 do spo2 95 co sao ko',
  'chỉ số oxy máu 91%',
  'nhịp thở 28 lần/phút',
  'nhip tho 24 lan/phut',
  'ông em thở 26 lần/phút',
  'bé 3 tuổi nhịp thở 45 lần/phút',
  'chau 8 tuoi nhip tho 32',
  'con 7 tháng tuổi nhịp thở 50',
  'mạch 130',
  'mach 125 lan phut',
  'nhịp tim 45',
  'tim đập 140 lần/phút',
  'huyết áp 85/55',
  'huyet ap 95/50',
  'mẹ em bị khó thở',
  'ba em kho tho qua',
  'f0 thở dốc từ sáng',
  'bị hụt hơi khi nói',
  'môi tím tái',
  'bé bị tím môi',
  'ông nội lơ mơ, gọi không tỉnh',
  'ba em lu lan roi',
  'con em li bì khó đánh thức',
  'bé co giật',
  'đau tức ngực nhiều',
  'tuc nguc kho chiu',
  'ho ra máu',
  'bé bú kém, không uống được',
  'mẹ em mệt lả, ngủ rũ',
  'bố bị đau ngực khi hít sâu',
  'bà em tụt huyết áp',
  'con thở rên, rút lõm lồng ngực',
  'bé 2 tuổi phập phồng cánh mũi',
  'anh ấy bất tỉnh',
  'f0 bi tim moi, dau nguc, lu lan thi sao',
  'spo2 94 nhung khong kho tho',
  'bố em thở không nổi',
  'me em tho gap lam',
  'ông ngộp thở, ngực đau',
  'bé bỏ bú từ sáng',
  'spo2 tụt liên tục',
  'bà nội mê man không tỉnh',
  'spo2 dưới 95',
];

const HARMLESS = [
  'spo2 98%',
  'sp02 99',
  'nhịp thở 16',
  'nhip tho 18 lan/phut',
  'bé 3 tuổi nhịp thở 30 lần/phút',
  'cháu 8 tuổi nhịp thở 25',
  'mạch 80',
  'mach 72 lan phut',
  'nhịp tim 100',
  'huyết áp 120/80',
  'không khó thở',
  'mẹ em ko kho tho, chi ho nhe',
  'hết khó thở rồi',
  'đỡ khó thở nhiều rồi ạ',
  'nếu khó thở thì gọi số nào',
  'dấu hiệu khó thở là gì',
  'khi nào thì coi là thở dốc',
  'làm sao phòng ngừa co giật ở trẻ',
  'spo2 bao nhiêu là bình thường',
  'đo spo2 thế nào cho đúng',
  'máy đo spo2 mua ở đâu',
  'test nhanh 2 vạch phải làm gì',
  'f0 sốt 38,5 độ uống thuốc gì',
  'thở oxy ở đâu',
  'tập thở sau khi khỏi covid',
  'ho khan 3 ngày',
  'bị ho, sổ mũi nhẹ',
  'chị ơi tim em đập nhanh khi hồi hộp thi cử',
  'mạch máu là gì',
  'đi tàu hỏa mất 30 tiếng',
  'cách ly 7 ngày rồi',
  'em 25 tuổi, tiêm 2 mũi',
  'con 4 tuổi có phải đeo khẩu trang không',
  'gọi 115 khi nào',
  'tổng đài 1900 9095',
  'f1 phải theo dõi 10 ngày',
  'nhà có 5 người',
  'spo2 97 thì có bình thường không',
  'nhịp thở bình thường của người lớn là bao nhiêu',
  'mạch bình thường 60 đến 100',
  'huyết áp cao đang uống thuốc ổn định',
  'mất vị giác có sao không',
  'f0 khong trieu chung, nhip tho binh thuong, sp02 98 thi dc cach li tai nha ko',
  'mạch bình thường, spo2 97',
];

describe('emergency triage', () => {
  it('has at least 40 alarming and 40 harmless phrasings', () => {
    expect(ALARMING.length).toBeGreaterThanOrEqual(40);
    expect(HARMLESS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ALARMING)('flags "%s"', (text) => {
    expect(triage.check(text)).toMatchObject({ emergency: true });
  });

  it.each(HARMLESS)('does not flag "%s"', (text) => {
    expect(triage.check(text)).toMatchObject({ emergency: false, reasons: [] });
  });

  it('explains what it found', () => {
    expect(triage.check('bố em spo2 93, thở dốc').reasons).toEqual(['SpO2 93% (≤ 96%)', 'khó thở']);
    expect(triage.check('bé 3 tuổi nhịp thở 45').reasons[0]).toMatch(/nhịp thở 45 .*≥ 40/);
    const sign = triage.check('bố em thở dốc').signs[0]!;
    expect(sign).toMatchObject({ id: 'kho-tho', evidence: 'tho doc', basis: { doc: 'qd-261' } });
  });

  // General behaviours added with tuning sets 5 and 6 (each of these failed before).
  it.each([
    // Syllables typed without spaces, with accents or without.
    'bốtôikhóthởquá',
    'chồngemđautứcngực',
    'metoikhothoqua',
    // Stretched letters.
    'ông nội khoooong thởởở đượcccc',
    'ba emmm tức ngựccc quáaaa',
    // Digits typed apart, approximate readings.
    'spo2 9 2',
    'đo oxi cho bà được 8 mấy thôi',
    'huyết áp chỉ còn 80 mấy',
    // A value today after the usual one ("bình thường là 98" states the usual value, not the reading).
    'spo2 của mình 94 thôi, bình thường là 98',
    // A story in one sentence leaves the others alone.
    'Em có tập thở theo video trên mạng. Tối nay em đo oxy chỉ được 92.',
    // Everyday phrases for a sign, and non-COVID emergencies on the general first-aid basis.
    'mẹ em lên cơn giật tay chân, giờ nằm im không nói',
    'bầu 34 tuần nhức đầu dữ dội, nhìn mờ',
    'bé 15 ngày tuổi sốt 38 độ',
    'con 2 tuổi tiêu chảy nhiều, từ sáng chưa đi tiểu',
    'ba tui bị rắn cắn ở chân',
    'ông té đập đầu, giờ ói liên tục',
    'bé 5 tuổi sốt 39, cứng cổ',
  ])('flags "%s"', (text) => {
    const r = triage.check(text);
    expect(r.emergency).toBe(true);
    for (const s of r.signs) expect(s.basis).toBeDefined();
  });

  it('converts a count over 10, 15 or 30 seconds to a rate per minute, with the age band', () => {
    expect(triage.check('bé 2 tuổi đếm được 12 lần thở trong 15 giây').reasons[0]).toMatch(/nhịp thở 48 lần\/phút .*≥ 40/);
    expect(triage.check('đếm nhịp thở của ba 15 giây được 6 lần').reasons[0]).toMatch(/nhịp thở 24 lần\/phút .*≥ 20/);
    // 9 in 30 seconds is 18 a minute: calm for an adult.
    expect(triage.check('chồng em thở 9 lần trong 30 giây').emergency).toBe(false);
  });

  it('reads approximate and spaced readings by their whole range', () => {
    expect(triage.check('đo oxi cho bà được 8 mấy thôi').reasons[0]).toBe('SpO2 81–89% (≤ 96%)');
    expect(triage.check('spo2 9 mấy').emergency).toBe(false);
    expect(triage.check('oxi 9 8').emergency).toBe(false);
  });

  it('does not read the "nhịp" of "nhịp thở" as a pulse', () => {
    expect(triage.check('nhịp thở 22 lần/phút').reasons).toEqual(['nhịp thở 22 lần/phút (≥ 20 lần/phút ở người lớn)']);
  });

  it.each([
    // Figurative: football, scenery, song titles, money, news about other countries.
    'trận đấu chung kết nghẹt thở quá',
    'cảnh biển đẹp nghẹt thở',
    'bài hát Nghẹt Thở của ai vậy',
    'ví tiền tím tái luôn, tháng này cưới 5 đám',
    'bản tin nói nước ngoài thiếu oxy',
    // A past reading that has passed; a question about the threshold; asked in advance for someone.
    'tuần trước SpO2 92 phải nằm viện, giờ ra viện rồi',
    'spo2 dưới 94 là phải đi viện đúng không',
    'cho em hỏi dấu hiệu tai biến nhận biết thế nào để phòng cho bố mẹ',
  ])('does not flag "%s"', (text) => {
    expect(triage.check(text)).toMatchObject({ emergency: false, reasons: [] });
  });

  it.each([
    // Safety first: heat or spice with no setting named is not taken for a joke; a reaction after vaccination
    // that is happening now is not taken for a past one.
    'nóng quá ngộp thở',
    'cay quá thở không nổi',
    'vừa tiêm xong mũi 2 được 15 phút thì khó thở quá',
    // An everyday setting sets aside only words people use figuratively, not a real sign said in it.
    'đang chơi game thì tự nhiên đau ngực dữ dội',
    'em đang chơi game thì thấy khó thở quá',
    'đang xem bóng đá thì bố em ôm ngực, vã mồ hôi',
    // Hearsay about someone in particular is a report, not a rumour ("nghe nói khó thở là dấu hiệu nặng" is).
    'nghe nói bố em khó thở lắm',
    'nghe bảo mẹ em đang khó thở',
    // A recovery word negated right after it is no recovery ("bình thường không nổi").
    'bé hôm qua nôn nhiều, không uống được. giờ vẫn vậy, ăn uống bình thường không nổi',
  ])('flags "%s"', (text) => {
    expect(triage.check(text).emergency).toBe(true);
  });

  it('does not flag a reaction after an earlier dose that went away on its own', () => {
    expect(
      triage.check('em 17 tuổi, tiêm xong mũi 2 thì sốt cao 2 ngày và nổi mẩn ngứa, sau đó tự hết. Giờ đến hạn mũi nhắc, có nên tiêm không').emergency,
    ).toBe(false);
  });

  // General behaviours added with tuning set 7 (danger described indirectly, as a relative reports what they see);
  // each of these failed before.
  it.each([
    // What a person is seen doing to breathe: shoulders, ribs, sitting down or leaning on something to breathe.
    'bố em thở mà hai vai cứ nhô lên hạ xuống',
    'my husband shoulders go up with every breath',
    'mẹ em đi vài bước là phải ngồi bệt xuống thở',
    'chồng em thở mà xương sườn hóp vào',
    'ông nằm xuống là thấy chẹn ở cổ',
    'bà kêu ngộp, mở hết cửa vẫn thiếu không khí',
    'mẹ ngồi chống tay lên đầu gối cúi người ra trước mới thở được',
    'bà phải kê 3 cái gối cao mới thiu thiu được',
    // Alertness: roused only to moan, in and out, talking to someone who is not there.
    'lay mẹ dậy thì mẹ rên rồi ngủ tiếp',
    'ông em lúc tỉnh lúc mê',
    'bà cứ nói chuyện với ông đã mất',
    'she is not answering when I call her',
    // Chest pain shown rather than named.
    'ông cứ lấy tay đấm đấm vào ngực và rên',
    'chị tôi có cảm giác bóp nghẹt sau xương ức',
    // Everyday non-COVID emergencies, on the general first-aid basis.
    'bé ngã xuống ao, vớt lên rồi',
    'vợ tôi bị bỏng dầu cả cánh tay',
    'mới sinh được 1 tuần mà ra huyết ồ ạt',
    'pregnant 32 weeks, baby not kicking today',
    'his face droop on one side',
  ])('flags "%s"', (text) => {
    const r = triage.check(text);
    expect(r.emergency).toBe(true);
    for (const s of r.signs) expect(s.basis).toBeDefined();
  });

  it('reads breaths counted with nothing named, per minute or after "đếm", by the age band', () => {
    expect(triage.check('đếm ngực mẹ phập phồng 30 lần trong 1 phút').reasons[0]).toMatch(/nhịp thở 30 lần\/phút .*≥ 20/);
    expect(triage.check('bé 7 tuần, đếm được 64 cái').reasons[0]).toMatch(/nhịp thở 64 lần\/phút .*≥ 60/);
    expect(triage.check('baby 3 weeks old, chest go up down 66 times per minute').emergency).toBe(true);
    expect(triage.check('đếm 1 phút ra 22 23 gì đó, bố em 66t').emergency).toBe(true);
    expect(triage.check('thở 1p đc 31l, người lớn').emergency).toBe(true);
    // A count after "hơi thở" a few words on.
    expect(triage.check('tôi thử đếm hơi thở của ông trong lúc ông ngủ, được 23').emergency).toBe(true);
    // Under the band of a 2-year-old; kicks and counts per hour are not breaths.
    expect(triage.check('bé 2 tuổi đếm được 35 lần trong 1 phút').emergency).toBe(false);
    expect(triage.check('đếm thai đạp được 10 lần trong 1 giờ').emergency).toBe(false);
  });

  it('reads a device reading by any name, and a pulse a few words after its word', () => {
    expect(triage.check('máy mua ở tiệm thuốc, số to bên trái là 93, số nhỏ bên dưới là 105').reasons[0]).toBe('SpO2 93% (≤ 96%)');
    expect(triage.check('the finger machine show 92, my mom is 68').reasons[0]).toBe('SpO2 92% (≤ 96%)');
    expect(triage.check('đo cho bà mấy lần, lần cao nhất được 95, lần thấp nhất 91').reasons[0]).toBe('SpO2 91% (≤ 96%)');
    // "lung tung" is not "từng" typed without accents: the reading is today's.
    expect(triage.check('máy kẹp ngón nhảy lung tung rồi đứng ở 91').reasons[0]).toBe('SpO2 91% (≤ 96%)');
    expect(triage.check('mạch bà chậm lắm, đếm được 40 nhịp').reasons[0]).toMatch(/^mạch 40/);
    expect(triage.check('tim đập nhanh lắm, đồng hồ thông minh báo 145').reasons[0]).toMatch(/^mạch 145/);
    // A duration is not a pulse ("đắp" typed without accents is "đập").
    expect(triage.check('sốt 38, đắp chăn, uống thuốc 30 phút là hạ').emergency).toBe(false);
  });

  it('reads a value asked about ("… là bình thường không") and a value measured again', () => {
    expect(triage.check('SpO2 95 là bình thường không').emergency).toBe(true);
    expect(triage.check('nhịp thở 24 là bt ko').emergency).toBe(true);
    expect(triage.check('SpO2 95 đến 100 là bình thường').emergency).toBe(false);
    expect(triage.check('lúc đầu đo SpO2 ra 88 nhưng do tay lạnh, ủ ấm đo lại được 98').emergency).toBe(false);
    expect(triage.check('đo SpO2 ra 88, đo lại vẫn 88').emergency).toBe(true);
  });

  it('does not read the value of another measure as a temperature', () => {
    expect(triage.check('bé 6 tháng nhịp thở 40, nhiệt độ 37.5, vẫn bú tốt').emergency).toBe(false);
    expect(triage.check('bé 2 tuổi nhịp thở 30, sốt 40 không hạ').emergency).toBe(true);
  });

  it('carries a condition across "mà" up to its "thì", unless someone in particular is named in it', () => {
    expect(triage.check('nếu đang ở một mình mà bị ngất thì gọi ai').emergency).toBe(false);
    expect(triage.check('Nếu đang cách ly mà thấy khó thở thì nên làm gì trước?').emergency).toBe(false);
    expect(triage.check('nếu gọi 115 không được mà ông em bất tỉnh thì sao').emergency).toBe(true);
    expect(triage.check('không biết nếu gọi 115 có được không mà mẹ em đang khó thở quá').emergency).toBe(true);
    expect(triage.check('nếu đi viện thì xa quá mà em khó thở lắm').emergency).toBe(true);
  });

  it('scopes a general-question cue to the part of the message with the sign', () => {
    expect(triage.check('ngón tay lạnh thì đo spo2 có bị sai không').emergency).toBe(false);
    expect(triage.check('Đau ngực kiểu nào thì cần đi viện?').emergency).toBe(false);
    expect(triage.check('em khó thở quá, máy đo có chính xác không').emergency).toBe(true);
  });

  it('takes a past sign followed by a reading under the thresholds as passed', () => {
    expect(triage.check('tháng trước bố ngất vì tụt huyết áp, đã chỉnh thuốc, giờ huyết áp 120/80').emergency).toBe(false);
    expect(triage.check('đợt rồi mẹ khó thở phải nằm viện, giờ về nhà được 1 tháng').emergency).toBe(false);
    expect(triage.check('hôm trước bé hóc hạt nhãn, vỗ lưng ra ngay, bé khóc to rồi chơi tiếp').emergency).toBe(false);
    expect(triage.check('tuần trước bố ngất, hôm nay huyết áp 80/50').emergency).toBe(true);
    expect(triage.check('hôm qua mẹ khó thở, nay spo2 97 nhưng vẫn thở dốc').emergency).toBe(true);
  });

  it('takes two different signs in an everyday setting, or someone with an age, as a description', () => {
    expect(triage.check('chơi game xong thấy tức ngực, mặt tái').emergency).toBe(true);
    expect(triage.check('em đếm theo hướng dẫn trên tivi được 28 lần, em 45 tuổi').emergency).toBe(true);
    // One sign in a setting, with a word of exaggeration, or just before it ("thiếu điều", "muốn" in "muốn nổ").
    expect(triage.check('phim kinh dị xem mà thở không nổi, sợ tới co giật luôn').emergency).toBe(false);
    expect(triage.check('cười thiếu điều tắt thở').emergency).toBe(false);
    expect(triage.check('đọc bình luận mà tức muốn nổ ngực').emergency).toBe(false);
  });

  // General behaviours added with tuning set 8 (each of these failed before).
  it('reads hỏi and ngã alike in sign phrases, as Southern and Central speech and voice typing do', () => {
    expect(triage.check('mẹ tôi khó thỡ lắm').reasons).toEqual(['khó thở']);
    expect(triage.check('ba em thở không nỗi').emergency).toBe(true);
    expect(triage.check('ông tôi bất tĩnh rồi').emergency).toBe(true);
    expect(triage.check('bà lờ mờ, không tĩnh táo').emergency).toBe(true);
  });

  it('reads a last letter typed twice as one in a Vietnamese word', () => {
    expect(unstretch('ngựcc')).toBe('ngực');
    expect(unstretch('đauu')).toBe('đau');
    expect(unstretch('will')).toBe('will');
    expect(triage.check('mẹ em đauu ngựcc').emergency).toBe(true);
  });

  it('reads weeks right after a person as a pregnancy, not a duration or a baby', () => {
    expect(triage.check('mình 35 tuần, tự nhiên ra nước nhiều').emergency).toBe(true);
    expect(triage.check('vợ em 30 tuần, ra máu').emergency).toBe(true);
    expect(triage.check('em 12 tuần nay đau bụng').emergency).toBe(false);
    expect(triage.check('bé 5 tuần đau bụng quấy').emergency).toBe(false);
  });

  it('takes an earlier day of the illness as past when a later day is given', () => {
    expect(triage.check('Ngày 2 SpO2 94, đã điều trị; ngày 9 SpO2 98').emergency).toBe(false);
    expect(triage.check('ngày 2 spo2 98, ngày 4 spo2 93').reasons).toEqual(['SpO2 93% (≤ 96%)']);
  });

  it('reads a bare "tim" followed at once by a number as a pulse', () => {
    expect(triage.check('tim 130, mệt').reasons[0]).toMatch(/^mạch 130/);
    expect(triage.check('spo2 98, tim 80').emergency).toBe(false);
    expect(triage.check('bệnh tim 20 năm, spo2 98').emergency).toBe(false);
  });

  it('reads a value said to fluctuate, with nothing named, as SpO2', () => {
    expect(triage.check('dao động 91 92 từ sáng').reasons).toEqual(['SpO2 91% (≤ 96%)']);
  });

  // General behaviours added with tuning set 9 (each of these failed before).
  it('does not take a word inside the sign itself as someone in particular ("hôn mê", "bỏ bú")', () => {
    expect(triage.check('the nao la hon me, khac ngu say o cho nao').emergency).toBe(false);
    expect(triage.check('tre bo bu bao lau thi phai dua di kham').emergency).toBe(false);
    expect(triage.check('trẻ bỏ bú bao lâu thì phải đi khám, bé nhà em bỏ bú từ sáng').emergency).toBe(true);
    expect(triage.check('thế nào là khó thở, mẹ em đang thở dốc').emergency).toBe(true);
  });

  it('takes a question asked in advance for someone named after the cue as general', () => {
    expect(triage.check('the nao thi duoc coi la kho tho a, em muon biet truoc de theo doi cho bo').emergency).toBe(false);
    expect(triage.check('What counts as shortness of breath? Just want to know what to watch for').emergency).toBe(false);
    expect(triage.check('bố em khó thở quá, em muốn biết trước để theo dõi').emergency).toBe(true);
  });

  it('takes hearsay and "dễ bị" as general only in a part that names nobody', () => {
    expect(triage.check('nhieu nguoi noi hau covid hay tuc nguc, co nen di kham tong quat ko').emergency).toBe(false);
    expect(triage.check('tai sao nguoi lon tuoi lai de bi lo mo khi sot').emergency).toBe(false);
    expect(triage.check('nhieu nguoi noi bo em kho tho').emergency).toBe(true);
    expect(triage.check('bé nhà em dễ bị co giật, giờ đang co giật').emergency).toBe(true);
    expect(triage.check('nghe nói có bệnh nhân spo2 còn 70 vẫn nói chuyện được, có thật không ạ').emergency).toBe(false);
    expect(triage.check('nghe nói spo2 dưới 96 là nguy hiểm, mẹ em 93').emergency).toBe(true);
  });

  it('takes a sign long ago ("năm ngoái", "last year") as over, unless it goes on since then or is today\'s', () => {
    expect(triage.check('hàng xóm năm ngoái bị đột quỵ, giờ em lo cho bố em, có cách nào phòng không').emergency).toBe(false);
    expect(triage.check('my neighbour back home had a stroke last year, what are the warning signs?').emergency).toBe(false);
    expect(triage.check('bố em khó thở từ năm ngoái').emergency).toBe(true);
    expect(triage.check('năm ngoái bố em đột quỵ giờ lại méo miệng').emergency).toBe(true);
    expect(triage.check('my mom had a stroke last year and now her face is drooping').emergency).toBe(true);
    expect(triage.check('mẹ em năm ngoái bị đột quỵ, hôm nay bị lại').emergency).toBe(true);
  });

  it('keeps a past sign that came back after getting better', () => {
    expect(triage.check('Had breathing trouble last week, it got better, now it is back and worse').emergency).toBe(true);
    expect(triage.check('tuần trước bị khó thở, đã đỡ, giờ bị lại').emergency).toBe(true);
    expect(triage.check('tuần trước bị khó thở, đã đỡ, giờ không bị lại').emergency).toBe(false);
    expect(triage.check('con em bị sốt co giật một lần hồi 2 tuổi, giờ 5 tuổi chưa bị lại').emergency).toBe(false);
  });

  it('reads a count before "breaths" and a whole number before the oxygen word', () => {
    expect(triage.check('counting 26 breaths per minute, adult, getting worse').reasons[0]).toMatch(/^nhịp thở 26/);
    expect(triage.check("Is 95 oxygen bad? That's my mother's reading right now").reasons).toEqual(['SpO2 95% (≤ 96%)']);
    expect(triage.check('ông 78 spo2 98').emergency).toBe(false);
  });

  it('reads a reading said to have come back down as passed', () => {
    expect(triage.check('hom kia nhip tim 130 do uong 3 ly ca phe, gio ve 75 roi').emergency).toBe(false);
    expect(triage.check('hôm kia nhịp tim 130, giờ vẫn 130').emergency).toBe(true);
  });

  it('does not read chills, a heart disease or a cold room as cold, blue skin', () => {
    expect(triage.check('nguoi on lanh run cam cap, sot 38.5').emergency).toBe(false);
    expect(triage.check('nguoi bi suy tim dang uong thuoc thi co nen tiem mui nhac khong').emergency).toBe(false);
    expect(triage.check('nhịp thở 13, mạch 60, người hơi lạnh do bật điều hòa').emergency).toBe(false);
    expect(triage.check('tay chân lạnh run, môi tím').emergency).toBe(true);
    expect(triage.check('người lạnh ngắt, môi tím').emergency).toBe(true);
  });

  it('takes "xỉu lên xỉu xuống" as figurative only in an everyday setting', () => {
    expect(triage.check('mẹ e xỉu lên xỉu xuống từ sáng').emergency).toBe(true);
    expect(triage.check('thấy điểm thi của con mà bố mẹ xỉu lên xỉu xuống 😆').emergency).toBe(false);
  });

  it('takes words of exaggeration in an everyday setting as figurative', () => {
    expect(triage.check('nghe sếp bảo tăng ca cuối tuần mà huyết áp tụt không phanh').emergency).toBe(false);
    expect(triage.check('coi clip con meo cuoi dau bung, tho ko noi').emergency).toBe(false);
    expect(triage.check("my landlord's rent increase nearly gave me a heart attack").emergency).toBe(false);
    expect(triage.check('3 đứa nhỏ ở nhà học online, mẹ sắp hôn mê sâu').emergency).toBe(false);
    expect(triage.check('đang chơi game thì bố em đau ngực dữ dội').emergency).toBe(true);
    expect(triage.check('ad trả lời nhanh giúp, em bị ngất').emergency).toBe(true);
  });

  it('reads "I\'m 35 weeks" as a pregnancy, and after a birth by caesarean as one', () => {
    expect(triage.check("the baby is barely moving today, I'm 35 weeks").emergency).toBe(true);
    expect(triage.check('vo em sinh mo dc 5 ngay, gio sot cao, ra huyet hoi, dau bung').emergency).toBe(true);
  });

  expectEach('flags the new signs of tuning set 9', true, [
    'ong e ngu say qua khong goi day duoc',
    'ba em la F0, gio nam im, hoi gi cung khong noi',
    'ong em vat va, kich dong, cu giat day oxy ra',
    'luoi bo em tim lai, tho yeu',
    'xuất viện được 3 hôm, nay mẹ em thở lại nặng nề như hồi mới nhập viện',
    'bé 4 tuổi F0 thở mà lõm cả chỗ dưới xương sườn',
    'mang thai 20 tuan bi ra it mau nau tu sang',
    'chong em uong thuoc diet chuot',
    'me em dau bung du doi vung bung duoi ben phai, sot, non',
    'bà bị bỏng nước sôi cả hai chân, phồng rộp',
    'chị em uống hết cả vỉ thuốc ngủ',
    'duong huyet me em do ra 2.5, va mo hoi, run ray',
    "baby hasn't fed since this morning, she's 6 weeks old",
    'i feel like im suffocating',
    'my boyfriend is drowsy and not making any sense',
  ]);

  // General behaviours added with tuning set 10 (long mixed messages; each of these failed before).
  it('reads a percent after a device word even when a fever or a SpO2 word is named elsewhere', () => {
    expect(triage.check('Mình F0 ngày 4, không sốt. Đo ngón trỏ được 95%, đo lại vẫn 95.').emergency).toBe(true);
    expect(triage.check('muon hoi may do spo2 loai nao tot. cai may e dang dung bao 95% ma e thay tho binh thuong').emergency).toBe(true);
    expect(triage.check('muon hoi may do spo2 loai nao tot. cai may e dang dung bao 98%').emergency).toBe(false);
  });

  it('reads a pulse past the device it was measured with ("đo bằng máy spo2")', () => {
    expect(triage.check('anh e F0, nhip tim do bang may spo2 la 122-126, anh ngoi yen').emergency).toBe(true);
    expect(triage.check('nhip tim do bang may spo2 la 125').readings.some((r) => r.measure === 'pulse' && r.alarming)).toBe(true);
  });

  it('takes "từ hôm qua", "since yesterday" as still going on', () => {
    expect(triage.check('Mình mang thai 27 tuần. Từ hôm qua thấy bé cử động yếu và ít hẳn. Mình thấy cũng bình thường').emergency).toBe(true);
    expect(triage.check("I'm 34 weeks pregnant. Baby has barely moved since yesterday evening.").emergency).toBe(true);
    expect(triage.check('mang thai 27 tuần, hôm qua bé cử động ít, giờ bình thường rồi').emergency).toBe(false);
  });

  it('does not set aside a sign said to happen now ("vừa") under a cue in an earlier part', () => {
    expect(triage.check('Vợ tôi có tiền sử động kinh, vừa co giật 10 phút chưa dứt.').emergency).toBe(true);
    expect(triage.check('vợ tôi có tiền sử co giật, tôi muốn hỏi tiêm mũi nhắc').emergency).toBe(false);
  });

  it('scopes a laughing word to its sentence in a message about the illness', () => {
    expect(triage.check('covid day 5 here. i really cant catch my breath, even lying down. probably just anxiety lol').emergency).toBe(true);
    expect(triage.check('deadline dí khó thở quá lol').emergency).toBe(false);
  });

  expectEach('flags the new signs of tuning set 10', true, [
    'Mình bầu 29 tuần, đang F0, hôm nay bụng mình đau nhiều và ra chút máu.',
    'minh bau 33 tuan, ca ngay nay thai khong may',
    'Con trai tôi 8 tuổi đang F0, cháu mệt quá nằm một chỗ, không thiết ăn uống',
  ]);

  it('takes a day of the illness before a later one as past, when a later part says it has passed', () => {
    expect(triage.check('e bi khó thở nhe hom ngay 3, den ngay 5 thi het han. gio ngay 9, chi con met').emergency).toBe(false);
    expect(triage.check('e bi khó thở tu ngay 3, gio ngay 5 van kho tho').emergency).toBe(true);
  });

  it('dates the later parts of a clause by a past marker in an earlier part, up to a word of today', () => {
    expect(triage.check('con e hom truoc non nhieu, khong uong duoc, da dua di vien. gio be ve nha, an uong tot').emergency).toBe(false);
    expect(triage.check('hôm qua bé sốt, giờ không uống được, bú ít').emergency).toBe(true);
    expect(triage.check('ong ho nhieu qua gio tho khong ra hoi, noi dut quang. minh thay cung binh thuong').emergency).toBe(true);
  });

  it('takes a sign as over when a later clause says it is no more ("không đau nữa")', () => {
    expect(triage.check('Mình bị đau ngực sau covid, đã đi khám. Giờ mình không đau nữa.').emergency).toBe(false);
    expect(triage.check('Mình bị đau ngực. Không đau đầu nữa').emergency).toBe(true);
    expect(triage.check('Bố em đau ngực dữ dội. Mẹ em thì không đau nữa').emergency).toBe(true);
  });

  it('takes advice sought ("có nên …") and nausea ("buồn nôn") as no event', () => {
    expect(triage.check('minh hoi mat ngu thi uong gi, co nen uong thuoc ngu k').emergency).toBe(false);
    expect(triage.check('chồng em uống thuốc ngủ').emergency).toBe(true);
    expect(triage.check('Con trai mình 8 tuổi, F0, buồn nôn nhẹ một lần sau ăn').emergency).toBe(false);
    expect(triage.check('bé 8 tuổi buồn nôn, nôn hết').emergency).toBe(true);
  });

  it('sets aside a figurative word caused by an everyday thing ("tiền điện làm tôi xỉu ngang")', () => {
    expect(triage.check('Tiền điện tháng cách ly làm tôi xỉu ngang. Tôi F0 ngày 8, khỏe rồi.').emergency).toBe(false);
    expect(triage.check('hang xom ban nhac karaoke to den nghet tho, cach ly ma khong ngu duoc. e F0 ngay 3').emergency).toBe(false);
    expect(triage.check('Tôi F0, đang xem hóa đơn tiền điện thì xỉu').emergency).toBe(true);
    expect(triage.check('em F0, đang chơi game thì đau tới ngất').emergency).toBe(true);
  });

  it('takes a value said to be past, then a value "now", as today\'s reading', () => {
    expect(triage.check('Đợt mắc covid tôi có vài ngày SpO2 96 và được theo dõi, giờ luôn 98–99.').emergency).toBe(false);
    expect(triage.check('Đợt mắc covid SpO2 96, giờ 95').emergency).toBe(true);
    expect(triage.check('i had shortness of breath 3 days ago but it went away. now breathing fine').emergency).toBe(false);
    expect(triage.check('is it true that a pulse oximeter reading below 96 means I should call for help? Mine is 98').emergency).toBe(false);
  });

  it.each([
    'xpo2 91',
    'bố ho ra cục máu',
    'ông cứ tỉnh tỉnh mê mê',
    'bầu 30 tuần, thai máy giảm hẳn',
    'bầu 29 tuần, đếm 2 tiếng chỉ được 3 lần đạp',
    'bầu 25 tuần bụng căng cứng',
    'ông ngã cầu thang chảy máu đầu',
    'chú té từ trên mái nhà xuống, nằm im không nhúc nhích',
    'ăn trứng cóc xong tê lưỡi, nôn',
    'my dad fall down, no wake up',
    'he took too many pills',
    'my son eyes go up, shaking',
  ])('flags everyday, dialect and broken-English wording "%s"', (text) => {
    const r = triage.check(text);
    expect(r.emergency).toBe(true);
    for (const s of r.signs) expect(s.basis).toBeDefined();
  });

  it.each([
    // "when is it dangerous" asked after the sign.
    'đau ngực khi nào là nguy hiểm',
    // Past markers of the South and Centre ("hôm bữa", "bữa tê"), the first days, a weekday, years ago.
    'hôm bữa em tức ngực, đi khám rồi, giờ hết rồi',
    'bữa tê bé ói nhiều, chừ ăn ngon lành',
    'Mấy ngày đầu thở mệt, giờ thở êm rồi',
    'ông bị tai biến 3 năm trước, giờ đi lại được',
    'bạn em ngất hôm thứ 3, giờ khỏe rồi',
    // Non-medical settings: paperwork, games, prices, beauty, school tests; a slang phrase.
    'đọc công văn mới mà ngộp thở',
    'game thua hoài, em sắp ngưng thở rồi',
    'giá thịt heo tăng mà tụt huyết áp',
    'cô ấy xinh quá làm cả lớp ngất',
    'bài kt hóa khó quá, em ngộp thở',
    'hôm nay xỉu up xỉu down',
  ])('does not flag "%s"', (text) => {
    expect(triage.check(text).emergency).toBe(false);
  });

  // General behaviours added with tuning set 11 (each of these failed before).
  it('does not take a word of the finding itself as a past marker ("tho hut hoi": "hơi", not "hồi")', () => {
    expect(triage.check('me e tho hut hoi, noi vai cau la phai dung. bao gio e di lam lai duoc').emergency).toBe(true);
    expect(triage.check('tuan truoc e tho hut hoi, gio het roi').emergency).toBe(false);
  });

  it('takes breathing no longer seen as stopped breathing, but not a kind of breathing no longer seen', () => {
    expect(triage.check('bé ngủ mà không thấy thở').emergency).toBe(true);
    expect(triage.check('mẹ em không thấy thở dốc nữa').emergency).toBe(false);
    expect(triage.check('my husband has a crushing pain in the middle of his chest').emergency).toBe(true);
    expect(triage.check('no pain, chest x-ray was normal').emergency).toBe(false);
  });

  it("dates a sign to a stay in hospital or the illness, or a year before the guidance, and a doctor's word ends it", () => {
    expect(triage.check('trong thời gian bệnh em bị khó thở nhưng giờ hết rồi').emergency).toBe(false);
    expect(triage.check('trong thời gian bệnh em khó thở, giờ vẫn khó thở').emergency).toBe(true);
    expect(triage.check('em đang trong thời gian bệnh, khó thở, giờ đỡ hơn chút').emergency).toBe(true);
    expect(triage.check('lúc nhập viện spo2 88, giờ vẫn 90').emergency).toBe(true);
    expect(triage.check('tháng trước bố ho ra máu, bác sĩ khám rồi nói không sao').emergency).toBe(false);
    expect(triage.check('hôm qua mẹ khó thở, mẹ vẫn bảo không sao').emergency).toBe(true);
    expect(triage.check('bố em bị đột quỵ năm 2018, giờ đi lại được, F0 uống thuốc gì').emergency).toBe(false);
    expect(triage.check('bố em đột quỵ năm 2018, hôm nay lại méo miệng').emergency).toBe(true);
    expect(triage.check('bố khó thở từ tháng 3 năm 2019 đến giờ, nay nặng hơn').emergency).toBe(true);
  });

  it("reads a device's second number as the pulse, a denied value as none, a value read as SpO2 as no breathing rate", () => {
    expect(triage.check('máy hiện 97, số bên cạnh 88 là nhịp tim').emergency).toBe(false);
    expect(triage.check('máy hiện số trên 97, số dưới 130, số dưới là nhịp tim').reasons).toEqual(['mạch 130 lần/phút (> 120 hoặc < 50 lần/phút)']);
    expect(triage.check('spo2 chỉ số dưới 90, mạch 100').emergency).toBe(true);
    expect(triage.check('ngưỡng là 96 chứ không phải 94 đúng không').emergency).toBe(false);
    expect(triage.check('spo2 của mẹ không phải 98 mà là 92').emergency).toBe(true);
    expect(triage.check('ông thở máy ban đêm, spo2 lúc thở máy 98').emergency).toBe(false);
    expect(triage.check('ông thở 28 lần/phút, spo2 98').emergency).toBe(true);
  });

  it('reads a bound as a reading when its part names someone or says it is so already, even in a "what if" message', () => {
    expect(triage.check('mẹ em spo2 dưới 94, khi nào cần đi viện').emergency).toBe(true);
    expect(triage.check('spo2 dưới 94 rồi, nếu tối nay không đỡ thì sao').emergency).toBe(true);
    expect(triage.check('nếu spo2 dưới 94 thì làm gì').emergency).toBe(false);
  });

  it('does not set aside a sign said to happen now ("giờ") under a history cue in an earlier part', () => {
    expect(triage.check('ông có tiền sử hen, giờ khó thở').emergency).toBe(true);
    expect(triage.check('ông có tiền sử hen, tiêm vắc xin được không').emergency).toBe(false);
  });

  it('asks for a fever said to be there where a sign requires one ("hết sốt" is none)', () => {
    expect(triage.check('bé hết sốt rồi, mắt đỏ do dụi nhiều').emergency).toBe(false);
    expect(triage.check('bé sốt 39 độ, mắt đỏ, môi đỏ').emergency).toBe(true);
  });

  it('takes a sign defined, prevented, compared or asked to be listed as a question, whoever is named', () => {
    expect(triage.check('con 8 tháng thở bao nhiêu là thở nhanh').emergency).toBe(false);
    expect(triage.check('bé 8 tháng thở 55 lần/phút, bao nhiêu là thở nhanh').emergency).toBe(true);
    expect(triage.check('uống thuốc gì để phòng co giật').emergency).toBe(false);
    expect(triage.check('bao lâu không bú thì trẻ bị mất nước').emergency).toBe(false);
    expect(triage.check('hôn mê khác gì với ngủ sâu').emergency).toBe(false);
    expect(triage.check('phân biệt khó thở với tức ngực thế nào').emergency).toBe(false);
    expect(triage.check('bố em vừa ngất, khác gì với chóng mặt').emergency).toBe(true);
    expect(triage.check('liệt kê giúp mình các dấu hiệu như tím môi, lơ mơ').emergency).toBe(false);
    expect(triage.check('mẹ em tím môi, lơ mơ, liệt kê giúp em cần làm gì').emergency).toBe(true);
  });

  // "thở không nổi" is a literal sign too often to be set aside in an everyday setting: "em đi bán hàng về thì thở
  // không nổi" is someone who cannot breathe (a rule that set it aside missed it; kept as a false alarm instead).
  it('never sets aside "thở không nổi", and alarms on a sudden event in an everyday setting', () => {
    expect(triage.check('em đi bán hàng về thì thở không nổi').emergency).toBe(true);
    expect(triage.check('con em thở không kịp, thở rất nhanh').emergency).toBe(true);
    expect(triage.check('bố em thở không nổi').emergency).toBe(true);
    expect(triage.check('nhìn mãi không thấy bé thở').emergency).toBe(true);
    expect(triage.check('không thấy khó thở, chỉ ho nhẹ').emergency).toBe(false);
    expect(triage.check('đang chơi game thì ngất').emergency).toBe(true);
    expect(triage.check('đang kẹt xe tự nhiên xỉu').emergency).toBe(true);
  });

  // Found while reviewing helper-written phrasings: "ko muốn sống nữa" got the fallback.
  it.each(['toi thay bat luc, ko muon song nua', 'chán sống quá, không thiết sống nữa', "I don't want to live anymore", 'i want to end my life'])(
    'alarms on thoughts of ending one\'s life said without the word "tự tử": %s',
    (text) => {
      expect(triage.check(text).emergency).toBe(true);
    },
  );

  describe('General behaviours added with tuning set 12', () => {
    it('reads a threshold asked ("bao nhiêu / bao lâu … thì / là") as a question, unless someone is named or it is now', () => {
      expect(triage.check('người lớn thở bao nhiêu nhịp thì là thở nhanh').emergency).toBe(false);
      expect(triage.check('trẻ sơ sinh nôn mấy lần thì phải đi khám').emergency).toBe(false);
      expect(triage.check('mẹ em khó thở 3 ngày nay, bao lâu thì khỏi').emergency).toBe(true);
      expect(triage.check('bé bú ít hơn mọi ngày, bao nhiêu thì là ít').emergency).toBe(true);
      expect(triage.check('máu chảy không cầm bao lâu rồi, giờ làm sao').emergency).toBe(true);
    });

    it('reads "A khác B thế nào" as a comparison asked, but not "khác hẳn mọi lần"', () => {
      expect(triage.check('khó thở do hen khác khó thở do covid như thế nào').emergency).toBe(false);
      expect(triage.check('ngực đau khác hẳn mọi lần').emergency).toBe(true);
      expect(triage.check('em đau ngực, khác với mọi lần thế nào em không tả được').emergency).toBe(true);
    });

    // "có phải dấu hiệu" was dropped on review: it also follows a sign said as one's own ("khó thở quá có phải…").
    it('reads "nhận biết như thế nào" as a general question', () => {
      expect(triage.check('tím môi nhận biết như thế nào ạ').emergency).toBe(false);
      expect(triage.check('ông em lơ mơ từ sáng, có phải dấu hiệu nặng không').emergency).toBe(true);
    });

    it('sets aside a sign of long ago ("ngày xưa", "hồi xưa") unless it is back now', () => {
      expect(triage.check('hồi xưa bà em bị đột quỵ, giờ uống thuốc huyết áp đều').emergency).toBe(false);
      expect(triage.check('ngày xưa ông bị đột quỵ, giờ lại méo miệng').emergency).toBe(true);
    });

    it('sets aside a sign during an earlier pregnancy stage, or checked and found fine, when a later part says so', () => {
      expect(triage.check('hồi mang bầu 2 tháng em bị ra máu, giờ 30 tuần ổn rồi').emergency).toBe(false);
      expect(triage.check('tuần trước con em co giật, đã khám không sao').emergency).toBe(false);
      expect(triage.check('em bầu 30 tuần, đang ra máu nhiều').emergency).toBe(true);
    });

    it('reads "lo bị lại", "sợ bị lại" as a fear of recurrence, not a return', () => {
      expect(triage.check('tuần trước em bị khó thở, giờ khỏi rồi. Em sợ bị lại').emergency).toBe(false);
      expect(triage.check('tuần trước em bị khó thở, giờ đỡ rồi mà nay bị lại').emergency).toBe(true);
    });

    it('reads "thuốc chống đông" unaccented as a medicine, not "chồng" (husband)', () => {
      expect(triage.check('thuoc chong dong co de bi chay mau nhieu khong').emergency).toBe(false);
      expect(triage.check('chong em chay mau nhieu').emergency).toBe(true);
    });

    it('reads "có … được không" as asking permission for ordinary signs, never for self-harm', () => {
      expect(triage.check('có uống thuốc ngủ được không, em muốn chết').emergency).toBe(true);
      expect(triage.check('em vừa uống thuốc ngủ cả vỉ').emergency).toBe(true);
    });

    it('recognises "cough blood" in broken English', () => {
      expect(triage.check('my dad cough blood since morning').emergency).toBe(true);
      expect(triage.check('she coughed blood twice today').emergency).toBe(true);
    });
  });

  describe('General behaviours added with tuning set 13', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it.each([
      'em thật sự muốn chết cho xong, không chịu nổi nữa',
      'anh toi nhan la muon tu tu roi tat may',
      'toi chan lam roi, song lam gi nua',
      'em không còn lý do gì để sống tiếp',
      'vợ tôi mất tháng trước, giờ tôi chỉ muốn đi theo cô ấy',
      'mình đã gom thuốc mấy tuần nay, đêm nay sẽ uống hết một lần',
      'con trai tôi đứng trên lan can đòi nhảy lầu',
      'bạn em rạch cổ tay trong nhà tắm',
      'there is no reason to live anymore',
    ])('alarms on thoughts, plans and means of self-harm (tu-hai): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it('alarms on an older person who stops eating or drinking, is drowsy, wets, or is suddenly confused (nguoi-gia-tro-nang)', () => {
      expect(alarms('bà ngoại em 88 tuổi mấy hôm nay bỏ ăn bỏ uống')).toBe(true);
      expect(alarms('ông nội hôm nay lừ đừ, cháo cũng không ăn')).toBe(true);
      expect(alarms('mẹ tôi 75 tuổi đi tiểu không tự chủ từ sáng')).toBe(true);
      expect(alarms('bà em tự nhiên gọi nhầm tên cả nhà')).toBe(true);
      expect(alarms('bố em 66t sốt, không uống được nước')).toBe(true);
      expect(alarms('my grandpa is not eating or drinking since monday')).toBe(true);
    });

    it('alarms on someone too weak to sit up or stand (met-la)', () => {
      expect(alarms('chồng em sốt cao, yếu quá không ngồi dậy nổi')).toBe(true);
      expect(alarms('anh ấy nằm không dậy nổi từ sáng')).toBe(true);
      expect(alarms('mẹ yếu lả, đỡ dậy là gục xuống')).toBe(true);
      expect(alarms("she can't sit up by herself today")).toBe(true);
    });

    it('reads a word after a sign as a kind of breathing only after "không thở" (khong-tho)', () => {
      expect(alarms('bé co giật được 3 phút rồi')).toBe(true);
      expect(alarms('mẹ em ngất ra sàn nhà')).toBe(true);
      expect(alarms('thằng cu nhà em ngủ li bì khó gọi')).toBe(true);
    });

    it('alarms on drowsiness and unresponsiveness in everyday words, on a video call too (y-thuc)', () => {
      expect(alarms('gọi video thấy ba nằm im không trả lời')).toBe(true);
      expect(alarms('ông nhà tui thiêm thiếp cả ngày')).toBe(true);
      expect(alarms('sang qua thay ba nam duoi san nha, goi khong biet gi')).toBe(true);
      expect(alarms('ông 79 tuổi đột nhiên không nói chuyện với ai')).toBe(true);
      expect(alarms('ba tui nói toàn chuyện không đâu vào đâu')).toBe(true);
    });

    it('alarms on stroke signs in everyday words (dot-quy)', () => {
      expect(alarms('tay trái bà tự rớt xuống')).toBe(true);
      expect(alarms('bố em nói lơ lớ từ sáng')).toBe(true);
      expect(alarms('chồng em đang ăn tự nhiên cầm đũa không được')).toBe(true);
    });

    it('alarms on blue around the lips, waters breaking, a stone on the chest, a value said before the device', () => {
      expect(alarms('quanh môi con bé nhà em hơi tím')).toBe(true);
      expect(alarms('vợ mình bầu 38 tuần, vừa chảy nước ối')).toBe(true);
      expect(alarms('ngực em như có hòn đá đè lên, khó chịu lắm')).toBe(true);
      expect(alarms('93 có sao không, máy đo oxy của mẹ em')).toBe(true);
    });

    it('sets aside "lạnh" of an air conditioner and lips pink again after a past episode', () => {
      expect(alarms('lạnh tím người vì máy lạnh trong xe')).toBe(false);
      expect(alarms('hôm qua môi bé hơi tím do nghịch nước lạnh, nay hồng hào lại')).toBe(false);
    });

    it('sets aside a sign when a later part says the person is already in care, never a danger to oneself', () => {
      expect(alarms('hàng xóm bị đột quỵ, xe 115 chở đi rồi, nhà em có cần cách ly không')).toBe(false);
      expect(alarms('chú em đột quỵ, đang điều trị ở bệnh viện tỉnh, vào thăm được không')).toBe(false);
      expect(alarms('bạn cùng phòng em ngất xỉu, đã được đưa đi cấp cứu, em có phải test không')).toBe(false);
    });
  });

  // Held before tuning set 13 and must still hold after its changes (not counted among its new examples).
  describe('Guards kept with tuning set 13', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it('keeps a sign of someone not yet in care, in care and still in danger, or in danger to oneself', () => {
      expect(alarms('mẹ em khó thở, đã gọi 115 nhưng xe chưa tới')).toBe(true);
      expect(alarms('mẹ em khó thở, có cần nhập viện không')).toBe(true);
      expect(alarms('bố em ngất, chưa đưa đi viện được vì phong tỏa')).toBe(true);
      expect(alarms('ông em khó thở, đã nhập viện rồi, giờ vẫn khó thở lắm')).toBe(true);
      expect(alarms('con em co giật, đang đưa đi viện')).toBe(true);
      expect(alarms('em trai uống thuốc ngủ, đã đưa đi cấp cứu rồi')).toBe(true);
    });

    // Found on review (each was silenced by "already in care" before): the care did not hold.
    it.each([
      'mẹ em khó thở, đã đưa đi viện rồi nhưng viện hết chỗ, đang chờ ở cổng',
      'ba em tụt oxy, đã nhập viện rồi nhưng giờ xuất viện về nhà lại tụt',
      'ông em khó thở, đã nhập viện rồi, nay về nhà thì mệt lại',
      'bà em ngất, đã đưa vào viện rồi, bệnh viện không nhận',
    ])('keeps a sign when the care did not hold: %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    // Fourth session of 2026-12-01: a word of now after the care is not by itself a care that failed.
    expectEach("in care, then good news or the writer's own question", false, [
      'bé nhà bạn em co giật, đã nhập viện nhi đồng, bé giờ ổn',
      'dong nghiep tui xiu o cty hoi sang, da dc dua di cap cuu, gio tui co phai cach ly ko',
      'chị em ngất, đã được đưa vào viện rồi, giờ đã tỉnh lại',
    ]);
    expectEach('in care, then worse', true, [
      'mẹ đã được đưa đi cấp cứu vì tím tái, giờ tệ hơn',
      'ông khó thở, đã vào viện rồi, giờ ông trở nặng',
      'bố em ngất, đã nhập viện, giờ bố lại lơ mơ',
    ]);

    it('keeps an older person\'s signs to older people and a child\'s to children, and breathing words after "không thở"', () => {
      expect(alarms('chồng em 35 tuổi bỏ ăn vì mất vị giác')).toBe(false);
      expect(alarms('bà bầu bỏ ăn vì ốm nghén có sao không')).toBe(false);
      expect(alarms('bé 2 tuổi không chịu ăn uống gì từ sáng')).toBe(true);
      expect(alarms('bé không thấy thở mấy giây')).toBe(true);
      expect(alarms('ba em không thở dốc nữa')).toBe(false);
    });

    it('keeps everyday words calm: standing up quickly, a stuffy room, "bác sĩ nói do …" typed unaccented', () => {
      expect(alarms('chóng mặt nhẹ khi đứng dậy nhanh, đo huyết áp bình thường')).toBe(false);
      expect(alarms('ở nhà cách ly ngột ngạt quá trời')).toBe(false);
      expect(alarms('di kham roi, bac si noi do cang thang')).toBe(false);
    });
  });

  describe('General behaviours added with tuning set 14', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it.each(['bé 1 tuổi 3 tháng thở 44 lần/phút', 'cháu 3 tuổi đếm được 12 nhịp trong 15 giây'])(
      'reads a count over 15 seconds with a bare "nhịp", and an age in years and months, by the age band (measures): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each(['hai bàn chân bà tím hết rồi'])('reads "hết" right after a colour as "all of it" (tim-tai): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'bố em nói mê suốt từ chiều',
      'mẹ tui ngồi đó nhìn vô hồn, hỏi gì cũng im',
      'mệ không biết mình đang ở mô',
      'ba nhìn vợ mà hỏi ai vậy',
      'em trai bị động kinh, giật từ nãy chưa dứt',
      'anh ấy té ra sàn rồi giật giật',
      'ông nha tui gut xuong ngoai san',
      'em bé co cứng toàn thân',
    ])('alarms on delirium, a blank stare, not knowing where one is or who is there, a seizure that does not stop (y-thuc): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'mẹ em đứng lên là khuỵu',
      'ông ngồi dậy ăn cháo cũng không nổi',
      'bà cầm cái cốc không lên',
      'em mệt đến mức không đứng nổi',
      'bố đi mấy bước là ngồi sụp',
      'ba em nằm liệt từ sáng nay',
      'ông nằm đó không tự trở mình được',
    ])('alarms on someone whose legs give way, who cannot sit up, lift a cup, stand, walk a few steps or turn over (met-la): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'bà nội từ trưa tới giờ chưa uống được gì',
      'ông ngoại 85 tuổi không tự đi vệ sinh được nữa',
      'cho bà ăn cháo thì nhả ra hết',
      'my grandpa stops eating since sunday',
    ])('alarms on an older person who has drunk nothing, cannot go to the toilet alone or spits food out (nguoi-gia-tro-nang): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'my son 10 months refuses to drink anything',
      'baby has no wet diaper since morning',
      'bé 3 tháng ngủ suốt không dậy bú',
      'thằng nhỏ nhà em khóc không ra tiếng',
    ])('alarms on a child who refuses drinks, has no wet diaper, sleeps through feeds or cries without sound (tre-bu-kem, tre-li-bi): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each(['bầu 38 tuần, bụng co từng cơn đều đặn', 'mình 37 tuần sáng nay ra nhớt hồng'])(
      'alarms on regular contractions and a pink show late in pregnancy (thai-phu): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'ông em uống phải xăng',
      'my son drank detergent',
      'con bị nghẹn thạch, không khóc được',
      'cháu sờ vào ổ cắm, giờ nằm im',
      'dẫm vào lửa trại, bàn chân cháy xém',
      'bố em tự nhiên nhìn đôi, chóng mặt',
    ])('alarms on poisoning, choking without a sound, an electric socket, a charred burn, double vision (cap-cuu-khac, bong-nang, dot-quy): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each(['tôi không hít sâu được, cứ hít vào là tắc', 'my mom can not finish a sentence', 'my dad breathes so fast'])(
      'alarms on breathing described in everyday words (kho-tho, nhip-tho-nhanh): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'con đang đứng trên cầu nhìn xuống sông',
      'mình tính nhảy cho xong',
      'tối nay tôi sẽ chấm dứt tất cả',
      'không có em thì bố mẹ đỡ khổ',
      'em không biết, chắc em sẽ ra đi mãi mãi',
      'em muốn tự làm đau mình',
      'chị hết thiết sống rồi',
      'nó giấu thuốc ngủ trong tủ',
      'tôi mua than về phòng kín',
      'chồng mất rồi, em định đi theo anh ấy',
      'sống thế đủ rồi',
      'mai không ai gặp em nữa đâu',
    ])('alarms on plans, means and farewells of self-harm (tu-hai): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each(['người cao tuổi lừ đừ thì có nguy hiểm không', 'khi người già ở một mình mà bị ngất thì gọi ai', 'lo o nha mot minh ma bi ngat thi lam sao'])(
      'takes a sign of people in general before "thì", or a condition opened by "khi" + a group or by an unaccented "lo", as a question: %s',
      (text) => {
        expect(alarms(text)).toBe(false);
      },
    );

    it.each(['nếu oxy tụt xuống 93 thì làm gì'])('takes a fall to a value in a "what if" question as a threshold (measures): %s', (text) => {
      expect(alarms(text)).toBe(false);
    });

    it.each([
      'bà em đã nhập viện vì khó thở, gia đình cần giấy tờ gì',
      'ông em hóc xương đã được cấp cứu, bác sĩ lấy ra rồi, giờ ăn gì',
      'chú em đột quỵ, đang nằm ICU ở tỉnh, vào thăm được không',
    ])('sets aside a sign the person is in care for ("nhập viện vì …", "đang nằm ICU"), or treated and over: %s', (text) => {
      expect(alarms(text)).toBe(false);
    });

    it.each(['lúc sáng con nôn 2 lần, giờ bú bình thường'])('sets aside a sign earlier today ("lúc sáng") that a later part says has passed: %s', (text) => {
      expect(alarms(text)).toBe(false);
    });

    it.each([
      'dấu hiệu ngất nhận biết sao',
      'người khó thở mãn tính vì hen có cần kiêng gì không',
      'my landlord is giving me a heart attack',
      'traffic is suffocating',
    ])('takes "nhận biết sao", a chronic condition, and English exaggeration in an everyday setting as no event: %s', (text) => {
      expect(alarms(text)).toBe(false);
    });
  });

  // Held before tuning set 14 and must still hold after its changes (not counted among its new examples).
  describe('Guards kept with tuning set 14', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it('keeps a worry said now, a reading of someone, care that did not hold, and a colour that has gone', () => {
      expect(alarms('lo qua ma bi kho tho thi sao')).toBe(true);
      expect(alarms('spo2 me em xuong 94 la sao')).toBe(true);
      expect(alarms('mẹ em đã nhập viện vì khó thở, giờ xuất viện về nhà lại khó thở')).toBe(true);
      expect(alarms('người già nhà em bỏ ăn thì có sao không')).toBe(true);
      expect(alarms('em gái đã nhập viện vì uống thuốc ngủ')).toBe(true);
      expect(alarms('môi hết tím rồi')).toBe(false);
      expect(alarms('mạch ông đếm được 20 nhịp trong 15 giây')).toBe(false);
    });
  });

  describe('General behaviours added with tuning set 15', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it.each(['vừa đo được 92,5 % thôi', 'bà 91%, em vừa đo xong', 'cô ấy 93% luôn, em vừa đo lại'])(
      'reads an unnamed percent next to a measuring word as SpO2, a decimal one too (measures): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each(['bé 5 tuần tuổi đếm được 70 lần/phút', 'con 7 tuần tuổi, nằm ngủ đếm được 60 mấy', 'baby 9 months, counted 15 breaths in 15 seconds'])(
      'reads a count of a baby under a year as breaths a minute, and "N breaths in S seconds" (measures): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each(['bà nội tím cả môi rồi', 'chị ấy trắng bệch như tờ giấy', 'mẹ em tái nhợt, tay chân bủn rủn', 'môi thằng bé không còn chút máu'])(
      'alarms on a colour before the lips ("tím cả môi") and on pallor (tim-tai): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'ba em nói lảm nhảm cả đêm',
      'bố tôi hỏi gì cũng trả lời sai',
      'mẹ tôi cứ hỏi đi hỏi lại đây là chỗ nào',
      'ông nội nhìn bố em mà hỏi anh là ai',
      'bà cứ lẩm bẩm gọi ông đã mất',
      'vỗ má ông mấy lần vẫn không mở mắt',
      'thằng bé giật cứng đờ người',
      'bé giựt từng cơn từ nãy',
      'ông bị ngã, từ lúc đó cứ lơ mơ',
    ])('alarms on confusion, no answer to a slap on the cheek, a stiff or repeated seizure, and a sign going on "từ lúc đó" (y-thuc): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'chồng tôi không tự ngồi lên được',
      'em yếu quá không đứng lên nổi',
      'ông ngồi không vững, cứ đổ sang một bên',
      'mẹ em yếu rũ từ sáng',
      'she is too weak to get out of bed',
      'ông không cầm được đũa, tay trái cứ rớt',
    ])('alarms on weakness that stops someone sitting, standing or holding a cup (met-la, dot-quy): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'đi ngoài phân đen sệt, hoa mắt',
      'phân đen như bã cà phê',
      "my dad's nosebleed does not stop after an hour",
      'bé 4 tháng đưa bình là quay mặt đi, cả ngày bú chưa được mấy ngụm',
      'my baby is refusing the bottle since noon',
      'sau mũi tiêm 10 phút con nuốt không được',
      'ngứa họng rồi họng thắt lại',
    ])(
      'alarms on black stools, a nosebleed that does not stop, a baby turning from feeds, a throat closing after a shot (chay-mau, tre-bu-kem, cap-cuu-khac): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'ông uống một lúc 15 viên paracetamol',
      'took 12 pills of sleeping medicine',
      'bé nuốt 2 viên sắt của mẹ',
      'em lỡ uống nhầm nước rửa chén',
      'bé uống phải dầu gió',
      'mẹ uống nhầm thuốc hạ huyết áp của bố 2 lần',
      'bé sốt, uống thuốc hạ sốt xong co giật',
      'ba bị giựt điện lúc sửa quạt',
    ])(
      'alarms on an overdose by count, a child swallowing pills, a household product, "lỡ" told as a mishap, a medicine named "thuốc hạ …" (cap-cuu-khac, tre-nuot-thuoc): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'con bị bóng đập vào đầu, sau đó không nhớ gì',
      'anh ấy bị đánh trúng đầu, giờ cứ buồn ngủ',
      'em lỡ tay làm bé ngã đập đầu, giờ bé nôn',
      'mẹ đau đầu tăng dần từ chiều, vừa nôn',
    ])(
      'alarms on a blow to the head followed by memory loss, drowsiness or vomiting, and a worsening headache with vomiting (chan-thuong-dau, dau-dau-du-doi): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'mình đang đứng trên cầu, hết chịu nổi rồi',
      'tôi đã chuẩn bị sẵn dây thừng rồi',
      'nó nhắn tin tạm biệt mọi người rồi không nghe máy',
      'nếu tôi không còn nữa thì vợ con được tiền bảo hiểm nhân thọ',
      'em nghĩ em nên biến mất',
      'tôi viết xong thư để lại cho con rồi',
      'ba mất rồi, em không ngủ được, chỉ muốn đi theo ba',
    ])('alarms on self-harm said indirectly: a height, a rope, a farewell, insurance for the family, a letter left (tu-hai): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each(['I can barely catch my breath walking to the kitchen'])('alarms on "barely catch my breath" (kho-tho): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'hồi nhỏ em bị hóc xương cá phải đi viện',
      'hồi trước mình bị vỡ ối sớm, giờ có bầu lần 2',
      'bố đang nằm viện vì khó thở, giờ em muốn hỏi thủ tục bảo hiểm',
      'mẹ nằm viện 5 ngày vì co giật, nay đã ra viện',
      'bạn em kể có người tiêm xong bị sốc phản vệ',
      'nhỡ ông bị khó thở lúc nửa đêm thì gọi ai',
      'cả team chạy dự án ngộp thở cả tháng',
      'nhìn cái bếp bừa bộn mà ngộ độc thị giác',
    ])(
      'sets aside childhood and "hồi trước", care the writer then asks about, a stay in hospital that is over, hearsay of someone, "nhỡ", work and slang: %s',
      (text) => {
        expect(alarms(text)).toBe(false);
      },
    );
  });

  // Near the rules added with tuning set 15: these must keep their reading.
  describe('Guards kept with tuning set 15', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it.each([
      'đã hết tím môi rồi',
      'hồi nhỏ bị co giật, giờ khỏe',
      'pin điện thoại còn 93%',
      'em đo được 37,5',
      'hiệu quả 95% do nghiên cứu nước ngoài',
      'con em 6 tuần, nằm im đếm được 58',
      'mình lỡ bị covid thì có sao không',
      'mỗi ngày mẹ tôi uống 10 viên thuốc các loại',
      'nếu uống 20 viên paracetamol thì có sao không',
      'em chuẩn bị dây sạc rồi',
      'em nhắn tạm biệt cả nhà để lên máy bay',
      'bé va đầu vào bàn, không nôn, không buồn ngủ, vẫn chơi bình thường',
      'bé hay giật mình khi ngủ',
      'mí mắt giật từng cơn mấy hôm nay',
      'sau tiêm tay hơi sưng đau',
      'em ngứa họng, ho khan',
      'em bị giật điện thoại ngoài đường',
      'cho bú xong bé quay đi ngủ',
    ])('stays calm: %s', (text) => {
      expect(alarms(text)).toBe(false);
    });

    it.each([
      'hồi nhỏ em hay bị co giật, giờ lại co giật',
      'mẹ em hồi trước giờ khỏe nay tự nhiên khó thở',
      'chồng đang nằm viện vì đau ngực, giờ vẫn đau ngực dữ dội',
      'mẹ em kể là bị khó thở từ sáng',
      'đang chạy dự án thì tự nhiên ngất',
      'bố em spo2 93, thở dốc',
    ])('stays alarming: %s', (text) => {
      expect(alarms(text)).toBe(true);
    });
  });

  describe('General behaviours added with tuning set 16', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it.each(['ét pê ô hai của bà tám tám', 'xi pi o hai ông em chín mốt', 's p o hai của chồng em 90', "my dad's es pi o two is 91"])(
      'reads SpO2 spelled out or voice-typed (rewrite): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each(['ông em bình thường đo 97, tối nay có lúc 89', 'nếu tối nay không đỡ thì sao, spo2 ba em tụt xuống 91'])(
      'reads "có lúc" (at times) tonight as today, and a value after a condition closed by its "thì" as reported (context): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'mẹ em thở oxy tại nhà 1 lít, tối nay phải tăng lên 3 lít',
      'ông thở máy tạo oxy, giờ phải 4 lít mới đủ',
      'grandpa is on home oxygen and we had to turn it up to 5 litres',
      'my son is grey around the lips',
    ])('alarms when someone on home oxygen needs more of it, and on a colour before the lips in English (oxy-tang, tim-tai): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'vợ em bầu 32 tuần, huyết áp 168/112',
      'em mới sinh xong 4 ngày, đo huyết áp 172/110',
      'she is 36 weeks pregnant, BP 164/104',
      "I'm 31 weeks pregnant with a splitting headache",
      'pregnant 30 weeks and seeing spots',
    ])('alarms on a severe blood pressure in pregnancy or just after a birth, and on more words of pre-eclampsia (measures, tien-san-giat): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each(['bé 7 ngày tuổi vàng da lan xuống cẳng chân', 'con sơ sinh vàng da tới lòng bàn tay'])(
      'alarms on a newborn jaundice reaching the limbs, palms or soles (vang-da-nang): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'cơn giật của ba sáng nay đã hơn 6 phút chưa ngưng',
      'con em đang giật hơn 2 phút rồi chưa hết',
      'con giật giật chân tay',
      'bé giật cả người mấy lần',
      'bé giật giật liên tục từng cơn',
      'my grandfather barely responds when we talk to him',
    ])('alarms on a seizure going on with its duration in between, limbs jerking told in reverse, and "barely responds" (y-thuc): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each(['bé 6 tháng không ăn không bú cả ngày', 'bé không khóc không bú từ trưa', 'bố em nói sẽ uống hết vỉ thuốc ngủ để khỏi làm khổ ai'])(
      'reads a negative listed after another ("không ăn không bú") as a sign, and "để khỏi" (so as not to) as no relief (context): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'bà ngoại từ sáng không ăn, không uống, cứ nằm',
      'ông không ăn uống, không đi tiểu từ hôm qua',
      'bà mấy hôm nay bỏ cơm, nói thều thào',
      'ông cụ ra chợ không biết đường về nhà',
      'grandma is 85 and has not eaten or drunk since yesterday',
      'anh ấy nằm không tự dậy được',
      'bé 3 tháng khóc yếu xìu cả buổi',
      'em bé nằm im không quơ tay chân',
    ])(
      'alarms on an older person not eating, drinking or finding the way home, weakness, and a baby crying weakly or lying still (nguoi-gia-tro-nang, met-la, tre-li-bi): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'ăn tôm xong nổi mề đay, giọng khàn đặc',
      'chú em phun thuốc diệt cỏ xong chảy dãi, vã mồ hôi',
      'thằng bé 4 tuổi uống 6 viên thuốc của bà',
      'ba em té xe, giờ không nhớ gì',
      'em trai bị xe đâm, đầu chảy máu',
      'ông ngã đập đầu, tai chảy dịch trong',
    ])(
      'alarms on skin and voice together (anaphylaxis), pesticide with symptoms, a child taking several pills, a road accident with a head sign (cap-cuu-khac, tre-nuot-thuoc, chan-thuong-dau): %s',
      (text) => {
        expect(alarms(text)).toBe(true);
      },
    );

    it.each([
      'bé làm đổ ấm nước sôi vào chân, da phồng rộp',
      'cháo nóng đổ lên tay con, tróc da từng mảng',
      'she spilled hot oil on her arm, big blisters',
      'anh ấy nhắn lời vĩnh biệt rồi khóa trái cửa',
      'my sister texted goodbye and locked herself in her room',
      'her right side went weak all of a sudden',
      'his whole left side went numb',
    ])('alarms on a scald that blisters, a farewell then a locked door, and one side going weak or numb (bong-nang, tu-hai, dot-quy): %s', (text) => {
      expect(alarms(text)).toBe(true);
    });

    it.each([
      'lần covid trước ông em khó thở phải nằm viện, lần này chỉ sổ mũi',
      'đợt ốm trước bà nội bỏ ăn cả tuần, đợt này bà vẫn ăn uống ngon',
      'lỡ mà bố em bị ngất giữa đêm thì gọi ai trước',
      'mai mốt mà ông nội lơ mơ thì làm sao biết',
      'nếu mà mẹ em khó thở thì nên nằm tư thế nào',
      'Tình huống giả định: một cụ bà bất tỉnh trong chợ thì xử trí sao',
      'Kịch bản diễn tập của công ty: công nhân ngất ở xưởng thì ai gọi cấp cứu',
      'Giả sử bố em đo SpO2 được 93 thì có cần đi viện không',
      'nếu sau này bé nhà em thở 55 lần một phút thì sao',
      'khó thở với cái deadline tuần này',
      'mặt tái mét vì thua kèo tối qua',
    ])(
      'sets aside an earlier bout, "lỡ mà"/"mai mốt mà" conditions, a practice scenario, a supposed value, a sign blamed on an everyday thing, betting: %s',
      (text) => {
        expect(alarms(text)).toBe(false);
      },
    );
  });

  // Near the rules added with tuning set 16: these must keep their reading.
  describe('Guards kept with tuning set 16', () => {
    const alarms = (text: string): boolean => triage.check(text).emergency;

    it.each([
      'ông không ăn cay, không uống rượu',
      'bé hay giật mình khi ngủ rồi khóc mãi chưa hết',
      'my arm went numb after sleeping on it',
      'bà bầu 25 tuần huyết áp 118/75',
      'lần mang bầu trước em bị huyết áp 170/110, lần này 20 tuần huyết áp 120/80',
      'uống nước tăng lên 2 lít mỗi ngày có tốt không',
      'ông thở oxy 3 lít như mọi ngày, SpO2 97',
      'bé sơ sinh 4 ngày vàng da nhẹ ở mặt',
      'bé 10 tuổi uống 1 viên paracetamol',
      'con uống 5 viên men vi sinh một ngày',
      'nấu nước sôi để pha sữa cho bé',
      'anh em té xe nhẹ, trầy chân, không đập đầu, không nôn',
      'em bị dị ứng thời tiết, nổi mẩn ngứa',
      'hôm nay lúc sáng spo2 93, giờ đo lại 97',
      'mẹ hôm qua có lúc 88, giờ đo 98',
      'nhà mình phun thuốc trừ sâu cho vườn rau, có cần đeo khẩu trang không',
      'em nhắn tin chào tạm biệt cả nhà rồi khóa cửa đi làm',
      'nếu spo2 xuống 94 thì có phải đi viện không',
    ])('stays calm: %s', (text) => {
      expect(alarms(text)).toBe(false);
    });

    it.each([
      'đang chạy kịch bản diễn tập thì anh bảo vệ ngất thật',
      'mẹ em khó thở, lỡ mà nặng hơn thì sao',
      'nếu gọi 115 không được mà mẹ em khó thở thì sao',
      'giả sử đo lại vẫn 92 thì sao',
      'đợt covid trước bà bỏ ăn, giờ bà lại bỏ ăn, lừ đừ',
      'mẹ em khó thở với cái nóng này',
      'em lỡ mà uống nhầm thuốc trừ sâu rồi',
      'ông không ăn được ăn cháo cũng không nuốt nổi',
      'để khỏi làm phiền ai, em sẽ uống hết lọ thuốc ngủ',
      'nếu mẹ em spo2 92 thì sao',
    ])('stays alarming: %s', (text) => {
      expect(alarms(text)).toBe(true);
    });
  });

  it('never throws on any input (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        const r = triage.check(s);
        expect(typeof r.emergency).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('triage sets', () => {
  const { sets, problems } = loadTriageSets(KB_DIR);

  it('load, each with alarming and calm messages', () => {
    expect(problems).toEqual([]);
    expect(sets.map((s) => s.name).sort()).toEqual([
      'locked',
      'tuning',
      'tuning10',
      'tuning11',
      'tuning12',
      'tuning13',
      'tuning14',
      'tuning15',
      'tuning16',
      'tuning17',
      'tuning18',
      'tuning19',
      'tuning2',
      'tuning20',
      'tuning21',
      'tuning22',
      'tuning23',
      'tuning24',
      'tuning25',
      'tuning26',
      'tuning27',
      'tuning28',
      'tuning29',
      'tuning3',
      'tuning30',
      'tuning31',
      'tuning32',
      'tuning33',
      'tuning34',
      'tuning35',
      'tuning36',
      'tuning4',
      'tuning5',
      'tuning6',
      'tuning7',
      'tuning8',
      'tuning9',
    ]);
    const total = (k: 'alarming' | 'calm') => sets.reduce((n, s) => n + s[k].length, 0);
    expect(total('alarming')).toBeGreaterThanOrEqual(300);
    expect(total('calm')).toBeGreaterThanOrEqual(200);
  });

  // The third tuning set (written adversarially) and the twelfth (one calm item kept flagged for safety: "có phải dấu
  // hiệu" may follow a real sign, "khó thở quá có phải dấu hiệu nặng không") are not yet under 2 % false alarms.
  it('meet the thresholds on the tuning sets (recall 100 %, false alarms ≤ 2 %)', () => {
    for (const report of evaluateTriage(
      triage,
      sets.filter((s) =>
        [
          'tuning',
          'tuning2',
          'tuning4',
          'tuning5',
          'tuning6',
          'tuning7',
          'tuning8',
          'tuning9',
          'tuning10',
          'tuning11',
          'tuning15',
          'tuning16',
          'tuning18',
        ].includes(s.name),
      ),
    )) {
      expect(report.missed).toEqual([]);
      expect(report.falseAlarms).toBeLessThanOrEqual(0.02);
    }
  });

  // The thirteenth set keeps false alarms above 2 % for safety: "tôi muốn chết" said of karaoke, chest pain after covid
  // asked about, a confused elder asked about in general, a reading of someone already in care. So does the fourteenth:
  // "nếu thấy bạn bè nói muốn tự tử" (self-harm is never read as a question), fainting in the heat, a named person in
  // an unaccented "lo … thì", a value after "nếu", care that a later "giờ" may have undone. So does the nineteenth: a
  // first-aid question that may be asked during the event ("uống nhầm thuốc thì nên làm gì", "người bị co giật thì có
  // nên…"), self-harm asked about for a report, everyday stress and heat told with a sign ("khó thở quá anh em ơi"),
  // care or an old stroke that a later "giờ" or "vẫn" may undo, and a question naming "chị", "bé" that stays a patient.
  // So does the twentieth (2026-12-01, fourth session): chest tightness after covid asked about, a low reading of a past
  // illness before a question, a rumour about strokes, exercise told with its recovery.
  it('recognise every alarming message of the third, twelfth, thirteenth, fourteenth, nineteenth and twentieth tuning sets', () => {
    for (const report of evaluateTriage(
      triage,
      sets.filter((s) => ['tuning3', 'tuning12', 'tuning13', 'tuning14', 'tuning19', 'tuning20'].includes(s.name)),
    ))
      expect(report.missed).toEqual([]);
  });

  /** The evaluation of one tuning set. */
  const reportOf = (name: string) =>
    evaluateTriage(
      triage,
      sets.filter((s) => s.name === name),
    )[0]!;

  // The twenty-first (written to be hard: dangers inside long stories, regional speech, numbers in words) keeps one
  // miss, a count without the word "thở" ("con 2 tuổi đếm lần 1 được 40"), which could be a pulse; its false alarms
  // (8 %) are mostly idioms, settled readings and strokes of long ago.
  it('recognise all but one alarming message of the twenty-first tuning set', () => {
    const report = reportOf('tuning21');
    expect(report.missed.map((m) => m.kind)).toEqual(['child_rr_2y_range']);
  });

  // The twenty-second (numbers, children, pregnancy, older people) keeps one miss: a blood pressure written in tens
  // ("8/5", which reads like a date).
  it('recognise all but one alarming message of the twenty-second tuning set, with false alarms under 2 %', () => {
    const report = reportOf('tuning22');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['bp_low_short']);
    expect(report.falseAlarms).toBeLessThanOrEqual(0.02);
  });

  // The twenty-third (foreigners: English, non-native English, mixed with Vietnamese) missed 64 of 279 on arrival;
  // four are left: a fever of a "daughter" or "con tôi" of unknown age (not a young child for the rules), a fever
  // since a weekday named in English, and "bạn tôi uống nhiều thuốc" (many medicines, or an overdose?).
  it('recognise all but four alarming messages of the twenty-third tuning set, with false alarms under 2 %', () => {
    const report = reportOf('tuning23');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['en_child_fever', 'en_child_fever', 'mix_child_fever', 'poisoning']);
    expect(report.falseAlarms).toBeLessThanOrEqual(0.02);
  });

  // The twenty-fourth (chronic diseases, caregivers, mental health) missed 46 of 256 on arrival, most of them thoughts
  // of ending one's life said without the usual words; two are left: a blood sugar of 450 mg/dl and a bedsore with
  // fever (a slow pulse told with the medicine taken is caught since the thirty-first set's session).
  it('recognise all but two alarming messages of the twenty-fourth tuning set', () => {
    const report = reportOf('tuning24');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['bedridden_bedsore', 'diabetes_high']);
  });

  // The twenty-sixth (all in English, native and not) missed 80 of 265 on arrival; six are left: a count after "4 yo",
  // a fever from a weekday named in English, "36 wks" with no word of pregnancy, a burn told by its colour, heat stroke
  // (its words are masked, as "heat stroke symptoms?" is a question), the ambulance number asked far from the person
  // on the ground.
  it('recognise all but six alarming messages of the twenty-sixth tuning set, all in English', () => {
    const report = reportOf('tuning26');
    expect(report.missed.length).toBeLessThanOrEqual(6);
  });

  expectEach('alarms (kinds of the twenty-sixth set)', true, [
    'i can only say two words then must stop to get air',
    'barking cough and harsh noise when breathing in',
    'my baby breathes 58 times a minute, she is 5 months',
    'heart pain rn, spreading to my arm',
    'she threw up blood twice',
    "the soft spot on my baby's head is sunken",
    'my 3 month old went limp',
    'is it my water? leaking at 33 weeks pregnant',
    'grandma is drooling on one side',
    'lips puffing up after eating shrimp',
    'I took 20 paracetamol',
    'chemical splash in my eye',
    'leg bent the wrong way after the crash',
    'whats the point anymore, pills lined up',
    'this is goodbye',
    'my friend says she will kill herself',
    'can u call the ambulance for me',
  ]);
  expectEach('calm (look-alikes of the twenty-sixth set)', false, [
    'fever gone since 3 days, kid playing',
    'thank you for everything, doctor',
    'how many pills of paracetamol per day is safe',
  ]);

  // The twenty-fifth (very short messages, accidents and emergencies that are not COVID) missed 37 of 239 on arrival;
  // two are left: an open fracture typed without accents and "giật mình liên tục" in a feverish child ("giật mình" is
  // masked as a startle).
  it('recognise all but two alarming messages of the twenty-fifth tuning set', () => {
    const report = reportOf('tuning25');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['covid_child_seizure', 'open_fracture']);
  });

  // The twenty-seventh (voice typing, relatives reporting from afar, older people typing) missed 20 of 280 on arrival;
  // three are left: a girl of unknown age with fever on its fourth day, an adult's 40 °C with headache (no rule has a
  // line for adults), and hip pain typed "đau hông" (Southern "hông" is "không": a double negation).
  it('recognise all but three alarming messages of the twenty-seventh tuning set', () => {
    const report = reportOf('tuning27');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['accident', 'fever_child', 'high_fever']);
  });

  // The twenty-eighth (danger told by what the person can no longer do, indirect thoughts of self-harm, medicine
  // mishaps) missed 47 of 263 on arrival; ten are left, most of them behaviour told without a sign word ("kéo chăn,
  // vò tóc, la hét", "mắt nhìn ra cửa, kêu không nghe"), a farewell without a word of it ("e đi đây"), and an overdose
  // of fever medicine counted per day.
  it('recognise all but ten alarming messages of the twenty-eighth tuning set', () => {
    const report = reportOf('tuning28');
    expect(report.missed.length).toBeLessThanOrEqual(10);
  });

  // The twenty-ninth (parents of babies and young children, pregnancy and after birth, many numbers in one message)
  // missed 36 of 271 on arrival; four are left: feeds told in millilitres, "38 tuần nay" (a pregnancy, or a duration?),
  // bleeding after birth told by changing pads, and "đang giat" typed without accents (giật or giặt).
  it('recognise all but four alarming messages of the twenty-ninth tuning set', () => {
    const report = reportOf('tuning29');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['convulsion', 'postpartum_bleeding', 'reduced_fetal_movement', 'refuse_feed']);
  });

  expectEach('alarms (kinds of the twenty-ninth set)', true, [
    'Cháu ngoại tôi được 2 tháng, tối nay sờ người nóng ran, cặp nhiệt kế 38 độ 4.',
    'bé chưa đầy tháng, nhiệt kế hồng ngoại đo trán 38,6',
    'con gai e dc 2 thang 10 ngay, sot 38 do nach tu chieu den gio',
    'em bé nhà mình 58 ngày, sáng 37,5 mà giờ 38,1',
    'ba tám độ rưỡi, bé mới 48 ngày',
    'thằng cu 11 tháng sốt tới ngày thứ 3, nay vẫn 39,2',
    'bé 13kg, 2 tuổi, uống 6ml paracetamol lúc 8h tối mà 10h vẫn sốt 40,1',
    'con 2 tuổi 12kg uống 5ml siro ibuprofen lúc 14h, 16h30 vẫn 39,8 đo tai',
    'be 11 thang sot cao roi giat minh lien tuc, tay chan cung cung',
    'Bé 6 tháng cả ngày chỉ ướt 1 bỉm, lần cuối tè là 10 tiếng trước, môi khô',
    'Em bầu 30 tuần, hôm nay cả 2 tiếng chỉ 3 cử động',
    'bầu 32w5d, 3 tiếng chỉ đạp 2 lần',
    'vợ bầu 9 tháng ha 16/11, đau đầu',
    'huyết áp còn 8/5, mệt lả',
    'Bầu con so 37 tuần, hôm nay đau đầu dữ lắm, nhìn mọi thứ mờ mờ',
    'sau sinh 4 ngày sốt 39 độ, sản dịch hôi',
    'Mổ lấy thai 6 ngày, vết mổ sưng đỏ chảy mủ',
    'đẻ được 2 ngày, sốt, rét run',
    'con gái 3 tuổi ăn hết vỉ thuốc sắt của mẹ bầu, 8 viên',
    'con em 2 tuổi uống hết nửa chai siro ho của anh, giờ lảo đảo',
    'bé 14 tháng bóc uống hết 1 vỉ thuốc ngủ của bà',
    'Bé 1 tuổi ngã từ xe máy, đầu sưng to, khóc xong thì ngủ không gọi dậy',
    'bé 6 tháng lăn khỏi sofa đập đầu, tai chảy dịch',
    'Bé 3 tuổi bị dầu ăn nóng bắn vào mặt, phồng rộp quanh mắt',
    'be 1t bi phong nuoc soi o 2 chan, da bong trong',
    'bé 2t cho pin cúc vào miệng, tìm không thấy viên pin đâu',
  ]);
  expectEach('calm (look-alikes of the twenty-ninth set)', false, [
    'mẹ sau sinh 1 tháng f0, sốt 37,8, ho, spo2 98, con bú bình thường',
    'mẹ em huyết áp 12/8 bình thường',
    'ngày 16/11 em đi tiêm mũi nhắc',
    'bé nặng 3,5 kg, bú 90ml mỗi cữ',
    'bé 2 tháng, trời nóng 38 độ, có nên tắm cho bé không',
    'đỡ bà dậy đi vệ sinh thì bà đi được',
  ]);

  // The thirtieth (people reporting about someone not of their family: workplaces, schools, boarding houses, the street;
  // addresses, rooms, times and counts that are not vital signs) missed 13 of 251 on arrival; one is left: chest pain
  // in a message that also says the two arms' pressures "khác nhau" (read as a comparison asked about).
  it('recognise all but one alarming message of the thirtieth tuning set', () => {
    const report = reportOf('tuning30');
    expect(report.missed.map((m) => m.kind)).toEqual(['chest_pain']);
  });

  expectEach('alarms (kinds of the thirtieth set)', true, [
    'Công nhân sơn tường rơi từ giàn giáo tầng 3 xuống, chân gập ngược, máu chảy ở đầu',
    'Co dong nghiep trong nhom em vua nhan tin tam biet ca nhom, noi dang dung tren tang thuong toa nha 15 tang',
    'Nhân viên bán hàng nói với mình là đã chuẩn bị thuốc chuột, sẽ uống sau khi tan ca lúc 22h.',
    'toi dang o km 27 QL1A, xe may dam vao duoi xe tai, 2 nguoi nam duoi duong, 1 nguoi khong cu dong',
    'Chú bán dừa đầu hẻm 56 lỡ chặt dao vào chân, máu tuôn ra ướt cả vỉa hè',
    'Một bạn nữ đứng ngoài lan can cầu Rồng cả tiếng nay, khóc và nói sẽ nhảy xuống.',
    'Ở cảng Cát Lái, anh công nhân bốc xếp bị container đè lên chân, xương lộ ra ngoài',
    'Thùng hàng rơi trúng lưng anh thủ kho, anh ấy không cảm nhận được chân',
    'Dì tạp vụ ở công ty em tự dưng cười méo một bên, nói câu nào cũng lơ lớ',
    'Sập giàn giáo ở công trình số 45, 3 công nhân bị vùi dưới gạch đá',
    'Bạn cùng lớp của em uống cả chai thuốc hạ sốt sau khi cãi nhau, giờ nôn',
  ]);
  expectEach('calm (look-alikes of the thirtieth set)', false, [
    'Mình làm HR, công ty có 45 nhân viên, cần lập kế hoạch ứng phó COVID gồm những gì?',
    'KPI tháng này 300 đơn, mới được 120, tôi sắp đột quỵ tới nơi rồi',
    'lỡ bị covid mà đang cho con bú thì có sao không',
  ]);

  // The thirty-first (English of foreigners and of Vietnamese, mixed with Vietnamese; °F, "yo", "mo") missed 38 of 252
  // on arrival; four are left: three dog bites (urgent for rabies, not a call to 115 in these rules) and an older
  // person's fever of four days (no rule has a line for adults' fevers).
  it('recognise all but four alarming messages of the thirty-first tuning set', () => {
    const report = reportOf('tuning31');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['dog_bite', 'dog_bite', 'dog_bite', 'prolonged_fever']);
  });

  expectEach('alarms (kinds of the thirty-first set)', true, [
    'baby 10 weeks temp 100.8F, what to do',
    'Temperature 100.4F in my 7 week old',
    '103F my kid 2 years, tylenol given 2 hrs ago, still 103',
    '40.2 degrees my son 18 months, cant bring it down',
    'my 1 month baby feels hot, thermometer 38.6',
    '39.6 and not down after 2 doses of hapacol, 1 yo',
    'baby 4 mo resp 58 pm, fever, coughing',
    'counted 44 breaths/min on my 15 month old',
    'con 7 thang dem tho 28 lan trong nua phut',
    'my friend collapsed trekking in Sapa sun, very hot skin, confused',
    'son throws up everything he drinks, even ORS, since last night',
    '34 wks preg, baby no kick since last night',
    'whole family headache and vomiting after charcoal stove in closed room',
    'grab bike crash, i hit my head and now vomiting and sleepy',
    'friend swept by current at Nha Trang, pulled out, vomiting water and looks blue',
    'elderly neighbor speaking gibberish, cannot stand',
    'grandpa cannot smile on left side and arm weak since 1 hour',
    'my mom took all her blood pressure pills at once',
    'Ending my life tonight. Sorry.',
    'just took a razor to my arms, cant stop bleeding',
    'backpacker fell off bike in Dalat, cant feel his legs',
    'bitten by snake while camping in Cat Tien, gums bleeding now',
    'baby 7 mo refuse breastfeed all day, mouth dry, no tears',
    'period bleeding extreme, changing pad every 30 min, dizzy and pale',
  ]);
  expectEach('calm (look-alikes of the thirty-first set)', false, [
    'my temp is 98.6F, fine',
    'im drowning in visa paperwork',
    'the lockdown is suffocating, cant wait to travel',
    'we went trekking in Sapa, so beautiful, any covid rules there?',
    'Thang 2/2022 cac truong o Ha Noi mo cua lai cho hoc sinh lop may?',
  ]);

  // The thirty-second (thoughts of ending one's life and self-harm, said mostly indirectly, by teenagers, the jobless,
  // the bereaved, new mothers, older people and their friends; acute psychiatric danger) missed 176 of 246 on arrival:
  // a farewell said with a means, a place or a time (`together`), and a high place or water with distress, now find 205.
  // The 41 left are plans and farewells in words no rule has yet, and threats to others (a matter for 113, not 115).
  it('recognise at least four in five alarming messages of the thirty-second tuning set', () => {
    const report = reportOf('tuning32');
    expect(report.missed.length).toBeLessThanOrEqual(41);
  });

  // The thirty-third (rural and mountain areas, the Mekong delta, regional speech, Vietnamese as a second language)
  // missed 27 of 257 on arrival; two are left: dengue's warning signs once the fever is gone, and a toddler "bò lại"
  // swallowing an adult's pills (no word says a child). Its false alarms (8.8 %) are mostly farm animals' illnesses.
  it('recognise all but two alarming messages of the thirty-third tuning set', () => {
    const report = reportOf('tuning33');
    expect(report.missed.map((m) => m.kind).sort()).toEqual(['child_poisoning', 'dengue']);
  });

  // The thirty-fourth (thoughts of ending one's life and self-harm, written fresh to measure the thirty-second set's
  // rules on wordings they were not made from) recognised 50 of 160 on arrival (31.3 %): the rules of `together` did not
  // carry over to new wordings. Tuned on at the end of the session (strong farewells, means at hand, places, set
  // times; one list of farewells and of times shared by every combination, as YAML anchors): 40 are left.
  it('recognise at least seven in ten alarming messages of the thirty-fourth tuning set', () => {
    const report = reportOf('tuning34');
    expect(report.missed.length).toBeLessThanOrEqual(40);
  });

  // The thirty-fifth (the same danger, other writers: a bullied girl, a failed exam, loan sharks, a beaten wife, a
  // farmer, a widow, a nurse, a closed restaurant, a new mother, a rejected gay teenager, a student abroad, workers, and
  // those who worry for them) recognised 61 of 163 on arrival (37.4 %), a little more than the thirty-fourth did (31.3 %)
  // with the rules tuned on the thirty-second. Tuned on: a lethal act with a set time, a goodbye (even in everyday words)
  // with someone unreachable or a means at hand, someone on a roof or a water tower; 63 are left.
  it('recognise at least three in five alarming messages of the thirty-fifth tuning set', () => {
    const report = reportOf('tuning35');
    expect(report.missed.length).toBeLessThanOrEqual(62);
  });

  // The thirty-sixth (the same danger as people type it on Zalo: fragments, several lines, questions to the bot that
  // hide it, relatives forwarding what they read) recognised 64 of 150 on arrival (42.7 %: 31.3, 37.4, then 42.7 % on
  // the three fresh sets in a row). Tuned on: more everyday goodbyes with someone unreachable or a means or water at
  // hand, hidden questions of means ("uống vào bao lâu thì chết"), oleander leaves, a self-inflicted stab; 63 are left.
  it('recognise more than half of the alarming messages of the thirty-sixth tuning set', () => {
    const report = reportOf('tuning36');
    expect(report.missed.length).toBeLessThanOrEqual(63);
  });

  expectEach('alarms (kinds of the thirty-sixth set)', true, [
    'chú tôi gửi tin nhắn cho cả họ: chú xin lỗi, chú đi trước, nhờ mọi người lo cho thím, giờ không liên lạc được',
    'cho hỏi thuốc cỏ uống vào bao lâu thì chết ạ, nhà em có sẵn ngoài kho',
    'chị dâu em vừa bị nhà chồng mắng, chị lên đồi mang theo nắm lá ngón',
    'chồng tôi cầm dao tự đâm vào bụng sau khi cãi nhau, đang chảy máu',
  ]);
  expectEach('calm (look-alikes of the thirty-sixth set)', false, [
    'cây lá ngón trông như nào để dặn trẻ con trong bản tránh xa',
    'xem phóng sự về lá ngón ở vùng cao, thương đồng bào quá',
  ]);

  expectEach('alarms (kinds of the thirty-fourth set)', true, [
    'hẹn gặp mọi người ở kiếp sau nha, mình đi ngủ một giấc thật dài',
    'cửa khoá rồi, lò than đốt rồi. chỉ muốn có người biết tên tôi là Hưng',
    'mở bình ga rồi, đóng cửa rồi. mọi người đừng vô',
    'dây buộc sẵn trên xà nhà kho rồi. chỉ cần đứng lên cái ghế',
    'thuốc nằm trong lòng bàn tay rồi',
    'chừ tui ra bờ sông đây, nước lớn rứa chắc đủ. đừng kiếm tui',
  ]);
  expectEach('alarms (kinds of the thirty-fifth set)', true, [
    'tối nay em sẽ lên sân thượng trường nhảy xuống, cho tụi nó hết có cái để cười',
    'anh tôi đăng facebook xin lỗi tất cả, ảnh chụp cầu Thuận Phước, giờ không liên lạc được',
    'bạn mình vừa gửi lời tạm biệt rồi offline luôn',
    'đã viết di thư xong',
    'bạn t đang trên nóc nhà',
  ]);
  expectEach('still alarms (self-harm beside its topic words)', true, ['em tìm số phòng chống tự tử vì em muốn chết']);
  expectEach('calm (look-alikes of the thirty-fourth set)', false, [
    'trường con tôi có dạy kỹ năng phòng chống tự tử ko, tôi muốn đề xuất',
    'báo nói số ca tự tử tăng sau dịch có đúng không',
    'đọc báo thấy vụ nhảy cầu ở Sài Gòn, sao dạo này nhiều vụ vậy',
    'tui đi đây, mai nói tiếp',
    'nghe noi co Lan giao vien lop con e o truong tieu hoc Le Loi bi covid ma van di day co that',
    'nguoi dang bi cao huyet ap co tiem dc ko, uong thuoc roi HA 130/80',
    'tối nay tui đi tiêm mũi 4',
    'ngày cuối cách ly, tối nay được về',
    'đêm nay tui đi làm ca đêm',
    'Làm sao để nhận tiền bảo hiểm covid của gói bảo hiểm mua qua ví MoMo',
  ]);

  expectEach('alarms (kinds of the thirty-second and thirty-third sets)', true, [
    'toi muon tu tu ngay bay gio',
    't chuẩn bị xong hết r, tối nay t đi thật đó m, đừng tìm t nha :((',
    'Răng mà khổ rứa, thuốc chuột tui mua rồi, chiều ni tui uống, con xin lỗi mạ',
    'Công nhân bị cho nghỉ việc, tiền nhà ko trả nổi, tui đang đứng trên cầu Bình Triệu, xin lỗi má',
    '24 tuổi, thất nghiệp, nợ 80 triệu. Giờ e đứng trên tầng thượng nhà trọ, gió lạnh quá',
    'hok mún sống nữa, nghĩ kĩ r, đêm nay là đêm cuối',
    'Có tiếng nói trong đầu bảo tôi phải nhảy xuống, nó nói liên tục',
    'E thắt sẵn dây trên xà nhà r, đang ngồi nhìn nó',
    'Em có ý nghĩ bóp cổ con, con khóc hoài em không chịu nổi',
    'tôi nhảy đây',
    'thằng em bị rắn hổ mang cắn ở tay lúc cắt cỏ, mới 10 phút trước',
    'tôi phun thuốc xong tay chân co rút, nhìn mờ, tim đập loạn',
    'ảnh uống thuốc cỏ cháy, họng bỏng hết, nuốt không được',
    'chặt tre bị tre đâm thủng bụng, tre còn cắm trong bụng',
    'Vợ em đau đẻ từ tối qua tới chừ chưa đẻ, nước ối ra màu xanh',
    'ba tui chặt cây đụng tổ ong bò vẽ, bị đốt mấy chục nốt, chừ ba choáng',
    'con 4t f0 sot tu hom kia den nay ko do, 38.8',
  ]);
  expectEach('alarms (more of the thirty-second set)', true, [
    'Bạn e đang live trên tiktok đứng ở mép sân thượng, comment gì cũng ko trả lời',
    'Mạ mất vì covid rồi, con cũng chẳng thiết sống. Đêm ni con ra sông Hương.',
    'Em nợ học phí, nợ app vay online. Em mua than về phòng trọ rồi, tối nay đóng cửa lại đốt.',
    'đang đứng trên nóc nhà trọ, ai đọc được tin này thì thôi khỏi tìm',
    'Em đang ngồi ở ban công tầng 15, chân thò ra ngoài rồi',
  ]);
  expectEach('calm (look-alikes of the thirty-second and thirty-third sets)', false, [
    'Đang ngồi trên sân thượng uống cà phê ngắm hoàng hôn, chill ghê',
    'đang đứng ở ban công phơi đồ thì nghe tin phường phong tỏa',
    'Đêm nay là đêm cuối ở ký túc xá, mai về quê rồi, buồn ghê',
    'benh nen dang uong thuoc co phai ngung truoc khi tiem',
    'me em bi suy than dang chay than thi co duoc tiem vac xin khong',
    'xin lỗi ad, tối nay em mới hỏi lại được',
    'sau ngay tiem mui 3 bao lau thi tiem mui 4',
  ]);

  expectEach('alarms (kinds of the twenty-seventh and twenty-eighth sets)', true, [
    'bố tôi chạy thận, bị covid, giờ phù hết người và khó thở',
    'cháu ngoại mới đầy tháng bị sốt, cả nhà f0',
    'bé 1 tháng 10 ngày bị sốt và ho',
    'bé hai tháng sốt',
    'em bé 2 tháng giật liên tục từng cơn, mắt nhìn lệch một bên, chép miệng',
    'thằng bé nó giật giật cái tay rồi cứng đơ người ra',
    'con toi ko an ko uong gi tu hom qua, non lien tuc',
    'con 7 tuổi sốt 39 kèm nổi chấm đỏ, chảy máu chân răng',
    'chong toi non va di ngoai lien tuc tu dem qua, gio choang nga khong dung duoc',
    'bố em nói không ra chữ miệng cứ méo méo đi từ lúc ngủ dậy',
    'ba toi uong ruou gia xong mat mo, non',
    'bé nhai viên pin cúc áo, nuốt mất rồi',
    'anh rể bị xe tải tông, đang nằm trên đường',
    'bố tôi đang sửa điện thì bị giật, tay bỏng đen',
    'uống kháng sinh xong người nổi mề đay, cổ họng nghẹn, chóng mặt',
    'mẹ em bị ong đất đốt ở cổ, giờ sưng cổ họng nói khàn',
    'me minh ngoi day la xay xam roi nga lai xuong giuong',
    'Má tui hổng có đứng dậy nổi, kêu đi lấy nước mà lết không tới bếp.',
    'ba tui ko biet tui la con, hoi ngay thang cung ko biet, sot cao',
    'Ông tui hỏi gì cũng trả lời trật lất',
    'Bé em 15 ngày tuổi, từ sáng đến giờ bú chưa được cữ nào, ngủ suốt',
    'Cụ nhà em từ chối ăn uống, đút thìa cháo vào là ngậm không nuốt',
    'Con em 1 tuổi tiêu chảy từ hôm qua, bỉm khô cong không có tí nước tiểu nào',
    'Mẹ em cả ngày không đi tiểu, miệng khô khốc, người lừ đừ',
    'ong e 87t ko nhuc nhich dc tay chan ben trai tu sang ngu day',
    'Em chỉ muốn ngủ một giấc không bao giờ dậy nữa',
    'chac mai ko ai phai lo cho e nua dau, e sap giai thoat roi',
    'tam biet nhe, cam on vi da tro chuyen voi e, e se ko lam phien ai nua',
    'e đã quyết định rồi, cảm ơn mọi người, đừng tìm e',
    'Tôi muốn đi theo vợ tôi, vợ mất vì covid tuần trước',
    'Con gái em 15 tuổi để lại tờ giấy xin lỗi bố mẹ rồi khóa cửa phòng, gọi không mở.',
    'Tôi ra ngoài cầu rồi, chắc nhảy xuống là hết nợ.',
    'Mình đang cầm lưỡi lam, đầu mình toàn tiếng nói bảo làm đi.',
    'mấy hôm nay mình để dành thuốc, giờ đủ 1 vỉ rồi, tối nay sẽ uống',
    'be 3 tuoi boc vi thuoc tieu duong cua ong an mat 4 vien, gio ngu gat',
    'Mẹ em quên nên uống hai lần thuốc huyết áp sáng nay, giờ kêu choáng',
    'Bà đang nói chuyện thì thiếp đi',
  ]);
  expectEach('calm (look-alikes of the twenty-seventh and twenty-eighth sets)', false, [
    'Mẹ em gom hết thuốc ngủ của bà cất vào tủ khóa cho an toàn, vậy ổn chưa?',
    'ngứa hết người, hết khó thở rồi',
    'hết khó thở rồi',
    'bé 2 tháng sốt 37,6 độ',
    'bé 2 tháng không sốt, bú tốt',
    'bé 2 tháng hết sốt rồi',
    'con 5 tháng bị sốt',
    'Con khỏi COVID được 3 tuần thì đi học lại được chưa',
    'năm tháng qua em lo lắm',
    'trời nóng 38 độ, bé 2 tháng có nên bật máy lạnh không',
  ]);

  expectEach('alarms (kinds of the twenty-fifth set)', true, [
    'bé hóc kẹo',
    'bị ong đốt sưng hết mặt',
    'thằng bé tím cả người',
    'bà ngã không dậy được',
    'gãy chân lòi xương',
    'bé nuốt cái kim băng',
    'cháu ngã từ tầng 2 xuống',
    'đang ép tim cho cháu',
    'anh ấy bị sét đánh',
    'bé bj bỏg nc sôi cả mặt',
    'rắn lục cắn tay',
    'bị máy cắt đứt rời ngón tay',
    'cứng hàm không há miệng được',
    'hen, xịt thuốc không đỡ',
    'đứt tay máu ra kbt cầm sao',
  ]);
  // Dealt with later in the message (`undone_by`), unless it was not.
  expectEach('calm: a swallowed or stuck object already out', false, [
    'bé hóc kẹo, vỗ lưng ra được rồi, giờ chơi bình thường',
    'con hóc xương cá, bác sĩ gắp ra rồi',
  ]);
  expectEach('alarms: a swallowed or stuck object not yet out', true, ['bé nuốt pin, chưa lấy ra được', 'bé nuốt đồng xu, bác sĩ chưa gắp ra được']);
  expectEach('calm (look-alikes of the twenty-fifth set)', false, [
    'lạnh tím người vì máy lạnh',
    'lao dong tu do co dc ko',
    'di xe can giay gi',
    'mũi nghẹt cứng',
    'học cách ép tim cho người lớn ở đâu',
    'nằm mơ thấy rắn cắn',
  ]);

  // Missed by the twenty-fourth set on arrival, the same kinds in other words.
  expectEach('alarms (kinds of the twenty-fourth set)', true, [
    'muốn chết lắm rồi',
    'đây là tin nhắn cuối, đừng tìm em',
    'ngủ một giấc không dậy nữa là xong',
    'em đang ở trên sân thượng, không muốn về nữa',
    'tôi đang đứng trên cầu, không biết gọi ai',
    'uống bao nhiêu viên thuốc ngủ thì chết',
    'vừa nuốt một nắm thuốc ngủ',
    'mẹ em đang hóa trị, tối nay sốt 38,5',
    'ba chạy thận qua catheter, sốt rét run',
    'đã ngậm thuốc mà vẫn đau ngực',
    'huyết áp 200/120, nhức đầu',
    'BP 190/125 and blurry vision',
    'ống oxy tuột lúc nào không biết, giờ mẹ tím tái',
    'uống warfarin, tự nhiên đau đầu dữ dội',
    'bố 5 ngày không ăn không uống, môi khô nứt',
    'ông tự nhiên không biết ai, nói lung tung',
    'uống nước đường rồi mà vẫn run, vã mồ hôi',
    'ông ngoại than ngực bị siết lại, tay trái tê rần',
  ]);
  expectEach('calm (look-alikes of the twenty-fourth set)', false, [
    'người bị tai biến nằm lâu thì trở mình thế nào',
    'ông bị tai biến cũ, giờ muốn tiêm',
    'chân tê bì lâu rồi do tiểu đường',
    'huyết áp 130/80 có cao không',
  ]);

  // Missed by the twenty-third set on arrival, the same kinds in other words.
  expectEach('alarms (kinds of the twenty-third set)', true, [
    "my baby's chest sucks in under the ribs when she breathes",
    'he is panting like a dog and cannot talk',
    'my dad has to sit up to breathe',
    "grandma's nail beds are blue",
    'the skin around her mouth looks blue',
    'my wife is pale with cold clammy skin',
    'my son is convulsing',
    'my friend blacked out twice',
    'there is blood in my phlegm',
    'blood will not stop, soaking the towel',
    'baby not drink milk since morning',
    'my son is 2, fever for three days',
    "haven't felt my baby kick today",
    'one side of her body is weak suddenly',
    'after the shot my tongue is swollen',
    'his leg bone is sticking out',
    'pulled my daughter from the pool, she is coughing',
    'we burned charcoal in the room, all have headache',
    'my roommate says he will jump from the balcony',
    'ambulance number Hanoi fast',
    'cứu',
    'cứu với!!',
    'SOS',
    'cấp cứu! tai nạn!',
    'help me please',
  ]);
  expectEach('calm (look-alikes of the twenty-third set)', false, [
    'help',
    'heat stroke symptoms?',
    'is chest pain a symptom of covid?',
    'I swallowed my chewing gum',
    'my landlord is choking me with the rent',
    'nghiên cứu về covid ở trẻ em',
    'it could be dengue, I have had a fever for two days',
  ]);

  // Missed by the twenty-second set on arrival (21 of 275), the same kinds in other words.
  expectEach('alarms (kinds of the twenty-second set)', true, [
    'tu 98 tut xuong 93 luon',
    'sáng 96, tối 94, mẹ em mệt',
    'ông 95, bà 98, ông có sao không',
    'hôm qua 97 mà nay chỉ còn 94',
    'chín ba chín tư hoài không lên',
    'bé 2 tuổi thở 4 mươi lăm lần 1 phút',
    'bé 5 tháng đếm nhịp thở 30s được 27',
    'bé 3 tuổi sốt ba chín độ rưỡi uống thuốc vẫn không hạ',
    'bé 3 tuổi sốt 60 tiếng rồi',
    'con 2 tuổi sốt ngày thứ 4',
    'bé 18 tháng sốt từ thứ 3 tới giờ thứ 6',
    'my daughter is 3, fever for 3 days',
    'bé 20 ngày tuổi cặp nách 38.2',
    'bé 2 tuổi không tiểu cả buổi, khóc không ra nước mắt',
    'bầu 32 tuần thấy đom đóm, đau thượng vị',
    'bầu 35 tuần bụng gò 5 phút 1 lần',
    'có bầu 30 tuần, nhức đầu cả ngày không giảm',
    'ông 85 tuổi té ngã xong lừ mừ',
    'bà 88 tuổi chỉ ăn được vài thìa cháo',
  ]);
  expectEach('calm (look-alikes of the twenty-second set)', false, [
    'sáng 98, chiều 97, bé chơi bình thường',
    'nhà em số 95 đường 97',
    'hôm nay 98 hôm qua 95',
    'khẩu trang giảm 95% lây nhiễm phải không',
    'bé sơ sinh 10 ngày nhiệt độ 36.8, bú tốt',
    'bé 3 tuổi sốt 3 ngày, giờ hết sốt rồi',
    'tuần trước bé 2 tuổi sốt 2 ngày, giờ khỏe re',
  ]);

  // Missed by the twenty-first set on arrival (19 of 293), the same kinds in other words.
  expectEach('alarms (kinds of the twenty-first set)', true, [
    'Giấy khỏi bệnh xin ở đâu ạ? Em giờ lại khó thở hơn hôm qua, spo2 94. Em cần giấy để đi làm lại.',
    'ôxi còn chín mươi hai',
    'Em bầu 30 tuần, bụng đau quặn từng cơn từ trưa. Em muốn tiêm khi khỏi bệnh.',
    'Mẹ em nghe theo uống thuốc nam, giờ hỏi không đáp',
    'bà tui nói chi cũng lộn xộn',
    'thằng cu 3 tuổi lỡ uống nước javel',
    'chị em F0 sắp sinh, bé trong bụng không đạp từ sáng',
    'em ói cả ngày, không giữ được gì',
    'con khóc không có nước mắt, mắt trũng, lừ đừ',
    'bé 4 tuổi lấy vỉ thuốc của ông uống hết mấy viên',
    'lửa táp vào mặt, giờ khàn giọng',
    'mẹ chạy thận bị f0 nên lỡ buổi lọc, giờ khó thở',
    'my dad drank bleach by mistake',
    'his skin is cold and clammy',
    'chán quá, em đang đứng trên sân thượng',
  ]);
  expectEach('calm (look-alikes of the twenty-first set)', false, [
    'bé7tháng thở 42 lần, bú tốt',
    'my 5 month baby breathes 40 times a minute, feeding well',
    'oxygen 98, heart 80, am I ok',
    'bé đau bụng từng cơn nhẹ, vẫn chơi bình thường',
  ]);

  // Missed by the twentieth tuning set on arrival (11 of 283); the same kinds in other words.
  expectEach('alarms (kinds of the twentieth set)', true, [
    'chong e tho hut, di vai buoc la met',
    'me em thở ngày càng gấp từ chiều tới giờ',
    'bé thở phải há miệng ra mới được, mũi không nghẹt',
    'máy ghi 92, ba em đang f0',
    'con khong chiu uong gi tu sang, moi kho, tieu it lam',
    'ông nội 80 tuổi f0, từ sáng tới giờ mệt hơn hẳn',
    'bà nằm li bì, không buồn mở mắt',
    'chú em tự nhiên mất thăng bằng, đi loạng choạng',
    'tay bị dao cắt phun máu',
    'vừa tiêm xong, cổ họng như bị thắt lại',
  ]);
  // Found while reviewing it: "không" before "cũng" is sitting idle, not a negation.
  expectEach('alarms at rest ("ngồi không cũng…")', true, ['mẹ em ngồi không cũng thở dốc', 'nằm không cũng khó thở', 'dạo này ngồi không cũng thấy tức ngực']);
  expectEach('calm, "cũng không" after the sign', false, ['em không khó thở, ho cũng không', 'không sốt, không khó thở, cũng không ho']);
  expectEach('calm (look-alikes of the twentieth set)', false, [
    'hít thở sâu cho đỡ mệt có tốt không',
    'thở ngày càng dễ rồi, cảm ơn bác sĩ',
    'người già f0 trở nặng có dấu hiệu gì',
    'máy ghi 98, mạch 80',
  ]);

  // Found on review of the twelfth set's tuning: a general-question phrase must not cover a sign said as one's own.
  expectEach('alarms', true, ['khó thở quá có phải dấu hiệu nặng không', 'e muon chet', 'em muốn chết']);

  it('the locked question sets of issue 12 are kept exactly as written (their hashes are in the README)', () => {
    const readme = readFileSync(join(KB_DIR, '..', 'README.md'), 'utf8');
    for (const name of ['locked-a.yaml', 'locked-b.yaml']) {
      expect(readme).toContain(
        createHash('sha256')
          .update(readFileSync(join(KB_DIR, 'eval', name)))
          .digest('hex'),
      );
    }
  });

  it('keep the locked set exactly as written before the rules (its hash is in the README)', () => {
    const locked = sets.find((s) => s.name === 'locked')!;
    const hash = createHash('sha256').update(readFileSync(locked.file)).digest('hex');
    expect(readFileSync(join(KB_DIR, '..', 'README.md'), 'utf8')).toContain(hash);
  });
});

describe('context words are data', () => {
  // The word lists of general questions, sudden events, worries, practice scenarios, suppositions and oxygen therapy come
  // from knowledge/triage.yaml: emptied, the readings they make change (each pair below differs).
  const rules = loadKnowledgeBase(KB_DIR).value!.triage;
  const bare = structuredClone(rules);
  bare.people.groups = [];
  bare.figurative.sudden = [];
  bare.general_cues.defining = [];
  bare.general_cues.mishap = [];
  bare.general_cues.framing = [];
  bare.general_cues.supposing = [];
  bare.people.on_oxygen = [];
  const without = new Triage(bare);
  it.each([
    ['Tình huống giả định: một cụ bà bất tỉnh trong chợ thì xử trí sao', false],
    ['Giả sử bố em đo SpO2 được 93 thì có cần đi viện không', false],
    ['mẹ em thở oxy tại nhà 1 lít, tối nay phải tăng lên 3 lít', true],
    ['em lỡ uống nhầm nước rửa chén', true],
    ['người già bỏ ăn thì có sao không', false],
    ['khi trẻ sốt cao mà co giật thì phải làm sao', false],
    ['bé 1 tuổi thở bao nhiêu là thở nhanh', false],
    ['đang kẹt xe tự nhiên xỉu', true],
  ])('%s', (text, emergency) => {
    expect(triage.check(text).emergency).toBe(emergency);
    expect(without.check(text).emergency).toBe(!emergency);
  });
});

// Found on review of the tuning set 15 changes (each failed before its fix).
describe('Review of tuning set 15', () => {
  expectEach('stays calm', false, [
    'bé té đập đầu, vẫn chơi bình thường',
    'bé bị ngã đập đầu, không nôn, không buồn ngủ',
    'máy đo độ ẩm trong phòng 85%',
    'pin điện thoại còn 93% mà đo không lên',
    'giảm giá 90% đo ni đóng giày',
    'cty noi ai test duong tinh thi tu nghi, ko tinh luong',
  ]);

  it.each(['ông ngã đập đầu, tai ra máu', 'máy đo yếu pin, đo được 90%', 'ong ko tinh luon, goi ko day', 'bé ngã cầu thang đập đầu, giờ nôn 2 lần'])(
    'still alarms: %s',
    (text) => {
      expect(triage.check(text).emergency).toBe(true);
    },
  );
});

// Tuning set 17: children up to 12, older people, dehydration, low blood sugar, purple spots with fever, overdoses,
// palpitations after a vaccine dose (each sentence failed before the change).
describe('General behaviours added with tuning set 17', () => {
  expectEach('alarms', true, [
    'chau 9 tuoi sot cao giat',
    'gọi bà dậy thì bà cứ mơ màng',
    'đang ngồi tự nhiên nhức đầu dữ dội đột ngột, chưa bao giờ bị như thế',
    'con tôi 3 tuổi bỏ ăn bỏ uống từ sáng',
    'cháu 8 tuổi viêm họng, nuốt nước cũng không được',
    'bé 11 tuổi mệt, uống vào cũng không nổi',
    'con gái 12 tuổi ói liên tục từ trưa',
    'ông tôi 80 tuổi mấy hôm nay cơm ăn không vào',
    'ba em tự nhiên yếu hai tay, cầm gì cũng rơi',
    'ba tôi tiêu chảy từ hôm qua, giờ mắt trũng sâu',
    "my dad keeps throwing up and can't keep water down",
    'she has diabetes, now sweating a lot and shaking',
    'mẹ em bị tiểu đường, chích insulin xong giờ toát mồ hôi, run rẩy',
    'bé sốt 39 độ, chân nổi nốt tím ấn vào không mất',
    'my daughter has a fever and purple spots on her legs',
    'con sốt cao, chân nổi mấy nốt tím',
    'chồng em uống rượu dỏm có cồn công nghiệp, giờ mắt mờ',
    'he took a whole bottle of painkillers',
    'my grandma is so weak she has to crawl to the toilet',
    'my baby has not peed since morning',
    'em 16 tuổi, sau mũi tiêm thứ hai tim đập nhanh liên tục, mệt',
    'after the second dose my heart is racing',
    'my dad is seizing and will not stop',
    'bé 4 tuổi bóc ăn hết vỉ vitamin của bà',
  ]);
});

describe('Guards kept with tuning set 17', () => {
  expectEach('stays calm', false, [
    'hết lên cơn hen rồi, giờ thở bình thường',
    'tim đập nhanh do lo lắng, giờ đỡ rồi',
    'đã tiêm mũi 2 được ba tháng, không thấy hồi hộp gì',
    'bé 9 tuổi hôm trước ói, nay hết ói, ăn uống lại bình thường',
    'con 12 tuổi đã hết nôn, ăn được rồi',
    'bé 8 tuổi ăn cơm xong uống thuốc hạ sốt',
    'mắt trũng sâu vì thức khuya mấy hôm',
    'chấm tím ở chân do va vào bàn',
    'bé sốt, da không có chấm tím nào',
    'mẹ tôi bị tiểu đường, đo đường huyết sáng nay 6.5, vẫn khỏe',
    'tiểu đường thì nên ăn gì',
    'gọi điện cho mẹ thì mẹ nói đêm qua ngủ mơ màng',
    'hồi trước bé sốt cao bị giật một lần, giờ lớn rồi không bị nữa',
    'khi trẻ sốt cao mà co giật thì có nên nhét gì vào miệng không',
    'em ngày nào cũng giặt đồ, sốt cao giặt có sao không',
    'my son is sleepy after a long day',
  ]);

  // Calm since tuning set 17: "giả dụ", "giả như" (a supposition); school years long ago; "đã nằm viện" (in care).
  expectEach('now calm', false, [
    'giả dụ bà em mà tím môi thì gọi ai',
    'giả như mai mốt bé nhà mình thở rít thì xử trí sao',
    'hồi cấp 1 mình bị điện giật ở nhà bà, giờ vẫn sợ ổ điện',
    'chị em bầu 20 tuần bị ra máu, đã nằm viện theo dõi một tuần, bác sĩ bảo ổn',
  ]);

  expectEach('still alarms', true, ['bố em khó thở, đã nằm viện 2 hôm, giờ vẫn khó thở', 'hồi cấp 2 em bị hen, giờ lại lên cơn hen, thở rít']);
});

describe('Review of the rules added with tuning set 17', () => {
  // "giật mình" is a startle, "hơi hồi hộp" / "hồi hộp lo lắng" is nervousness; a child refusing one food or a medicine
  // is picky, not "not eating or drinking".
  expectEach('stays calm', false, [
    'sau khi tiêm bé sốt giật mình có sao không',
    'tiêm xong hơi hồi hộp lo lắng có sao không',
    'sau tiêm mũi 2 hồi hộp 1 chút có bình thường không',
    'bé 11 tuổi không chịu ăn rau, mẹ phải làm sao',
    'bé 3 tuổi không chịu uống thuốc hạ sốt, làm sao cho bé uống',
    'bé 7 tuổi không uống nước cam được không',
  ]);

  expectEach('still alarms', true, [
    'bé sốt cao giật liên tục',
    'bé 2 tuổi sốt cao co giật, giật mình liên tục',
    'sau tiêm 3 ngày mà vẫn hồi hộp, đánh trống ngực',
    'tiêm mũi 2 xong hồi hộp quá, tim đập thình thịch',
    'bé 1 tuổi không chịu bú, bú vào là ói hết',
    'Be so sinh 3 tuan khong chiu bu ca buoi, ngu suot',
  ]);
});

describe('General behaviours added with tuning set 18', () => {
  expectEach('alarms', true, [
    'ba em tự dưng mất phương hướng, không biết đường vào phòng',
    'bà ngoại gọi tên các cháu lộn hết từ chiều',
    'đánh thức bé mãi không được, người nóng ran',
    'thóp bé trũng xuống, bé 5 tháng tiêu chảy nhiều',
    'bé 6 tuần tuổi sốt 38,2 độ',
    'con 2 tháng nhiệt độ 38 độ',
    'bé 8 tháng tiêu chảy, không có nước tiểu từ trưa',
    'bị dao đâm sâu ở bụng, máu chảy ra',
    'vết thương ở đùi máu chảy thành vũng',
    'bé 2 tuổi uống hết cả chai thuốc ho',
    'cháu lỡ uống thuốc của ông để trên bàn',
    'em đang đứng trên cầu, chẳng ai hiểu em cả',
    'làm đổ ấm nước sôi vào cả hai chân',
    'chồng em nôn liên tục từ sáng, môi khô nứt',
    'baby kicking a lot less today, 36 wks',
    'my son ate some wild mushrooms and is now throwing up',
    'sau khi ăn tôm cổ họng thắt lại',
    // An undone match does not hide a shorter one inside it ("quanh môi … tim đập" is no "tím", the throat stands).
    'Mình tiêm mũi nhắc được 15 phút, giờ tê quanh môi, họng căng cứng, tim đập nhanh',
  ]);

  expectEach('now calm', false, [
    'bé 5 tháng ói 1 lần sau bữa bột, giờ chơi bình thường',
    'cho mình hỏi xíu, tiêm mũi 3 ở đâu',
    'em ho xíu xíu thôi, đi làm được không',
    'khu mình ngắt điện từ sáng',
    'chợ có bán cá ngát không',
    'đọc bình luận trên mạng mà tức ngực ghê',
    'thấy ví tiền tím tái sau Tết',
    'giấy xét nghiệm lơ mơ quá không đọc được',
    'xem đá banh mà tim đập thình thịch',
    'moi tim duoc cho test roi, cam on',
    'ví tiền co giật vì giá xăng',
    'nhỡ đâu mai mốt mình bị đau ngực thì gọi số nào',
    'lỡ mai mốt ba em khó thở thì đếm nhịp thở thế nào',
    'ba mẹ nên biết gì về co giật do sốt ở trẻ',
    'giá điện tăng làm khó thở quá',
    'giá vàng như vậy thì không thở nổi',
    'that electricity bill gave me a heart attack',
    'f0 co giat quan ao chung duoc ko',
    'con 3 tuổi nuốt hạt nho, vẫn chơi bình thường',
    'con phai hoc thuoc kho tho dau bai Tay Tien',
  ]);
});

describe('Guards kept with tuning set 18', () => {
  expectEach('stays calm', false, [
    'tự nhiên thấy mất phương hướng khi chọn trường',
    'em mất phương hướng trong cuộc sống',
    'bà ngoại hay gọi tên cháu, vui lắm',
    'đánh thức con dậy đi học sáng nào cũng khó',
    'thóp bé không lõm, vẫn bú tốt',
    'thóp của bé bao giờ thì kín',
    'bé 4 tháng sốt 38 độ, có cần đi khám không',
    'bé 1 tháng, hôm qua sốt 38, giờ hết sốt rồi',
    'bé 2 tháng nhiệt độ 37,2',
    'xét nghiệm nước tiểu của bé bình thường',
    'cắt sâu chi phí để có lãi',
    'hồi trước bị dao cắt sâu ở tay, đã khâu xong',
    'bé uống hết lọ siro ho rồi, có cần mua thêm không',
    'bé uống hết chai sữa 150ml',
    'bố em lo uống thuốc huyết áp đều đặn',
    'mẹ em uống thuốc huyết áp bác sĩ kê',
    'đang đứng trên sân thượng phơi đồ',
    'lau người cho bé bằng nước sôi để nguội khắp người',
    'xoa dầu nóng khắp người cho bé',
    'dầu sôi bắn lên tay một chút, hơi rát',
    'bé nôn liên tục hôm qua, giờ ăn uống được rồi',
    'the baby kicks a lot at night, 30 weeks',
    'i ate wild mushrooms at a restaurant, they were delicious',
    'họng không căng cứng, chỉ hơi rát',
    'hôm qua họng căng cứng, giờ hết rồi',
  ]);

  // The masks ("chút xíu", "ngắt điện"), things ("ví tiền", "=ảnh") and causes ("làm", "như vậy thì") leave real signs.
  expectEach('still alarms', true, [
    'bé ói 1 lần rồi li bì',
    'mẹ em xỉu rồi',
    'me e xiu roi',
    'ba e bi ngat roi',
    'anh tui co giat',
    'đang chơi game thì xỉu',
    'bố em xem bóng đá xỉu',
    'bé nuốt phải viên pin',
    'bé nuốt hạt nhãn',
    'bé nhà em co giật, ba mẹ nên biết gì',
    'mẹ em đau ngực, nhỡ đâu là covid',
  ]);
});

describe('Review of the rules added with tuning set 18', () => {
  // "xíu" (a little) masked before "nha", "thôi", or after "ho" hid "bị xỉu nha", "bé bị xỉu thôi", "họ xỉu rồi".
  it.each(['ba e bi xiu nha, nam duoi dat', 'be bi xiu thoi, sao gio', 'me xiu nhe, lam sao', 'co nguoi nga ngoai duong, ho xiu roi'])(
    'still alarms: %s',
    (text) => {
      expect(triage.check(text).emergency).toBe(true);
    },
  );

  expectEach('stays calm', false, ['cho e hoi xiu nha, spo2 97 co sao ko', 'e ho xiu xiu thoi, ko sot']);
});

describe('English questions on how to treat something, in general', () => {
  expectEach('stay calm', false, ['How do I treat food poisoning in Vietnam?', 'how do i treat a high fever at home for covid']);

  // The cue belongs to the question in general: a named person, or a sign told as happening, still alarms.
  expectEach('still alarm', true, [
    'how do I treat my son, he is having a seizure now',
    'how to treat it, my husband collapsed',
    'I have food poisoning, how to treat vomiting nonstop cant keep water down',
    'how should I treat my wife, she is unconscious',
  ]);
});

describe('General behaviours added with tuning set 19', () => {
  expectEach('alarms', true, [
    // English tens read as numbers; "sp" before a reading is SpO2.
    'my mom oxygen is ninety one',
    'sats eighty eight, dad very tired',
    'sp 91 roi ad oi',
    // A laugh followed by a word of now, or by worry, is over.
    'haha tưởng đùa, giờ ba em khó thở thật',
    'lol he said it was nothing, now he is unconscious',
    'kkk cười xong thì bà em ngất thật',
    'ba e thở hụt hơi, spo2 93 haha lo quá',
    // An opening story ends where the writer's own family comes in.
    'đọc báo thấy nói covid gây đột quỵ, mẹ em giờ méo miệng, nói ngọng',
    'xem tin tuc ve dot quy, ba e vua moi meo mieng, yeu nua nguoi',
    // "co giật mắt trợn ngược": the eye-twitch mask no longer covers a seizure.
    'bé co giật mắt trợn ngược',
    // New signs and pairs.
    'vo em de duoc 1 tuan, huyet ra nhieu lam, chong mat',
    'bị dao cắt tay, đè chặt mà máu vẫn chảy',
    'con tôi nôn ói cả ngày không uống được gì, lừ đừ',
    'ba em tiêu chảy 12 lần từ sáng, mệt lả',
    'ông va đầu vào tường, giờ nôn, đau đầu tăng dần',
    "my dad's face is dropping on one side",
    'he suddenly cannot speak and his arm is weak',
    'chest pain going down my left arm right now',
    'ba em đau ngực lan lên hàm',
    'em thấy mình không đáng sống nữa',
    'tối nay ra cầu cho xong',
    'I have the pills right here',
    'thằng bạn uống cả chai thuốc ngủ với rượu, giờ ói',
    'be nut vien pin',
    'con tiểu đường týp 1, nôn liên tục, thở nhanh và sâu',
    'my son is diabetic and keeps vomiting, breath smells like fruit',
    'bé sốt xuất huyết ngày 5, chảy máu chân răng',
    'con bi sxh ngay 4, het sot ma tay chan lanh, li bi',
  ]);

  expectEach('stays calm', false, [
    // Questions of knowledge about people in general that name nobody and nothing of now.
    'đột quỵ ở người trẻ có liên quan covid không',
    'co giật ở trẻ có nguy hiểm không',
    'is confusion in elderly people a sign of severe covid',
    // Study or writing about a sign.
    'Em đang làm tiểu luận về đột quỵ sau covid',
    'nhóm em thuyết trình về sốc phản vệ sau tiêm',
    'ngưỡng nhịp thở nhanh ở trẻ 2 tuổi là bao nhiêu',
    // An event dated to a younger age than the one given now.
    'hồi 3 tuổi con bị co giật 1 lần, giờ 8 tuổi rồi, tiêm được không',
    'năm 1 tuổi bé bị hóc hạt nhãn, giờ bé 5 tuổi',
    'I had a seizure as a teenager, can I get the vaccine',
    // Harmless words that look like signs typed without accents.
    'bé hơi nghẹt mũi xíu thôi',
    'cho mình xin 1 xíu thông tin về mũi 4',
    'hoa bưởi thơm ngát',
    'dưa hấu ngọt lịm',
    'son môi màu tím có đẹp không',
    'bé 3 tháng ngủ ngon, bs hẹn tái khám tuần sau',
    'sp 95 nghin',
    'haha bao giờ có điện vậy, nóng khó thở quá',
    'hihi giờ em khỏe rồi',
  ]);
});

describe('Guards kept with tuning set 19', () => {
  // Each new calm rule (knowledge question, topic of study, younger age, story ended by family, masks, "tái khám")
  // must not hide a named person with the sign now.
  expectEach('still alarms', true, [
    'mẹ em lú lẫn có phải dấu hiệu covid nặng không',
    'em khó thở quá có phải dấu hiệu covid nặng không',
    'con em co giật có nguy hiểm không',
    'đau ngực có phải hậu covid không, em đau từ sáng',
    'ba em đột quỵ có liên quan vắc xin không',
    'môi tím là do thiếu oxy hả, tím cả môi rồi',
    'môi tím là do thiếu oxy hả, con em tím tái rồi',
    'khó thở là do covid hả, thở không nổi',
    'đang làm báo cáo về dự án thì chồng em ngất',
    'em làm báo cáo về, khó thở quá',
    'nghiên cứu về covid nhưng giờ em khó thở quá',
    'hồi 1 tuổi con co giật, giờ 3 tuổi con co giật lại',
    'lúc 2 tuổi bé bị hóc, giờ 5 tuổi bé đang hóc hạt nhãn không thở được',
    'xem phim với mẹ em, giờ mẹ em ngất xỉu',
    'xem tin tức về covid xong, bố em khó thở, tím môi',
    'ông em ngộ độc rượu, đã rửa dạ dày, giờ vẫn lơ mơ',
    'ba e bi xiu nha',
    'bé nghẹt mũi xỉu',
    'môi bé tái nhà em lo quá',
    'sp 92 k sao chu',
    'stuck in traffic and my kid is choking on a candy',
    'cúp điện, máy oxy không chạy, ông em khó thở',
    'mất điện, em khó thở quá',
  ]);

  // Calm look-alikes of each new alarm rule.
  expectEach('stays calm', false, [
    'I waited forty minutes at the clinic, is that normal',
    'my grandpa is ninety two and vaccinated, can he travel',
    'mua sp nay gia 95 nghin co dat ko',
    'kinh nguyet ra nhieu co sao ko',
    'ăn xong vẫn chạy bộ được không',
    'nôn cả ngày hôm qua, nay đỡ rồi, uống được nước',
    'mỗi ngày đi ngoài 2 lần có sao không',
    'the stock price is dropping, my face says it all',
    'the pain in my left arm after the vaccine is normal?',
    'đau tay trái sau tiêm có sao không',
    'cuộc sống ở đây không đáng sống lắm',
    'ra cầu chụp hình cho xong bộ ảnh',
    'uống hết chai siro ho rồi, mua thêm loại nào',
    'nut bam cua may do bi hu',
    'tiểu đường có ăn táo được không',
    'sốt xuất huyết có triệu chứng gì',
    'bị giật mắt trái mấy hôm nay',
  ]);
});

describe('Review of the rules added with tuning set 19', () => {
  // A sign asked about without people in general ("khó thở có phải dấu hiệu nặng không") is most often written by the
  // person who has it: the knowledge-question cue needs a group ("ở người già", "trẻ em", "elderly").
  expectEach('still alarms', true, [
    'khó thở có phải dấu hiệu covid nặng không',
    'kho tho tuc nguc co phai dau hieu nang ko',
    'đau ngực trái lan ra tay có phải dấu hiệu đột quỵ tim không',
    'co giat co phai dau hieu covid ko',
    'ho ra máu có liên quan đến covid không',
    'Is chest pain a sign of long covid?',
    'khó thở là do thiếu oxy hả',
  ]);

  expectEach('stays calm', false, ['lú lẫn ở người già có phải dấu hiệu covid nặng ko', 'co giat o tre co phai dau hieu covid nang ko']);
});

describe('Everyday words that look like signs (found by running the triage over every card phrasing and development conversation)', () => {
  expectEach('stays calm', false, [
    'e la nguoi nuoc ngoai lay chong viet, song o can tho', // "là người", not "lả người"
    'who has authority to declare a red zone', // "thorit" inside an English word is no glued "thở rít"
    'could the local authorities cap the number of shoppers',
    "which number for what: ambulance, hotline or local clinic, i'm confused",
    'I am confused about the isolation rules',
    'sáng nay test 2 vạch mà không biết trạm y tế phường ở đâu',
    "This morning my home test have two lines. I don't know who I must inform.",
    'tinh dua vao ty le tiem vac xin, mat do dan cu de tu xac dinh cap do duoc khong', // "mật độ dân", not "đờ đẫn"
    'boi dau me vao mui phong covid co that ko', // "phòng covid", not "phồng"
    'Chồng em là người Mỹ, không nói được tiếng Việt, có số nào tư vấn tiếng Anh không',
    'nhin doi di tiem duoc khong', // "nhịn đói", not "nhìn đôi"
    'vach T nhat xiu, chup hinh moi thay, vay la duong ha',
  ]);

  expectEach('still alarms', true, [
    'mẹ em lả người đi, gọi không trả lời',
    'ba e met la nguoi roi',
    'bame bikhotho',
    'emkhothoqua',
    'my dad is confused and very sleepy',
    'my mom does not know where she is',
    'grandpa does not know who we are anymore',
    'bà em không biết mình đang ở đâu',
    'ông không biết con cháu là ai nữa',
    'be tho mui phap phong',
    'bà em tự nhiên nhìn đôi, méo miệng',
    'ông không nói được, tay yếu một bên',
  ]);
});
