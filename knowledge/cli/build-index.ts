/**
 * `npm run kb:build`: catalogue (knowledge/data/catalogue.json) + curated layer (knowledge/curated/*.json)
 * → knowledge/data/kb.jsonl, the merged entries and their search index that the chat loads. Fails when a
 * curated entry does not match the schema (run `npm run kb:check` for the full list).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { buildKnowledgeBaseData } from '../build/build-knowledge-base';
import { readCuratedFiles } from '../build/curated-source';
import { inputHashOfDataFiles } from '../build/input-hash';
import { readCatalogue } from '../catalogue/catalogue-file';
import { dataPath } from '../data-files';
import { serialiseKnowledgeBase } from '../knowledge-base-file';
import { type KnowledgeEntry, KnowledgeEntrySchema } from '../schema';

function main(): void {
  const started = performance.now();
  const procedures = readCatalogue();
  const curated: KnowledgeEntry[] = [];
  let invalid = 0;
  for (const file of readCuratedFiles()) {
    if (file.error) {
      console.error(`knowledge/curated/${file.file}: ${file.error}`);
      invalid++;
    }
    file.entries.forEach((raw, i) => {
      const parsed = KnowledgeEntrySchema.safeParse(raw);
      if (parsed.success) curated.push(parsed.data);
      else {
        invalid++;
        console.error(
          `knowledge/curated/${file.file}[${i}]: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        );
      }
    });
  }
  if (invalid > 0) {
    console.error(`${invalid} curated problem(s); fix them (npm run kb:check lists all) and build again.`);
    process.exit(1);
  }
  const file = buildKnowledgeBaseData({ procedures, curated }, inputHashOfDataFiles());
  const path = dataPath('knowledgeBase');
  // Written beside and renamed over: a running server reads this file lazily by offset, and must never
  // see it half-written.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serialiseKnowledgeBase(file));
  renameSync(temporary, path);
  const size = readFileSync(path).length;
  console.log(
    `Built ${path}: ${file.entries.length} entries (${curated.length} curated, ` +
      `${Object.keys(file.redirects).length} catalogue procedures covered by them), ` +
      `${Object.keys(file.index.postings).length} terms, ${(size / 1e6).toFixed(1)} MB, ` +
      `${Math.round(performance.now() - started)} ms.`,
  );
}

main();
