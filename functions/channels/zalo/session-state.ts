import type { ChannelTurnHooks } from '../../conversation/citizen-turns';
import { SessionBusyError } from '../../conversation/errors';
import {
  type ChatMessage,
  type Inbound,
  newSession,
  type Session,
  type SessionRef,
  type ZaloSessionState,
} from '../../conversation/model';
import { retryOnConflict } from '../../conversation/optimistic-retry';
import type { ConversationStore } from '../../stores/conversation-store';
import type { ZaloChannelName } from './recipient-store';
import { numberedChoices, parseChoiceNumber } from './render';

/**
 * The per-citizen state a Zalo turn needs (the 7-day interaction clock, the takeover by an OA
 * admin, the last numbered list) lives in the session item (`Session.zalo`). The turn reads that
 * item and commits it anyway, so the state costs a turn no request: before issue 17 it was three
 * items of its own, read and written on every turn (a GetItem and a PutItem of the clock, a
 * GetItem of the takeover, a PutItem or DeleteItem of the choices). Changes outside a turn (an
 * admin's echo, the numbered list of a pushed notice) update the session with the same optimistic
 * concurrency as a turn; they are rare.
 */

/** A numbered list is answered within the day, or not at all. */
export const CHOICES_TTL_MS = 24 * 3_600_000;

/** The clock moves to `at`, never back: a late redelivery of an older event changes nothing. */
export function withInteraction(state: ZaloSessionState, at: Date): ZaloSessionState {
  const last = state.lastInteraction ? Date.parse(state.lastInteraction) : Number.NEGATIVE_INFINITY;
  return at.getTime() > last ? { ...state, lastInteraction: at.toISOString() } : state;
}

export function lastInteractionOf(state: ZaloSessionState | undefined): Date | undefined {
  return state?.lastInteraction ? new Date(state.lastInteraction) : undefined;
}

/** Until when the assistant is silent for this citizen; undefined when it is not. */
export function takenOverUntilOf(state: ZaloSessionState | undefined, now: Date): Date | undefined {
  if (!state?.takenOverUntil) return undefined;
  const until = new Date(state.takenOverUntil);
  return until.getTime() > now.getTime() ? until : undefined;
}

const isFresh = (at: string, now: Date) => now.getTime() - Date.parse(at) <= CHOICES_TTL_MS;

/** The payload of choice `n` (1-based) of a list kept as payloads, if `n` is in range and the list fresh. */
export function choiceOf(state: ZaloSessionState | undefined, n: number, now: Date): string | undefined {
  const choices = state?.choices;
  return choices && 'payloads' in choices && isFresh(choices.at, now) ? pick(choices.payloads, n) : undefined;
}

const pick = (payloads: string[] | undefined, n: number) =>
  payloads && Number.isInteger(n) && n >= 1 ? payloads[n - 1] : undefined;

/**
 * A numbered list replaces the previous one; newer buttons make an older list stale. A turn's list
 * is named by its message's id: the session commits that message anyway.
 */
export function withChoicesOf(
  state: ZaloSessionState,
  channel: ZaloChannelName,
  messages: ChatMessage[],
): ZaloSessionState {
  let next = state;
  for (const message of messages) {
    if (numberedChoices(channel, message)) next = { ...next, choices: { messageId: message.id } };
    else if (message.quickReplies?.length) {
      const { choices: _stale, ...rest } = next;
      next = rest;
    }
  }
  return next;
}

/**
 * The Zalo channel's part of a citizen's turn: the interaction clock moves forward, a takeover in
 * the OA manager silences the assistant, a bare number becomes the payload it stands for, and the
 * numbered list of the replies is remembered. All of it is committed with the turn.
 */
export function zaloTurnHooks(o: {
  channel: ZaloChannelName;
  /** When the citizen acted (Zalo's event time). */
  interactionAt: Date;
  now: Date;
  /** A message of the session's transcript (its last turn is in the session: no read for it). */
  messageOf: ConversationStore['messageOf'];
}): ChannelTurnHooks {
  /** A bare number answers the last numbered list: the turn reads that choice's payload. */
  async function resolveChoice(session: Session, inbound: Inbound): Promise<Inbound> {
    const choices = session.zalo?.choices;
    const n = inbound.kind === 'text' && choices ? parseChoiceNumber(inbound.text) : undefined;
    if (!choices || n === undefined) return inbound;
    let payload: string | undefined;
    if ('payloads' in choices) payload = choiceOf(session.zalo, n, o.now);
    else {
      // Usually the previous turn's reply, still in the session: no read.
      const listed = await o.messageOf(session, choices.messageId);
      if (listed && isFresh(listed.createdAt, o.now)) payload = pick(numberedChoices(o.channel, listed), n);
    }
    return payload ? { kind: 'text', text: payload } : inbound;
  }
  return {
    async prepare(session, inbound) {
      const next: Session = { ...session, zalo: withInteraction(session.zalo ?? {}, o.interactionAt) };
      // Only the OA has an OA manager whose admins can take a conversation over.
      if (o.channel === 'zalo' && takenOverUntilOf(next.zalo, o.now))
        return { session: next, inbound, silent: true };
      return { session: next, inbound: await resolveChoice(next, inbound) };
    },
    settle(session, replies) {
      const state = withChoicesOf(session.zalo ?? {}, o.channel, replies);
      return state === session.zalo ? session : { ...session, zalo: state };
    },
  };
}

/** The Zalo state of one conversation, read and changed outside a turn. */
export interface ZaloStateStore {
  read(ref: SessionRef): Promise<ZaloSessionState | undefined>;
  /** Applies `change` with optimistic concurrency (a turn saving meanwhile is not overwritten). */
  update(ref: SessionRef, now: Date, change: (state: ZaloSessionState) => ZaloSessionState): Promise<void>;
}

export function zaloStateStore(
  conversations: Pick<ConversationStore, 'getSession' | 'saveSession'>,
): ZaloStateStore {
  return {
    async read(ref) {
      return (await conversations.getSession(ref))?.zalo;
    },
    async update(ref, now, change) {
      await retryOnConflict(
        async () => {
          const session = (await conversations.getSession(ref, now)) ?? newSession(ref, now);
          const current = session.zalo ?? {};
          const state = change(current);
          if (state === current) return;
          await conversations.saveSession({ ...session, zalo: state }, now);
        },
        () => new SessionBusyError(),
      );
    },
  };
}
