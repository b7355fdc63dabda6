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
  /**
   * Records a rating once per target (an answer message or an escalation); false if the target was
   * already rated by another rating. With `id` (derived from the citizen's message) recording the
   * same rating again is idempotent: it completes a write that stopped half-way and returns true.
   */
  addOnce(targetKey: string, rating: Omit<Rating, 'id'>, id?: string): Promise<boolean>;
  /** Whether the target already has a rating (read before deciding what to answer). */
  isRated(targetKey: string): Promise<boolean>;
  between(fromIso: string, toIso: string): Promise<Rating[]>;
}

export function createRatingStore(table: TablePort): RatingStore {
  return {
    async addOnce(targetKey, input, id) {
      const rating: Rating = { ...input, id: id ?? newId() };
      try {
        await table.put({ pk: `RATED#${targetKey}`, sk: '-', ratingId: rating.id }, { ifNotExists: true });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        // Rated already: by this very rating (a repeated apply) it is finished below; else refused.
        const marker = await table.get(`RATED#${targetKey}`, '-');
        if (!id || marker?.ratingId !== id) return false;
      }
      await table.put({
        pk: `RATING#${rating.id}`,
        sk: 'META',
        gsi1pk: 'RATINGS',
        gsi1sk: `${rating.createdAt}#${rating.id}`,
        rating,
      });
      return true;
    },
    async isRated(targetKey) {
      return (await table.get(`RATED#${targetKey}`, '-')) !== undefined;
    },
    async between(fromIso, toIso) {
      const items = await table.query('RATINGS', { index: 'gsi1', between: [fromIso, `${toIso}\uffff`] });
      return items.map((i) => i.rating as Rating);
    },
  };
}
