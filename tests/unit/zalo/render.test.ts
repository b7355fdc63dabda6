import { describe, expect, it } from 'vitest';
import {
  CHOOSE_BY_NUMBER,
  parseChoiceNumber,
  renderForBot,
  renderForOa,
} from '../../../functions/channels/zalo/render';
import type { ChatMessage } from '../../../functions/conversation/model';

const message = (extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: '01J0000000000000000000000A',
  from: 'bot',
  text: 'Bạn muốn biết thêm điều gì?',
  createdAt: '2026-11-24T02:00:00.000Z',
  ...extra,
});
const qr = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ title: `Lựa chọn ${i + 1}`, payload: `#qr:menu:choice${i + 1}` }));
const links = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    title: `Liên kết ${i + 1}`,
    url: `https://dichvucong.gov.vn/p/${i + 1}`,
  }));

describe('rendering for the Official Account', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [3, 0, 3],
    [2, 1, 3],
    [0, 3, 3],
    [1, 2, 3],
  ])('%i quick replies and %i links fit as %i buttons', (q, l, buttons) => {
    const r = renderForOa(message({ quickReplies: qr(q), links: links(l) }));
    expect(r.buttons).toHaveLength(buttons);
    expect(r.choices).toBeUndefined();
    expect(r.parts).toEqual([message().text]);
  });

  it('sends quick replies as hidden query buttons carrying the payload', () => {
    const r = renderForOa(message({ quickReplies: qr(2), links: links(1) }));
    expect(r.buttons).toEqual([
      { title: 'Lựa chọn 1', type: 'oa.query.hide', payload: '#qr:menu:choice1' },
      { title: 'Lựa chọn 2', type: 'oa.query.hide', payload: '#qr:menu:choice2' },
      { title: 'Liên kết 1', type: 'oa.open.url', payload: { url: 'https://dichvucong.gov.vn/p/1' } },
    ]);
  });

  it('numbers more than three quick replies in the text and remembers their payloads in order', () => {
    const r = renderForOa(message({ quickReplies: qr(5) }));
    expect(r.buttons).toEqual([]);
    expect(r.choices).toEqual(qr(5).map((q) => q.payload));
    const text = r.parts.join('\n');
    for (let i = 1; i <= 5; i++) expect(text).toContain(`${i}. Lựa chọn ${i}`);
    expect(text).toContain(CHOOSE_BY_NUMBER);
  });

  it('keeps links as buttons beside a numbered list', () => {
    const r = renderForOa(message({ quickReplies: qr(4), links: links(2) }));
    expect(r.buttons.map((b) => b.type)).toEqual(['oa.open.url', 'oa.open.url']);
    expect(r.choices).toHaveLength(4);
  });

  it('writes links that do not fit as lines of text', () => {
    const r = renderForOa(message({ quickReplies: qr(2), links: links(3) }));
    expect(r.buttons).toHaveLength(3);
    expect(r.parts.join('\n')).toContain('Liên kết 2: https://dichvucong.gov.vn/p/2');
    expect(r.parts.join('\n')).toContain('Liên kết 3: https://dichvucong.gov.vn/p/3');
  });

  it('shortens button titles to 100 characters', () => {
    const r = renderForOa(message({ quickReplies: [{ title: 'T'.repeat(150), payload: '#qr:handoff' }] }));
    expect(r.buttons[0]?.title.length).toBe(100);
    expect(r.buttons[0]?.title.endsWith('…')).toBe(true);
  });

  it('splits a long text with a list so that no part is over 2,000 characters', () => {
    const long = Array.from({ length: 80 }, (_, i) => `Đây là câu số ${i} của một câu trả lời dài.`).join(
      ' ',
    );
    const r = renderForOa(message({ text: long, quickReplies: qr(6) }));
    expect(r.parts.length).toBeGreaterThan(1);
    for (const p of r.parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(r.parts.at(-1)).toContain('6. Lựa chọn 6');
  });
});

describe('rendering for the Bot Platform', () => {
  it('numbers every quick reply and writes links as lines (no buttons exist)', () => {
    const r = renderForBot(message({ quickReplies: qr(2), links: links(1) }));
    expect(r.buttons).toEqual([]);
    expect(r.choices).toEqual(['#qr:menu:choice1', '#qr:menu:choice2']);
    const text = r.parts.join('\n');
    expect(text).toContain('1. Lựa chọn 1');
    expect(text).toContain('Liên kết 1: https://dichvucong.gov.vn/p/1');
  });
});

describe('reading a numbered answer', () => {
  it.each([
    ['2', 2],
    [' 3 ', 3],
    ['4.', 4],
    ['1)', 1],
    ['12', 12],
    ['123', undefined],
    ['2 cái', undefined],
    ['số 2', undefined],
    ['0912345678', undefined],
    ['', undefined],
  ])('%j → %s', (text, n) => {
    expect(parseChoiceNumber(text)).toBe(n);
  });
});
