import { readCuratedFiles } from '../../knowledge/build/curated-source';
import { readCatalogue } from '../../knowledge/catalogue/catalogue-file';
import type { ProcedureRecord } from '../../knowledge/catalogue/procedure-record';
import { type KnowledgeEntry, KnowledgeEntrySchema } from '../../knowledge/schema';
import type { PublishedEntry } from './authoring-store';

/**
 * What a snapshot is built from: the imported catalogue and the curated files of the repository
 * (the layer as shipped), overlaid by what staff have published since.
 */
export interface KnowledgeSources {
  procedures(): readonly ProcedureRecord[];
  curatedFiles(): readonly KnowledgeEntry[];
}

/** The repository's files, read once per process (the catalogue is ~10 MB of JSON, ~0.5 s). */
export function fileKnowledgeSources(): KnowledgeSources {
  let procedures: ProcedureRecord[] | undefined;
  let curated: KnowledgeEntry[] | undefined;
  return {
    procedures: () => {
      procedures ??= readCatalogue();
      return procedures;
    },
    curatedFiles: () => {
      // Files that do not pass the schema are refused by `kb:check` in CI; here they are skipped
      // rather than blocking every publish.
      curated ??= readCuratedFiles().flatMap((f) =>
        f.entries.flatMap((raw) => {
          const parsed = KnowledgeEntrySchema.safeParse(raw);
          return parsed.success ? [parsed.data] : [];
        }),
      );
      return curated;
    },
  };
}

export function staticKnowledgeSources(
  procedures: readonly ProcedureRecord[],
  curated: readonly KnowledgeEntry[],
): KnowledgeSources {
  return { procedures: () => procedures, curatedFiles: () => curated };
}

/**
 * The curated layer to build: each published entry replaces the file entry of the same id (keeping
 * its place, which decides which curated entry names a procedure code first) or joins at the end.
 */
export function effectiveCurated(
  files: readonly KnowledgeEntry[],
  published: readonly Pick<PublishedEntry, 'entryId' | 'entry'>[],
): KnowledgeEntry[] {
  const byId = new Map(published.map((p) => [p.entryId, p.entry]));
  const out = files.map((f) => byId.get(f.id) ?? f);
  const fileIds = new Set(files.map((f) => f.id));
  for (const p of published) if (!fileIds.has(p.entryId)) out.push(p.entry);
  return out;
}
