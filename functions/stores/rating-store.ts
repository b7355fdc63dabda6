import type { Channel } from '../conversation/model';
import { newId } from '../shared/ids';
import { ConditionFailedError, type TablePort } from './table-port';

export interface Rating {
  id: string;
  /** `answer`: Hữu ích / Chưa hữu ích on a bot answer. `handoff`: five levels after a staff conversation. */
  kind: 'answer' | 'handoff';
  /** 1–5. A helpful answer counts as 5, an unhelpful one as 1 (see README: how ratings are counted). */
  score: number;
  satisfied: boolean;
  channel: Channel;
  intent?: string;
  entryId?: string;
  entryTitle?: string;
  team?: string;
  staffId?: string;
  escalationId?: string;
  comment?: string;
  createdAt: string;
}

export interface RatingStore {
  /** Records a rating once per target (an answer message or an escalation); false if already rated. */
  addOnce(targetKey: string, rating: Omit<Rating, 'id'>): Promise<boolean>;
  between(fromIso: string, toIso: string): Promise<Rating[]>;
}

export function createRatingStore(table: TablePort): RatingStore {
  return {
    async addOnce(targetKey, input) {
      try {
        await table.put({ pk: `RATED#${targetKey}`, sk: '-' }, { ifNotExists: true });
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
      const rating: Rating = { ...input, id: newId() };
      await table.put({
        pk: `RATING#${rating.id}`,
        sk: 'META',
        gsi1pk: 'RATINGS',
        gsi1sk: `${rating.createdAt}#${rating.id}`,
        rating,
      });
      return true;
    },
    async between(fromIso, toIso) {
      const items = await table.query('RATINGS', { index: 'gsi1', between: [fromIso, `${toIso}\uffff`] });
      return items.map((i) => i.rating as Rating);
    },
  };
}
