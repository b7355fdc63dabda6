import { describe, expect, it } from 'vitest';
import { CURRENT_UNITS } from '../../../intents/data/places/current-units';
import { FORMER_NINH_THUAN_UNITS } from '../../../intents/data/places/former-ninh-thuan';
import { citizenId, extractCitizenIds } from '../../../intents/entities/citizen-id';
import { dossierCodeRegExp, extractDossierCodes } from '../../../intents/entities/dossier-code';
import { extractEntities } from '../../../intents/entities/extract-entities';
import { extractPhones, phone } from '../../../intents/entities/phone';
import { extractPlace } from '../../../intents/entities/place';
import { prepareText } from '../../../intents/prepare-text';

describe('dossier codes', () => {
  it.each([
    ['tra cứu hồ sơ H43.25-241008-0012', ['H43.25-241008-0012']],
    ['000.00.18.H43-240915-0007', ['000.00.18.H43-240915-0007']],
    ['ma hs h43.25-241008-0012 xong chua', ['H43.25-241008-0012']],
    ['mã: H43.25 – 241008 – 0012.', ['H43.25-241008-0012']],
    [
      'hai hồ sơ H43.25-250701-0001, H43.25-250701-0002 và 000.00.18.H43-250101-0003',
      ['H43.25-250701-0001', 'H43.25-250701-0002', '000.00.18.H43-250101-0003'],
    ],
    ['H43.25-241008-0012 H43.25-241008-0012', ['H43.25-241008-0012']],
    ['(G22.39-250505-0100)', ['G22.39-250505-0100']],
    ['ngày 2024-241008-0012', []],
    ['sdt 0912345678', []],
    ['H43.25-241008-00123', []],
  ])('finds every code in %s', (text, expected) => {
    expect(extractDossierCodes(text)).toEqual(expected);
  });

  it('takes the province pattern from configuration', () => {
    const pattern = dossierCodeRegExp({ agency: 'H43(?:\\.\\d+)?', date: '\\d{6}', serial: '\\d{5}' });
    expect(extractDossierCodes('H43.25-241008-00123 và X12-241008-00001', pattern)).toEqual([
      'H43.25-241008-00123',
    ]);
  });
});

describe('phones and citizen ids', () => {
  it.each([
    ['gọi 0912345678', '0912345678'],
    ['sdt 0912.345.678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['(+84) 912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['số bàn 0259 3822 123', '02593822123'],
    ['mobi 0389999999', '0389999999'],
  ])('reads the phone in %s as %s', (text, expected) => {
    expect(phone(text)).toBe(expected);
  });

  it.each([
    'hotline 1022',
    'cccd 056090001234',
    'mã hồ sơ 000.00.18.H43-240915-0007',
    'H43.25-241008-0012',
    'số 12345',
    '091234567',
    '09123456789',
    'năm 2025 ngày 15',
  ])('finds no phone in %s', (text) => {
    expect(extractPhones(text)).toEqual([]);
  });

  it.each([
    ['cccd 056090001234', '056090001234'],
    ['số căn cước: 056 090 001 234', '056090001234'],
    ['0560.9000.1234', '056090001234'],
    ['CCCD:001203004567 sdt 0912345678', '001203004567'],
  ])('reads the citizen id in %s as %s', (text, expected) => {
    expect(citizenId(text)).toBe(expected);
  });

  it.each([
    '0912345678',
    '84912345678',
    '123456789012',
    '0991234567890',
    '000.00.18.H43-240915-0007',
    '0912345678 12',
  ])('finds no citizen id in %s', (text) => {
    expect(extractCitizenIds(text)).toEqual([]);
  });

  it('tells a citizen id, a phone and a dossier code apart in one message', () => {
    const entities = extractEntities(
      prepareText('Tôi CCCD 056090001234, sđt +84 905 123 456, tra hồ sơ 000.00.18.H43-240915-0007 giúp'),
    );
    expect(entities).toEqual({
      citizenId: '056090001234',
      phone: '0905123456',
      dossierCode: '000.00.18.H43-240915-0007',
    });
  });
});

describe('places', () => {
  it.each([
    ['làm giấy tờ ở phường Phan Rang', 'Phường Phan Rang', 'current'],
    ['o phan rang', 'Phường Phan Rang', 'current'],
    ['xã Ninh Hải', 'Xã Ninh Hải', 'current'],
    ['xa ninh hai', 'Xã Ninh Hải', 'current'],
    ['Ninh Sơn', 'Xã Ninh Sơn', 'current'],
    ['đặc khu Trường Sa', 'Đặc khu Trường Sa', 'current'],
    ['Bác Ái Tây', 'Xã Bác Ái Tây', 'current'],
    ['phường Ninh Hoà', 'Phường Ninh Hòa', 'current'],
    ['huyện Ninh Hải', 'Huyện Ninh Hải (cũ)', 'former'],
    ['huyen ninh phuoc cu', 'Huyện Ninh Phước (cũ)', 'former'],
    ['thành phố Phan Rang', 'Thành phố Phan Rang-Tháp Chàm (cũ)', 'former'],
    ['tp Phan Rang - Tháp Chàm', 'Thành phố Phan Rang-Tháp Chàm (cũ)', 'former'],
    ['PRTC', 'Thành phố Phan Rang-Tháp Chàm (cũ)', 'former'],
    ['phường Mỹ Hương', 'Phường Mỹ Hương (cũ)', 'former'],
    ['p. Phủ Hà', 'Phường Phủ Hà (cũ)', 'former'],
    ['Kinh Dinh', 'Phường Kinh Dinh (cũ)', 'former'],
    ['thị trấn Khánh Hải', 'Thị trấn Khánh Hải (cũ)', 'former'],
    ['tỉnh Ninh Thuận', 'Tỉnh Ninh Thuận (cũ)', 'former'],
    ['Thuận Nam', 'Xã Thuận Nam', 'current'],
    ['huyện Thuận Nam', 'Huyện Thuận Nam (cũ)', 'former'],
    ['phường Đô Vinh', 'Phường Đô Vinh', 'current'],
  ])('recognises %s as %s (%s)', (text, name, kind) => {
    expect(extractPlace(prepareText(text))).toMatchObject({ name, kind });
  });

  it.each(['ăn hai bát', 'thị xã Ninh Hòa', 'quận Phan Rang', 'tôi ở Hà Nội', 'bảo anh ấy'])(
    'guesses nothing for %s',
    (text) => {
      expect(extractPlace(prepareText(text))).toBeUndefined();
    },
  );

  it('holds every commune-level unit of Khánh Hòa (code 56) after 1 July 2025', () => {
    expect(CURRENT_UNITS).toHaveLength(65);
    expect(new Set(CURRENT_UNITS.map((u) => u.code)).size).toBe(65);
    for (const unit of CURRENT_UNITS) {
      expect(extractPlace(prepareText(`ở ${unit.name}`))?.name).toBe(unit.name);
    }
  });

  it('holds the 62 commune-level units of the former Ninh Thuận, 3 names merged in 2024, and 7 districts', () => {
    const communeLevel = FORMER_NINH_THUAN_UNITS.filter((u) =>
      ['ward', 'township', 'commune'].includes(u.level),
    );
    expect(communeLevel.filter((u) => !u.mergedBefore)).toHaveLength(62);
    expect(communeLevel.filter((u) => u.mergedBefore).map((u) => u.base)).toEqual(
      expect.arrayContaining(['Mỹ Hương', 'Tấn Tài', 'Thanh Sơn']),
    );
    expect(FORMER_NINH_THUAN_UNITS.filter((u) => u.level === 'district' || u.level === 'city')).toHaveLength(
      7,
    );
  });

  it('writes the former names with their level word so the value says they are former', () => {
    for (const unit of FORMER_NINH_THUAN_UNITS) {
      expect(unit.name).toMatch(/^(Tỉnh|Thành phố|Huyện|Phường|Thị trấn|Xã) .+ \(cũ\)$/u);
    }
  });
});
