/**
 * `npm run kb:check` (part of `npm test`): the schema of every entry (catalogue and curated), duplicate
 * ids, links, curated codes missing from the catalogue, entries not checked for 12 months, and whether
 * the built kb.jsonl matches its inputs. Exits non-zero on errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { vietnamDate } from '../../functions/shared/vietnam-time';
import { readCuratedFiles } from '../build/curated-source';
import { inputHashOfDataFiles } from '../build/input-hash';
import { checkKnowledge, type Problem } from '../check/check-knowledge';
import { dataPath } from '../data-files';
import { readKnowledgeBase } from '../knowledge-base';

function builtInfo(): { inputHash: string; count: number } | undefined {
  const path = dataPath('knowledgeBase');
  if (!existsSync(path)) return undefined;
  try {
    const kb = readKnowledgeBase(path);
    return { inputHash: kb.inputHash, count: kb.size };
  } catch (error) {
    console.error(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function print(label: string, problems: Problem[], limit: number): void {
  if (problems.length === 0) return;
  console.log(`${label} (${problems.length}):`);
  for (const p of problems.slice(0, limit)) console.log(`  ${p.where}: ${p.message}`);
  if (problems.length > limit) console.log(`  … and ${problems.length - limit} more`);
}

function main(): void {
  const cataloguePath = dataPath('catalogue');
  const catalogue = existsSync(cataloguePath) ? JSON.parse(readFileSync(cataloguePath, 'utf8')) : undefined;
  const result = checkKnowledge({
    catalogue,
    curatedFiles: readCuratedFiles(),
    today: vietnamDate(new Date()),
    built: builtInfo(),
    currentHash: catalogue ? inputHashOfDataFiles() : undefined,
  });
  print('Errors', result.errors, 50);
  print('Warnings', result.warnings, 30);
  console.log(
    `kb:check: ${result.catalogueCount} catalogue procedures, ${result.curatedCount} curated entries; ` +
      `${result.errors.length} error(s), ${result.warnings.length} warning(s).`,
  );
  if (result.errors.length > 0) process.exit(1);
}

main();
