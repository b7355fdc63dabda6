import type { OutboundDelivery } from '../conversation/delivery';
import type { SessionRef } from '../conversation/model';
import { publicMessage } from '../conversation/public-message';
import type { Logger } from '../shared/logger';
import type { EscalationStore } from '../stores/escalation-store';
import { type ServerFrame, STAFF_TOPIC, sessionTopic } from './protocol';

/**
 * Where pushed frames go: an in-process fan-out on `npm start` (local-hub.ts), API Gateway's
 * Management API in AWS (api-gateway-notifier.ts). Publishing never fails the caller's work: the
 * store already holds what is pushed, and a page that missed a frame reads it on resubscribing.
 */
export interface Notifier {
  publish(topic: string, frame: ServerFrame): Promise<void>;
}

export const silentNotifier: Notifier = { publish: async () => {} };

/**
 * The web channel's delivery: messages appended outside the citizen's own turn (staff replies,
 * notices, system messages) go to the page's socket, with the conversation's state after them.
 */
export function pushDelivery(
  notifier: Notifier,
  stateOf: (ref: SessionRef) => Promise<string | undefined>,
  log: Logger,
): OutboundDelivery {
  return {
    async deliver(ref, messages) {
      try {
        const state = await stateOf(ref);
        await notifier.publish(sessionTopic(ref.userId), {
          type: 'messages',
          messages: messages.map(publicMessage),
          ...(state ? { state } : {}),
        });
      } catch (error) {
        log.warn('push_failed', { error });
      }
    },
  };
}

/**
 * The escalation store, signalling the staff console after every change (a new request, a claim, a
 * citizen's new message touching it), so the queue and an open conversation update without polling.
 */
export function signallingEscalations(
  store: EscalationStore,
  notifier: Notifier,
  log: Logger,
): EscalationStore {
  const signal = async (escalationId: string) => {
    try {
      await notifier.publish(STAFF_TOPIC, { type: 'staff_changed', escalationId });
    } catch (error) {
      log.warn('staff_signal_failed', { error });
    }
  };
  return {
    ...store,
    async create(...args) {
      const created = await store.create(...args);
      await signal(created.id);
      return created;
    },
    async update(...args) {
      const updated = await store.update(...args);
      await signal(args[0]);
      return updated;
    },
    async addNote(...args) {
      const added = await store.addNote(...args);
      await signal(args[0]);
      return added;
    },
  };
}
