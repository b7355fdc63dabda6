/**
 * `npm run places:import [-- --data ../shared/data/admin-units --checked-at YYYY-MM-DD]`: builds
 * intents/data/places/places.generated.json from the shared administrative-unit data:
 * - units-2026.json: Khánh Hòa's 65 commune-level units after 1 July 2025 (province 56);
 * - former-ninh-thuan/former-ninh-thuan-2024.json: the 62 units of Ninh Thuận on 30 June 2025;
 * - former-ninh-thuan/ninh-thuan-merger-2025.json: clause by clause, which new unit each became part of
 *   under Nghị quyết 1667/NQ-UBTVQH15 (Phường Đông Hải split in two);
 * - former-ninh-thuan/ninh-thuan-abolished-2024.json: names merged away on 1 November 2024 that
 *   citizens still use.
 * Every cross-reference is checked (each former unit mapped, each new code a current unit of the same
 * name, each split unit with a part and a remainder); anything off stops the import. Deterministic:
 * the same input and check date give the same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { systemClock } from '../../functions/shared/clock';
import { vietnamDate } from '../../functions/shared/vietnam-time';
import {
  type CurrentCode,
  type CurrentUnitRecord,
  type FormerCode,
  type FormerDistrictRecord,
  type FormerUnitRecord,
  type PlacesFile,
  PlacesFileSchema,
  type Successor,
} from '../data/places/places-file';

const OUT = new URL('../data/places/places.generated.json', import.meta.url).pathname;
const RESOLUTION_URL = 'https://datafiles.chinhphu.vn/cpp/files/vbpq/2025/6/1667-nq.signed.pdf';
/** The two-tier local government took effect on this day (the resolution's own date is 16/6/2025). */
const REFORM_EFFECTIVE = '2025-07-01';
/** Nicknames that are not in any official list but that citizens write. */
const DISTRICT_ALIASES: Readonly<Record<string, string[]>> = {
  'Thành phố Phan Rang-Tháp Chàm': ['Phan Rang Tháp Chàm', 'PRTC', 'Phan Rang', 'Tháp Chàm'],
};

const UnitsFileSchema = z.array(
  z.object({
    Code: z.string(),
    FullName: z.string(),
    Wards: z.array(z.object({ Code: z.string().regex(/^\d{5}$/u), FullName: z.string() })),
  }),
);
const FormerFileSchema = z.array(
  z.object({
    code: z.string().regex(/^\d{5}$/u),
    name: z.string(),
    type: z.enum(['xã', 'phường', 'thị trấn']),
    district_code: z.string().regex(/^\d{3}$/u),
    district_name: z.string(),
  }),
);
const MergerFileSchema = z.array(
  z.object({
    old_code: z.string().regex(/^\d{5}$/u),
    old_name: z.string(),
    old_district_code: z.string(),
    new_code: z.string().regex(/^\d{5}$/u),
    new_name: z.string(),
    new_province_code: z.literal('56'),
    share: z.enum(['full', 'partial', 'remainder']),
    source: z.string(),
    clause_text: z.string(),
  }),
);
const AbolishedFileSchema = z.array(
  z.object({
    old_code: z.string().regex(/^\d{5}$/u),
    old_name: z.string(),
    became_2024: z.string(),
    became_2025: z.string(),
    district: z.string(),
    source: z.string(),
  }),
);

const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
const SECOND_VOWEL_TONE = new RegExp(`([oOuU])([aAeEyY])(${TONE})(?![\\p{L}\\u0300-\\u036f])`, 'gu');

/** "Khánh Hoà" → "Khánh Hòa": the project's tone placement (see normalise.ts), case kept. */
export function projectTonePlacement(name: string): string {
  return name
    .normalize('NFD')
    .replace(SECOND_VOWEL_TONE, (whole, v1: string, v2: string, tone: string) => {
      const pair = `${v1}${v2}`.toLowerCase();
      return pair === 'oa' || pair === 'oe' || pair === 'uy' ? `${v1}${tone}${v2}` : whole;
    })
    .normalize('NFC')
    .trim();
}

function fail(message: string): never {
  throw new Error(`places:import: ${message}`);
}

function readJson<T>(path: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) fail(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

const LEVEL_OF_CURRENT: Readonly<Record<string, CurrentUnitRecord['level']>> = {
  Phường: 'ward',
  Xã: 'commune',
  'Đặc khu': 'special_zone',
};
const LEVEL_OF_FORMER: Readonly<Record<string, FormerUnitRecord['level']>> = {
  phường: 'ward',
  'thị trấn': 'township',
  xã: 'commune',
};

const current = (code: string): CurrentCode => `56:${code}`;
const former = (code: string): FormerCode => `58:${code}`;
const formerBefore2024 = (code: string): FormerCode => `58-2024:${code}`;
const clauseOf = (source: string): number =>
  Number(/khoản (\d+)/u.exec(source)?.[1] ?? fail(`no clause in "${source}"`));
/** "22759 Phường Kinh Dinh" → its code and name. */
const codeAndName = (text: string): [string, string] => {
  const m = /^(\d{5}) (.+)$/u.exec(text.trim()) ?? fail(`"${text}" is not "<code> <name>"`);
  return [m[1] ?? '', projectTonePlacement(m[2] ?? '')];
};

export function buildPlaces(dataDir: string, checkedAt: string): PlacesFile {
  const formerDir = resolve(dataDir, 'former-ninh-thuan');
  const provinces = readJson(resolve(dataDir, 'units-2026.json'), UnitsFileSchema);
  const province = provinces.find((p) => p.Code === '56') ?? fail('province 56 missing from units-2026.json');
  const currentUnits: CurrentUnitRecord[] = province.Wards.map((ward) => {
    const name = projectTonePlacement(ward.FullName);
    const levelWord = Object.keys(LEVEL_OF_CURRENT).find((word) => name.startsWith(`${word} `));
    return {
      code: current(ward.Code),
      name,
      level: LEVEL_OF_CURRENT[levelWord ?? ''] ?? fail(`no level word in "${name}"`),
    };
  });
  const currentByCode = new Map(currentUnits.map((unit) => [unit.code, unit]));

  const formerRows = readJson(resolve(formerDir, 'former-ninh-thuan-2024.json'), FormerFileSchema);
  const mergerRows = readJson(resolve(formerDir, 'ninh-thuan-merger-2025.json'), MergerFileSchema);
  const abolishedRows = readJson(resolve(formerDir, 'ninh-thuan-abolished-2024.json'), AbolishedFileSchema);

  const clauses: Record<string, string> = {};
  const successorsByOld = new Map<string, Successor[]>();
  for (const row of mergerRows) {
    const code = current(row.new_code);
    const unit = currentByCode.get(code) ?? fail(`${row.old_name} → ${row.new_code}: not a current unit`);
    if (unit.name !== projectTonePlacement(row.new_name))
      fail(`${row.new_code} is "${unit.name}" in units-2026.json, "${row.new_name}" in the mapping`);
    const clause = clauseOf(row.source);
    clauses[String(clause)] = row.clause_text.replace(/\*\*/gu, '').trim();
    const list = successorsByOld.get(row.old_code) ?? [];
    list.push({ code, share: row.share, clause });
    successorsByOld.set(row.old_code, list);
  }

  const districts = new Map<string, FormerDistrictRecord>();
  const formerUnits: FormerUnitRecord[] = formerRows.map((row) => {
    const districtName = projectTonePlacement(row.district_name);
    if (!districts.has(row.district_code))
      districts.set(row.district_code, {
        code: former(row.district_code),
        name: districtName,
        level: districtName.startsWith('Thành phố ') ? 'city' : 'district',
        aliases: DISTRICT_ALIASES[districtName] ?? [],
      });
    const successors = successorsByOld.get(row.code) ?? fail(`${row.name} (${row.code}) has no mapping row`);
    successorsByOld.delete(row.code);
    if (successors.length > 1) {
      const shares = successors.map((s) => s.share).sort();
      if (shares.join() !== 'partial,remainder')
        fail(`${row.name} is split but not into a part and the rest`);
    } else if (successors[0]?.share !== 'full') fail(`${row.name} goes only in part to one new unit`);
    return {
      code: former(row.code),
      name: projectTonePlacement(row.name),
      level: LEVEL_OF_FORMER[row.type] ?? fail(`unknown type ${row.type}`),
      district: former(row.district_code),
      successors,
    };
  });
  if (successorsByOld.size > 0)
    fail(`mapping rows for unknown units: ${[...successorsByOld.keys()].join(', ')}`);

  const formerByCode = new Map(formerUnits.map((unit) => [unit.code, unit]));
  const formerNames = new Set(formerUnits.map((unit) => unit.name));
  const districtByName = new Map([...districts.values()].map((d) => [d.name, d]));
  const earlier: FormerUnitRecord[] = [];
  for (const row of abolishedRows) {
    const name = projectTonePlacement(row.old_name);
    // Phủ Hà's pre-2024 code names the same ward: its name is already known, nothing to add.
    if (formerNames.has(name)) continue;
    const [intoCode, intoName] = codeAndName(row.became_2024);
    const into = formerByCode.get(former(intoCode));
    if (!into || into.name !== intoName) fail(`${name}: "${row.became_2024}" is not a unit of 30 June 2025`);
    const [laterCode] = codeAndName(row.became_2025);
    if (!into.successors.some((s) => s.code === current(laterCode)))
      fail(`${name}: "${row.became_2025}" disagrees with the mapping of ${into.name}`);
    earlier.push({
      code: formerBefore2024(row.old_code),
      name,
      level: into.level,
      district: districtByName.get(projectTonePlacement(row.district))?.code ?? fail(`${row.district}?`),
      successors: into.successors,
      mergedBefore: {
        into: into.code,
        effective: '2024-11-01',
        basis: /^Nghị quyết [^ ]+/u.exec(row.source)?.[0] ?? fail(`no resolution in "${row.source}"`),
      },
    });
  }

  const title = /^Nghị quyết [^ ]+/u.exec(mergerRows[0]?.source ?? '')?.[0] ?? fail('no resolution title');
  const date = /\((\d{1,2}\/\d{1,2}\/\d{4})\)/u.exec(mergerRows[0]?.source ?? '')?.[1] ?? fail('no date');
  return PlacesFileSchema.parse({
    generatedBy: 'npm run places:import (intents/cli/import-places.ts)',
    checkedAt,
    sources: {
      currentUnits:
        '../shared/data/admin-units/units-2026.json (thanglequoc/vietnamese-provinces-database, MIT, data to 30 April 2026)',
      formerUnits:
        '../shared/data/admin-units/former-ninh-thuan/former-ninh-thuan-2024.json (thanglequoc/vietnamese-provinces-database e8c5f80, MIT)',
      mapping: `../shared/data/admin-units/former-ninh-thuan/ninh-thuan-merger-2025.json (${title}, Article 1, clauses as converted by dvhcvn/20250701, MIT)`,
      earlierMergers:
        '../shared/data/admin-units/former-ninh-thuan/ninh-thuan-abolished-2024.json (Nghị quyết 1198/NQ-UBTVQH15, effective 1 November 2024)',
    },
    resolution: { title, date, effective: REFORM_EFFECTIVE, url: RESOLUTION_URL, clauses },
    province: { current: projectTonePlacement(province.FullName), former: 'Tỉnh Ninh Thuận' },
    currentUnits,
    formerDistricts: [...districts.values()],
    formerUnits: [...formerUnits, ...earlier],
  } satisfies PlacesFile);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: resolve(process.cwd(), '../shared/data/admin-units') },
      'checked-at': { type: 'string', default: vietnamDate(systemClock.now()) },
      out: { type: 'string', default: OUT },
    },
  });
  const places = buildPlaces(values.data, values['checked-at']);
  writeFileSync(values.out, `${JSON.stringify(places, null, 1)}\n`);
  console.error(
    `places:import: ${places.currentUnits.length} current units, ${places.formerDistricts.length} former districts, ` +
      `${places.formerUnits.length} former units (${places.formerUnits.filter((u) => u.mergedBefore).length} merged in 2024), ` +
      `${Object.keys(places.resolution.clauses).length} clauses → ${values.out}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
