import type { Effect } from '../conversation/effects';
import type { ChatMessage, Session, SessionRef } from '../conversation/model';
import { newSession, sessionKey } from '../conversation/model';
import { addDays, epochSeconds } from '../shared/clock';
import { isBytes, packJson, unpackJson } from './packed-json';
import { ConditionFailedError, type Item, type QueryOptions, type TablePort } from './table-port';

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
 * What became of the earlier turns' messages during a commit: written as a transcript item, kept in
 * the session (they still fit in its one write unit), carried in the session after the write failed,
 * or (the store failing again and again) neither — logged loudly.
 * Never an error: the turn itself is committed, and failing it would make the citizen send it again.
 */
export type ProjectionOutcome = 'written' | 'kept' | 'carried' | 'failed';

export interface ConversationStore {
  /** With `now`, a session idle for longer than its retention reads as a new one (its messages kept). */
  getSession(ref: SessionRef, now?: Date): Promise<Session | undefined>;
  /** Saves with optimistic concurrency: fails with ConditionFailedError if someone saved in between. */
  saveSession(session: Session, now: Date): Promise<Session>;
  /**
   * Commits a turn: the session, carrying the turn's messages, in ONE conditional write (so a turn
   * is either wholly there or not at all). The transcript item of the turn before (committed
   * already, so writing it is safe whatever this commit's fate) is written in parallel with it:
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
  /** One message of this session's own transcript (its last turn included), or undefined. */
  messageOf(session: Session, messageId: string): Promise<ChatMessage | undefined>;
  /** Deletes the session and its whole transcript (a data-subject request); returns the items removed. */
  erase(ref: SessionRef): Promise<number>;
}

/** DynamoDB bills a write per started KB of the item. */
const ONE_WRITE_UNIT = 1024;

/** An item's size as DynamoDB counts it: attribute names plus values (numbers taken at their most). */
function itemBytes(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (typeof value === 'number') bytes += 21;
    else if (value instanceof Uint8Array) bytes += value.byteLength;
    else bytes += Buffer.byteLength(JSON.stringify(value) ?? '');
  }
  return bytes;
}

const byId = (a: ChatMessage, b: ChatMessage) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Transcript items are keyed `MSG#<the greatest id of the messages they hold>`: a committed turn is
 * ONE item holding its messages packed (one write, ~0.5 KB), a staff reply or notice one item per
 * append. An item holding a message newer than X therefore sorts after `MSG#X`, so "what is new
 * after X" stays a pure key range (its items may hold older messages too: filter by id). Items
 * written before turns were packed hold one message each (`message`); they read the same way.
 */
const TRANSCRIPT_PREFIX = 'MSG#';
/** Above every transcript key (ids are ULIDs: ASCII). */
const TRANSCRIPT_END = 'MSG#\uffff';

/** The messages one transcript item holds, packed (a turn, an append) or not (an older item). */
const messagesOfItem = (item: Item): ChatMessage[] =>
  isBytes(item.packed)
    ? (unpackJson(item.packed) as ChatMessage[])
    : item.message
      ? [item.message as ChatMessage]
      : [];

/**
 * The messages of transcript items, oldest first, each once (a projection repeated after an unclear
 * failure may have written a message in two items), and only those newer than `afterId`.
 */
export function transcriptMessages(items: Item[], afterId?: string): ChatMessage[] {
  const byMessageId = new Map<string, ChatMessage>();
  for (const item of items)
    for (const m of messagesOfItem(item)) if (!afterId || m.id > afterId) byMessageId.set(m.id, m);
  return [...byMessageId.values()].sort(byId);
}

/**
 * How far a look-up by id reads: the item holding a message is the first at or after `MSG#<its id>`
 * unless staff notes written during its turn sort between, so a few items suffice; a cap, because a
 * rating payload naming an unknown id is text anyone can type.
 */
const LOOKUP_PAGE = 4;
const LOOKUP_PAGES = 2;

/** Committed messages not (yet) known to be transcript items: the last turn's and any carried over. */
const unprojectedOf = (session: Session | undefined): ChatMessage[] => [
  ...(session?.unprojected ?? []),
  ...(session?.lastTurn?.messages ?? []),
];

export function createConversationStore(
  table: TablePort,
  retention: { sessionDays: number; transcriptDays: number; sessionInlineBytes?: number },
): ConversationStore {
  const inlineBytes = retention.sessionInlineBytes ?? ONE_WRITE_UNIT;
  const pk = (ref: SessionRef) => `SESSION#${sessionKey(ref)}`;

  /**
   * The session item holds the newest turn's messages until the next commit projects them, so it is
   * kept as long as the transcript; the conversation's state itself is forgotten after
   * `sessionDays` without a message: such a session reads as new, keeping only those messages.
   */
  const toSession = (item: Record<string, unknown> | undefined, now?: Date): Session | undefined => {
    if (!item) return undefined;
    // Packed since turns were packed; a map (`data`) in items written before.
    const data = (isBytes(item.packed) ? unpackJson(item.packed) : item.data) as Session;
    const stored: Session = { ...data, version: item.version as number };
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

  /** The session's item as it would be written, and the session it holds. */
  function sessionItem(session: Session, now: Date): { next: Session; item: Item } {
    const next: Session = { ...session, updatedAt: now.toISOString(), version: session.version + 1 };
    const item: Item = {
      pk: pk(session.ref),
      sk: 'META',
      packed: packJson(next),
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
    return { next, item };
  }

  /** Writes the item with optimistic concurrency against the version `session` was read at. */
  async function put(session: Session, item: Item): Promise<void> {
    if (session.version === 0) await table.put(item, { ifNotExists: true });
    else await table.put(item, { ifVersion: session.version });
  }

  async function save(session: Session, now: Date): Promise<Session> {
    const { next, item } = sessionItem(session, now);
    await put(session, item);
    return next;
  }

  /** One item holding the messages (one write, idempotent: the same messages, the same key). */
  async function project(ref: SessionRef, messages: ChatMessage[], now: Date) {
    const sorted = [...messages].sort(byId);
    const last = sorted.at(-1);
    if (!last) return;
    await table.put({
      pk: pk(ref),
      sk: `${TRANSCRIPT_PREFIX}${last.id}`,
      packed: packJson(sorted),
      ttl: epochSeconds(addDays(now, retention.transcriptDays)),
    });
  }

  /** Transcript messages by id (those of this session's items only), reading a few items. */
  async function findInTranscript(ref: SessionRef, ids: string[]): Promise<Map<string, ChatMessage>> {
    const wanted = new Set(ids);
    const found = new Map<string, ChatMessage>();
    const first = [...wanted].sort()[0];
    if (first === undefined) return found;
    let range: QueryOptions = { between: [`${TRANSCRIPT_PREFIX}${first}`, TRANSCRIPT_END] };
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const items = await table.query(pk(ref), { ...range, limit: LOOKUP_PAGE });
      for (const m of transcriptMessages(items)) if (wanted.has(m.id)) found.set(m.id, m);
      const last = items.at(-1);
      if (found.size === wanted.size || items.length < LOOKUP_PAGE || !last) break;
      // Nothing sorts after the transcript in a session's partition.
      range = { after: last.sk };
    }
    return found;
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
      table.query(
        pk(ref),
        afterId ? { after: `${TRANSCRIPT_PREFIX}${afterId}` } : { beginsWith: TRANSCRIPT_PREFIX },
      ),
      table.get(pk(ref), 'META'),
    ]);
    const session = toSession(meta);
    const messages = transcriptMessages(items, afterId);
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
      const committed: Session = {
        ...rest,
        lastTurn: { messages: turn.messages, ...(turn.effects?.length ? { effects: turn.effects } : {}) },
        ...(recentEvents ? { recentEvents } : {}),
      };
      // Most turns are short: while the earlier turns still fit in the session's one write unit, they
      // stay there and the commit is the turn's only write; the next commit that would outgrow it
      // writes them all as one transcript item (keyed by its last message, so polls still read a
      // key range). A transcript write was a third of a web turn's write units.
      if (previous.length > 0 && inlineBytes > 0) {
        const kept = sessionItem({ ...committed, unprojected: [...previous].sort(byId) }, now);
        if (itemBytes(kept.item) <= inlineBytes) {
          await put(session, kept.item);
          return { session: kept.next, projection: 'kept' };
        }
      }
      const [saved, projection] = await Promise.allSettled([
        save(committed, now),
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
    async messageOf(session, messageId) {
      const committed = unprojectedOf(session).find((m) => m.id === messageId);
      if (committed) return committed;
      return (await findInTranscript(session.ref, [messageId])).get(messageId);
    },
    async erase(ref) {
      const items = await table.query(pk(ref));
      for (const item of items) await table.delete(item.pk, item.sk);
      return items.length;
    },
    async repliesTo(session, eventKey) {
      const record = session.recentEvents?.find((e) => e.key === eventKey);
      if (!record) return undefined;
      const committed = new Map(unprojectedOf(session).map((m) => [m.id, m]));
      const missing = record.replyIds.filter((id) => !committed.has(id));
      const projected = missing.length ? await findInTranscript(session.ref, missing) : new Map();
      return record.replyIds.flatMap((id) => {
        const m = committed.get(id) ?? projected.get(id);
        return m ? [m] : [];
      });
    },
  };
}
