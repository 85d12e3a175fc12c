import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { CovidBot } from '../../bot/bot';
import { MemoryGapRecorder } from '../../bot/gaps';
import { actionsOf, harness, testIndex, textOf, turnOf, type Harness } from '../helpers/bot';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

describe('answers', () => {
  it('answers a card with its source line, follow-ups and feedback buttons', async () => {
    const r = await h.say('f1 co phai cach ly ko', 'a1');
    expect(turnOf(r)).toMatchObject({ kind: 'answer', entries: ['f1-cach-ly-hien-hanh'] });
    expect(turnOf(r).sources).toContainEqual({ doc: 'CV 1909/BYT-DP', date: '2022-04-15' });
    expect(textOf(r)).toMatch(/Nguồn: CV 1909\/BYT-DP ngày 15\/04\/2022/);
    const titles = actionsOf(r).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['👍 Hữu ích', '👎 Chưa đúng ý']));
    expect(titles.length).toBeGreaterThanOrEqual(4);
  });

  it('answers one of two questions and offers the other first, saying so (issue 12)', async () => {
    const r = await h.say('Bà bầu tiêm vắc xin được không ạ? Bà bầu mắc covid thì có được ở nhà không?', 'a-two');
    const turn = turnOf(r);
    expect(turn.kind).toBe('answer');
    expect(turn.offered).toHaveLength(1);
    expect([turn.entries[0], turn.offered![0]].sort()).toEqual(['home-phu-nu-mang-thai', 'vaccine-mang-thai']);
    expect(textOf(r)).toMatch(/👉 Bạn còn hỏi về: «[^»]+»\. Mời bấm nút bên dưới để xem\./);
    expect(actionsOf(r)[0]!.value).toBe(`card:${turn.offered![0]}`);
  });

  it('says when a rule was later replaced', async () => {
    const r = await h.say('card:f1-cach-ly-762', 'a2');
    expect(textOf(r)).toMatch(/quy định cũ, áp dụng đến 14\/04\/2022/);
    expect(actionsOf(r).some((a) => a.value === 'card:f1-cach-ly-hien-hanh')).toBe(true);
  });

  it('answers with the rule of the time the question names', async () => {
    const r = await h.say('hồi tháng 1/2022 F1 đã tiêm đủ liều cách ly mấy ngày', 'a3');
    expect(turnOf(r).entries).toEqual(['f1-cach-ly-10696']);
    expect(textOf(r)).toMatch(/thời điểm 15\/01\/2022/);
  });

  it('records at most 20 unanswered questions of one user a day (issue 13, item 11), and still answers them all', async () => {
    const fresh = await harness();
    for (let i = 0; i < 25; i++) expect(turnOf(await fresh.say(`gia vang hom nay ${i}`, 'flood')).kind).toBe('fallback');
    expect(fresh.gaps.records).toHaveLength(20);
    await fresh.say('gia vang hom nay', 'someone-else');
    expect(fresh.gaps.records).toHaveLength(21);
  });

  it('offers the closest cards when unsure, and records the question', async () => {
    const before = h.gaps.records.length;
    const r = await h.say('cach ly', 'a4');
    expect(turnOf(r).kind).toBe('clarify');
    // 2–3 cards, then the way out.
    const actions = actionsOf(r);
    expect(actions.length).toBeGreaterThanOrEqual(3);
    expect(actions.length).toBeLessThanOrEqual(4);
    expect(actions[actions.length - 1]).toMatchObject({ title: 'Không phải các ý trên', value: 'none:clarify' });
    expect(h.gaps.records.slice(before)).toEqual([expect.objectContaining({ kind: 'clarify', text: 'cach ly' })]);
    const none = await h.say('none:clarify', 'a4');
    expect(textOf(none)).toMatch(/1900 9095/);
    expect(h.gaps.records[h.gaps.records.length - 1]).toMatchObject({ kind: 'clarify_none', text: 'cach ly' });
  });

  it('refers a COVID question no card answers to who can answer, unlike a question it did not understand', async () => {
    const r = await h.say('bệnh viện Chợ Rẫy có nhận điều trị covid cho người nước ngoài bị suy thận không', 'a6');
    expect(['referral', 'answer', 'clarify']).toContain(turnOf(r).kind);
    const covidNoCard = await h.say('covid qwerty zxcvb', 'a7');
    expect(turnOf(covidNoCard).kind).toBe('referral');
    expect(textOf(covidNoCard)).toMatch(/bác sĩ khám sàng lọc|trạm y tế/);
    expect(textOf(covidNoCard)).not.toMatch(/hỏi lại ngắn gọn/);
  });

  it('remembers what the citizen said about the person and adds the high-risk note to a later answer', async () => {
    await h.say('mẹ em 72 tuổi bị tiểu đường, mới dương tính', 'facts1');
    const r = await h.say('card:home-dieu-kien', 'facts1');
    expect(textOf(r)).toMatch(/72 tuổi, có bệnh nền: đây là nhóm có nguy cơ chuyển nặng/);
    const other = await h.say('card:home-dieu-kien', 'facts2');
    expect(textOf(other)).not.toMatch(/nguy cơ chuyển nặng/);
  });

  it('reads a short follow-up together with the previous question', async () => {
    await h.say('f1 có phải cách ly không', 'a8');
    const r = await h.say('còn trẻ em là f1 thì sao', 'a8');
    expect(turnOf(r).entries).toContain('f1-tre-em');
  });

  it('reads a follow-up on its own when read with the previous question it would only repeat the previous answer', async () => {
    expect(turnOf(await h.say('ăn tỏi có chữa được covid không', 'a8b')).entries).toEqual(['myth-an-toi']);
    const r = await h.say('thế nên ăn gì cho nhanh khỏi', 'a8b');
    expect(turnOf(r).kind).toBe('clarify');
    expect(turnOf(r).entries.slice(0, 2)).toEqual(['symptoms-an-uong', 'myth-an-toi']);
  });

  it('offers choices, not the fallback, to a follow-up in a COVID conversation that names no COVID word', async () => {
    await h.say('Người nước ngoài nhập cảnh Việt Nam năm 2022 cần những gì?', 'a8c');
    const r = await h.say('còn bây giờ thì sao', 'a8c');
    expect(turnOf(r).kind).toBe('clarify');
    expect(turnOf(r).entries).toContain('entry-hien-nay');
  });

  it('offers the cards of its reading with the previous question to a message not understood alone, too long to be a follow-up', async () => {
    await h.say('giay xac nhan khoi benh covid xin o dau', 'a8d');
    const r = await h.say('e ve que roi thi xin o tram y te que dc ko', 'a8d');
    expect(turnOf(r).kind).toBe('clarify');
    expect(turnOf(r).entries).toContain('home-giay-khoi-benh');
    // The same message with no conversation before it is not understood.
    expect(turnOf(await h.say('e ve que roi thi xin o tram y te que dc ko', 'a8e')).kind).toBe('fallback');
  });

  it('reads a follow-up on the time it names, not the time of the previous question', async () => {
    await h.say('Hồi tháng 12/2021 F1 phải cách ly mấy ngày?', 'a8d');
    // Today: what applies now first (COVID-19 is a group B disease), the last rule of the period right after it.
    const now = turnOf(await h.say('còn bây giờ thì sao', 'a8d'));
    expect(now.entries.slice(0, 2)).toEqual(['now-nhom-b-nghia-la-gi', 'f1-cach-ly-hien-hanh']);
    await h.say('F1 bây giờ có phải cách ly không?', 'a8e');
    const then = turnOf(await h.say('thế hồi tháng 12/2021 thì sao', 'a8e'));
    expect(['f1-cach-ly-10696', 'f1-cach-ly-5599']).toContain(then.entries[0]);
  });

  it('keeps a follow-up with a cue with the previous question even when its own words find another card', async () => {
    await h.say('Hồi tháng 12/2021 F1 phải cách ly mấy ngày?', 'a8h');
    // Alone, "tiêm đủ 2 mũi" is the definition of a full course, answered with confidence.
    const r = turnOf(await h.say('vậy nếu đã tiêm đủ 2 mũi thì sao', 'a8h'));
    expect(r.kind).not.toBe('answer');
    expect(r.entries).toContain('f1-cach-ly-10696');
  });

  it('reads a very short message without a subject of its own with the previous question', async () => {
    await h.say('Người bị bệnh tim có tiêm vắc xin covid được không?', 'a8i');
    // Alone, "cần mang giấy tờ gì" is the travel papers card, answered with confidence.
    const r = turnOf(await h.say('cần mang giấy tờ gì', 'a8i'));
    expect(r.entries[0]).not.toBe('travel-giay-to');
    expect(r.entries[0]).toMatch(/^vaccine-/);
  });

  it('offers what applies today first under an answer whose rule has ended, not when the question names a past date', async () => {
    const today = await h.say('f0 cach ly may ngay', 'a8f');
    expect(turnOf(today).kind).toBe('answer');
    expect(actionsOf(today)[0]!.value).toBe('card:now-nhom-b-nghia-la-gi');
    const past = await h.say('hồi tháng 3/2022 f0 cách ly mấy ngày', 'a8g');
    expect(turnOf(past).kind).toBe('answer');
    expect(actionsOf(past).map((a) => a.value)).not.toContain('card:now-nhom-b-nghia-la-gi');
  });

  it('declines out-of-scope questions with the menu and hotline, recording them redacted', async () => {
    const r = await h.say('số em 0912 345 678, giá vàng hôm nay bao nhiêu', 'a5');
    expect(turnOf(r).kind).toBe('fallback');
    expect(textOf(r)).toMatch(/1900 9095/);
    expect(actionsOf(r).map((a) => a.title)).toContain('Đi lại giữa các vùng');
    const gap = h.gaps.records[h.gaps.records.length - 1]!;
    expect(gap).toMatchObject({ kind: 'fallback', channel: 'webchat' });
    expect(gap.text).not.toMatch(/0912/);
    expect(gap.text).toMatch(/\[SĐT\]/);
  });

  it('records 👎 feedback and thanks the user', async () => {
    const r = await h.say('feedback:down:f1-cach-ly-hien-hanh', 'a6');
    expect(textOf(r)).toMatch(/ghi nhận/);
    expect(h.gaps.records[h.gaps.records.length - 1]).toMatchObject({ kind: 'feedback_down', entries: ['f1-cach-ly-hien-hanh'] });
  });
});

describe('emergency triage comes first', () => {
  it('tells to call 115 before anything else, then shows the warning signs', async () => {
    const r = await h.say('bố em spo2 93, thở dốc', 'e1');
    expect(turnOf(r).kind).toBe('emergency');
    expect(r[0]!.text).toMatch(/^⚠️ Gọi ngay 115/);
    expect(r[0]!.text!.length).toBeLessThanOrEqual(160);
    expect(textOf(r)).toMatch(/Nguồn: QĐ 261\/QĐ-BYT ngày 31\/01\/2022/);
  });

  it('does not alarm on normal values', async () => {
    const r = await h.say('spo2 98% nhịp thở 16 có bình thường không', 'e2');
    expect(turnOf(r).kind).not.toBe('emergency');
  });
});

describe('small talk, menu and hand-off', () => {
  it('welcomes a new conversation with the menu and says it is automated', async () => {
    const adapter = new TestAdapter((ctx) => h.bot.run(ctx), { channelId: 'webchat' });
    const update: Partial<Activity> = {
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'user1', name: 'User' }],
      recipient: { id: 'bot', name: 'bot' },
    };
    await adapter
      .send(update)
      .assertReply((a) => {
        expect(a.text).toMatch(/trợ lý tự động/);
        expect((a.suggestedActions?.actions ?? []).map((x) => x.title)).toEqual([
          'Đi lại giữa các vùng',
          'Tự xét nghiệm',
          'Điều trị tại nhà',
          'Cấp độ dịch',
          'Tổng đài hỗ trợ',
        ]);
      })
      .startTest();
  });

  it.each([
    ['cảm ơn bạn nhiều ạ', /Rất vui/],
    ['bạn là ai', /trợ lý tự động/],
    ['menu', /Bạn muốn tìm hiểu/],
  ])('"%s" gets a kind reply without sources', async (q, re) => {
    const r = await h.say(q, `s-${q}`);
    expect(turnOf(r).kind).toBe('smalltalk');
    expect(textOf(r)).toMatch(re);
    expect(textOf(r)).not.toMatch(/Nguồn:/);
  });

  it('a greeting with a question is answered as a question', async () => {
    const r = await h.say('chào bạn, test nhanh 1 vạch C là sao', 's-q');
    expect(['answer', 'clarify']).toContain(turnOf(r).kind);
  });

  it('hands off with the hotline numbers and hours', async () => {
    const r = await h.say('cho em gặp nhân viên tư vấn với', 'h1');
    expect(turnOf(r).kind).toBe('handoff');
    expect(textOf(r)).toMatch(/1900 9095.*24\/7/s);
  });

  it('replies politely to a message without text', async () => {
    const adapter = new TestAdapter((ctx) => h.bot.run(ctx), { channelId: 'webchat' });
    await adapter
      .send({ type: ActivityTypes.Message, attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }] })
      .assertReply((a) => expect(a.text).toMatch(/chỉ đọc được tin nhắn chữ/))
      .startTest();
  });
});

describe('travel advisor dialog (asked as of 10/01/2022, with the sample level table of the fixtures)', () => {
  const kind = (a: Partial<Activity>) => (a.channelData?.turn?.kind as string) ?? '';
  let t: Harness;
  let seq = 0;
  // Each dialog test in its own conversation: what a citizen said (facts) is kept per conversation.
  const fresh = () => ({ id: `travel-${++seq}`, isGroup: false, conversationType: 'personal', name: '' });
  beforeAll(async () => {
    t = await harness(new MemoryStorage(), '2022-01-10');
  });

  it('today, answers with the travel overview opening with its period and what ended it', async () => {
    const r = await h.say('từ hà nội về nghệ an có phải cách ly không', 'today1');
    expect(turnOf(r)).toMatchObject({ kind: 'answer', entries: ['travel-tong-quan'] });
    expect(r[0]!.text).toMatch(/^⏳ Thông tin của giai đoạn .*nay không còn áp dụng: từ 20\/10\/2023 COVID-19 là bệnh truyền nhiễm nhóm B/);
    const menu = await h.say('menu:travel', 'today2');
    expect(turnOf(menu).entries).toEqual(['travel-tong-quan']);
  });

  it('today, a trip question that is really about something else gets choices, and a named coach its own card', async () => {
    const home = await h.say('Tết này tui về quê thăm ba má già. Trước khi về tui có nên test nhanh không, về nhà có cần đeo khẩu trang không?', 'today3');
    expect(turnOf(home).kind).toBe('clarify');
    expect(turnOf(home).entries).not.toContain('travel-tong-quan');
    const coach = await h.say(
      'tuần sau em từ Hà Nội về Nghệ An bằng xe khách, mỗi tỉnh một cấp độ khác nhau, em cần xét nghiệm hay khai báo gì trước khi lên xe không',
      'today4',
    );
    expect(turnOf(coach)).toMatchObject({ kind: 'answer', entries: ['travel-xe-khach'] });
    expect(coach[0]!.text).toMatch(/^⏳/);
  });

  it('asks the citizen for the level when no published list covers the date, never guesses, after what can be said without it', async () => {
    const early = await harness(new MemoryStorage(), '2021-10-15');
    const adapter = new TestAdapter((ctx) => early.bot.run(ctx), { channelId: 'webchat' });
    await adapter
      .send('tu ha noi ve nghe an co phai cach ly ko')
      .assertReply((a) => {
        expect(a.channelData?.turn).toMatchObject({ kind: 'answer', entries: ['travel-tong-quan'] });
        expect(a.text).toMatch(/Nguồn: NQ 128\/NQ-CP/);
      })
      .assertReply((a) => {
        expect(kind(a)).toBe('prompt');
        expect(a.text).toMatch(/không có danh sách cấp độ dịch đã công bố của \*\*Hà Nội\*\* vào ngày 15\/10\/2021/);
      })
      .send('cap 3')
      .assertReply((a) => {
        expect(kind(a)).toBe('answer');
        expect(a.text).toMatch(/cấp 3, theo bạn cho biết/);
        expect(a.text).not.toMatch(/số liệu mẫu/);
      })
      .startTest();
  });

  it('with no origin named, answers with the card of the means of transport named, then asks where the trip starts', async () => {
    const early = await harness(new MemoryStorage(), '2021-10-15');
    const adapter = new TestAdapter((ctx) => early.bot.run(ctx), { channelId: 'webchat' });
    await adapter
      .send('di xe khach ve nghe an thi can giay to gi')
      .assertReply((a) => expect(a.channelData?.turn).toMatchObject({ kind: 'answer', entries: ['travel-xe-khach'] }))
      .assertReply((a) => {
        expect(kind(a)).toBe('prompt');
        expect(a.text).toMatch(/đi \*\*từ\*\*/);
      })
      .startTest();
  });

  it('after a failed turn the half-finished dialog is dropped and the citizen gets an apology with the hotline (issue 14, item 6)', async () => {
    // 'lỗi' stands for a turn that threw: the adapter's onTurnError calls recover.
    const adapter = new TestAdapter((ctx) => (ctx.activity.text === 'lỗi' ? t.bot.recover(ctx) : t.bot.run(ctx)), {
      channelId: 'webchat',
      conversation: fresh(),
    });
    await adapter
      .send('menu:travel')
      .assertReply((a) => expect(kind(a)).toBe('prompt'))
      .send('lỗi')
      .assertReply((a) => {
        expect(a.text).toMatch(/1900 9095/);
        expect(a.text).toMatch(/115/);
      })
      .send('sg')
      .assertReply((a) => expect(a.text).not.toMatch(/Hồ Chí Minh \*\*đến\*\*/))
      .startTest();
  });

  it('asks only for what is missing, then answers with the rule and its source', async () => {
    const adapter = new TestAdapter((ctx) => t.bot.run(ctx), { channelId: 'webchat', conversation: fresh() });
    await adapter
      .send('menu:travel')
      .assertReply((a) => {
        expect(kind(a)).toBe('prompt');
        expect(a.text).toMatch(/đi \*\*từ\*\*/);
      })
      .send('sg')
      .assertReply((a) => expect(a.text).toMatch(/Hồ Chí Minh \*\*đến\*\*/))
      .send('ha noi')
      .assertReply((a) => {
        expect(kind(a)).toBe('answer');
        expect(a.text).toMatch(/Từ \*\*Hồ Chí Minh\*\*.*đến \*\*Hà Nội\*\*/s);
        expect(a.text).toMatch(/Nguồn: NQ 128\/NQ-CP ngày 11\/10\/2021/);
        expect(a.text).toMatch(/cấp \d theo danh sách ngày 22\/10\/2021/);
      })
      .startTest();
  });

  it('reads both provinces from free text and asks for vaccination only when the origin is level 4', async () => {
    const adapter = new TestAdapter((ctx) => t.bot.run(ctx), { channelId: 'webchat', conversation: fresh() });
    await adapter
      .send('em từ binh duong ve thanh hoa thi can gi')
      .assertReply((a) => {
        expect(kind(a)).toBe('prompt');
        expect(a.text).toMatch(/cấp 4/);
        expect((a.suggestedActions?.actions ?? []).map((x) => x.title)).toEqual(['Đã tiêm đủ liều', 'Chưa đủ liều', 'Chưa tiêm', 'Đã khỏi bệnh']);
      })
      .send('chua tiem mui nao')
      .assertReply((a) => {
        expect(a.text).toMatch(/cách ly 14 ngày/);
        expect(a.text).toMatch(/QĐ 4800\/QĐ-BYT/);
      })
      .startTest();
  });

  it('is interrupted by an emergency, which is answered first and ends the dialog', async () => {
    const adapter = new TestAdapter((ctx) => t.bot.run(ctx), { channelId: 'webchat', conversation: fresh() });
    await adapter
      .send('tu binh duong ve ha noi')
      .assertReply((a) => expect(kind(a)).toBe('prompt'))
      .send('ba em dang kho tho, moi tim')
      .assertReply((a) => {
        expect(kind(a)).toBe('emergency');
        expect(a.text).toMatch(/^⚠️ Gọi ngay 115/);
      })
      .send('da tiem du 2 mui')
      .assertReply((a) => expect(a.text).not.toMatch(/^Từ \*\*Bình Dương/))
      .startTest();
  });

  it('is left for a new question, which is answered', async () => {
    const adapter = new TestAdapter((ctx) => t.bot.run(ctx), { channelId: 'webchat', conversation: fresh() });
    await adapter
      .send('menu:travel')
      .assertReply((a) => expect(kind(a)).toBe('prompt'))
      .send('que test chi hien 1 vach C thi sao')
      .assertReply((a) => expect(['answer', 'clarify']).toContain(kind(a)))
      .startTest();
  });

  it('takes the level and lockdown the user states, and offers the card of the named transport', async () => {
    const r = await t.say('xom em vua bi phong toa, em muon ra ha noi lam thi co phai xet nghiem khong', 't1');
    expect(turnOf(r)).toMatchObject({ kind: 'answer', entries: ['travel-tu-vung-phong-toa'] });
    expect(textOf(r)).toMatch(/âm tính trong 72 giờ/);
    const r2 = await t.say('em moi tiem 1 mui, tu dong nai (dang cap 4) di may bay ra ha noi', 't2');
    expect(turnOf(r2).entries).toEqual(['travel-tu-cap-4-chua-du-lieu', 'travel-may-bay']);
    expect(textOf(r2)).toMatch(/cấp 4, theo bạn cho biết/);
    expect(actionsOf(r2)[0]!.value).toBe('card:travel-may-bay');
  });

  it('answers a trip on a date before the rules by level with the travel card in force then, not the overview', async () => {
    const r = await h.say('hồi tháng 8/2021 từ Bình Dương về Quảng Ngãi thì phải làm thủ tục gì', 't3a');
    expect(turnOf(r)).toMatchObject({ kind: 'answer', entries: ['travel-truoc-nq-128'] });
  });

  it('keeps the time of the previous question for a travel follow-up that names none', async () => {
    await h.say('Ve que tet 2022 co phai cach ly ko', 't3b');
    expect(turnOf(await h.say('neu o Ha Noi ve Thanh Hoa thi sao', 't3b')).entries).toEqual(['travel-tet-2022']);
    // Alone, the same message is asked today: the overview, opening with what ended it.
    expect(turnOf(await h.say('neu o Ha Noi ve Thanh Hoa thi sao', 't3c')).entries).toEqual(['travel-tong-quan']);
  });

  it('applies the rule of the date the question names (Tết 2022)', async () => {
    const r = await h.say('tết 2022 em từ bình dương về quê thanh hóa có phải cách ly không', 't3');
    expect(turnOf(r).entries).toEqual(['travel-tet-2022']);
  });

  it('does not mistake look-alikes for travel questions', async () => {
    expect(turnOf(await t.say('gia ve tau tet tu ha noi vao sai gon bao nhieu', 't4')).kind).toBe('fallback');
    expect(turnOf(await t.say('goi thuoc b trong tui thuoc f0 cua tphcm co tu uong duoc ko', 't5')).entries[0]).toMatch(/goi|thuoc/);
  });

  it('stops on "thôi"', async () => {
    const adapter = new TestAdapter((ctx) => t.bot.run(ctx), { channelId: 'webchat', conversation: fresh() });
    await adapter
      .send('menu:travel')
      .assertReply((a) => expect(kind(a)).toBe('prompt'))
      .send('thôi')
      .assertReply((a) => expect(a.text).toMatch(/Đã dừng/))
      .send('hcm')
      .assertReply((a) => expect(kind(a)).not.toBe('prompt'))
      .startTest();
  });
});

describe('state', () => {
  it('a dialog survives across bot instances sharing one storage (as two processes would)', async () => {
    const storage = new MemoryStorage();
    const index = await testIndex();
    const make = () =>
      new CovidBot({
        index: () => index,
        conversationState: new ConversationState(storage),
        userState: new UserState(storage),
        gaps: new MemoryGapRecorder(),
        today: () => '2022-01-10',
      });
    const a = new TestAdapter((ctx) => make().run(ctx), {
      channelId: 'webchat',
      conversation: { id: 'shared', isGroup: false, conversationType: 'personal', name: '' },
    });
    await a
      .send('menu:travel')
      .assertReply((x) => expect(x.text).toMatch(/đi \*\*từ\*\*/))
      .send('hn')
      .assertReply((x) => expect(x.text).toMatch(/Hà Nội \*\*đến\*\*/))
      .startTest();
  });
});
