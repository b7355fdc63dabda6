import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFormerUnit } from '../../../functions/conversation/former-unit-answer';
import { buildPlaces } from '../../../intents/cli/import-places';
import { CURRENT_UNITS } from '../../../intents/data/places/current-units';
import { FORMER_NINH_THUAN_UNITS, formerUnitByCode } from '../../../intents/data/places/former-ninh-thuan';
import { PLACES } from '../../../intents/data/places/places';
import { PlacesFileSchema } from '../../../intents/data/places/places-file';
import { extractPlaces } from '../../../intents/entities/place';
import { foldDiacritics } from '../../../intents/normalise';
import { prepareText } from '../../../intents/prepare-text';

/**
 * The generated places against the shared data they come from (read here directly, not through the
 * importer): every former unit resolves to what the clause of Nghị quyết 1667/NQ-UBTVQH15 says.
 */
const DATA = resolve(process.cwd(), '../shared/data/admin-units');
const FORMER_DIR = resolve(DATA, 'former-ninh-thuan');
const haveData = existsSync(resolve(FORMER_DIR, 'ninh-thuan-merger-2025.json'));
const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(FORMER_DIR, name), 'utf8')) as T;

interface FormerRow {
  code: string;
  name: string;
  district_code: string;
  district_name: string;
}
interface MergerRow {
  old_code: string;
  old_name: string;
  new_code: string;
  new_name: string;
  share: string;
  source: string;
}

describe.skipIf(!haveData)(
  'places generated from ../shared/data/admin-units (skipped: data not present)',
  () => {
    const formerRows = haveData ? read<FormerRow[]>('former-ninh-thuan-2024.json') : [];
    const mergerRows = haveData ? read<MergerRow[]>('ninh-thuan-merger-2025.json') : [];
    const rowsOf = (code: string) => mergerRows.filter((row) => row.old_code === code);

    it('is what the importer builds today from the shared files (the committed file is not stale)', () => {
      expect(buildPlaces(DATA, PLACES.checkedAt)).toEqual(PLACES);
    });

    it('holds the 62 units of 30 June 2025, in the 58: namespace, with their former districts', () => {
      expect(formerRows).toHaveLength(62);
      for (const row of formerRows) {
        const unit = formerUnitByCode(`58:${row.code}`);
        expect(unit?.officialName.normalize('NFC')).toBe(row.name.normalize('NFC'));
        expect(unit?.district).toBe(row.district_name);
      }
    });

    it.each(
      haveData ? read<FormerRow[]>('former-ninh-thuan-2024.json').map((row) => [row.name, row.code]) : [],
    )('%s (%s) resolves to the new unit its clause names', (_name, code) => {
      const rows = rowsOf(code);
      const unit = formerUnitByCode(`58:${code}`);
      expect(unit).toBeDefined();
      const resolution = resolveFormerUnit(unit as NonNullable<typeof unit>);
      if (rows.length === 1) {
        const [row] = rows as [MergerRow];
        expect(resolution).toMatchObject({
          kind: 'became',
          into: { code: `56:${row.new_code}`, name: row.new_name },
          clause: Number(/khoản (\d+)/u.exec(row.source)?.[1]),
        });
      } else {
        // Split (Đông Hải): one part per row, none chosen.
        expect(resolution.kind).toBe('split');
        if (resolution.kind !== 'split') return;
        expect(resolution.parts.map((p) => [p.into.code, p.share]).sort()).toEqual(
          rows.map((row) => [`56:${row.new_code}`, row.share]).sort(),
        );
      }
    });

    it('splits only Phường Đông Hải, between Xã Phước Dinh (a part) and Phường Đông Hải (the rest)', () => {
      const split = FORMER_NINH_THUAN_UNITS.filter(
        (unit) => unit.successors.length > 1 && !unit.mergedBefore,
      );
      expect(split.map((unit) => unit.officialName)).toEqual(['Phường Đông Hải']);
      expect(resolveFormerUnit(split[0] as NonNullable<(typeof split)[0]>)).toMatchObject({
        kind: 'split',
        parts: expect.arrayContaining([
          expect.objectContaining({
            into: expect.objectContaining({ name: 'Xã Phước Dinh' }),
            share: 'partial',
          }),
          expect.objectContaining({
            into: expect.objectContaining({ name: 'Phường Đông Hải' }),
            share: 'remainder',
          }),
        ]),
      });
    });

    it('lists for each former district every new unit its communes went to', () => {
      const districts = FORMER_NINH_THUAN_UNITS.filter((u) => u.level === 'district' || u.level === 'city');
      expect(districts).toHaveLength(7);
      for (const district of districts) {
        const code = district.code.replace('58:', '');
        const expected = new Set(
          mergerRows
            .filter((row) => formerRows.find((f) => f.code === row.old_code)?.district_code === code)
            .map((row) => `56:${row.new_code}`),
        );
        const resolution = resolveFormerUnit(district);
        expect(resolution.kind).toBe('several');
        if (resolution.kind !== 'several') continue;
        expect(new Set(resolution.groups.map((g) => g.into.code))).toEqual(expected);
        expect(expected.size).toBeGreaterThan(1);
      }
      const city = districts.find((d) => d.officialName === 'Thành phố Phan Rang-Tháp Chàm');
      const cityResolution = city && resolveFormerUnit(city);
      expect(cityResolution?.kind === 'several' && cityResolution.groups.map((g) => g.into.name)).toEqual(
        expect.arrayContaining([
          'Phường Phan Rang',
          'Phường Đông Hải',
          'Phường Bảo An',
          'Phường Đô Vinh',
          'Phường Ninh Chử',
          'Xã Phước Dinh',
        ]),
      );
    });

    it('maps the names merged away in 2024 (Mỹ Hương, Tấn Tài, Thanh Sơn) through the ward they joined', () => {
      for (const [name, into] of [
        ['Phường Mỹ Hương', 'Phường Phan Rang'],
        ['Phường Tấn Tài', 'Phường Phan Rang'],
        ['Phường Thanh Sơn', 'Phường Phan Rang'],
      ]) {
        const unit = FORMER_NINH_THUAN_UNITS.find((u) => u.officialName === name);
        expect(unit?.code).toMatch(/^58-2024:/u);
        expect(unit && resolveFormerUnit(unit)).toMatchObject({ kind: 'became', into: { name: into } });
      }
    });
  },
);

describe('the committed places file', () => {
  it('has the shape PlacesFileSchema describes (the runtime reads it without parsing it again)', () => {
    const file = JSON.parse(
      readFileSync(resolve(process.cwd(), 'intents/data/places/places.generated.json'), 'utf8'),
    ) as unknown;
    expect(PlacesFileSchema.safeParse(file).error).toBeUndefined();
    expect(PlacesFileSchema.parse(file)).toEqual(PLACES);
  });

  it('is refused by the schema when a code loses its namespace', () => {
    const broken = structuredClone(PLACES) as { currentUnits: { code: string }[] };
    (broken.currentUnits[0] as { code: string }).code = '22741';
    expect(PlacesFileSchema.safeParse(broken).success).toBe(false);
  });
});

describe('code namespaces', () => {
  it('never lets a former code meet a current one, though the numbers were reused', () => {
    const current = new Set<string>(CURRENT_UNITS.map((u) => u.code));
    for (const unit of FORMER_NINH_THUAN_UNITS) expect(current.has(unit.code)).toBe(false);
    // 22741 was Phường Phước Mỹ and is now Phường Bảo An.
    expect(formerUnitByCode('58:22741')?.officialName).toBe('Phường Phước Mỹ');
    expect(CURRENT_UNITS.find((u) => u.code === '56:22741')?.name).toBe('Phường Bảo An');
  });

  it('writes names with the project tone placement (Hòa, not Hoà)', () => {
    for (const name of [...CURRENT_UNITS.map((u) => u.name), ...FORMER_NINH_THUAN_UNITS.map((u) => u.name)])
      expect(name.normalize('NFD')).not.toMatch(/[oO][aAeE][\u0300\u0301\u0303\u0309\u0323](?!\p{L})/u);
  });
});

describe('recognising former units in messages', () => {
  const communeLevel = FORMER_NINH_THUAN_UNITS.filter((u) =>
    ['ward', 'township', 'commune'].includes(u.level),
  );

  it.each([
    ['with marks', (name: string) => `tôi ở ${name.toLowerCase()} cũ`],
    ['without marks', (name: string) => `toi o ${foldDiacritics(name).toLowerCase()} cu`],
    ['asking what it is now', (name: string) => `${foldDiacritics(name)} gio thuoc xa nao`],
  ])('finds every former commune-level unit %s', (_how, phrase) => {
    for (const unit of communeLevel) {
      const [found] = extractPlaces(prepareText(phrase(unit.officialName)));
      // Without marks "thanh hai" is Thanh Hải or Thành Hải: the match names both, the flow asks.
      expect([found?.name, ...(found?.ambiguousWith ?? [])], unit.officialName).toContain(unit.name);
      expect(found?.kind).toBe('former');
    }
  });

  it('finds a commune-tier unit called by another commune-tier word ("xã" for a former thị trấn)', () => {
    expect(extractPlaces(prepareText('toi o xa phuoc dan cu gio thuoc phuong nao'))[0]).toMatchObject({
      name: 'Thị trấn Phước Dân (cũ)',
      kind: 'former',
    });
    // Across tiers nothing is guessed: there is no district called Phước Dân.
    expect(extractPlaces(prepareText('huyện Phước Dân cũ'))).toEqual([]);
  });

  it('tells Thanh Hải from Thành Hải when marks are typed, and flags them when not', () => {
    expect(extractPlaces(prepareText('xã Thanh Hải cũ'))[0]).toMatchObject({ code: '58:22868' });
    expect(extractPlaces(prepareText('xã Thành Hải cũ'))[0]).toMatchObject({ code: '58:22774' });
    const unmarked = extractPlaces(prepareText('xa thanh hai cu'))[0];
    expect([unmarked?.name, ...(unmarked?.ambiguousWith ?? [])].sort()).toEqual([
      'Xã Thanh Hải (cũ)',
      'Xã Thành Hải (cũ)',
    ]);
  });

  it.each([
    ['Phan Rang-Tháp Chàm giờ là phường gì', 'Thành phố Phan Rang-Tháp Chàm (cũ)'],
    ['phan rang gio la phuong gi', 'Thành phố Phan Rang-Tháp Chàm (cũ)'],
    ['xã Phước Hậu giờ thuộc xã nào', 'Xã Phước Hậu (cũ)'],
    ['phuoc hau gio thuoc xa nao', 'Xã Phước Hậu (cũ)'],
    ['Lâm Sơn trước đây sáp nhập vào đâu', 'Xã Lâm Sơn (cũ)'],
    ['xã Phước Hậu mới gồm những xã nào', 'Xã Phước Hậu'],
    ['xã Phước Hậu ở đâu', 'Xã Phước Hậu'],
    ['đăng ký cư trú ở phan rang', 'Phường Phan Rang'],
    ['cu tru o xa phuoc hau', 'Xã Phước Hậu'],
    ['Ninh Phước giờ còn không', 'Huyện Ninh Phước (cũ)'],
    ['trước tôi ở Đài Sơn, giờ nộp hồ sơ chỗ nào', 'Phường Đài Sơn (cũ)'],
  ])('reads %s as %s', (text, name) => {
    expect(extractPlaces(prepareText(text))[0]?.name).toBe(name);
  });
});
