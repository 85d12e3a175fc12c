import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCard } from '../../../knowledge/content/load';
import { cardToMarkdown, cardToRow, rowToCard } from '../../../knowledge/content/spreadsheet';

/** One card, two languages, one schema (issue 15): the English part rides on the same card, same id and validity. */
const CARD = 'cards/hotline/hotline-115.md';
/** A Vietnamese-only card (a copy of hotline-115 as it was before it got its English version). */
const vietnamese = readFileSync(join(__dirname, '../../fixtures/card-vietnamese-only.md'), 'utf8');
const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(vietnamese)!;
const ENGLISH_FRONT = `languages: [vi, en]
en:
  title: When to call 115
  questions:
    - when should I call 115
    - what is the emergency number in vietnam
    - ambulance number vietnam
    - which signs mean I need an ambulance
    - how do I call an ambulance`;
const ENGLISH_ANSWER = 'Call **115** for an ambulance when someone has difficulty breathing, chest pain, blue lips or is hard to wake.';
const bilingual = `---\n${front}\n${ENGLISH_FRONT}\n---\n${body.trimEnd()}\n\n<!-- en -->\n${ENGLISH_ANSWER}\n`;

describe('cards in two languages', () => {
  it('reads the English title, phrasings and answer; the Vietnamese answer stops at the marker', () => {
    const r = parseCard(bilingual, CARD);
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ languages: ['vi', 'en'], en: { title: 'When to call 115' }, answer_en: ENGLISH_ANSWER });
    expect(r.value!.answer).toBe(body.trim());
  });

  it('a Vietnamese-only card is unchanged', () => {
    const r = parseCard(vietnamese, CARD);
    expect(r.value).toMatchObject({ languages: ['vi'] });
    expect(r.value!.answer_en).toBeUndefined();
  });

  it('reports a card that declares English but lacks its answer or phrasings, naming the field and line', () => {
    const noAnswer = parseCard(`---\n${front}\n${ENGLISH_FRONT}\n---\n${body}`, CARD);
    expect(noAnswer.problems).toEqual([expect.objectContaining({ file: CARD, field: 'answer_en', message: expect.stringMatching(/tiếng Anh/) })]);
    const noPhrasings = parseCard(`---\n${front}\nlanguages: [vi, en]\n---\n${body.trimEnd()}\n<!-- en -->\n${ENGLISH_ANSWER}\n`, CARD);
    expect(noPhrasings.problems).toEqual([expect.objectContaining({ field: 'en' })]);
    const tooShort = parseCard(`---\n${front}\n${ENGLISH_FRONT}\n---\n${body.trimEnd()}\n<!-- en -->\nCall 115.\n`, CARD);
    expect(tooShort.problems[0]).toMatchObject({ field: 'answer_en', line: expect.any(Number) });
  });

  it('reports an English part the card does not declare', () => {
    const r = parseCard(`---\n${front}\n---\n${body.trimEnd()}\n<!-- en -->\n${ENGLISH_ANSWER}\n`, CARD);
    expect(r.problems).toEqual([expect.objectContaining({ field: 'languages' })]);
  });

  it('keeps the English part through the Markdown file and a spreadsheet row (no lost data)', () => {
    const card = parseCard(bilingual, CARD).value!;
    expect(parseCard(cardToMarkdown(card), CARD).value).toEqual(card);
    expect(rowToCard(cardToRow(card), 'cards.csv', 2).card).toEqual(card);
    const only = parseCard(vietnamese, CARD).value!;
    expect(cardToMarkdown(only)).not.toMatch(/languages|<!-- en -->/);
    expect(rowToCard(cardToRow(only), 'cards.csv', 2).card).toEqual(only);
  });
});
