import { foldDiacritics, normalise } from '../../intents/normalise';
import { vietnamDateOfIso, vietnamWeekStart } from '../shared/vietnam-time';
import type { Rating } from '../stores/rating-store';
import type { UnansweredQuestion } from '../stores/unanswered-store';

export interface Tally {
  ratings: number;
  satisfied: number;
  rate: number;
}

const tally = (rs: Rating[]): Tally => {
  const satisfied = rs.filter((r) => r.satisfied).length;
  return {
    ratings: rs.length,
    satisfied,
    rate: rs.length ? Math.round((satisfied / rs.length) * 1000) / 1000 : 0,
  };
};

function groupBy(rs: Rating[], key: (r: Rating) => string | undefined): Record<string, Tally> {
  const groups = new Map<string, Rating[]>();
  for (const r of rs) {
    const k = key(r) ?? 'khác';
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return Object.fromEntries(
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, tally(v)]),
  );
}

const weekOf = (isoInstant: string): string => vietnamWeekStart(new Date(isoInstant));

/**
 * The satisfaction report. Ratings on five levels count 4 and 5 as satisfied (contract); an answer
 * marked "Hữu ích" counts as satisfied and "Chưa hữu ích" as not.
 */
export function satisfactionReport(
  ratings: Rating[],
  escalatedShare?: { conversations: number; escalated: number },
) {
  const base = tally(ratings);
  return {
    ...base,
    byIntent: groupBy(ratings, (r) => r.intent),
    byChannel: groupBy(ratings, (r) => r.channel),
    byDay: groupBy(ratings, (r) => vietnamDateOfIso(r.createdAt)),
    byWeek: groupBy(ratings, (r) => weekOf(r.createdAt)),
    byProcedure: groupBy(ratings, (r) => r.entryTitle ?? r.entryId),
    byTeam: groupBy(ratings, (r) => r.team),
    byMode: {
      bot: tally(ratings.filter((r) => r.kind === 'answer')),
      staff: tally(ratings.filter((r) => r.kind === 'handoff')),
    },
    answeredWithoutStaffShare:
      escalatedShare && escalatedShare.conversations > 0
        ? Math.round((1 - escalatedShare.escalated / escalatedShare.conversations) * 1000) / 1000
        : null,
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@]/u.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/gu, '""')}"`;
};

export function ratingsCsv(ratings: Rating[]): string {
  const header = [
    'createdAt',
    'kind',
    'score',
    'satisfied',
    'channel',
    'intent',
    'entryId',
    'entryTitle',
    'team',
    'staffId',
  ];
  const rows = ratings.map((r) =>
    [
      r.createdAt,
      r.kind,
      r.score,
      r.satisfied,
      r.channel,
      r.intent,
      r.entryId,
      r.entryTitle,
      r.team,
      r.staffId,
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/** Groups unanswered questions by their most telling words so the knowledge base can be improved. */
const FILLER = new Set([
  'toi',
  'muon',
  'hoi',
  'cho',
  'minh',
  'la',
  'thi',
  'co',
  'khong',
  'can',
  'gi',
  'ad',
  'a',
  'oi',
  'vay',
  'nhe',
  'the',
  'nao',
  'lam',
  'sao',
  'de',
  'duoc',
  've',
  'cua',
  'va',
  'em',
  'anh',
  'chi',
  'ban',
  'xin',
  'chao',
  'o',
  'dau',
  'bao',
  'nhieu',
  'lau',
]);
export function groupUnanswered(qs: UnansweredQuestion[], maxGroups = 30) {
  const groups = new Map<string, { label: string; count: number; examples: string[] }>();
  for (const q of qs) {
    const words = normalise(q.text).foldedTokens.filter((t) => t.length > 1 && !FILLER.has(t));
    const key = words.slice(0, 3).sort().join(' ') || foldDiacritics(q.text).slice(0, 20);
    const g = groups.get(key) ?? { label: key, count: 0, examples: [] };
    g.count += 1;
    if (g.examples.length < 5) g.examples.push(q.text);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, maxGroups);
}
