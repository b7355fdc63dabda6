import type { Channel } from '../conversation/model';
import { newId } from '../shared/ids';
import { ConditionFailedError, type TablePort } from './table-port';

/** A question the assistant could not answer, kept (with personal data masked) to improve the knowledge base. */
export interface UnansweredQuestion {
  id: string;
  /** Masked text: phones, ids and e-mails replaced before it is stored. */
  text: string;
  intent: string;
  confidence: number;
  channel: Channel;
  createdAt: string;
}

export interface UnansweredStore {
  /** With `id` (derived from the citizen's message) adding the same question again is a no-op. */
  add(q: Omit<UnansweredQuestion, 'id'>, id?: string): Promise<void>;
  between(fromIso: string, toIso: string): Promise<UnansweredQuestion[]>;
}

export function createUnansweredStore(table: TablePort): UnansweredStore {
  return {
    async add(input, id) {
      const q: UnansweredQuestion = { ...input, id: id ?? newId() };
      try {
        await table.put(
          { pk: `UNANSWERED#${q.id}`, sk: 'META', gsi1pk: 'UNANSWERED', gsi1sk: `${q.createdAt}#${q.id}`, q },
          { ifNotExists: true },
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    },
    async between(fromIso, toIso) {
      const items = await table.query('UNANSWERED', { index: 'gsi1', between: [fromIso, `${toIso}\uffff`] });
      return items.map((i) => i.q as UnansweredQuestion);
    },
  };
}
