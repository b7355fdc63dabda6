import { readFileSync } from 'node:fs';
import { dataPath } from '../data-files';
import { type CatalogueFile, CatalogueFileSchema, type ProcedureRecord } from './procedure-record';

/**
 * One procedure per line inside a JSON document: diffs of a re-import stay readable, and the file is
 * smaller than pretty-printed JSON.
 */
export function serialiseCatalogue(file: CatalogueFile): string {
  const head = JSON.stringify({
    source: file.source,
    snapshotDate: file.snapshotDate,
    count: file.count,
  }).slice(0, -1);
  const lines = file.procedures.map((p) => JSON.stringify(p));
  return `${head},"procedures":[\n${lines.join(',\n')}\n]}\n`;
}

export function readCatalogue(path = dataPath('catalogue')): ProcedureRecord[] {
  return CatalogueFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).procedures;
}
