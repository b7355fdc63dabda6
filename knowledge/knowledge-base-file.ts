import { z } from 'zod';
import type { SerialisedIndex } from './retrieval/bm25f-index';
import type { KnowledgeEntry } from './schema';

/** What `npm run kb:build` writes and the chat loads: merged entries plus their search index. */
export const KNOWLEDGE_BASE_FORMAT = 1;

export interface KnowledgeBaseFile {
  format: typeof KNOWLEDGE_BASE_FORMAT;
  /** Hash of the inputs (catalogue, curated files, index parameters); `kb:check` tells when it is stale. */
  inputHash: string;
  entries: KnowledgeEntry[];
  /** `proc.<code>` covered by a curated entry → that entry's id. */
  redirects: Record<string, string>;
  /** Document i of the index is entries[i]. */
  index: SerialisedIndex;
}

/** Shape check of the envelope (entries are checked one by one with their own schema in `kb:check`). */
export const KnowledgeBaseFileEnvelope = z.object({
  format: z.literal(KNOWLEDGE_BASE_FORMAT),
  inputHash: z.string(),
  entries: z.array(z.unknown()),
  redirects: z.record(z.string(), z.string()),
  index: z.object({ docCount: z.number().int(), postings: z.record(z.string(), z.array(z.number())) }),
});
