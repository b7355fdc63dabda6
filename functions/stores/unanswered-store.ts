import type { Channel } from '../conversation/model';
import { newId } from '../shared/ids';
import type { TablePort } from './table-port';

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
  add(q: Omit<UnansweredQuestion, 'id'>): Promise<void>;
  between(fromIso: string, toIso: string): Promise<UnansweredQuestion[]>;
  get(id: string): Promise<UnansweredQuestion | undefined>;
}

export function createUnansweredStore(table: TablePort): UnansweredStore {
  return {
    async add(input) {
      const q: UnansweredQuestion = { ...input, id: newId() };
      await table.put({
        pk: `UNANSWERED#${q.id}`,
        sk: 'META',
        gsi1pk: 'UNANSWERED',
        gsi1sk: `${q.createdAt}#${q.id}`,
        q,
      });
    },
    async get(id) {
      return (await table.get(`UNANSWERED#${id}`, 'META'))?.q as UnansweredQuestion | undefined;
    },
    async between(fromIso, toIso) {
      const items = await table.query('UNANSWERED', { index: 'gsi1', between: [fromIso, `${toIso}\uffff`] });
      return items.map((i) => i.q as UnansweredQuestion);
    },
  };
}
