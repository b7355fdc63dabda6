import { decodePayload } from '../conversation/payloads';
import type { Metrics } from '../shared/metrics';
import type { Stores } from '../stores';

/**
 * The stores, counting what operations watch at the one place each thing is written: a hand-off
 * when an escalation is created, a rating when one is recorded, an unknown question when it is
 * filed, and a turn's outcome (answered from an entry, or a choice offered) when it is committed.
 */
export function meteredStores(stores: Stores, metrics: Metrics): Stores {
  return {
    ...stores,
    escalations: {
      ...stores.escalations,
      async create(e) {
        const created = await stores.escalations.create(e);
        metrics.count('Handoffs');
        return created;
      },
    },
    ratings: {
      ...stores.ratings,
      async addOnce(key, rating) {
        const recorded = await stores.ratings.addOnce(key, rating);
        if (recorded) metrics.count('Ratings');
        return recorded;
      },
    },
    unanswered: {
      ...stores.unanswered,
      async add(q) {
        await stores.unanswered.add(q);
        metrics.count('TurnsUnknown');
      },
    },
    conversations: {
      ...stores.conversations,
      async commitTurn(session, turn, now) {
        const committed = await stores.conversations.commitTurn(session, turn, now);
        const replies = turn.messages.filter((m) => m.from === 'bot');
        if (replies.some((m) => m.entryId)) metrics.count('TurnsAnswered');
        else if (replies.some((m) => m.quickReplies?.some((q) => isEntryChoice(q.payload))))
          metrics.count('TurnsChoose');
        return committed;
      },
    },
  };
}

function isEntryChoice(payload: string): boolean {
  const p = decodePayload(payload);
  return p?.type === 'entry' || p?.type === 'aspect';
}
