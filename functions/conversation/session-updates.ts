import type { Clock } from '../shared/clock';
import type { Stores } from '../stores';
import { SessionBusyError } from './errors';
import { newSession, type Session, type SessionRef } from './model';
import { retryOnConflict } from './optimistic-retry';

export interface SessionAccess {
  /** The session as stored, or a new one (version 0) for a first message. */
  load(ref: SessionRef): Promise<Session>;
  /**
   * Applies a change outside a turn (a staff action) with optimistic concurrency: on a concurrent
   * save the change is applied again to the fresh session, a bounded number of times.
   */
  mutate(ref: SessionRef, change: (s: Session) => void): Promise<Session>;
}

export function sessionAccess(stores: Stores, clock: Clock): SessionAccess {
  const load = async (ref: SessionRef) =>
    (await stores.conversations.getSession(ref, clock.now())) ?? newSession(ref, clock.now());
  return {
    load,
    mutate: (ref, change) =>
      retryOnConflict(
        async () => {
          const session = await load(ref);
          change(session);
          return stores.conversations.saveSession(session, clock.now());
        },
        () => new SessionBusyError(),
      ),
  };
}
