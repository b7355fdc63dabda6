import { currentUnit, findCurrentUnit } from '../../../intents/data/places/current-units';
import {
  type FormerUnit,
  formerUnitByCode,
  formerUnitNamed,
} from '../../../intents/data/places/former-ninh-thuan';
import type { CurrentCode, FormerCode } from '../../../intents/data/places/places-file';
import { saysDoesNotKnow } from '../../../intents/entities/does-not-know';
import {
  asksWhatItIsNow,
  extractPlaces,
  mentionsFormerCue,
  type PlaceMatch,
} from '../../../intents/entities/place';
import type { IntentId } from '../../../intents/taxonomy';
import type { Understanding } from '../../../intents/types';
import {
  describeBecameNote,
  describePart,
  describeResolution,
  FORMER_UNIT_LINKS,
  type FormerUnitResolution,
  inFormerNinhThuanArea,
  inSentence,
  noMappingFor,
  resolveCurrentUnit,
  resolveFormerUnit,
  splitUnknownPart,
} from '../former-unit-answer';
import type { PendingStep, QuickReply } from '../model';
import { encodePayload, type Payload } from '../payloads';
import type { Turn } from '../turn';

/**
 * "Phan Rang-Tháp Chàm giờ là phường gì", "tôi ở phường Kinh Dinh cũ, phường mới là gì": which new
 * unit a former Ninh Thuận unit became on 1 July 2025 and where to submit there, from the mapping of
 * Nghị quyết 1667/NQ-UBTVQH15. A split unit (Đông Hải) is asked about, never guessed; a former
 * district lists its new units and asks for the citizen's own.
 */

/** Intents under which a message naming a former unit is a question about that unit. */
const ABOUT_THE_UNIT: ReadonlySet<IntentId> = new Set(['agency_contact', 'out_of_scope', 'help', 'greeting']);

export type FormerUnitPending = Extract<PendingStep, { kind: 'former_unit' }>;

/**
 * Answers when the message asks what a unit became ("giờ thuộc xã nào", "sáp nhập vào đâu"), or names
 * a former unit in a question about the unit itself (where its People's Committee is, or nothing else).
 * A procedure, a dossier or a report that merely mentions a former unit is left to its own flow.
 * Returns whether it answered.
 */
export function answerFormerUnit(turn: Turn, u: Understanding, unsure: boolean): boolean {
  if (u.intent === 'human_handoff' || u.entities.dossierCode) return false;
  const asksNow = asksWhatItIsNow(u.text);
  if (!asksNow && !unsure && !ABOUT_THE_UNIT.has(u.intent)) return false;
  const places = extractPlaces(u.text);
  const former = places.find((place) => place.kind === 'former');
  const current = places.find(
    (place) =>
      place.kind === 'current' && inFormerNinhThuanArea(place.code) && (asksNow || place.said === 'current'),
  );
  const elsewhere = places.find((place) => place.kind === 'current' && !inFormerNinhThuanArea(place.code));
  if (former) {
    if (!answerFor(turn, former)) return false;
  } else if (current?.code) say(turn, resolveCurrentUnit(currentUnit(current.code as CurrentCode)));
  else if (elsewhere && mentionsFormerCue(u.text))
    // "xã Cam Lâm trước đây là gì": the data maps only the former Ninh Thuận units; say so.
    turn.say(noMappingFor(elsewhere), { links: FORMER_UNIT_LINKS });
  else return false;
  noteAsUnitQuestion(turn);
  return true;
}

/**
 * A procedure question that names a former commune-level unit ("tôi ở xã Phước Sơn cũ, làm khai
 * sinh ở đâu") gets its procedure answer, then one line on the unit that took that one over, so
 * "UBND cấp xã nơi cư trú" has a name. A split or ambiguous unit gets no line (that needs a question).
 */
export function noteFormerUnit(turn: Turn, u: Understanding): void {
  const named = extractPlaces(u.text).find((place) => place.kind === 'former' && !place.ambiguousWith);
  const unit = named ? formerUnitNamed(named.name) : undefined;
  if (!unit || unit.parts) return;
  const resolution = resolveFormerUnit(unit);
  if (resolution.kind !== 'became') return;
  turn.say(describeBecameNote(resolution), { links: FORMER_UNIT_LINKS });
}

/**
 * Which unit one belongs to now, and where its People's Committee takes dossiers, is in the
 * contract's terms a question about an agency: staff and reports see `agency_contact`, not the
 * classifier's guess for an unusual phrasing ("… giờ là phường gì" reads as small talk to it).
 */
function noteAsUnitQuestion(turn: Turn): void {
  if (turn.understanding) turn.understanding.intent = 'agency_contact';
}

function answerFor(turn: Turn, place: PlaceMatch): boolean {
  const unit = formerUnitNamed(place.name);
  if (!unit) return false;
  const others = (place.ambiguousWith ?? []).flatMap((name) => formerUnitNamed(name) ?? []);
  if (others.length > 0) {
    askWhich(turn, [unit, ...others]);
    return true;
  }
  answerUnit(turn, unit);
  return true;
}

/** "thanh hai" typed without marks: Xã Thanh Hải or Xã Thành Hải? Both existed; ask, never guess. */
function askWhich(turn: Turn, units: readonly FormerUnit[]): void {
  const label = (unit: FormerUnit) => `${unit.officialName} (${inSentence(unit.district ?? '')})`;
  turn.say(`Bạn hỏi về ${units.map(label).join(' hay ')}?`, {
    quickReplies: units.map((unit) => ({
      title: label(unit),
      payload: encodePayload({ type: 'former_unit', former: unit.code }),
    })),
  });
}

/** A tap on one of the units offered by askWhich. */
export function answerFormerUnitByCode(turn: Turn, code: FormerCode): void {
  const unit = formerUnitByCode(code);
  if (!unit) {
    turn.say('Xin lỗi, lựa chọn này không còn hiệu lực. Bạn vui lòng nhắn lại tên phường, xã cũ nhé.');
    return;
  }
  answerUnit(turn, unit);
}

function answerUnit(turn: Turn, unit: FormerUnit): void {
  const resolution = resolveFormerUnit(unit);
  say(turn, resolution);
  if (resolution.kind === 'split')
    turn.session.pending = { kind: 'former_unit', step: 'part', code: unit.code };
  if (resolution.kind === 'several')
    turn.session.pending = { kind: 'former_unit', step: 'pick', code: unit.code };
}

function say(turn: Turn, resolution: FormerUnitResolution): void {
  turn.say(describeResolution(resolution), {
    links: FORMER_UNIT_LINKS,
    ...(resolution.kind === 'split' ? { quickReplies: partChoices(resolution.unit) } : {}),
  });
}

function partChoices(unit: FormerUnit): QuickReply[] {
  return [
    ...unit.successors.map((successor) => ({
      title: currentUnit(successor.code).name,
      payload: encodePayload({ type: 'former_part', former: unit.code, into: successor.code }),
    })),
    {
      title: 'Tôi chưa rõ',
      payload: encodePayload({ type: 'former_part', former: unit.code, into: 'unknown' }),
    },
  ];
}

/**
 * The answer to the question this flow asked: which part of a split unit, or which unit of a former
 * district. Anything that names no unit is a new question (returns false, the engine routes it).
 */
export function continueFormerUnit(turn: Turn, pending: FormerUnitPending, u: Understanding): boolean {
  const asked = formerUnitByCode(pending.code);
  if (!asked) return false;
  if (pending.step === 'part') {
    if (saysDoesNotKnow(u.text)) {
      answerPart(turn, asked.code, 'unknown');
      return true;
    }
    const into = extractPlaces(u.text).find((place) =>
      asked.successors.some((successor) => successor.code === place.code),
    );
    if (!into?.code) return false;
    answerPart(turn, asked.code, into.code as CurrentCode);
    return true;
  }
  // A district was listed: the name that follows is read as one of its former units first.
  const named = extractPlaces(u.text, { readAsFormer: true }).find((place) => place.kind === 'former');
  if (!named) return false;
  turn.session.pending = undefined;
  return answerFor(turn, named);
}

/** A tap (or the typed equivalent) on one part of a split unit. */
export function answerPart(turn: Turn, formerCode: FormerCode, into: CurrentCode | 'unknown'): void {
  turn.session.pending = undefined;
  const unit = formerUnitByCode(formerCode);
  const successor = unit?.successors.find((s) => s.code === into);
  if (!unit) {
    turn.say('Xin lỗi, lựa chọn này không còn hiệu lực. Bạn vui lòng nhắn lại tên phường, xã cũ nhé.');
    return;
  }
  if (!successor) {
    turn.say(splitUnknownPart(unit), { links: FORMER_UNIT_LINKS });
    return;
  }
  turn.say(describePart(unit, currentUnit(successor.code)), { links: FORMER_UNIT_LINKS });
}

/** How a tap on a former-unit choice reads in the transcript staff see. */
export function describeFormerChoice(
  p: Extract<Payload, { type: 'former_part' } | { type: 'former_unit' }>,
): string {
  const unit = formerUnitByCode(p.former);
  const name = unit ? `${inSentence(unit.officialName)} (cũ)` : p.former;
  if (p.type === 'former_unit') return `[Chọn] ${name}`;
  const target = p.into === 'unknown' ? undefined : findCurrentUnit(p.into);
  return `[Chọn] ${name}: ${target ? inSentence(target.name) : 'chưa rõ'}`;
}
