/**
 * Time as data: at today's date answers on rules that ended open with their period and what ended them; asked as of
 * 1/3/2022 (GUIDANCE_AS_OF) the same questions are answered as citizens were answered that day, without that line.
 */
import { MemoryStorage } from 'botbuilder';
import { loadConfig } from '../../../adapters/config';
import { guidanceAsOf } from '../../../knowledge/engine/search';
import { harness, textOf, turnOf, type Harness } from '../../helpers/bot';

let today: Harness;
let march2022: Harness;
beforeAll(async () => {
  today = await harness();
  march2022 = await harness(new MemoryStorage(), '2022-03-01');
});

const QUESTIONS: [string, string][] = [
  ['f1 có phải cách ly không', 'F1'],
  ['f0 cách ly tại nhà mấy ngày thì được ra', 'F0 isolation'],
  ['dấu hiệu nào f0 ở nhà phải báo ngay trạm y tế', 'warning signs'],
  ['từ hà nội về nghệ an có phải cách ly không', 'travel'],
];

describe('answers judged as of a date', () => {
  it.each(QUESTIONS)('today, "%s" (%s) opens with the period and the move to group B', async (q) => {
    const r = await today.say(q, `today-${q}`);
    expect(turnOf(r).kind).toBe('answer');
    expect(r[0]!.text).toMatch(/^⏳ .*(nay không còn áp dụng|quy định cũ)/);
    expect(textOf(r)).toMatch(/20\/10\/2023|Quy định sau đó/);
  });

  it.each(QUESTIONS.filter(([, what]) => what !== 'travel'))('as of 1/3/2022, "%s" (%s) is answered without that line', async (q) => {
    const r = await march2022.say(q, `m-${q}`);
    expect(['answer', 'clarify']).toContain(turnOf(r).kind);
    expect(r[0]!.text).not.toMatch(/^⏳/);
    expect(textOf(r)).not.toMatch(/nhóm B/);
  });

  it('as of 1/3/2022, F1 isolation is the rule of CV 762 in force then', async () => {
    const r = await march2022.say('f1 đã tiêm đủ liều cách ly mấy ngày', 'm-f1-762');
    expect(turnOf(r).entries[0]).toBe('f1-cach-ly-762');
    expect(r[0]!.text).not.toMatch(/^⏳/);
  });

  it('reads GUIDANCE_AS_OF, defaults to today, and names a malformed value', () => {
    expect(guidanceAsOf(loadConfig({ GUIDANCE_AS_OF: '2022-03-01' }).runtime.guidanceAsOf)()).toBe('2022-03-01');
    expect(guidanceAsOf(loadConfig({}).runtime.guidanceAsOf)()).toBe(new Date().toISOString().slice(0, 10));
    expect(() => loadConfig({ GUIDANCE_AS_OF: '1/3/2022' })).toThrow(/GUIDANCE_AS_OF/);
  });

  it('never shows sample levels to citizens', async () => {
    const r = await today.say('menu:travel', 'sample');
    expect(textOf(r)).not.toMatch(/số liệu mẫu|dữ liệu mẫu/i);
  });
});
