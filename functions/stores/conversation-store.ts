import type { Effect } from '../conversation/effects';
import type { ChatMessage, Session, SessionRef } from '../conversation/model';
import { newSession, sessionKey } from '../conversation/model';
import { addDays, epochSeconds } from '../shared/clock';
import { ConditionFailedError, type TablePort } from './table-port';

/** How many answered channel events a session remembers for de-duplicating redeliveries. */
const RECENT_EVENTS = 20;
/** Attempts at re-recording messages whose projection failed, before giving up loudly. */
const CARRY_ATTEMPTS = 5;

export interface TurnRecord {
  /** The citizen's message and the replies, in order. */
  messages: ChatMessage[];
  /** The channel's id of the event that caused the turn, when it has one. */
  eventKey?: string;
  /** The turn's effects, kept with the commit so that a failed application can be repeated. */
  effects?: Effect[];
}

/**
 * What became of the previous turn's transcript items during a commit: written, carried in the
 * session for the next commit, or (the store failing again and again) neither — logged loudly.
 * Never an error: the turn itself is committed, and failing it would make the citizen send it again.
 */
export type ProjectionOutcome = 'written' | 'carried' | 'failed';

export interface ConversationStore {
  /** With `now`, a session idle for longer than its retention reads as a new one (its messages kept). */
  getSession(ref: SessionRef, now?: Date): Promise<Session | undefined>;
  /** Saves with optimistic concurrency: fails with ConditionFailedError if someone saved in between. */
  saveSession(session: Session, now: Date): Promise<Session>;
  /**
   * Commits a turn: the session, carrying the turn's messages, in ONE conditional write (so a turn
   * is either wholly there or not at all). The transcript items of the turn before (committed
   * already, so writing them is safe whatever this commit's fate) are written in parallel with it:
   * one round trip. The newest turn lives in the session item until the next commit projects it;
   * readers merge it.
   */
  commitTurn(
    session: Session,
    turn: TurnRecord,
    now: Date,
  ): Promise<{ session: Session; projection: ProjectionOutcome }>;
  appendMessages(ref: SessionRef, messages: ChatMessage[], now: Date): Promise<void>;
  /** Messages newer than `afterId` (all without it), oldest first. */
  listMessages(ref: SessionRef, afterId?: string): Promise<ChatMessage[]>;
  /**
   * The session and its messages newer than `afterId`, in one round trip of two parallel requests;
   * the transcript query's key condition starts after `afterId`, so a poll reads only what is new.
   */
  readTranscript(
    ref: SessionRef,
    afterId?: string,
  ): Promise<{ session: Session | undefined; messages: ChatMessage[] }>;
  /** The replies a session gave to a channel event it already answered. */
  repliesTo(session: Session, eventKey: string): Promise<ChatMessage[] | undefined>;
}

const byId = (a: ChatMessage, b: ChatMessage) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Committed messages not (yet) known to be transcript items: the last turn's and any carried over. */
const unprojectedOf = (session: Session | undefined): ChatMessage[] => [
  ...(session?.unprojected ?? []),
  ...(session?.lastTurn?.messages ?? []),
];

export function createConversationStore(
  table: TablePort,
  retention: { sessionDays: number; transcriptDays: number },
): ConversationStore {
  const pk = (ref: SessionRef) => `SESSION#${sessionKey(ref)}`;

  /**
   * The session item holds the newest turn's messages until the next commit projects them, so it is
   * kept as long as the transcript; the conversation's state itself is forgotten after
   * `sessionDays` without a message: such a session reads as new, keeping only those messages.
   */
  const toSession = (item: Record<string, unknown> | undefined, now?: Date): Session | undefined => {
    if (!item) return undefined;
    const stored: Session = { ...(item.data as Session), version: item.version as number };
    if (!now || addDays(new Date(stored.updatedAt), retention.sessionDays) > now) return stored;
    const unprojected = unprojectedOf(stored);
    return {
      ...newSession(stored.ref, now),
      ...(unprojected.length ? { unprojected } : {}),
      version: stored.version,
    };
  };

  async function getSession(ref: SessionRef, now?: Date) {
    return toSession(await table.get(pk(ref), 'META'), now);
  }

  async function save(session: Session, now: Date): Promise<Session> {
    const next: Session = { ...session, updatedAt: now.toISOString(), version: session.version + 1 };
    const item = {
      pk: pk(session.ref),
      sk: 'META',
      data: next,
      version: next.version,
      ttl: epochSeconds(
        addDays(
          now,
          unprojectedOf(next).length
            ? Math.max(retention.sessionDays, retention.transcriptDays)
            : retention.sessionDays,
        ),
      ),
    };
    if (session.version === 0) await table.put(item, { ifNotExists: true });
    else await table.put(item, { ifVersion: session.version });
    return next;
  }

  async function project(ref: SessionRef, messages: ChatMessage[], now: Date) {
    if (messages.length === 0) return;
    const ttl = epochSeconds(addDays(now, retention.transcriptDays));
    await table.putMany(messages.map((m) => ({ pk: pk(ref), sk: `MSG#${m.id}`, message: m, ttl })));
  }

  /**
   * The projection failed twice after the commit replaced the session's last turn: the messages are
   * put back into the session (`unprojected`) so that readers still see them and the next commit
   * writes them. Rare (a store failing between two requests of one turn), so it may cost requests.
   */
  async function carry(saved: Session, messages: ChatMessage[], now: Date): Promise<Session | undefined> {
    let session: Session | undefined = saved;
    for (let attempt = 0; attempt < CARRY_ATTEMPTS && session; attempt++) {
      const known = new Set(unprojectedOf(session).map((m) => m.id));
      const missing = messages.filter((m) => !known.has(m.id));
      if (missing.length === 0) return attempt === 0 ? saved : undefined;
      try {
        const next = { ...session, unprojected: [...(session.unprojected ?? []), ...missing].sort(byId) };
        const carried = await save(next, now);
        return attempt === 0 ? carried : undefined;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        session = await getSession(saved.ref);
      }
    }
    // Not a ConditionFailedError: the caller must not take this for a lost race and run the turn again.
    throw new Error('could not carry unprojected messages');
  }

  async function readTranscript(ref: SessionRef, afterId?: string) {
    const [items, meta] = await Promise.all([
      // META sorts before every MSG# key, so "after MSG#<id>" is a pure key range of new messages.
      table.query(pk(ref), afterId ? { after: `MSG#${afterId}` } : { beginsWith: 'MSG#' }),
      table.get(pk(ref), 'META'),
    ]);
    const session = toSession(meta);
    const messages = items.map((i) => i.message as ChatMessage);
    // Merge what is committed in the session but not (yet) an item.
    const seen = new Set(messages.map((m) => m.id));
    const pending = unprojectedOf(session).filter((m) => !seen.has(m.id) && (!afterId || m.id > afterId));
    return { session, messages: pending.length ? [...messages, ...pending].sort(byId) : messages };
  }

  return {
    getSession,
    saveSession: save,
    async commitTurn(session, turn, now) {
      const previous = unprojectedOf(session);
      const recentEvents = turn.eventKey
        ? [
            ...(session.recentEvents ?? []),
            { key: turn.eventKey, replyIds: turn.messages.filter((m) => m.from !== 'user').map((m) => m.id) },
          ].slice(-RECENT_EVENTS)
        : session.recentEvents;
      const { unprojected: _written, ...rest } = session;
      const [saved, projection] = await Promise.allSettled([
        save(
          {
            ...rest,
            lastTurn: { messages: turn.messages, ...(turn.effects?.length ? { effects: turn.effects } : {}) },
            ...(recentEvents ? { recentEvents } : {}),
          },
          now,
        ),
        project(session.ref, previous, now),
      ]);
      if (saved.status === 'rejected') throw saved.reason;
      if (projection.status === 'fulfilled') return { session: saved.value, projection: 'written' };
      // The commit dropped those messages from the session: write them again, else carry them.
      try {
        await project(session.ref, previous, now);
        return { session: saved.value, projection: 'written' };
      } catch {
        try {
          return { session: (await carry(saved.value, previous, now)) ?? saved.value, projection: 'carried' };
        } catch {
          return { session: saved.value, projection: 'failed' };
        }
      }
    },
    appendMessages: project,
    async listMessages(ref, afterId) {
      return (await readTranscript(ref, afterId)).messages;
    },
    readTranscript,
    async repliesTo(session, eventKey) {
      const record = session.recentEvents?.find((e) => e.key === eventKey);
      if (!record) return undefined;
      const committed = new Map(unprojectedOf(session).map((m) => [m.id, m]));
      const replies: ChatMessage[] = [];
      for (const id of record.replyIds) {
        const m =
          committed.get(id) ??
          ((await table.get(pk(session.ref), `MSG#${id}`))?.message as ChatMessage | undefined);
        if (m) replies.push(m);
      }
      return replies;
    },
  };
}
