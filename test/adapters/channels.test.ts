import type { Activity } from 'botbuilder';
import { splitLongMessages, splitText } from '../../adapters/channels';

describe('one splitter for every channel (issue 14, item 3)', () => {
  it('splits long text at sentence boundaries under the limit', () => {
    const parts = splitText('Câu thứ nhất khá dài. '.repeat(200), 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p.endsWith('.')).toBe(true);
    }
  });

  it('cuts a word longer than the limit, and keeps short text whole', () => {
    expect(splitText('a'.repeat(50), 20)).toEqual(['a'.repeat(20), 'a'.repeat(20), 'a'.repeat(10)]);
    expect(splitText('Ngắn gọn.', 2000)).toEqual(['Ngắn gọn.']);
  });

  it('keeps buttons and cards on the last part, the turn data on every part', () => {
    const long: Partial<Activity> = {
      type: 'message',
      text: 'Một câu trả lời. '.repeat(300),
      channelData: { turn: { kind: 'answer' } },
      suggestedActions: { actions: [{ type: 'postBack', title: 'Tiếp', value: 'x' }], to: [] },
      attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }],
    };
    const parts = splitLongMessages([long, { type: 'typing' }], 2000);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.at(-1)).toEqual({ type: 'typing' });
    const messages = parts.slice(0, -1);
    expect(messages.map((m) => m.text).join(' ')).toBe(splitText(long.text!, 2000).join(' '));
    expect(messages.every((m) => m.channelData?.turn?.kind === 'answer')).toBe(true);
    expect(messages.filter((m) => m.suggestedActions || m.attachments)).toEqual([messages.at(-1)]);
  });
});
