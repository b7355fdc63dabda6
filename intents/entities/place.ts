import { CURRENT_UNITS } from '../data/places/current-units';
import { FORMER_NINH_THUAN_UNITS, type FormerLevel } from '../data/places/former-ninh-thuan';
import { type NormalisedText, syllablesOfMany } from '../normalise';

type Level = 'ward' | 'commune' | 'special_zone' | FormerLevel | 'town' | 'urban_district';

export interface PlaceMatch {
  /** Canonical name from intents/data/places, the contract's `place` value. */
  name: string;
  /** `former`: a unit that no longer exists (Ninh Thuận before 1 July 2025); see formerUnitNamed. */
  kind: 'current' | 'former';
  level: Level;
  /** Namespaced statistical code: `56:…` for current units, `58:…` / `58-2024:…` for former ones. */
  code?: string;
  /** The words of the message that named it. */
  matched: string;
  /** "cũ" or "mới" right after the name: the citizen said which one they mean. */
  said?: 'former' | 'current';
  /** Other units of the same kind and level the words could name (typed without marks): ask. */
  ambiguousWith?: string[];
}

interface Candidate {
  tokens: string[];
  foldedTokens: string[];
  name: string;
  kind: 'current' | 'former';
  level: Level;
  code?: string;
}

const CURRENT_PREFIX = /^(Phường|Xã|Đặc khu) /u;

const CANDIDATES: readonly Candidate[] = (() => {
  const named: [string, Omit<Candidate, 'tokens' | 'foldedTokens'>][] = [
    ...CURRENT_UNITS.map((unit): [string, Omit<Candidate, 'tokens' | 'foldedTokens'>] => [
      unit.name.replace(CURRENT_PREFIX, ''),
      { name: unit.name, kind: 'current', level: unit.level, code: unit.code },
    ]),
    ...FORMER_NINH_THUAN_UNITS.flatMap((unit) =>
      [unit.base, ...(unit.aliases ?? [])].map(
        (text): [string, Omit<Candidate, 'tokens' | 'foldedTokens'>] => [
          text,
          { name: unit.name, kind: 'former', level: unit.level, code: unit.code },
        ],
      ),
    ),
  ];
  const words = syllablesOfMany(named.map(([text]) => text));
  return named.map(([, rest], i) => ({
    tokens: words[i]?.tokens ?? [],
    foldedTokens: words[i]?.foldedTokens ?? [],
    ...rest,
  }));
})();

/** Candidates by their first folded syllable, longest first, so "Bác Ái Tây" wins over "Bác Ái". */
const BY_FIRST_SYLLABLE = new Map<string, Candidate[]>();
for (const entry of CANDIDATES) {
  const first = entry.foldedTokens[0];
  if (first === undefined) continue;
  const list = BY_FIRST_SYLLABLE.get(first) ?? [];
  list.push(entry);
  BY_FIRST_SYLLABLE.set(first, list);
}
for (const list of BY_FIRST_SYLLABLE.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

/** Level words citizens put before a name, folded, longest first ("thị xã" before "xã"). */
const LEVEL_WORDS: readonly [string[], Level][] = [
  [['thanh', 'pho'], 'city'],
  [['thi', 'tran'], 'township'],
  [['thi', 'xa'], 'town'],
  [['dac', 'khu'], 'special_zone'],
  [['huyen'], 'district'],
  [['quan'], 'urban_district'],
  [['phuong'], 'ward'],
  [['xa'], 'commune'],
  [['tinh'], 'province'],
  [['tp'], 'city'],
  [['tt'], 'township'],
  [['tx'], 'town'],
  [['p'], 'ward'],
  [['x'], 'commune'],
];

function levelBefore(foldedTokens: readonly string[], index: number): Level | undefined {
  for (const [words, level] of LEVEL_WORDS) {
    const start = index - words.length;
    if (start < 0) continue;
    if (words.every((word, offset) => foldedTokens[start + offset] === word)) return level;
  }
  return undefined;
}

/**
 * A syllable of the message matches a syllable of a name when it is written the same, or when the
 * citizen typed it without marks and it folds the same. "ăn hai" never matches "An Hải".
 */
function matchesAt(text: NormalisedText, index: number, entry: Candidate): boolean {
  return entry.tokens.every((token, offset) => {
    const said = text.tokens[index + offset];
    const saidFolded = text.foldedTokens[index + offset];
    if (said === undefined || saidFolded === undefined) return false;
    return said === token || (said === saidFolded && saidFolded === entry.foldedTokens[offset]);
  });
}

/** A cue's syllables as written and folded, filed by its first folded syllable (one lookup a token). */
type CueIndex = ReadonlyMap<string, readonly { words: string[]; folded: string[] }[]>;

function cueWords(cues: readonly string[]): CueIndex {
  const index = new Map<string, { words: string[]; folded: string[] }[]>();
  for (const { tokens: words, foldedTokens: folded } of syllablesOfMany(cues)) {
    const first = folded[0];
    if (first !== undefined) index.set(first, [...(index.get(first) ?? []), { words, folded }]);
  }
  return index;
}

/**
 * Words that mean a unit as it was before 1 July 2025. Written with marks; a citizen who types
 * without marks matches by folding (the same rule as names), so "truoc day" is a cue.
 */
const FORMER_MARKERS = cueWords([
  'cũ',
  'trước đây',
  'trước kia',
  'ngày trước',
  'hồi trước',
  'ngày xưa',
  'trước ở',
  'trước tôi ở',
  'trước em ở',
  'trước nhà',
]);

/** Words that ask what a unit became: "giờ là", "bây giờ thuộc", "sáp nhập"… ("gio la" yes, "gió lạ" no). */
const NOW_QUESTIONS = cueWords([
  'giờ là',
  'giờ thuộc',
  'giờ tên',
  'giờ gọi là',
  'giờ nằm',
  'giờ lên',
  'giờ ra',
  'giờ đến',
  'giờ nộp',
  'giờ còn',
  'có còn',
  'nay là',
  'nay thuộc',
  'hiện thuộc',
  'bây giờ là',
  'bây giờ thuộc',
  'sáp nhập',
  'sát nhập',
  'sắp xếp',
  'gộp vào',
  'gộp với',
  'gộp lại',
  'tên mới',
  'mới là',
  'phường mới',
  'xã mới',
  'đơn vị mới',
  'giờ gồm',
  'nay gồm',
  'gồm những xã',
  'gồm những phường',
  'gồm các xã',
  'gồm các phường',
  'chia thành',
  'tách thành',
]);

/** "cư trú", "cứ": folded "cu" is "cũ" only right after a name, never before these. */
const NOT_FORMER_AFTER_CU = new Set(['tru', 'dan', 'the']);

function saidAs(text: NormalisedText, index: number, accented: string, folded: string): boolean {
  const said = text.tokens[index];
  const saidFolded = text.foldedTokens[index];
  return said === accented || (said === saidFolded && saidFolded === folded);
}

function cueAt(text: NormalisedText, index: number, cues: CueIndex): boolean {
  const candidates = cues.get(text.foldedTokens[index] ?? '');
  return (
    candidates?.some((cue) =>
      cue.words.every((word, offset) => saidAs(text, index + offset, word, cue.folded[offset] ?? '')),
    ) ?? false
  );
}

function anyCue(text: NormalisedText, cues: CueIndex): boolean {
  for (let index = 0; index < text.tokens.length; index++) {
    // A bare "cu" typed without marks is as often "cứ" or "cư": it counts only right after a name.
    if (text.tokens[index] === 'cu') continue;
    if (cueAt(text, index, cues)) return true;
  }
  return false;
}

/** Whether the message asks what a unit became ("xã Phước Hậu giờ thuộc xã nào", "sáp nhập vào đâu"). */
export function asksWhatItIsNow(text: NormalisedText): boolean {
  return anyCue(text, NOW_QUESTIONS);
}

/**
 * Whether the message speaks of units as they were before the reform ("tôi ở phường Kinh Dinh cũ")
 * or asks what they became: names are then read as the former units first.
 */
export function mentionsFormerCue(text: NormalisedText): boolean {
  return anyCue(text, FORMER_MARKERS) || asksWhatItIsNow(text);
}

/** How a name right after it is qualified: "Phước Hậu cũ" is the former unit, "Phước Hậu mới" today's. */
function qualifierAfter(text: NormalisedText, end: number): 'former' | 'current' | undefined {
  if (saidAs(text, end, 'mới', 'moi')) return 'current';
  if (!saidAs(text, end, 'cũ', 'cu')) return undefined;
  const next = text.foldedTokens[end + 1];
  return text.tokens[end] === 'cu' && next !== undefined && NOT_FORMER_AFTER_CU.has(next)
    ? undefined
    : 'former';
}

/**
 * Of the names the words match, those written most like the message: "Thanh Hải" typed with marks
 * elsewhere ("xã thanh hải") is Thanh Hải, not Thành Hải. A span typed wholly without marks keeps
 * every match, so the ambiguity stays visible.
 */
function closestWritten(text: NormalisedText, index: number, matching: readonly Candidate[]): Candidate[] {
  const exact = (entry: Candidate) =>
    entry.tokens.filter((token, offset) => text.tokens[index + offset] === token).length;
  const unmarked = matching[0]?.tokens.every(
    (_token, offset) => text.tokens[index + offset] === text.foldedTokens[index + offset],
  );
  if (unmarked) return [...matching];
  const best = Math.max(...matching.map(exact));
  return matching.filter((entry) => exact(entry) === best);
}

/** The level words of the commune tier (cấp xã), which citizens use for one another. */
const COMMUNE_TIER: ReadonlySet<Level> = new Set<Level>(['commune', 'ward', 'township']);

function choose(
  matching: readonly Candidate[],
  level: Level | undefined,
  prefer: 'former' | 'current',
): Candidate | undefined {
  const first = prefer === 'former' ? 'former' : 'current';
  const second = prefer === 'former' ? 'current' : 'former';
  if (level !== undefined) {
    // A level word must agree: "huyện Ninh Hải" is the former district, "xã Ninh Hải" the current
    // commune; "thị xã Ninh Hòa" names a unit this list does not hold, so nothing is guessed.
    const agreeing =
      matching.find((entry) => entry.kind === first && entry.level === level) ??
      matching.find((entry) => entry.kind === second && entry.level === level);
    if (agreeing || !COMMUNE_TIER.has(level)) return agreeing;
    // Within the commune tier people mix the words up: "xã Phước Dân" for what was thị trấn Phước
    // Dân. A unit of that tier with the name, and none of the level said, is the one meant.
    return (
      matching.find((entry) => entry.kind === first && COMMUNE_TIER.has(entry.level)) ??
      matching.find((entry) => entry.kind === second && COMMUNE_TIER.has(entry.level))
    );
  }
  const formerDistrict = (entry: Candidate) =>
    entry.kind === 'former' && (entry.level === 'city' || entry.level === 'district');
  // A bare name is the unit that bears it today; a former unit only when no current one does, or
  // when the message says it means the former one ("Phan Rang giờ là phường gì": the former city).
  if (prefer === 'former')
    return (
      matching.find(formerDistrict) ??
      matching.find((entry) => entry.kind === 'former') ??
      matching.find((entry) => entry.kind === 'current')
    );
  return (
    matching.find((entry) => entry.kind === 'current') ??
    matching.find(formerDistrict) ??
    matching.find((entry) => entry.kind === 'former')
  );
}

/**
 * Every administrative unit named in the message, in order of appearance. `readAsFormer`: the
 * conversation already asked for a former unit, so a name is read as the former one first.
 */
export function extractPlaces(text: NormalisedText, options: { readAsFormer?: boolean } = {}): PlaceMatch[] {
  const found: PlaceMatch[] = [];
  const cued = options.readAsFormer === true || mentionsFormerCue(text);
  for (let index = 0; index < text.foldedTokens.length; index++) {
    const first = text.foldedTokens[index];
    const entries = first === undefined ? undefined : BY_FIRST_SYLLABLE.get(first);
    if (!entries) continue;
    const longest = entries.find((entry) => matchesAt(text, index, entry));
    if (!longest) continue;
    const length = longest.tokens.length;
    const sameSpan = closestWritten(
      text,
      index,
      entries.filter((entry) => entry.tokens.length === length && matchesAt(text, index, entry)),
    );
    const qualifier = qualifierAfter(text, index + length);
    const prefer = qualifier ?? (cued ? 'former' : 'current');
    const level = levelBefore(text.foldedTokens, index);
    const chosen = choose(sameSpan, level, prefer);
    if (chosen && !found.some((place) => place.name === chosen.name)) {
      // Two former units that differ only by marks ("thanh hai": Thanh Hải or Thành Hải): say so.
      const ambiguousWith = sameSpan
        .filter(
          (entry) => entry.name !== chosen.name && entry.kind === chosen.kind && entry.level === chosen.level,
        )
        .map((entry) => entry.name);
      found.push({
        name: chosen.name,
        kind: chosen.kind,
        level: chosen.level,
        ...(chosen.code ? { code: chosen.code } : {}),
        matched: text.tokens.slice(index, index + length).join(' '),
        ...(qualifier ? { said: qualifier } : {}),
        ...(ambiguousWith.length > 0 ? { ambiguousWith } : {}),
      });
    }
    index += length - 1;
  }
  return found;
}

/** The first unit named in the message, with whether it is a current or a former one. */
export function extractPlace(text: NormalisedText): PlaceMatch | undefined {
  return extractPlaces(text)[0];
}

/**
 * The contract's `place` value: the canonical name ("Phường Phan Rang", "Huyện Ninh Hải (cũ)"). A
 * name borne by a former and a current unit alike ("xã Phước Hậu") is the current one unless the
 * message says it means the former ("xã Phước Hậu cũ", "xã Phước Hậu giờ thuộc xã nào").
 */
export function place(text: NormalisedText): string | undefined {
  return extractPlace(text)?.name;
}
