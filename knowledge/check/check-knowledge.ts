import type { CuratedFile } from '../build/curated-source';
import { CatalogueFileSchema, type ProcedureRecord } from '../catalogue/procedure-record';
import { procedureToEntry } from '../catalogue/to-entry';
import { type KnowledgeEntry, KnowledgeEntrySchema } from '../schema';
import { canonicalText } from '../text/display-text';

/**
 * Everything `npm run kb:check` verifies, as a pure function of the inputs so tests can feed it a bad
 * entry. Errors fail the check (and `npm test`); warnings are listed for the content team.
 */

export interface Problem {
  where: string;
  message: string;
}

export interface CheckInput {
  /** Parsed knowledge/data/catalogue.json (unknown: it is validated here). */
  catalogue: unknown;
  curatedFiles: CuratedFile[];
  /** YYYY-MM-DD, the day of the check. */
  today: string;
  /** The built kb.jsonl, when there is one: its input hash and entry count. */
  built?: { inputHash: string; count: number };
  /** Hash of the inputs as they are now, to compare with the built one. */
  currentHash?: string;
}

export interface CheckResult {
  errors: Problem[];
  warnings: Problem[];
  catalogueCount: number;
  curatedCount: number;
}

/** Entries whose facts nobody has checked for longer than this are listed. */
export const STALE_AFTER_MONTHS = 12;

function monthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0, fd = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

function displayTexts(entry: KnowledgeEntry): string[] {
  return [entry.title, entry.plainTitle ?? '', entry.summary ?? '', ...Object.values(entry.aspects)];
}

export function checkKnowledge(input: CheckInput): CheckResult {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (where: string, message: string) => errors.push({ where, message });
  const warn = (where: string, message: string) => warnings.push({ where, message });

  // The imported catalogue, and every entry it renders to.
  let procedures: ProcedureRecord[] = [];
  const catalogue = CatalogueFileSchema.safeParse(input.catalogue);
  if (!catalogue.success) {
    const issue = catalogue.error.issues[0];
    error('knowledge/data/catalogue.json', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  } else {
    procedures = catalogue.data.procedures;
    if (catalogue.data.count !== procedures.length) {
      error(
        'knowledge/data/catalogue.json',
        `count says ${catalogue.data.count}, file holds ${procedures.length}`,
      );
    }
  }
  const ids = new Map<string, string>();
  const codes = new Set<string>();
  for (const record of procedures) {
    const where = `catalogue ${record.code}`;
    const entry = KnowledgeEntrySchema.safeParse(procedureToEntry(record));
    if (!entry.success) error(where, entry.error.issues[0]?.message ?? 'invalid entry');
    if (ids.has(`proc.${record.code}`)) error(where, 'duplicate procedure code');
    ids.set(`proc.${record.code}`, where);
    codes.add(record.code);
  }

  // The curated layer.
  const byCode = new Map<string, string[]>();
  let curatedCount = 0;
  for (const file of input.curatedFiles) {
    const path = `knowledge/curated/${file.file}`;
    if (file.error) error(path, file.error);
    file.entries.forEach((raw, i) => {
      const rawId = (raw as { id?: unknown })?.id;
      const where = `${path}[${i}]${typeof rawId === 'string' ? ` ${rawId}` : ''}`;
      const parsed = KnowledgeEntrySchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 3))
          error(where, `${issue.path.join('.') || '(entry)'}: ${issue.message}`);
        return;
      }
      curatedCount++;
      const entry = parsed.data;
      if (entry.kind === 'procedure')
        error(where, 'kind "procedure" is for imported catalogue records; use "curated" or "faq"');
      if (entry.kind === 'curated' && !entry.id.startsWith('cur.'))
        error(where, 'a curated entry id starts with "cur."');
      if (entry.kind === 'faq' && !entry.id.startsWith('faq.'))
        error(where, 'a FAQ entry id starts with "faq."');
      const previous = ids.get(entry.id);
      if (previous) error(where, `duplicate id ${entry.id} (also ${previous})`);
      ids.set(entry.id, where);
      if (entry.code) {
        if (!codes.has(entry.code) && procedures.length > 0) {
          warn(
            where,
            `code ${entry.code} is not in the catalogue snapshot: its missing aspects cannot be filled from it`,
          );
        }
        byCode.set(entry.code, [...(byCode.get(entry.code) ?? []), entry.id]);
      }
      if (entry.checkedAt > input.today) error(where, `checkedAt ${entry.checkedAt} is in the future`);
      else if (monthsBetween(entry.checkedAt, input.today) >= STALE_AFTER_MONTHS) {
        warn(where, `not checked since ${entry.checkedAt} (more than ${STALE_AFTER_MONTHS} months)`);
      }
      if (!entry.sourceUrl.startsWith('https://'))
        warn(where, `source link is not https: ${entry.sourceUrl}`);
      for (const link of entry.links)
        if (!link.url.startsWith('https://')) warn(where, `link is not https: ${link.url}`);
      if (entry.links.length !== new Set(entry.links.map((l) => l.url)).size)
        warn(where, 'the same link twice');
      if (Object.keys(entry.aspects).length === 0 && !entry.code && !entry.summary) {
        warn(where, 'no summary and no aspect: the assistant has nothing to answer with');
      }
      if (displayTexts(entry).some((t) => t !== canonicalText(t))) {
        warn(where, 'text not in canonical form (NFC, tone placement hòa/khỏe/thủy)');
      }
    });
  }
  for (const [code, entryIds] of byCode) {
    if (entryIds.length > 1) warn(`code ${code}`, `several curated entries cover it: ${entryIds.join(', ')}`);
  }

  // The built file the chat loads.
  if (!input.built) {
    error('knowledge/data/kb.jsonl', 'missing; run npm run kb:build');
  } else if (input.currentHash !== undefined && input.built.inputHash !== input.currentHash) {
    error(
      'knowledge/data/kb.jsonl',
      'built from other inputs than the current catalogue and curated files; run npm run kb:build',
    );
  }
  return { errors, warnings, catalogueCount: procedures.length, curatedCount };
}
