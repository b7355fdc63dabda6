import { ASPECT_QUICK_REPLIES, composeAnswer } from '../../knowledge/answer';
import { mergeCurated } from '../../knowledge/build/merge-curated';
import type { ProcedureRecord } from '../../knowledge/catalogue/procedure-record';
import { procedureToEntry } from '../../knowledge/catalogue/to-entry';
import type { KnowledgeEntry } from '../../knowledge/schema';
import { renderForOa } from '../channels/zalo/render';

type Aspect = Parameters<typeof composeAnswer>[1];

export interface AnswerPreview {
  web: { text: string; links: { title: string; url: string }[]; quickReplies: string[] };
  zalo: { parts: string[]; buttons: string[] };
}

/**
 * The answer a citizen would get from an entry, as the chat page and the Zalo OA show it: the same
 * composer and the same OA rendering the assistant uses, with the catalogue filling what a curated
 * layer leaves out, exactly as the published index will merge them.
 */
export function previewAnswer(
  entry: KnowledgeEntry,
  procedure: ProcedureRecord | undefined,
  aspect?: NonNullable<Aspect>,
): AnswerPreview {
  const served = procedure ? mergeCurated(procedureToEntry(procedure), entry) : entry;
  const answer = composeAnswer(served, aspect);
  const quickReplies = [
    ...answer.otherAspects.slice(0, 3).map((a) => ASPECT_QUICK_REPLIES[a]),
    'Hữu ích',
    'Chưa hữu ích',
  ];
  const oa = renderForOa({
    id: 'preview',
    from: 'bot',
    text: answer.text,
    createdAt: '1970-01-01T00:00:00.000Z',
    quickReplies: quickReplies.map((title) => ({ title, payload: title })),
    links: answer.links,
  });
  return {
    web: { text: answer.text, links: answer.links, quickReplies },
    zalo: {
      parts: oa.parts,
      buttons: oa.buttons.map((b) => b.title),
    },
  };
}
