import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../../knowledge/data-files';
import type { CatalogueChanges } from './stale-content';

/**
 * `npm run kb:import` writes what the re-import changed here (knowledge/data/catalogue-changes.json),
 * and the console lists it for review: the new catalogue is never taken in silently.
 */
export const CATALOGUE_CHANGES_FILE = 'catalogue-changes.json';

export function readCatalogueChanges(
  dir = dataDir(),
): (CatalogueChanges & { importedAt?: string }) | undefined {
  const path = join(dir, CATALOGUE_CHANGES_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CatalogueChanges & { importedAt?: string };
  } catch {
    return undefined;
  }
}
