import type { ProcedureRecord } from '../../knowledge/catalogue/procedure-record';
import type { KnowledgeEntry } from '../../knowledge/schema';
import { TEAMS } from '../conversation/teams';
import { addVietnamDays } from '../shared/vietnam-time';

/**
 * How long a checked fact stays trusted, per topic. Money and accounts change with each decree or
 * bank; contact details with each reorganisation; other procedures are re-checked yearly.
 */
export const DEFAULT_REVIEW_DAYS = 365;
export const REVIEW_DAYS_BY_TOPIC: Readonly<Record<string, number>> = {
  'thanh toán': 180,
  'tài khoản số': 180,
  'bảo hiểm': 180,
  'liên hệ': 180,
  'đất đai': 180,
};

export interface StaleEntry {
  id: string;
  title: string;
  topic?: string;
  team?: string;
  teamName: string;
  checkedAt: string;
  reviewBy: string;
}

export function reviewBy(entry: Pick<KnowledgeEntry, 'checkedAt' | 'topic'>): string {
  const days = (entry.topic && REVIEW_DAYS_BY_TOPIC[entry.topic]) || DEFAULT_REVIEW_DAYS;
  return addVietnamDays(entry.checkedAt, days);
}

/** Entries whose review-by date (a Vietnam day) has passed, most overdue first, with their owning team. */
export function staleEntries(layer: readonly KnowledgeEntry[], today: string): StaleEntry[] {
  return layer
    .map((e) => ({ e, due: reviewBy(e) }))
    .filter(({ due }) => due < today)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.e.id < b.e.id ? -1 : 1))
    .map(({ e, due }) => ({
      id: e.id,
      title: e.plainTitle ?? e.title,
      ...(e.topic ? { topic: e.topic } : {}),
      ...(e.team ? { team: e.team } : {}),
      teamName: TEAMS.find((t) => t.id === e.team)?.name ?? 'Chưa giao nhóm',
      checkedAt: e.checkedAt,
      reviewBy: due,
    }));
}

export interface CatalogueChanges {
  added: { code: string; title: string }[];
  changed: { code: string; title: string; fields: string[]; layered: boolean }[];
  removed: { code: string; title: string; layered: boolean }[];
}

/** What a citizen is told from the catalogue; the dates and the source label change on every import. */
const COMPARED: readonly (keyof ProcedureRecord)[] = [
  'title',
  'channels',
  'documentGroups',
  'documentsText',
  'steps',
  'conditions',
  'agencies',
  'receivingAddress',
  'legalBasis',
  'results',
];

/**
 * What a catalogue re-import changes, for a person to review: a procedure that has a curated layer and
 * changed or disappeared is flagged, since the province's text on top of it may no longer hold.
 */
export function diffCatalogue(
  before: readonly ProcedureRecord[],
  after: readonly ProcedureRecord[],
  layeredCodes: ReadonlySet<string>,
): CatalogueChanges {
  const old = new Map(before.map((p) => [p.code, p]));
  const next = new Map(after.map((p) => [p.code, p]));
  const changes: CatalogueChanges = { added: [], changed: [], removed: [] };
  for (const p of after) {
    const previous = old.get(p.code);
    if (!previous) {
      changes.added.push({ code: p.code, title: p.title });
      continue;
    }
    const fields: string[] = COMPARED.filter((f) => canonical(previous[f]) !== canonical(p[f]));
    if (fields.length)
      changes.changed.push({ code: p.code, title: p.title, fields, layered: layeredCodes.has(p.code) });
  }
  for (const p of before)
    if (!next.has(p.code))
      changes.removed.push({ code: p.code, title: p.title, layered: layeredCodes.has(p.code) });
  return changes;
}

/** JSON with keys in one order: a record read back through the schema may list its keys differently. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
