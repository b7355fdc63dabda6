import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../intents/prepare-text';
import { withoutLeadingSalutation } from '../../../intents/salutation';

const rest = (text: string) => withoutLeadingSalutation(prepareText(text))?.accented;

describe('leading salutation', () => {
  it.each([
    ['Chào ad, cho hỏi làm sổ đỏ cần gì', 'cho hỏi làm sổ đỏ cần gì'],
    ['xin chao ban, lam cccd o dau', 'lam căn cước công dân o dau'],
    ['Em chào anh chị ạ, hồ sơ H43.25-241008-0012 tới đâu rồi', 'hồ sơ h43.25-241008-0012 tới đâu rồi'],
    ['alo ad ơi, quên mật khẩu VNeID', 'quên mật khẩu vneid'],
    ['dạ chào cô, có làm căn cước thứ bảy không', 'có làm căn cước thứ bảy không'],
  ])('finds the rest of "%s": "%s"', (text, expected) => {
    expect(rest(text)).toBe(expected);
  });

  it.each(['chào bạn', 'xin chào ad ạ', 'chào, ok', 'cảm ơn em đã giải thích tận tình', 'làm sổ đỏ cần gì'])(
    'finds nothing to strip in "%s"',
    (text) => {
      expect(rest(text)).toBeUndefined();
    },
  );

  it('keeps the raw message', () => {
    expect(withoutLeadingSalutation(prepareText('Chào ad, tra hồ sơ'))?.raw).toBe('Chào ad, tra hồ sơ');
  });
});
