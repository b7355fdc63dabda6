import { describe, expect, it } from 'vitest';
import { canonicalAccented } from '../../../intents/normalise';
import {
  generaliseAgency,
  parseLegalBasis,
  parseResults,
  parseSteps,
} from '../../../knowledge/catalogue/parse-text-fields';
import { canonicalText } from '../../../knowledge/text/display-text';

describe('parseLegalBasis', () => {
  it.each([
    {
      name: 'a number cell repeating the number in the name (1.014980)',
      raw: 'Tên văn bản pháp lýMã văn bảnNghị định 137/2020/NĐ-CP137/2020/NĐ-CP',
      expected: ['Nghị định 137/2020/NĐ-CP'],
    },
    {
      name: 'National Assembly numbers glued to the next row (1.007808)',
      raw: 'Tên văn bản pháp lýMã văn bảnLuật 54/2014/QH1354/2014/QH13Nghị định 08/2015/NĐ-CP08/2015/NĐ-CP',
      expected: ['Luật 54/2014/QH13', 'Nghị định 08/2015/NĐ-CP'],
    },
    {
      name: 'a name without its number, and a year glued to the number (1.000178)',
      raw: 'Tên văn bản pháp lýMã văn bảnLuật Khiếu nại năm 201102/2011/QH13Hướng dẫn xử lý khiếu nại68/2013/TT-BCA',
      expected: ['Luật Khiếu nại năm 2011 (02/2011/QH13)', 'Hướng dẫn xử lý khiếu nại (68/2013/TT-BCA)'],
    },
    { name: 'no information', raw: 'Không có thông tin', expected: [] },
  ])('$name', ({ raw, expected }) => {
    expect(parseLegalBasis(raw)).toEqual(expected);
  });
});

describe('parseResults', () => {
  it('splits results at their codes and drops the portal widgets after them', () => {
    const raw =
      'Văn bản thông báo lý do từ chốiMã: KQ.G12.001161Thẻ miễn thị thực (mẫu NC-01)Mã: KQ.G01.000268' +
      'Từ khóaKhông có thông tinMô tảKhông có thông tin';
    expect(parseResults(raw)).toEqual(['Văn bản thông báo lý do từ chối', 'Thẻ miễn thị thực (mẫu NC-01)']);
  });
});

describe('parseSteps', () => {
  it('splits numbered steps', () => {
    expect(parseSteps('Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.')).toEqual([
      'Bước 1: Nộp hồ sơ.',
      'Bước 2: Nhận kết quả.',
    ]);
  });

  it('falls back to paragraphs when the steps are not numbered', () => {
    expect(parseSteps('Nộp hồ sơ tại bộ phận một cửa.\n\nNhận kết quả.')).toEqual([
      'Nộp hồ sơ tại bộ phận một cửa.',
      'Nhận kết quả.',
    ]);
  });
});

describe('generaliseAgency', () => {
  it.each([
    ['Sở Tư pháp Thành phố Hà Nội', 'Sở Tư pháp'],
    ['Sở Xây dựng - tỉnh Quảng Ninh', 'Sở Xây dựng'],
    ['Sở Tài chính các tỉnh, thành phố', 'Sở Tài chính các tỉnh, thành phố'],
    ['Công an cấp xã', 'Công an cấp xã'],
  ])('%s → %s', (raw, expected) => {
    expect(generaliseAgency(raw)).toBe(expected);
  });
});

describe('canonicalText', () => {
  it.each([
    ['Hoà bình', 'Hòa bình'],
    ['KHOẺ', 'KHỎE'],
    ['Thuỷ sản', 'Thủy sản'],
    ['quý khách', 'quý khách'],
    ['Hoàng', 'Hoàng'],
    ['Uỷ ban'.normalize('NFD'), 'Ủy ban'],
  ])('%s → %s, case kept', (raw, expected) => {
    expect(canonicalText(raw)).toBe(expected);
    expect(canonicalAccented(canonicalText(raw))).toBe(canonicalAccented(raw));
  });
});
