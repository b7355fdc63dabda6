import { createHash } from 'node:crypto';
import type { ProcedureRecord } from '../catalogue/procedure-record';
import { KNOWLEDGE_BASE_FORMAT, type KnowledgeBaseData } from '../knowledge-base-file';
import {
  buildIndex,
  DEFAULT_PARAMS,
  type IndexDocument,
  type IndexParams,
  wholeTitleKey,
} from '../retrieval/bm25f-index';
import { foldedTokens, runsOf } from '../retrieval/terms';
import type { KnowledgeEntry } from '../schema';
import { buildCorpus } from './merge-curated';

export interface BuildInput {
  procedures: ProcedureRecord[];
  curated: KnowledgeEntry[];
  params?: IndexParams;
}

function indexDocument(
  entry: KnowledgeEntry,
  extra: { titles: string[]; body: string } | undefined,
): IndexDocument {
  const titles = [entry.title, entry.plainTitle ?? '', ...(extra?.titles ?? [])];
  return {
    titleKeys: titles.map((t) => wholeTitleKey(foldedTokens(t))),
    title: titles.flatMap(runsOf),
    aliases: entry.aliases.flatMap(runsOf),
    meta: [
      entry.field ?? '',
      entry.topic ?? '',
      entry.kind === 'procedure' ? '' : (entry.summary ?? ''),
    ].flatMap(runsOf),
    body: runsOf(extra?.body ?? ''),
  };
}

export function buildKnowledgeBaseData(input: BuildInput, inputHash = ''): KnowledgeBaseData {
  const corpus = buildCorpus(input.procedures, input.curated);
  const docs = corpus.entries.map((e) => indexDocument(e, corpus.searchText[e.id]));
  return {
    inputHash,
    entries: corpus.entries,
    redirects: corpus.redirects,
    index: buildIndex(docs, input.params ?? DEFAULT_PARAMS),
  };
}

/** Hash of everything the build reads, so a stale kb.json is caught by `kb:check`. */
export function hashInputs(parts: string[]): string {
  const hash = createHash('sha256');
  hash.update(`format ${KNOWLEDGE_BASE_FORMAT}\n${JSON.stringify(DEFAULT_PARAMS)}\n`);
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}
