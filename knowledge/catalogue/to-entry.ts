import { feeSchedule } from '../facts/fee-schedule';
import type { KnowledgeEntry } from '../schema';
import type { ProcedureRecord } from './procedure-record';
import { renderAspects, renderSummary } from './render-aspects';

/** A catalogue procedure as a knowledge entry (`proc.<code>`), aspects rendered for the chat. */
export function procedureToEntry(record: ProcedureRecord): KnowledgeEntry {
  const entry: KnowledgeEntry = {
    id: `proc.${record.code}`,
    kind: 'procedure',
    code: record.code,
    title: record.title,
    summary: renderSummary(record),
    aliases: [],
    field: record.field || undefined,
    level: record.levels.join(', ') || undefined,
    agencies: record.agencies,
    aspects: renderAspects(record),
    feeSchedule: feeSchedule(record),
    legalBasis: record.legalBasis.length > 0 ? record.legalBasis.join('; ') : undefined,
    sourceUrl: record.sourceUrl,
    checkedAt: record.checkedAt,
    links: [],
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as KnowledgeEntry;
}

/** Text that helps retrieval but is not shown: what the procedure produces and who it is for. */
export function procedureSearchText(record: ProcedureRecord): string {
  return [...record.results, record.audience ?? ''].join(' . ');
}
