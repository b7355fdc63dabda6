import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../intents/prepare-text';
import {
  buildLexicon,
  correctToken,
  deserialiseLexicon,
  serialiseLexicon,
} from '../../../intents/typo/lexicon';
import { isVietnameseSyllable } from '../../../intents/typo/vietnamese-syllable';

const lexicon = buildLexicon(
  [
    'thủ tục làm hồ sơ căn cước',
    'thủ tục đăng ký kết hôn',
    'quên mật khẩu vneid',
    'cần giấy tờ gì',
    'hướng dẫn thanh toán lệ phí',
    'trả lời sai',
    'tra cứu hồ sơ',
    'lựa chọn',
  ].map((text) => prepareText(text).tokens),
);

describe('typo correction', () => {
  it.each([
    ['tụcc', ['tục']],
    ['trrả', ['trả']],
    ['ờli', ['lời']],
    ['quêy', ['quên']],
    ['cầa', ['cần']],
    ['hớưng', ['hướng']],
    ['cọhn', ['chọn']],
    ['thaanh', ['thanh']],
    ['hoso', ['ho', 'so']],
  ])('corrects %s → %j', (token, expected) => {
    expect(correctToken(token, lexicon)).toEqual(expected);
  });

  it.each(['ngập', 'lũ', 'karaoke', 'thủ', 'abc', 'gì'])(
    'leaves %s alone (a real syllable, known, or too short)',
    (token) => {
      expect(correctToken(token, lexicon)).toBeUndefined();
    },
  );

  it('does not add marks the citizen did not type', () => {
    expect(correctToken('tucc', lexicon)).toEqual(['tuc']);
  });

  it('survives serialisation', () => {
    const restored = deserialiseLexicon(serialiseLexicon(lexicon));
    expect(correctToken('tụcc', restored)).toEqual(['tục']);
    expect(restored.folded.get('thu')).toBe(lexicon.folded.get('thu'));
  });

  it.each([
    ['nghieng', true],
    ['quyen', true],
    ['truong', true],
    ['xoong', true],
    ['tucc', false],
    ['hoso', false],
    ['asdfgh', false],
  ])('judges %s as a Vietnamese syllable: %s', (folded, expected) => {
    expect(isVietnameseSyllable(folded)).toBe(expected);
  });

  it('corrects inside a message and keeps the rest', () => {
    expect(prepareText('thủ tụcc kết hôn', lexicon).accented).toBe('thủ tục kết hôn');
  });
});
