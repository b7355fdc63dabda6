/**
 * The knowledge base, as the rest of the project sees it: load it, search it, tell whether a hit fits,
 * and turn an entry into a chat answer.
 */
export {
  ANSWER_MAX_CHARS,
  ASPECT_NAMES,
  ASPECT_QUICK_REPLIES,
  type ComposedAnswer,
  composeAnswer,
} from './answer';
export { benchKnowledge, type KnowledgeBench } from './eval/bench';
export {
  createKnowledgeBase,
  LoadedKnowledgeBase,
  loadKnowledgeBase,
  readKnowledgeBase,
  type SearchOptions,
} from './knowledge-base';
export {
  AMBIGUITY_RATIO,
  CONFIDENT_COVERAGE,
  closeHits,
  hitLabel,
  isAmbiguous,
  isConfidentMatch,
} from './retrieval/confidence';
export type { KnowledgeBase, KnowledgeEntry, KnowledgeHit } from './schema';
