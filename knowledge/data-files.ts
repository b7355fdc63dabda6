import { fileURLToPath } from 'node:url';

/**
 * Where the knowledge files live. Resolved from this module so the CLIs, the tests and the local server
 * agree; a bundled Lambda passes its own directory (or sets KNOWLEDGE_DATA_DIR) because the bundle sits
 * elsewhere than the sources.
 */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const CURATED_DIR = fileURLToPath(new URL('./curated/', import.meta.url));

export const DATA_FILES = {
  /** `npm run kb:import` output: the catalogue in the project's own format. */
  catalogue: 'catalogue.json',
  /** Full source texts of the parsed fields, gzipped JSON lines, read only on demand. */
  originals: 'catalogue-originals.jsonl.gz',
  /** `npm run kb:build` output: merged entries + search index, what the chat loads (see knowledge-base-file.ts). */
  knowledgeBase: 'kb.jsonl',
} as const;

export function dataDir(): string {
  return process.env.KNOWLEDGE_DATA_DIR ?? DEFAULT_DATA_DIR;
}

export function dataPath(file: keyof typeof DATA_FILES, dir = dataDir()): string {
  return `${dir.replace(/\/?$/u, '/')}${DATA_FILES[file]}`;
}
