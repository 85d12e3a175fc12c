import fc from 'fast-check';
import { analyze, compileLexicon, termsOf, tokenize } from '../../../knowledge/text/analyze';
import { dateMentioned, documentNumbersMentioned, withoutTimes } from '../../../knowledge/text/dates';
import { foldVietnamese, isUnaccented, normalizeVietnamese } from '../../../knowledge/text/vietnamese';

describe('normalizeVietnamese', () => {
  it.each([
    ['hoà', 'hòa'],
    ['HOÀ BÌNH', 'hòa bình'],
    ['thuỷ', 'thủy'],
    ['Khánh Hoà', 'khánh hòa'],
    ['khoẻ', 'khỏe'],
    ['quý', 'quý'],
    ['giữa', 'giữa'],
    ['hoàng', 'hoàng'],
    ['thuyết', 'thuyết'],
    ['người', 'người'],
    ['khuỷu', 'khuỷu'],
  ])('puts the tone of %s in one place', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it('composes decomposed (NFD) input', () => {
    expect(normalizeVietnamese('xét nghiệm'.normalize('NFD'))).toBe('xét nghiệm');
  });

  it('makes old and new tone styles meet', () => {
    expect(normalizeVietnamese('Hoà Bình, Thuỷ, khoẻ')).toBe(normalizeVietnamese('Hòa Bình, Thủy, khỏe'));
  });
});

describe('foldVietnamese', () => {
  it('strips marks and maps đ to d', () => {
    expect(foldVietnamese('Đi lại giữa các vùng dịch')).toBe('Di lai giua cac vung dich');
    expect(isUnaccented('test nhanh 2 vach')).toBe(true);
    expect(isUnaccented('test nhanh 2 vạch')).toBe(false);
  });
});

describe('tokenize and analyze', () => {
  const lex = compileLexicon([
    { canonical: 'xét nghiệm', variants: ['xn'] },
    { canonical: 'spo2', variants: ['sp02', 'sp o2'] },
    { canonical: 'không', variants: ['ko', 'k'] },
    { canonical: 'Hồ Chí Minh', variants: ['hcm', 'sg', 'sài gòn'] },
  ]);

  it('keeps domain tokens whole', () => {
    expect(tokenize(normalizeVietnamese('F0 sốt 38,5 độ, SpO2 94%, gọi 1900 9095 hoặc 115'))).toEqual([
      'f0',
      'sốt',
      '38,5',
      'độ',
      'spo2',
      '94',
      'gọi',
      '19009095',
      'hoặc',
      '115',
    ]);
    expect(tokenize('38.5')).toEqual(['38,5']);
  });

  it('rewrites abbreviations, teencode and aliases to the canonical form', () => {
    expect(analyze('xn nhanh ko', lex).tokens).toEqual(['xét', 'nghiệm', 'nhanh', 'không']);
    expect(analyze('sp02 93', lex).tokens).toEqual(['spo2', '93']);
    expect(analyze('tu sai gon ve', lex).tokens).toEqual(['tu', 'hồ', 'chí', 'minh', 've']);
    expect(analyze('XET NGHIEM', lex).tokens).toEqual(['xét', 'nghiệm']);
  });

  it('emits syllables plus syllable bigrams', () => {
    expect(termsOf(['test', 'nhanh', 'f0'])).toEqual(['test', 'nhanh', 'f0', 'test_nhanh', 'nhanh_f0']);
  });
});

describe('dates and documents named in a question', () => {
  it.each([
    ['hoi thang 12/2021 f1 cach ly may ngay', '2021-12-15'],
    ['cuoi thang 2/2022 f1 cach ly', '2022-02-28'],
    ['trc thang 2/2022 f0 cach ly may ngay', '2022-01-31'],
    ['từ 16/12/2021 F1 cách ly thế nào', '2021-12-16'],
    ['cuối năm 2021', '2021-12-20'],
    ['tết 2022 về quê', '2022-01-25'],
    ['f1 bây giờ có phải cách ly không', undefined],
    ['hoi 2021 di may bay can gi', '2021-11-15'],
    ['năm 2022 f0 cách ly mấy ngày', '2022-06-15'],
    ['năm học 2021-2022 học sinh f0 nghỉ mấy ngày', '2022-01-15'],
    ['bh là năm 2026 rồi mà còn phải cách ly à', undefined],
    ['năm học 2025-2026 bé bị covid nghỉ bao lâu', undefined],
    ['công ty có 2021 công nhân', undefined],
  ])('%s → %s', (q, date) => {
    expect(dateMentioned(q)).toBe(date);
  });

  it('finds document numbers, but not a pulse of 128', () => {
    const known = new Set(['128', '4800', '762']);
    expect(documentNumbersMentioned('theo qđ 4800 thì sao', known)).toEqual(['4800']);
    expect(documentNumbersMentioned('theo CV 762', known)).toEqual(['762']);
    expect(documentNumbersMentioned('mạch 128 lần/phút', known)).toEqual([]);
    expect(documentNumbersMentioned('nghị quyết 128', known)).toEqual(['128']);
  });
});

describe('a question without its times (for a follow-up that names its own)', () => {
  it.each([
    ['Hồi tháng 12/2021 F1 phải cách ly mấy ngày?', 'F1 phải cách ly mấy ngày?'],
    ['F1 bây giờ có phải cách ly không?', 'F1 có phải cách ly không?'],
    ['di xe khach lien tinh hoi thang 11/2021 can giay gi', 'di xe khach lien tinh can giay gi'],
    ['Tết Nhâm Dần 2022 về quê cần gì', 'về quê cần gì'],
    ['did travellers need a test in December 2021?', 'did travellers need a test?'],
    ['từ ngày 15/4 f1 có phải cách ly', 'f1 có phải cách ly'],
  ])('%s', (q, without) => {
    expect(withoutTimes(q)).toBe(without);
    expect(dateMentioned(withoutTimes(q))).toBeUndefined();
  });

  it.each(['huyết áp 90/60 có sao không', 'bé 12 tháng tuổi', 'tiêm mũi 2 cách mũi 1 bao lâu', 'may I travel'])('keeps "%s"', (q) => {
    expect(withoutTimes(q)).toBe(q);
  });
});

describe('properties (fast-check)', () => {
  const vietnamese = fc.string({
    unit: fc.constantFrom(...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ AĐÊƠƯqgh'.split('')),
  });

  it('never throws on any string, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), vietnamese), (s) => {
        const once = normalizeVietnamese(s);
        expect(normalizeVietnamese(once)).toBe(once);
        expect(() => analyze(s)).not.toThrow();
        expect(() => dateMentioned(s)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('folds Vietnamese letters to ASCII', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "ASCII only"
        expect(foldVietnamese(normalizeVietnamese(s))).toMatch(/^[\x00-\x7f]*$/);
      }),
      { numRuns: 2000 },
    );
  });
});
