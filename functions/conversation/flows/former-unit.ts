import { type CurrentUnit, currentUnit, findCurrentUnit } from '../../../intents/data/places/current-units';
import {
  type FormerUnit,
  formerUnitByCode,
  formerUnitNamed,
} from '../../../intents/data/places/former-ninh-thuan';
import type { CurrentCode, FormerCode } from '../../../intents/data/places/places-file';
import { aspect as aspectCue } from '../../../intents/entities/aspect';
import { saysDoesNotKnow } from '../../../intents/entities/does-not-know';
import {
  asksWhatItIsNow,
  extractPlaces,
  mentionsFormerCue,
  type PlaceMatch,
} from '../../../intents/entities/place';
import { foldDiacritics } from '../../../intents/normalise';
import type { IntentId } from '../../../intents/taxonomy';
import type { Understanding } from '../../../intents/types';
import {
  asksUnitKind,
  choiceFromWords,
  communeLevelPlace,
  namesOnlyPlaces,
} from '../../../intents/vocabulary';
import {
  describeBecameNote,
  describeCurrentNote,
  describeKind,
  describePart,
  describeResolution,
  describeWhereInUnit,
  FORMER_UNIT_LINKS,
  type FormerUnitResolution,
  inFormerNinhThuanArea,
  inSentence,
  noMappingFor,
  RESOLUTION_LINK,
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
  const places = extractPlaces(u.text);
  if (places.length === 0) return answerKindOfRemembered(turn, u);
  const asksNow = asksWhatItIsNow(u.text);
  if (!asksNow && !unsure && !ABOUT_THE_UNIT.has(u.intent) && !followsUnitAnswer(turn, u, places))
    return false;
  // "xã Thanh Hải ở Phan Rang": the commune is the question, the district or city says which one.
  const former =
    places.find((place) => place.kind === 'former' && isCommuneLevel(place)) ??
    places.find((place) => place.kind === 'former');
  const current = places.find(
    (place) =>
      place.kind === 'current' && inFormerNinhThuanArea(place.code) && (asksNow || place.said === 'current'),
  );
  const elsewhere = places.find((place) => place.kind === 'current' && !inFormerNinhThuanArea(place.code));
  if (former) {
    if (!answerFor(turn, former, places)) return false;
  } else if (current?.code) {
    const unit = currentUnit(current.code as CurrentCode);
    say(turn, resolveCurrentUnit(unit));
    remember(turn, unit);
  } else if (elsewhere && mentionsFormerCue(u.text))
    // "xã Cam Lâm trước đây là gì": the data maps only the former Ninh Thuận units; say so.
    turn.say(noMappingFor(elsewhere), { links: FORMER_UNIT_LINKS });
  else return false;
  noteAsUnitQuestion(turn);
  return true;
}

const isCommuneLevel = (place: PlaceMatch): boolean =>
  place.level === 'ward' || place.level === 'commune' || place.level === 'township';

/**
 * "còn xã Thanh Hải bên huyện Ninh Hải" right after a unit was answered: another question about a
 * unit, whatever the classifier makes of it (the last reply cited the resolution). A message that
 * names a procedure ("…, đăng ký kết hôn ở đâu") is a procedure question instead.
 */
function followsUnitAnswer(turn: Turn, u: Understanding, places: readonly PlaceMatch[]): boolean {
  if (!places.some((place) => place.kind === 'former')) return false;
  if (!namesOnlyPlaces(withoutNames(u, places))) return false;
  return (
    turn.session.lastTurn?.messages.some((message) =>
      message.links?.some((link) => link.url === RESOLUTION_LINK.url),
    ) ?? false
  );
}

/**
 * "tôi ở phường Phan Rang cũ", "nhà em ở xã Phước Dinh": the message only says where the citizen
 * lives (remembered by `notePlace`); there is nothing to answer yet.
 */
export function statesOnlyPlace(u: Understanding): boolean {
  if (!u.text.foldedTokens.some((word) => LIVES.has(word))) return false;
  const places = extractPlaces(u.text);
  return places.length > 0 && namesOnlyPlaces(withoutNames(u, places));
}
/** "ở", "sống", "quê", "thuộc": a place said as where one lives, not as an office asked about. */
const LIVES = new Set(['o', 'song', 'que', 'thuoc']);

/** The message's folded words without the unit names it matched. */
function withoutNames(u: Understanding, places: readonly PlaceMatch[]): string[] {
  const drop = new Set<number>();
  const { tokens } = u.text;
  for (const place of places) {
    const length = place.matched.split(' ').length;
    const at = tokens.findIndex((_t, i) => tokens.slice(i, i + length).join(' ') === place.matched);
    for (let i = at; at >= 0 && i < at + length; i++) drop.add(i);
  }
  return u.text.foldedTokens.filter((_t, i) => !drop.has(i));
}

/** "vậy là phường hay xã" with no name: the kind of the unit the conversation settled on. */
function answerKindOfRemembered(turn: Turn, u: Understanding): boolean {
  const remembered = rememberedUnit(turn);
  if (!remembered || !asksUnitKind(u.text.foldedTokens)) return false;
  turn.say(describeKind(remembered.into, remembered.former));
  noteAsUnitQuestion(turn);
  return true;
}

/** The unit the conversation settled on (session.place), with the former unit it was reached through. */
function rememberedUnit(turn: Turn): { into: CurrentUnit; former?: FormerUnit } | undefined {
  const place = turn.session.place;
  const into = place ? findCurrentUnit(place.code) : undefined;
  if (!place || !into) return undefined;
  const former = place.former ? formerUnitByCode(place.former) : undefined;
  return { into, ...(former ? { former } : {}) };
}

function remember(turn: Turn, into: CurrentUnit, former?: FormerUnit): void {
  turn.session.place = { code: into.code, ...(former ? { former: former.code } : {}) };
}

/**
 * After an answer from the knowledge base: the unit the citizen lives in, by name. A procedure
 * question that names a former commune-level unit ("tôi ở xã Phước Sơn cũ, làm khai sinh ở đâu")
 * gets one line on the unit that took it over, so "UBND cấp xã nơi cư trú" has a name; a later
 * question with no place ("đăng ký tạm trú ở đâu", "UBND xã mới ở đâu") gets the unit the
 * conversation settled on. A place named in the message always wins over the remembered one; a
 * split or ambiguous unit gets no line (that needs a question).
 */
export function notePlace(turn: Turn, u: Understanding): void {
  // The reply was about the unit itself (it cites the resolution): nothing to add.
  if (turn.replies.some((reply) => reply.links?.some((link) => link.url === RESOLUTION_LINK.url))) return;
  const places = extractPlaces(u.text);
  const desk = communeDeskOfAnswer(turn);
  if (places.length > 0) {
    noteNamedPlace(turn, places, desk);
    return;
  }
  const remembered = rememberedUnit(turn);
  if (!remembered) return;
  if (desk) {
    const resolution = remembered.former ? resolveFormerUnit(remembered.former) : undefined;
    turn.say(
      resolution?.kind === 'became' && resolution.into.code === remembered.into.code
        ? describeBecameNote(resolution, desk)
        : describeCurrentNote(remembered.into, desk),
      { links: FORMER_UNIT_LINKS },
    );
    return;
  }
  // "UBND xã mới ở đâu", "vậy nộp hồ sơ ở đâu": no procedure answer, a question about where, at the
  // commune level ("số điện thoại Sở Tư pháp" is about another agency: nothing to add).
  const asksWhere = u.entities.aspect === 'place' || aspectCue(u.text) === 'place';
  const communeAgency = u.intent === 'agency_contact' && communeLevelPlace(u.text.folded) !== undefined;
  if (!answeredProcedure(turn) && (communeAgency || (asksWhere && u.intent === 'procedure_info')))
    turn.say(describeWhereInUnit(remembered.into, remembered.former), { links: FORMER_UNIT_LINKS });
}

function noteNamedPlace(
  turn: Turn,
  places: readonly PlaceMatch[],
  desk: 'one_stop' | 'police' | undefined,
): void {
  const named = places.find((place) => place.kind === 'former' && isCommuneLevel(place));
  if (named) {
    const unit = named.ambiguousWith ? undefined : formerUnitNamed(named.name);
    const resolution = unit && !unit.parts ? resolveFormerUnit(unit) : undefined;
    if (resolution?.kind !== 'became') {
      // A split or ambiguous unit: the remembered one is no longer known to be the citizen's.
      turn.session.place = undefined;
      return;
    }
    remember(turn, resolution.into, resolution.unit);
    if (answeredProcedure(turn))
      turn.say(describeBecameNote(resolution, desk ?? 'one_stop'), { links: FORMER_UNIT_LINKS });
    return;
  }
  const current = places.find((place) => place.kind === 'current' && place.code !== undefined);
  const unit = current?.code ? findCurrentUnit(current.code) : undefined;
  if (unit) remember(turn, unit);
}

/** Whether this turn answered with a procedure record (not a general FAQ). */
function answeredProcedure(turn: Turn): boolean {
  const id = turn.understanding?.entryId;
  const entry = id ? turn.deps.kb.get(id) : undefined;
  return entry !== undefined && entry.kind !== 'faq';
}

/**
 * When this turn's procedure answer shows where to submit (the place aspect, or the whole record)
 * and the record says the commune level: which desk of the unit.
 */
function communeDeskOfAnswer(turn: Turn): 'one_stop' | 'police' | undefined {
  const id = turn.understanding?.entryId;
  const entry = id ? turn.deps.kb.get(id) : undefined;
  if (!entry || entry.kind === 'faq') return undefined;
  const aspect = turn.session.lastAspect;
  if (aspect !== undefined && aspect !== 'place') return undefined;
  const where = entry.aspects.place;
  return where ? communeLevelPlace(foldDiacritics(where.toLowerCase())) : undefined;
}

/**
 * Which unit one belongs to now, and where its People's Committee takes dossiers, is in the
 * contract's terms a question about an agency: staff and reports see `agency_contact`, not the
 * classifier's guess for an unusual phrasing ("… giờ là phường gì" reads as small talk to it).
 */
function noteAsUnitQuestion(turn: Turn): void {
  if (turn.understanding) turn.understanding.intent = 'agency_contact';
}

function answerFor(turn: Turn, place: PlaceMatch, context: readonly PlaceMatch[] = []): boolean {
  const unit = formerUnitNamed(place.name);
  if (!unit) return false;
  const others = (place.ambiguousWith ?? []).flatMap((name) => formerUnitNamed(name) ?? []);
  const candidates = inNamedDistrict([unit, ...others], context);
  const [only] = candidates;
  if (candidates.length > 1) {
    askWhich(turn, candidates);
    return true;
  }
  answerUnit(turn, only ?? unit);
  return true;
}

/**
 * Of units that share a name ("Thanh Hải", "Thành Hải"), those in the former district or city the
 * message also names ("ở Phan Rang", "bên huyện Ninh Hải"); all of them when it names none or none fits.
 */
function inNamedDistrict(units: readonly FormerUnit[], context: readonly PlaceMatch[]): FormerUnit[] {
  if (units.length < 2) return [...units];
  const districts = new Set(
    context
      .filter((place) => place.kind === 'former' && (place.level === 'district' || place.level === 'city'))
      .flatMap((place) => formerUnitNamed(place.name)?.officialName ?? []),
  );
  const inside = units.filter((unit) => unit.district !== undefined && districts.has(unit.district));
  return inside.length > 0 ? inside : [...units];
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
  turn.session.pending = { kind: 'former_unit', step: 'which', codes: units.map((unit) => unit.code) };
}

/** A tap on one of the units offered by askWhich. */
export function answerFormerUnitByCode(turn: Turn, code: FormerCode): void {
  // The tap answers "which one?": a later "2" is not read against it again.
  if (turn.session.pending?.kind === 'former_unit') turn.session.pending = undefined;
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
  if (resolution.kind === 'became') remember(turn, resolution.into, unit);
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
  if (pending.step === 'which') return answerWhich(turn, pending.codes, u);
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

/**
 * The answer to "Xã Thanh Hải (huyện Ninh Hải) hay Xã Thành Hải (…)?": the former district or city
 * ("ở Phan Rang", "bên huyện Ninh Hải"), the name written with its marks, or "cái thứ 2".
 */
function answerWhich(turn: Turn, codes: readonly FormerCode[], u: Understanding): boolean {
  const units = codes.flatMap((code) => formerUnitByCode(code) ?? []);
  const places = extractPlaces(u.text, { readAsFormer: true });
  const n = choiceFromWords(u.text.folded);
  const byNumber = n === undefined ? undefined : n === -1 ? units.at(-1) : units[n - 1];
  const byName = units.filter((unit) =>
    places.some((place) => place.name === unit.name && !place.ambiguousWith),
  );
  const byDistrict = inNamedDistrict(units, places);
  const picked =
    byNumber ?? (byName.length === 1 ? byName[0] : byDistrict.length === 1 ? byDistrict[0] : undefined);
  if (!picked) return false;
  turn.session.pending = undefined;
  answerUnit(turn, picked);
  noteAsUnitQuestion(turn);
  return true;
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
  const part = currentUnit(successor.code);
  turn.say(describePart(unit, part), { links: FORMER_UNIT_LINKS });
  remember(turn, part, unit);
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
