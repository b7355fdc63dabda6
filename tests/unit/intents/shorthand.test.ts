import { describe, expect, it } from 'vitest';
import { canonicalAccented, syllables } from '../../../intents/normalise';
import { prepareText } from '../../../intents/prepare-text';
import { AMBIGUOUS_SHORTHAND_TOKENS, expandShorthand } from '../../../intents/shorthand/expand-shorthand';

const expand = (text: string) => expandShorthand(syllables(canonicalAccented(text))).join(' ');

describe('shorthand expansion', () => {
  it.each([
    ['làm lại cccd', 'làm lại căn cước công dân'],
    ['mất cmnd', 'mất chứng minh nhân dân'],
    ['đổi gplx', 'đổi giấy phép lái xe'],
    ['dkkd hộ cá thể', 'đăng ký kinh doanh hộ cá thể'],
    ['ĐKKD', 'đăng ký kinh doanh'],
    ['thẻ bhyt', 'thẻ bảo hiểm y tế'],
    ['rút bhxh', 'rút bảo hiểm xã hội'],
    ['xin lltp', 'xin lý lịch tư pháp'],
    ['hs của e', 'hồ sơ của em'],
    ['sdt ubnd', 'số điện thoại ủy ban nhân dân'],
    ['sđt', 'số điện thoại'],
    ['ko biết', 'không biết'],
    ['hok được', 'không được'],
    ['cần j', 'cần gì'],
    ['xong r', 'xong rồi'],
    ['vs', 'với'],
    ['chào ad', 'chào admin'],
    ['thủ tục ntn', 'thủ tục như thế nào'],
    ['tks', 'cảm ơn'],
  ])('expands %s → %s', (input, expected) => {
    expect(expand(input)).toBe(expected);
  });

  it.each([
    ['có dc không', 'có được không'],
    ['đc không ad', 'được không admin'],
    ['tra dc số nhà', 'tra địa chỉ số nhà'],
    ['dc ubnd phường', 'địa chỉ ủy ban nhân dân phường'],
    ['dc co quan thuế', 'địa chỉ co quan thuế'],
    ['tách hk', 'tách hộ khẩu'],
    ['sổ hk', 'sổ hộ khẩu'],
    ['điểm hk 2', 'điểm học kỳ 2'],
    ['làm online được hk', 'làm online được không'],
    ['k biết', 'không biết'],
    ['50 k', '50 nghìn'],
    ['mất bn tiền', 'mất bao nhiêu tiền'],
    ['bn ngày', 'bao nhiêu ngày'],
    ['cảm ơn bn', 'cảm ơn bạn'],
    ['bn ơi', 'bạn ơi'],
    ['quên mk vneid', 'quên mật khẩu vneid'],
    ['mk muốn hỏi', 'mình muốn hỏi'],
    ['đk kết hôn', 'đăng ký kết hôn'],
    ['đủ đk', 'đủ điều kiện'],
    ['cho a hỏi', 'cho anh hỏi'],
    ['cảm ơn a', 'cảm ơn a'],
  ])('reads the ambiguous %s by its context → %s', (input, expected) => {
    expect(expand(input)).toBe(expected);
  });

  it('has a context rule for every ambiguous token it knows', () => {
    expect(AMBIGUOUS_SHORTHAND_TOKENS).toEqual(expect.arrayContaining(['dc', 'đc', 'hk', 'k', 'bn', 'mk']));
  });

  it('leaves an interjection that folds like a shorthand alone ("ê" is not "em")', () => {
    expect(expand('ê bot')).toBe('ê bot');
  });

  it('never treats an Object.prototype name as shorthand', () => {
    expect(expand('constructor tostring')).toBe('constructor tostring');
  });

  it('keeps codes, punctuation and the raw message while expanding', () => {
    const text = prepareText('Tra hs H43.25-241008-0012 giúp e, sdt 0912345678!');
    expect(text.raw).toBe('Tra hs H43.25-241008-0012 giúp e, sdt 0912345678!');
    expect(text.accented).toBe('tra hồ sơ h43.25-241008-0012 giúp em, số điện thoại 0912345678!');
    expect(text.folded).toBe('tra ho so h43.25-241008-0012 giup em, so dien thoai 0912345678!');
  });

  it.each([
    ['alooooo', 'alo'],
    ['nhaaaa', 'nha'],
    ['khônggggg', 'không'],
    ['cccd', 'căn cước công dân'],
  ])('collapses chat letter runs but not abbreviations: %s → %s', (input, expected) => {
    expect(prepareText(input).accented).toBe(expected);
  });

  it.each([
    ['👍', 'tốt'],
    ['🙏', 'cảm ơn'],
    ['⭐⭐⭐', 'sao sao sao'],
  ])('reads the emoji %s as "%s"', (input, expected) => {
    expect(prepareText(input).tokens.join(' ')).toBe(expected);
  });
});
