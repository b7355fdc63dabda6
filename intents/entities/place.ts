import { CURRENT_UNITS } from '../data/places/current-units';
import { FORMER_NINH_THUAN_UNITS, type FormerLevel } from '../data/places/former-ninh-thuan';
import { canonicalAccented, foldDiacritics, type NormalisedText, syllables } from '../normalise';

type Level = 'ward' | 'commune' | 'special_zone' | FormerLevel | 'town' | 'urban_district';

export interface PlaceMatch {
  /** Canonical name from intents/data/places, the contract's `place` value. */
  name: string;
  /** `former`: a unit that no longer exists (Ninh Thuận before 1 July 2025); never mapped to a new one. */
  kind: 'current' | 'former';
  level: Level;
  /** Statistical code, for current units. */
  code?: string;
  /** The words of the message that named it. */
  matched: string;
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

function candidate(text: string, rest: Omit<Candidate, 'tokens' | 'foldedTokens'>): Candidate {
  const tokens = syllables(canonicalAccented(text));
  return { tokens, foldedTokens: tokens.map(foldDiacritics), ...rest };
}

const CANDIDATES: readonly Candidate[] = [
  ...CURRENT_UNITS.map((unit) =>
    candidate(unit.name.replace(CURRENT_PREFIX, ''), {
      name: unit.name,
      kind: 'current',
      level: unit.level,
      code: unit.code,
    }),
  ),
  ...FORMER_NINH_THUAN_UNITS.flatMap((unit) =>
    [unit.base, ...(unit.aliases ?? [])].map((text) =>
      candidate(text, { name: unit.name, kind: 'former', level: unit.level }),
    ),
  ),
];

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

function choose(matching: readonly Candidate[], level: Level | undefined): Candidate | undefined {
  if (level !== undefined) {
    // A level word must agree: "huyện Ninh Hải" is the former district, "xã Ninh Hải" the current
    // commune; "thị xã Ninh Hòa" names a unit this list does not hold, so nothing is guessed.
    return (
      matching.find((entry) => entry.kind === 'current' && entry.level === level) ??
      matching.find((entry) => entry.kind === 'former' && entry.level === level)
    );
  }
  // A bare name is the unit that bears it today; a former unit only when no current one does.
  return (
    matching.find((entry) => entry.kind === 'current') ??
    matching.find(
      (entry) => entry.kind === 'former' && (entry.level === 'city' || entry.level === 'district'),
    ) ??
    matching.find((entry) => entry.kind === 'former')
  );
}

/** Every administrative unit named in the message, in order of appearance. */
export function extractPlaces(text: NormalisedText): PlaceMatch[] {
  const found: PlaceMatch[] = [];
  for (let index = 0; index < text.foldedTokens.length; index++) {
    const first = text.foldedTokens[index];
    const entries = first === undefined ? undefined : BY_FIRST_SYLLABLE.get(first);
    if (!entries) continue;
    const longest = entries.find((entry) => matchesAt(text, index, entry));
    if (!longest) continue;
    const length = longest.tokens.length;
    const sameSpan = entries.filter(
      (entry) => entry.tokens.length === length && matchesAt(text, index, entry),
    );
    const chosen = choose(sameSpan, levelBefore(text.foldedTokens, index));
    if (chosen && !found.some((place) => place.name === chosen.name)) {
      found.push({
        name: chosen.name,
        kind: chosen.kind,
        level: chosen.level,
        ...(chosen.code ? { code: chosen.code } : {}),
        matched: text.tokens.slice(index, index + length).join(' '),
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

/** The contract's `place` value: the canonical name ("Phường Phan Rang", "Huyện Ninh Hải (cũ)"). */
export function place(text: NormalisedText): string | undefined {
  return extractPlace(text)?.name;
}
