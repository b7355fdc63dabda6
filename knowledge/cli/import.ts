/**
 * `npm run kb:import [-- --source <procedures.jsonl>]`: the national catalogue into the project's own
 * format (knowledge/data/catalogue.json + the gzipped original texts). Idempotent: records are sorted by
 * code and written deterministically. Prints what it could not parse.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOGUE_CHANGES_FILE } from '../../functions/authoring/catalogue-changes-file';
import { diffCatalogue } from '../../functions/authoring/stale-content';
import { readCuratedFiles } from '../build/curated-source';
import { readCatalogue, serialiseCatalogue } from '../catalogue/catalogue-file';
import { CATALOGUE_SNAPSHOT_DATE, type ImportedRecord, importRecord } from '../catalogue/import-record';
import { serialiseOriginals } from '../catalogue/originals';
import type { ProcedureRecord } from '../catalogue/procedure-record';
import { SourceRecordSchema } from '../catalogue/source-record';
import { dataPath } from '../data-files';

const DEFAULT_SOURCE = resolve(process.cwd(), '../shared/data/tthc/procedures.jsonl');
const SOURCE_LABEL = 'dichvucong.gov.vn via chatbot-tthc/chatbot_tthc (../shared/data/tthc/procedures.jsonl)';

function main(): void {
  const { values } = parseArgs({ options: { source: { type: 'string', default: DEFAULT_SOURCE } } });
  const source = values.source ?? DEFAULT_SOURCE;
  const lines = readFileSync(source, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

  const imported: ImportedRecord[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const parsed = SourceRecordSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      rejected.push(`line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    if (!/^\d\.\d{6}$/u.test(parsed.data.ma_thu_tuc.trim())) {
      rejected.push(`line ${i + 1}: procedure code "${parsed.data.ma_thu_tuc}" is not d.dddddd`);
      continue;
    }
    if (seen.has(parsed.data.ma_thu_tuc)) {
      rejected.push(`line ${i + 1}: duplicate code ${parsed.data.ma_thu_tuc}`);
      continue;
    }
    seen.add(parsed.data.ma_thu_tuc);
    imported.push(importRecord(parsed.data));
  }
  imported.sort((a, b) => a.record.code.localeCompare(b.record.code));

  const cataloguePath = dataPath('catalogue');
  mkdirSync(dirname(cataloguePath), { recursive: true });
  recordChanges(
    cataloguePath,
    imported.map((r) => r.record),
  );
  writeFileSync(
    cataloguePath,
    serialiseCatalogue({
      source: SOURCE_LABEL,
      snapshotDate: CATALOGUE_SNAPSHOT_DATE,
      count: imported.length,
      procedures: imported.map((r) => r.record),
    }),
  );
  writeFileSync(dataPath('originals'), serialiseOriginals(imported.map((r) => r.originals)));
  report(lines.length, imported, rejected, cataloguePath);
}

/**
 * What this import changes against the catalogue it replaces, written beside it for staff to review
 * (the console's "Cơ sở tri thức" tab): new, changed and removed procedures, flagged where a curated
 * layer sits on them.
 */
function recordChanges(cataloguePath: string, next: ProcedureRecord[]): void {
  if (!existsSync(cataloguePath)) return;
  let before: ProcedureRecord[];
  try {
    before = readCatalogue(cataloguePath);
  } catch {
    return;
  }
  const layered = new Set(
    readCuratedFiles()
      .flatMap((f) => f.entries)
      .map((e) => (e as { code?: unknown }).code)
      .filter((c): c is string => typeof c === 'string'),
  );
  const changes = diffCatalogue(before, next, layered);
  writeFileSync(
    join(dirname(cataloguePath), CATALOGUE_CHANGES_FILE),
    `${JSON.stringify({ importedAt: new Date().toISOString(), ...changes }, null, 1)}\n`,
  );
  console.log(
    `  changes for review: ${changes.added.length} new, ${changes.changed.length} changed ` +
      `(${changes.changed.filter((c) => c.layered).length} with a curated layer), ${changes.removed.length} removed`,
  );
}

function report(total: number, imported: ImportedRecord[], rejected: string[], path: string): void {
  const records = imported.map((r) => r.record);
  const channels = records.flatMap((r) => r.channels);
  const count = (pred: (x: (typeof channels)[number]) => boolean) => channels.filter(pred).length;
  console.log(`Imported ${imported.length} of ${total} records → ${path}`);
  console.log(
    `  channels: ${channels.length} (time limit with unit ${count((c) => c.duration?.unit != null)}, ` +
      `number without unit ${count((c) => c.duration !== null && c.duration.unit === null)}, none ${count((c) => c.duration === null)}; ` +
      `fee free ${count((c) => c.fee.kind === 'free')}, amount ${count((c) => c.fee.kind === 'amount')}, ` +
      `unknown ${count((c) => c.fee.kind === 'unknown')}, unparsed ${count((c) => c.fee.kind === 'unparsed')})`,
  );
  const items = records.reduce(
    (n, r) => n + r.documentGroups.reduce((m, g) => m + g.items.length + (g.more ?? 0), 0),
    0,
  );
  console.log(
    `  documents: ${items} items in ${records.reduce((n, r) => n + r.documentGroups.length, 0)} tables; ` +
      `${records.filter((r) => r.documentGroups.length === 0).length} records without a readable table`,
  );
  console.log(`  steps: ${records.reduce((n, r) => n + r.steps.length, 0)}`);
  if (rejected.length > 0) {
    console.log(`Rejected ${rejected.length} lines:`);
    for (const r of rejected.slice(0, 10)) console.log(`  ${r}`);
  }
  const byProblem = new Map<string, string[]>();
  for (const r of imported) {
    for (const p of new Set(r.problems)) byProblem.set(p, [...(byProblem.get(p) ?? []), r.record.code]);
  }
  if (byProblem.size === 0) return;
  console.log('Could not parse (original text kept in catalogue-originals.jsonl.gz):');
  for (const [problem, codes] of [...byProblem].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(codes.length).padStart(4)} × ${problem} — e.g. ${codes.slice(0, 4).join(', ')}`);
  }
}

main();
