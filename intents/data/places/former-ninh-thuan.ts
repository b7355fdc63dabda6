import { PLACES } from './places';
import type { FormerCode, Successor } from './places-file';

/**
 * The administrative units of the former Ninh Thuận province (one city, six districts, 62 wards,
 * townships and communes on 30 June 2025, plus three ward names merged away on 1 November 2024 that
 * citizens still write) and the new Khánh Hòa unit(s) each became part of under
 * Nghị quyết 1667/NQ-UBTVQH15. Generated data (places.generated.json, `npm run places:import`),
 * never typed by hand.
 */
export type FormerLevel = 'province' | 'city' | 'district' | 'ward' | 'township' | 'commune';

export interface FormerUnit {
  /** `58:` code of 30 June 2025 (`58-2024:` for names merged away in 2024); never a current code. */
  code: FormerCode;
  /** Canonical name, the `place` entity value; "(cũ)" says it no longer exists. */
  name: string;
  /** The name as it was officially written ("Phường Kinh Dinh"). */
  officialName: string;
  level: FormerLevel;
  /** The name without its level word, as citizens write it. */
  base: string;
  /** The former district or city it belonged to (for commune-level units), by its official name. */
  district?: string;
  /**
   * Other names in use ("PRTC"; "thành phố Phan Rang"). A bare alias that is also a current unit's
   * name ("Phan Rang") is read as the current unit; only a level word or a "former" cue makes it former.
   */
  aliases?: string[];
  /** Commune-level units: the new unit(s) it became part of; two when it was split. */
  successors: readonly Successor[];
  /** A district, the city or the province: the commune-level units it had. */
  parts?: readonly FormerUnit[];
  /** A ward merged into another one on 1 November 2024, before the reform. */
  mergedBefore?: { into: FormerCode; effective: string; basis: string };
}

const LEVEL_WORD = /^(Tỉnh|Thành phố|Huyện|Phường|Thị trấn|Xã) /u;
const former = (officialName: string) => ({
  name: `${officialName} (cũ)`,
  officialName,
  base: officialName.replace(LEVEL_WORD, ''),
});

const communeLevel: FormerUnit[] = PLACES.formerUnits.map((unit) => ({
  ...former(unit.name),
  code: unit.code,
  level: unit.level,
  district: PLACES.formerDistricts.find((d) => d.code === unit.district)?.name ?? '',
  successors: unit.successors,
  ...(unit.mergedBefore ? { mergedBefore: unit.mergedBefore } : {}),
}));

const districts: FormerUnit[] = PLACES.formerDistricts.map((district) => ({
  ...former(district.name),
  code: district.code,
  level: district.level,
  ...(district.aliases.length > 0 ? { aliases: district.aliases } : {}),
  successors: [],
  parts: communeLevel.filter((unit) => unit.district === district.name && !unit.mergedBefore),
}));

const province: FormerUnit = {
  ...former(PLACES.province.former),
  code: '58:58',
  level: 'province',
  successors: [],
  parts: communeLevel.filter((unit) => !unit.mergedBefore),
};

export const FORMER_NINH_THUAN_UNITS: readonly FormerUnit[] = [province, ...districts, ...communeLevel];

const BY_NAME = new Map(FORMER_NINH_THUAN_UNITS.map((unit) => [unit.name, unit]));
const BY_CODE = new Map<string, FormerUnit>(FORMER_NINH_THUAN_UNITS.map((unit) => [unit.code, unit]));

/** The former unit with this namespaced code (`58:22768`); never a current unit. */
export function formerUnitByCode(code: string): FormerUnit | undefined {
  return BY_CODE.get(code);
}

/** The former unit with this canonical name ("Phường Kinh Dinh (cũ)"). */
export function formerUnitNamed(name: string): FormerUnit | undefined {
  return BY_NAME.get(name);
}

/** The former commune-level units (30 June 2025, and 2024 names) that became part of a current unit. */
export function predecessorsOf(currentCode: string): FormerUnit[] {
  return communeLevel.filter((unit) => unit.successors.some((s) => s.code === currentCode));
}

/** The resolution the mapping comes from, to cite it. */
export const MERGER_RESOLUTION = PLACES.resolution;
export const PLACES_CHECKED_AT = PLACES.checkedAt;
