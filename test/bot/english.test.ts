import { detectLanguage, conversationLanguage } from '../../bot/language';
import { staffSearch } from '../../bot/staff';
import { languageSwitch, localized } from '../../bot/texts';
import { dateMentioned } from '../../knowledge/text/dates';
import { ENGLISH, englishTokens, stemEnglish, withSpelling } from '../../knowledge/text/english';
import { analyze, compileLexicon } from '../../knowledge/text/analyze';
import { actionsOf, harness, testIndex, textOf, turnOf } from '../helpers/bot';
import { AS_OF, KB_DIR } from '../helpers/kb';
import { loadKnowledgeBase } from '../../knowledge/content/load';
import { HashedNgramEmbeddings } from '../../knowledge/engine/embeddings';
import { KnowledgeIndex } from '../../knowledge/engine/search';

describe('English text analysis', () => {
  it('joins word forms with a light stemmer', () => {
    expect(new Set(['test', 'tests', 'tested', 'testing'].map(stemEnglish))).toEqual(new Set(['test']));
    expect(new Set(['isolate', 'isolated', 'isolating', 'isolation'].map(stemEnglish))).toEqual(new Set(['isolat']));
    expect(new Set(['vaccinated', 'vaccination'].map(stemEnglish))).toEqual(new Set(['vaccinat']));
    expect(stemEnglish('countries')).toBe('country');
    expect(stemEnglish('virus')).toBe('virus');
    expect(englishTokens('COVID-19, SpO2 95%')).toEqual(['covid', 'spo2', '95']);
  });

  it('rewrites synonyms after stemming ("close contacts" → f1, "ATK" → rapid test)', () => {
    const lexicon = compileLexicon(
      [
        { canonical: 'f1', variants: ['close contact'] },
        { canonical: 'rapid test', variants: ['atk', 'antigen test'] },
      ],
      ENGLISH,
    );
    expect(analyze('Two close contacts did ATK', lexicon, ENGLISH).tokens).toEqual(['two', 'f1', 'did', 'rapid', 'test']);
    expect(analyze('antigen tests', lexicon, ENGLISH).tokens).toEqual(['rapid', 'test']);
  });

  it('mends typos in questions against the words the index knows', async () => {
    const spelled = withSpelling(
      ENGLISH,
      new Map([
        ['quarantin', 3],
        ['isolat', 5],
        ['vaccin', 9],
      ]),
    );
    expect(spelled.tokens('quarentine isolaton vacine covid')).toEqual(['quarantin', 'isolat', 'vaccin', 'covid']);
    const en = (await testIndex()).forLanguage('en');
    const typo = await en.search('how many days isolaton for F0', { asOf: AS_OF });
    const right = await en.search('how many days isolation for F0', { asOf: AS_OF });
    expect(typo.hits[0]?.card.id).toBe(right.hits[0]?.card.id);
  });

  it('reads dates written in English', () => {
    expect(dateMentioned('We fly in March 2022')).toBe('2022-03-15');
    expect(dateMentioned('on April 27, 2022')).toBe('2022-04-27');
    expect(dateMentioned('before 15 May 2022')).toBe('2022-05-14');
    expect(dateMentioned('late 2021')).toBe('2021-12-20');
    expect(dateMentioned('may I ask something')).toBeUndefined();
  });
});

describe('language of a message', () => {
  it('follows the message when it is clear and the conversation when it is short', () => {
    expect(detectLanguage('How long do I need to isolate?')).toBe('en');
    expect(detectLanguage('Can F0 go out to buy food?')).toBe('en');
    expect(detectLanguage('cho e hoi f0 co can uong thuoc ko')).toBe('vi');
    expect(detectLanguage('khoooo thooo quaaa cuuu em voiii')).toBe('vi');
    expect(detectLanguage('In 2021 you needed travel permits (giấy đi đường) to cross the border. When did that end?')).toBe('en');
    expect(conversationLanguage('F1 too?', detectLanguage('F1 too?'), 'en')).toBe('en');
    expect(conversationLanguage('F1 too?', detectLanguage('F1 too?'), undefined)).toBe('vi');
    expect(conversationLanguage('còn bé nhà em thì sao', 'vi', 'en')).toBe('vi');
    expect(conversationLanguage('con be nha em thi sao', 'vi', 'en')).toBe('vi');
  });

  it('recognises an explicit choice', () => {
    expect(languageSwitch('English')).toBe('en');
    expect(languageSwitch('Tiếng Việt')).toBe('vi');
    expect(languageSwitch('tieng viet')).toBe('vi');
    expect(languageSwitch('English test kit')).toBeUndefined();
  });
});

describe('the English side of the index', () => {
  it('answers English questions from the English versions of the cards, with the same ids and dates', async () => {
    const index = await testIndex();
    const en = index.forLanguage('en');
    expect(en).not.toBe(index);
    expect(en.language).toBe('en');
    const r = await en.search('How do I read a rapid test result, what does line C mean?', { asOf: AS_OF });
    expect(r.hits[0]?.card.id).toBe('selftest-doc-ket-qua');
    const vi = index.cardsById.get('selftest-doc-ket-qua')!;
    const card = en.cardsById.get('selftest-doc-ket-qua')!;
    expect(card.answer).toBe(vi.answer_en);
    expect([card.valid_from, card.valid_to, card.sources]).toEqual([vi.valid_from, vi.valid_to, vi.sources]);
    // Every English card is a card that declares English.
    for (const c of en.data.cards) expect(index.cardsById.get(c.id)?.languages).toContain('en');
  });

  it('declines English questions outside COVID-19', async () => {
    const en = (await testIndex()).forLanguage('en');
    for (const q of ['best pho restaurant in Hanoi?', 'what is the exchange rate USD to VND', 'how do I extend my tourist visa']) {
      expect((await en.search(q, { asOf: AS_OF })).decision).toBe('out_of_scope');
    }
  });
});

describe('English domain words', () => {
  it('count as typed when written as the lexicon lists them, even when the lexicon rewrites them ("close contact" → f1)', async () => {
    const en = (await testIndex()).forLanguage('en');
    const d = en.domainOf('I am on a business visa and was a close contact of a positive guest, how long do I stay in my room?');
    expect(d.signal).toBe('strong');
    expect(d.offTopic).toBe(true);
    // A look-alike word ("visa") no longer lowers a question that names the guidance's own words as typed.
    expect(d.strongAsTyped).toBe(true);
  });
});

describe('English questions without a word of the domain', () => {
  it('are declined below the English bound, where the Vietnamese bound would offer choices', async () => {
    const kb = loadKnowledgeBase(KB_DIR).value!;
    const questions = ['How much should I tip in Vietnam?', 'train Hanoi to Hue how long'];
    const en = (await testIndex()).forLanguage('en');
    for (const q of questions) expect((await en.search(q, { asOf: AS_OF })).decision).toBe('out_of_scope');
    const before = (await KnowledgeIndex.build(kb, new HashedNgramEmbeddings(), { english: { noDomainOutOfScopeBelow: 0 } })).forLanguage('en');
    for (const q of questions) expect((await before.search(q, { asOf: AS_OF })).decision).toBe('clarify');
  });
});

describe('the bot in English', () => {
  it('answers an English question in English with its source, and keeps English for a short follow-up', async () => {
    const h = await harness();
    const first = await h.say('How do I read the result of a rapid antigen test?', 'en1');
    expect(turnOf(first).kind).toBe('answer');
    expect(textOf(first)).toMatch(/Source: /);
    expect(textOf(first)).not.toMatch(/Nguồn:/);
    expect(first[0]!.locale).toBe('en-US');
    expect(actionsOf(first).map((a) => a.title)).toContain(localized((await testIndex()).data.conversation, 'en').feedback.up);
    const next = await h.say('Is it still needed in 2023?', 'en1');
    expect(next[0]!.locale).toBe('en-US');
  });

  it('offers the answer to the second of two questions in English (the line was Vietnamese before)', async () => {
    const h = await harness();
    const r = await h.say('Do pregnant women get the vaccine? Can a pregnant woman with covid stay at home?', 'en-two');
    expect(turnOf(r).offered?.length).toBe(1);
    expect(textOf(r)).toMatch(/👉 You also asked about: «[^»]+»/);
    expect(textOf(r)).not.toMatch(/Bạn còn hỏi/);
  });

  it('switches language on request and keeps the choice', async () => {
    const h = await harness();
    const switched = await h.say('English', 'en2');
    expect(textOf(switched)).toMatch(/Switched to English/);
    expect(actionsOf(switched).map((a) => a.title)).toContain('Self-testing');
    const menu = await h.say('card:selftest-cac-buoc', 'en2');
    expect(textOf(menu)).toMatch(/Source: /);
    const back = await h.say('lang:vi', 'en2');
    expect(textOf(back)).toMatch(/tiếng Việt/);
    const vi = await h.say('card:selftest-cac-buoc', 'en2');
    expect(textOf(vi)).toMatch(/Nguồn: /);
    await h.say('English', 'en2');
    expect(textOf(await h.say('', 'en2'))).toMatch(/only read text messages/);
  });

  it('gives the English fallback, with 115, to what it does not understand; other languages get the short notice', async () => {
    const h = await harness();
    const unknown = await h.say('what is the best pho restaurant near my hotel?', 'en3');
    expect(turnOf(unknown).kind).toBe('fallback');
    expect(textOf(unknown)).toMatch(/Sorry/);
    expect(textOf(unknown)).toMatch(/115/);
    const chinese = await h.say('我需要隔离几天？', 'en4');
    expect(textOf(chinese)).toMatch(/Vietnamese and English/);
  });

  it('answers a reading under the thresholds in English, with the threshold it was compared with', async () => {
    const h = await harness();
    const replies = await h.say('my SpO2 is 98, is that ok?', 'en6');
    expect(textOf(replies)).toMatch(/SpO2 98%: not at the warning level \(≤ 96%\)/);
    expect(textOf(replies)).toMatch(/Source: /);
  });

  it('answers an English emergency in English first', async () => {
    const h = await harness();
    const replies = await h.say("my mother can't breathe and her lips are blue", 'en5');
    expect(turnOf(replies).kind).toBe('emergency');
    expect(replies[0]!.text).toMatch(/^⚠️ Call 115/);
  });
});

describe('staff search in both languages', () => {
  it('finds cards from an English query and shows both versions', async () => {
    const index = await testIndex();
    const results = await staffSearch(index, 'faint T line positive?', { asOf: AS_OF });
    const hit = results.find((r) => r.id === 'selftest-vach-mo');
    expect(hit).toBeDefined();
    expect(hit!.title).toBe(index.cardsById.get('selftest-vach-mo')!.title);
    expect(hit!.english?.title).toBe(index.cardsById.get('selftest-vach-mo')!.en!.title);
    expect(hit!.english?.reply).toMatch(/Source: /);
    const vi = await staffSearch(index, 'vạch T mờ có phải dương tính', { asOf: AS_OF });
    expect(vi.find((r) => r.id === 'selftest-vach-mo')?.english).toBeDefined();
  });
});
