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
      async create(...args) {
        const created = await stores.escalations.create(...args);
        metrics.count('Handoffs');
        return created;
      },
    },
    ratings: {
      ...stores.ratings,
      async addOnce(...args) {
        const recorded = await stores.ratings.addOnce(...args);
        if (recorded) metrics.count('Ratings');
        return recorded;
      },
    },
    unanswered: {
      ...stores.unanswered,
      async add(...args) {
        await stores.unanswered.add(...args);
        metrics.count('TurnsUnknown');
      },
    },
    conversations: {
      ...stores.conversations,
      async commitTurn(...args) {
        const committed = await stores.conversations.commitTurn(...args);
        const [, turn] = args;
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
