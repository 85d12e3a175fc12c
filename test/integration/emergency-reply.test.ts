/**
 * The emergency reply as a frightened person receives it: a first message of at most 160 characters that says
 * "call 115" and what was recognised, with a call button on a card, then the details; the turns that follow;
 * readings under the thresholds; and the fallback that always carries 115.
 */
import type { Activity, CardAction } from 'botbuilder';
import { actionsOf, harness, textOf, turnOf, type Harness } from '../helpers/bot';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

const cardButtons = (a: Partial<Activity>): CardAction[] => (a.attachments ?? []).flatMap((x) => (x.content as { buttons?: CardAction[] }).buttons ?? []);

describe('the emergency reply', () => {
  it('opens with one short line and a call button, then gives the details', async () => {
    const r = await h.say('ba e kho tho qua, sp02 con 91', 'em1');
    expect(r.length).toBeGreaterThanOrEqual(2);
    expect(r[0]!.text!.length).toBeLessThanOrEqual(160);
    expect(r[0]!.text).toMatch(/^⚠️ Gọi ngay 115: SpO2 91%/);
    expect(cardButtons(r[0]!)).toEqual([{ type: 'call', title: 'Gọi 115', value: '115' }]);
    expect(r[1]!.text).toMatch(/Trong lúc chờ cấp cứu/);
    expect(textOf(r)).toMatch(/Nguồn: QĐ 261\/QĐ-BYT/);
    expect(actionsOf(r).some((a) => a.type === 'call')).toBe(true);
  });

  it('answers an English emergency in English', async () => {
    const r = await h.say('my mother cant breathe and her lips are blue', 'em2');
    expect(turnOf(r).kind).toBe('emergency');
    expect(r[0]!.text).toMatch(/^⚠️ Call 115 now/);
    expect(cardButtons(r[0]!)[0]).toMatchObject({ type: 'call', title: 'Call 115', value: '115' });
  });

  it('keeps the next turns about reaching help, never the fallback', async () => {
    await h.say('bé 10 tháng thở 58 lần/phút, li bì', 'em3');
    const cannot = await h.say('goi 115 ko duoc', 'em3');
    expect(textOf(cannot)).toMatch(/chưa gọi được 115/);
    const waiting = await h.say('trong lúc chờ thì làm gì', 'em3');
    expect(textOf(waiting)).toMatch(/Trong lúc chờ/);
    const better = await h.say('bé có vẻ đỡ hơn rồi', 'em3');
    expect(textOf(better)).toMatch(/vẫn cần nhân viên y tế khám/);
    for (const r of [cannot, waiting, better]) expect(turnOf(r).kind).not.toBe('fallback');
  });

  it('keeps the next turns about reaching help in English after an English emergency', async () => {
    await h.say('my mother cannot breathe, her lips are blue', 'em5');
    const cannot = await h.say("I can't get through to 115", 'em5');
    expect(textOf(cannot)).toMatch(/If you cannot reach 115/);
    expect(actionsOf(cannot)).toContainEqual(expect.objectContaining({ type: 'call', title: 'Call 115' }));
    const waiting = await h.say('what should I do while waiting', 'em5');
    expect(textOf(waiting)).toMatch(/While you wait/);
    const better = await h.say('she seems a bit better now', 'em5');
    expect(textOf(better)).toMatch(/still needs a medical check/);
    for (const r of [cannot, waiting, better]) {
      expect(turnOf(r).kind).not.toBe('fallback');
      expect(textOf(r)).not.toMatch(/Vietnamese only/);
    }
  });

  it('ends the emergency context after a few turns', async () => {
    await h.say('mẹ em bất tỉnh rồi', 'em4');
    for (let i = 0; i < 3; i++) await h.say('zzz qqq', 'em4');
    const r = await h.say('zzz qqq', 'em4');
    expect(turnOf(r).kind).toBe('fallback');
  });
});

describe('readings under the thresholds', () => {
  it('answers with the threshold the reading was compared with', async () => {
    const r = await h.say('spo2 98 có sao không', 'rd1');
    expect(turnOf(r).kind).toBe('answer');
    expect(textOf(r)).toMatch(/SpO2 98%: chưa tới ngưỡng cảnh báo \(≤ 96%\)/);
    expect(textOf(r)).toMatch(/Gọi ngay 115/);
  });

  it('judges a child by the threshold of its age', async () => {
    const r = await h.say('bé 8 tuổi thở 24 lần/phút', 'rd2');
    expect(turnOf(r).kind).toBe('answer');
    expect(textOf(r)).toMatch(/nhịp thở 24 lần\/phút \(trẻ 8 tuổi\): chưa tới ngưỡng cảnh báo \(≥ 30 lần\/phút ở trẻ 8 tuổi\)/);
  });

  it('never calls a high blood pressure "under the warning level" (the warning sign is low pressure)', async () => {
    const r = await h.say('bầu 30 tuần huyết áp 150/100 có sao không', 'rd3');
    expect(textOf(r)).not.toMatch(/chưa tới ngưỡng/);
    expect(textOf(r)).toMatch(/huyết áp 150\/100 mmHg: cao hơn mức bình thường \(> 140\/90 mmHg\)/);
    expect(textOf(r)).toMatch(/bác sĩ hoặc trạm y tế/);
    const normal = await h.say('huyết áp 120/80 có sao không', 'rd4');
    expect(textOf(normal)).toMatch(/huyết áp 120\/80 mmHg: chưa tới ngưỡng cảnh báo/);
  });

  it("gives an adult's high fever the home-care advice, not young children's warning line", async () => {
    const r = await h.say('sot 40 do', 'rd5');
    expect(textOf(r)).toMatch(/nhiệt độ 40°C: sốt cao \(trên 38,5°C\)/);
    expect(textOf(r)).toMatch(/2 lần mà không đỡ, hãy báo ngay trạm y tế/);
    expect(textOf(r)).not.toMatch(/trẻ dưới 5 tuổi/);
    const mild = await h.say('sốt 38 độ', 'rd6');
    expect(textOf(mild)).toMatch(/người lớn, trẻ lớn: dùng thuốc hạ sốt khi sốt trên 38,5°C/);
  });
});

describe('the fallback', () => {
  it('always carries a line with 115', async () => {
    const r = await h.say('xyz abc qwerty', 'fb1');
    expect(turnOf(r).kind).toBe('fallback');
    expect(textOf(r)).toMatch(/115/);
  });
});
