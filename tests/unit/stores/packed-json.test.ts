import { describe, expect, it } from 'vitest';
import { packJson, unpackJson } from '../../../functions/stores/packed-json';

describe('packed JSON (the compact binary attribute of sessions and transcript items)', () => {
  const value = {
    text: 'Làm lại thẻ căn cước: Phiếu đề nghị (mẫu DC02) — lệ phí 0 đ; ký tự lạ \u0000 \u{1F600}',
    list: [1, 2.5, -3, null, true, { nested: 'ạ' }],
    empty: {},
  };

  it('round-trips JSON values, Vietnamese and astral characters included', () => {
    expect(unpackJson(packJson(value))).toEqual(value);
  });

  it('names its format in the first byte and refuses bytes it did not write', () => {
    const packed = packJson(value);
    expect(packed[0]).toBe(1);
    expect(() => unpackJson(Uint8Array.of(7, ...packed.subarray(1)))).toThrow(/unknown packed format 7/);
    expect(() => unpackJson(Uint8Array.of(1, 0xff, 0xff, 0xff))).toThrow();
  });

  it('is smaller than the JSON it packs, for a message like the assistant writes', () => {
    const message = {
      id: '01M94TK4KGBFB418ZC5W2B9PM3',
      from: 'bot',
      text: 'Thông thường cần:\n• Tờ khai\nThông tin kiểm tra ngày 22/11/2026; quy định có thể thay đổi, vui lòng kiểm tra lại trước khi nộp.',
      createdAt: '2026-12-06T04:42:59.569Z',
      quickReplies: [{ title: 'Lệ phí', payload: '#qr:aspect:cur.x:fee' }],
    };
    expect(packJson([message]).length).toBeLessThan(Buffer.byteLength(JSON.stringify([message])) / 2);
  });
});
