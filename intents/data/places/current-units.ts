import { PLACES } from './places';
import type { CurrentCode } from './places-file';

/**
 * Commune-level units of Khánh Hòa (province code 56) after the reform of 1 July 2025, generated from
 * ../shared/data/admin-units/units-2026.json by `npm run places:import`, with the project's tone
 * placement ("Hòa", not "Hoà"). The first 41 were in Khánh Hòa before the merger; from Phường Đô Vinh
 * (56:22738) on, the 24 units lie in the former Ninh Thuận province.
 */
export interface CurrentUnit {
  /** Statistical code in the `56:` namespace (the reform reused former Ninh Thuận codes). */
  code: CurrentCode;
  /** Canonical name, the `place` entity value. */
  name: string;
  level: 'ward' | 'commune' | 'special_zone';
}

export const PROVINCE_CODE = '56';

export const CURRENT_UNITS: readonly CurrentUnit[] = PLACES.currentUnits;

const BY_CODE = new Map(CURRENT_UNITS.map((unit) => [unit.code, unit]));

/** The current unit with this namespaced code (`56:22759`), if there is one. */
export function findCurrentUnit(code: string): CurrentUnit | undefined {
  return BY_CODE.get(code as CurrentCode);
}

/** The current unit with this code; every code the generated data refers to is present. */
export function currentUnit(code: CurrentCode): CurrentUnit {
  const unit = BY_CODE.get(code);
  if (!unit) throw new Error(`unknown current unit ${code}`);
  return unit;
}
