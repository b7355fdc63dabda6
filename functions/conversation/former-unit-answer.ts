import { type CurrentUnit, currentUnit } from '../../intents/data/places/current-units';
import {
  FORMER_NINH_THUAN_UNITS,
  type FormerUnit,
  MERGER_RESOLUTION,
  PLACES_CHECKED_AT,
  predecessorsOf,
} from '../../intents/data/places/former-ninh-thuan';
import type { CurrentCode, Successor } from '../../intents/data/places/places-file';
import type { Link } from './model';

/**
 * What a former Ninh Thuận unit (or a new unit of that area) is now, from the generated mapping of
 * Nghị quyết 1667/NQ-UBTVQH15 (intents/data/places). Pure: the flow (flows/former-unit.ts) decides
 * when to use it and what to ask next.
 */
export type FormerUnitResolution =
  /** The whole unit went into one new unit. */
  | { kind: 'became'; unit: FormerUnit; into: CurrentUnit; clause: number; mergedWith: Part[] }
  /** Split between new units; the resolution does not say which area went where: ask. */
  | {
      kind: 'split';
      unit: FormerUnit;
      parts: { into: CurrentUnit; share: Successor['share']; clause: number }[];
    }
  /** A former district, the city or the province: its units went to several new ones. */
  | { kind: 'several'; unit: FormerUnit; groups: { into: CurrentUnit; from: Part[] }[]; clauses: number[] }
  /** A new unit of the former Ninh Thuận area, and the former units it was made of. */
  | { kind: 'made_of'; unit: CurrentUnit; from: Part[]; clause: number };

/** A former unit that went into a new one, wholly or in part. */
export interface Part {
  unit: FormerUnit;
  share: Successor['share'];
}

const FORMER_AREA = new Set<string>(
  FORMER_NINH_THUAN_UNITS.flatMap((unit) => unit.successors.map((successor) => successor.code)),
);

/** Whether a current unit lies in the former Ninh Thuận area (the mapping says what it was made of). */
export function inFormerNinhThuanArea(code: string | undefined): code is CurrentCode {
  return code !== undefined && FORMER_AREA.has(code);
}

/** The 30 June 2025 units only: a 2024 name is a second name of a unit already listed. */
const asOf2025 = (units: readonly FormerUnit[]): FormerUnit[] => units.filter((unit) => !unit.mergedBefore);

export function resolveFormerUnit(unit: FormerUnit): FormerUnitResolution {
  if (unit.parts) {
    const groups = new Map<CurrentCode, Part[]>();
    const clauses = new Set<number>();
    for (const part of unit.parts)
      for (const successor of part.successors) {
        groups.set(successor.code, [
          ...(groups.get(successor.code) ?? []),
          { unit: part, share: successor.share },
        ]);
        clauses.add(successor.clause);
      }
    return {
      kind: 'several',
      unit,
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, from]) => ({ into: currentUnit(code), from })),
      clauses: [...clauses].sort((a, b) => a - b),
    };
  }
  const [only, ...more] = unit.successors;
  if (!only) throw new Error(`${unit.name} has no successor`);
  if (more.length > 0)
    return {
      kind: 'split',
      unit,
      parts: unit.successors.map((s) => ({ into: currentUnit(s.code), share: s.share, clause: s.clause })),
    };
  const mergedInto = unit.mergedBefore?.into;
  return {
    kind: 'became',
    unit,
    into: currentUnit(only.code),
    clause: only.clause,
    mergedWith: partsOf(only.code).filter(
      (other) => other.unit.code !== unit.code && other.unit.code !== mergedInto,
    ),
  };
}

export function resolveCurrentUnit(unit: CurrentUnit): FormerUnitResolution {
  const clause = predecessorsOf(unit.code)[0]?.successors.find((s) => s.code === unit.code)?.clause ?? 0;
  return { kind: 'made_of', unit, from: partsOf(unit.code), clause };
}

/** The former units (30 June 2025) that went into a new one: whole units first, then the part of a split one. */
function partsOf(code: CurrentCode): Part[] {
  return asOf2025(predecessorsOf(code))
    .map((former) => ({
      unit: former,
      share: former.successors.find((s) => s.code === code)?.share ?? 'full',
    }))
    .sort((a, b) => Number(a.share !== 'full') - Number(b.share !== 'full'));
}

// ---- Wording ---------------------------------------------------------------------------------

/** "Xã Phước Hậu" → "xã Phước Hậu": a name inside a sentence. */
export function inSentence(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|Huyện|Phường|Thị trấn|Xã|Đặc khu) /u, (word) => word.toLowerCase());
}

const PORTAL: Link = { title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/' };
export const RESOLUTION_LINK: Link = {
  title: `${MERGER_RESOLUTION.title} (bản ký)`,
  url: MERGER_RESOLUTION.url,
};
export const FORMER_UNIT_LINKS: Link[] = [RESOLUTION_LINK, PORTAL];

/** "01/07/2025" from "2025-07-01". */
const dayMonthYear = (iso: string): string => iso.split('-').reverse().join('/');

/** [30, 31, 32, 36, 60, 61] → "30–32, 36, 60–61". */
export function clauseRanges(clauses: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const clause of [...clauses].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && clause === last[1] + 1) last[1] = clause;
    else runs.push([clause, clause]);
  }
  return runs.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(', ');
}

/** The resolution, its clauses, the day it took effect and the day the data was last checked. */
const citation = (clauses: readonly number[]): string =>
  `${MERGER_RESOLUTION.title} ngày ${MERGER_RESOLUTION.date}, Điều 1 khoản ${clauseRanges(clauses)}; ` +
  `hiệu lực từ ${dayMonthYear(MERGER_RESOLUTION.effective)}; dữ liệu kiểm tra ngày ${dayMonthYear(PLACES_CHECKED_AT)}`;

const partLabel = (part: Part): string =>
  part.share === 'full'
    ? inSentence(part.unit.officialName)
    : part.share === 'partial'
      ? `một phần ${inSentence(part.unit.officialName)}`
      : `phần còn lại của ${inSentence(part.unit.officialName)}`;

const withDistrict = (unit: FormerUnit): string =>
  unit.district ? `${unit.officialName} (${inSentence(unit.district)}, cũ)` : `${unit.officialName} (cũ)`;

/**
 * Where to submit in a new unit: what the two-tier reform set up everywhere, never an address the
 * data does not hold; the citizen is told where to check the address.
 */
export function whereToSubmit(into: Pick<CurrentUnit, 'name'>): string {
  const name = inSentence(into.name);
  return (
    `Nơi nộp hồ sơ: thủ tục cấp xã tại Trung tâm Phục vụ hành chính công (bộ phận một cửa) của UBND ${name}; ` +
    `cư trú, căn cước tại Công an ${name}; hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia. ` +
    `Tôi chưa có địa chỉ trụ sở UBND ${name}: bạn vui lòng xem trang thông tin của UBND ${name} hoặc hỏi trực tiếp tại đó.`
  );
}

export function describeResolution(resolution: FormerUnitResolution): string {
  switch (resolution.kind) {
    case 'became': {
      const { unit, into, clause, mergedWith } = resolution;
      const earlier = unit.mergedBefore
        ? ` đã nhập vào ${inSentence(formerName(unit.mergedBefore.into))} từ ${dayMonthYear(unit.mergedBefore.effective)} theo ${unit.mergedBefore.basis};`
        : '';
      const together = mergedWith.length > 0 ? `, cùng với ${mergedWith.map(partLabel).join(', ')}` : '';
      return (
        `${withDistrict(unit)}${earlier} nay thuộc ${inSentence(into.name)}, tỉnh Khánh Hòa${together} ` +
        `(${citation([clause])}).\n\n${whereToSubmit(into)}`
      );
    }
    case 'split': {
      const parts = resolution.parts
        .map(
          (part) =>
            `${part.share === 'partial' ? 'một phần' : 'phần còn lại'} thuộc ${inSentence(part.into.name)} (khoản ${part.clause})`,
        )
        .join('; ');
      return (
        `${withDistrict(resolution.unit)} đã được chia theo ${MERGER_RESOLUTION.title}: ${parts}. ` +
        'Nghị quyết không nêu khu vực nào thuộc phần nào, nên tôi không đoán. Nơi bạn ở thuộc phần nào?'
      );
    }
    case 'several': {
      if (resolution.unit.level === 'province')
        return (
          `Khu vực ${inSentence(resolution.unit.officialName)} cũ nay thuộc tỉnh Khánh Hòa, gồm ${resolution.groups.length} xã, phường: ` +
          `${resolution.groups.map((group) => group.into.name).join(', ')} (${citation(resolution.clauses)}).\n\n` +
          'Bạn cho tôi biết phường, xã hoặc thị trấn cũ của bạn để tôi chỉ đơn vị mới và nơi nộp hồ sơ.'
        );
      const lines = resolution.groups.map(
        (group) => `• ${group.into.name}: ${group.from.map(partLabel).join(', ')}`,
      );
      return (
        `${resolution.unit.officialName} (cũ) nay thuộc ${resolution.groups.length} xã, phường của tỉnh Khánh Hòa ` +
        `(${citation(resolution.clauses)}):\n${lines.join('\n')}\n\n` +
        'Bạn cho tôi biết phường, xã hoặc thị trấn cũ của bạn để tôi chỉ đơn vị mới và nơi nộp hồ sơ.'
      );
    }
    case 'made_of':
      return (
        `${resolution.unit.name} (tỉnh Khánh Hòa) được sắp xếp từ ${resolution.from.map(partLabel).join(', ')} ` +
        `(${citation([resolution.clause])}).\n\n${whereToSubmit(resolution.unit)}`
      );
  }
}

/**
 * A unit of the old Khánh Hòa: the data maps only the former Ninh Thuận units, so say so; where to
 * submit holds for every commune-level unit after the reform.
 */
export function noMappingFor(current: Pick<CurrentUnit, 'name'>): string {
  const name = inSentence(current.name);
  return (
    `Tôi chỉ có bảng đối chiếu đơn vị cũ – mới cho khu vực tỉnh Ninh Thuận cũ (theo ${MERGER_RESOLUTION.title}), ` +
    `chưa có cho ${name}. Bạn vui lòng hỏi UBND ${name} hoặc xem trên Cổng Dịch vụ công quốc gia.\n\n` +
    whereToSubmit(current)
  );
}

/** Where a commune-level procedure is submitted in a unit: its one-stop desk, or its police. */
export type CommuneDesk = 'one_stop' | 'police';

const deskOf = (into: string, where: CommuneDesk): string =>
  where === 'police' ? `Công an ${into}` : `bộ phận một cửa của UBND ${into}`;

/** One line after a procedure answer: the former unit's successor and where its one-stop desk is. */
export function describeBecameNote(
  resolution: Extract<FormerUnitResolution, { kind: 'became' }>,
  where: CommuneDesk = 'one_stop',
): string {
  const into = inSentence(resolution.into.name);
  return (
    `Lưu ý: ${inSentence(resolution.unit.officialName)} (cũ) nay thuộc ${into} (${citation([resolution.clause])}); ` +
    `thủ tục ${where === 'police' ? 'này' : 'cấp xã'} nộp tại ${deskOf(into, where)}.`
  );
}

/** The same line for a unit the citizen named by its current name: nothing to cite, only the desk. */
export function describeCurrentNote(into: Pick<CurrentUnit, 'name'>, where: CommuneDesk): string {
  return `Lưu ý: nơi bạn ở thuộc ${inSentence(into.name)}; thủ tục này nộp tại ${deskOf(inSentence(into.name), where)}.`;
}

/** The word for a commune-level unit's kind today, from its level in the data. */
const KIND_WORD: Record<CurrentUnit['level'], string> = {
  ward: 'phường',
  commune: 'xã',
  special_zone: 'đặc khu',
};

/** "vậy là phường hay xã": the kind of the unit the conversation settled on, from the data. */
export function describeKind(into: CurrentUnit, former?: FormerUnit): string {
  const was = former ? `${withDistrict(former)} nay thuộc ${inSentence(into.name)}. ` : '';
  return `${was}${into.name} là ${KIND_WORD[into.level]} (đơn vị hành chính cấp xã) của tỉnh Khánh Hòa.`;
}

/** "UBND xã mới ở đâu" once the unit is known: its name, where to submit, and where to check the address. */
export function describeWhereInUnit(into: CurrentUnit, former?: FormerUnit): string {
  const was = former
    ? `${withDistrict(former)} nay thuộc ${inSentence(into.name)}.`
    : `Nơi bạn ở thuộc ${inSentence(into.name)}.`;
  return `${was} ${whereToSubmit(into)}`;
}

/** The split unit's parts, once the citizen said which one is theirs. */
export function describePart(unit: FormerUnit, into: CurrentUnit): string {
  const successor = unit.successors.find((s) => s.code === into.code);
  const part = successor?.share === 'partial' ? 'Phần' : 'Phần còn lại';
  return (
    `${part} ${inSentence(unit.officialName)} (cũ) của bạn nay thuộc ${inSentence(into.name)}, tỉnh Khánh Hòa ` +
    `(${citation([successor?.clause ?? 0])}).\n\n${whereToSubmit(into)}`
  );
}

export function splitUnknownPart(unit: FormerUnit): string {
  const names = unit.successors.map((s) => `UBND ${inSentence(currentUnit(s.code).name)}`).join(' hoặc ');
  return (
    `Bạn vui lòng hỏi ${names} xem nơi bạn ở thuộc đơn vị nào, hoặc xem địa chỉ cư trú trên ứng dụng VNeID ` +
    'sau khi đã được cập nhật.'
  );
}

function formerName(code: string): string {
  return FORMER_NINH_THUAN_UNITS.find((unit) => unit.code === code)?.officialName ?? code;
}
