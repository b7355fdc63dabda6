import type { ChatMessage, Session, SessionRef } from '../conversation/model';
import { sessionKey } from '../conversation/model';
import { addDays, epochSeconds } from '../shared/clock';
import type { TablePort } from './table-port';

/** How many answered channel events a session remembers for de-duplicating redeliveries. */
const RECENT_EVENTS = 20;

export interface TurnRecord {
  /** The citizen's message and the replies, in order. */
  messages: ChatMessage[];
  /** The channel's id of the event that caused the turn, when it has one. */
  eventKey?: string;
}

export interface ConversationStore {
  getSession(ref: SessionRef): Promise<Session | undefined>;
  /** Saves with optimistic concurrency: fails with ConditionFailedError if someone saved in between. */
  saveSession(session: Session, now: Date): Promise<Session>;
  /**
   * Commits a turn: the session and the turn's messages in ONE conditional write (so a turn is
   * either wholly there or not at all), then projects the messages into the transcript. A failed
   * projection loses nothing — readers merge the last turn — and is repaired by the next commit.
   */
  commitTurn(
    session: Session,
    turn: TurnRecord,
    now: Date,
  ): Promise<{ session: Session; projected: boolean }>;
  appendMessages(ref: SessionRef, messages: ChatMessage[], now: Date): Promise<void>;
  /** Messages newer than `afterId` (all without it), oldest first. */
  listMessages(ref: SessionRef, afterId?: string): Promise<ChatMessage[]>;
  /** The replies a session gave to a channel event it already answered. */
  repliesTo(session: Session, eventKey: string): Promise<ChatMessage[] | undefined>;
  /** Deletes the session and its whole transcript (a data-subject request); returns the items removed. */
  erase(ref: SessionRef): Promise<number>;
}

export function createConversationStore(
  table: TablePort,
  retention: { sessionDays: number; transcriptDays: number },
): ConversationStore {
  const pk = (ref: SessionRef) => `SESSION#${sessionKey(ref)}`;
  /** Sessions whose last projection this process completed (a cache of known-good facts, bounded). */
  const projected = new Map<string, string>();
  const rememberProjected = (ref: SessionRef, messages: ChatMessage[]) => {
    const last = messages[messages.length - 1];
    if (!last) return;
    projected.delete(pk(ref));
    projected.set(pk(ref), last.id);
    if (projected.size > 10_000) projected.delete(projected.keys().next().value as string);
  };

  async function save(session: Session, now: Date): Promise<Session> {
    const next: Session = { ...session, updatedAt: now.toISOString(), version: session.version + 1 };
    const item = {
      pk: pk(session.ref),
      sk: 'META',
      data: next,
      version: next.version,
      ttl: epochSeconds(addDays(now, retention.sessionDays)),
    };
    if (session.version === 0) await table.put(item, { ifNotExists: true });
    else await table.put(item, { ifVersion: session.version });
    return next;
  }

  async function project(ref: SessionRef, messages: ChatMessage[], now: Date) {
    const ttl = epochSeconds(addDays(now, retention.transcriptDays));
    await table.putMany(messages.map((m) => ({ pk: pk(ref), sk: `MSG#${m.id}`, message: m, ttl })));
  }

  /**
   * The previous turn's projection may have failed for any of its messages (they are written in
   * parallel): one range query over its ids finds the missing ones, which are written again.
   */
  async function repairPrevious(session: Session, now: Date) {
    const messages = session.lastTurn?.messages ?? [];
    if (messages.length === 0) return;
    // This process wrote that projection itself and saw it succeed: nothing to check.
    if (projected.get(pk(session.ref)) === messages[messages.length - 1]?.id) return;
    const ids = messages.map((m) => m.id).sort();
    const present = new Set(
      (await table.query(pk(session.ref), { between: [`MSG#${ids[0]}`, `MSG#${ids[ids.length - 1]}`] })).map(
        (i) => i.sk,
      ),
    );
    const missing = messages.filter((m) => !present.has(`MSG#${m.id}`));
    if (missing.length > 0) await project(session.ref, missing, now);
  }

  return {
    async getSession(ref) {
      const item = await table.get(pk(ref), 'META');
      return item ? { ...(item.data as Session), version: item.version as number } : undefined;
    },
    saveSession: save,
    async commitTurn(session, turn, now) {
      await repairPrevious(session, now);
      const recentEvents = turn.eventKey
        ? [
            ...(session.recentEvents ?? []),
            { key: turn.eventKey, replyIds: turn.messages.filter((m) => m.from !== 'user').map((m) => m.id) },
          ].slice(-RECENT_EVENTS)
        : session.recentEvents;
      const saved = await save(
        { ...session, lastTurn: { messages: turn.messages }, ...(recentEvents ? { recentEvents } : {}) },
        now,
      );
      try {
        await project(session.ref, turn.messages, now);
        rememberProjected(session.ref, turn.messages);
        return { session: saved, projected: true };
      } catch {
        return { session: saved, projected: false };
      }
    },
    appendMessages: project,
    async listMessages(ref, afterId) {
      const [items, meta] = await Promise.all([
        table.query(
          pk(ref),
          afterId ? { beginsWith: 'MSG#', after: `MSG#${afterId}` } : { beginsWith: 'MSG#' },
        ),
        table.get(pk(ref), 'META'),
      ]);
      const messages = items.map((i) => i.message as ChatMessage);
      // Merge the last committed turn, in case its projection has not been written.
      const seen = new Set(messages.map((m) => m.id));
      const pending = ((meta?.data as Session | undefined)?.lastTurn?.messages ?? []).filter(
        (m) => !seen.has(m.id) && (!afterId || m.id > afterId),
      );
      return pending.length
        ? [...messages, ...pending].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        : messages;
    },
    async erase(ref) {
      const items = await table.query(pk(ref));
      for (const item of items) await table.delete(item.pk, item.sk);
      projected.delete(pk(ref));
      return items.length;
    },
    async repliesTo(session, eventKey) {
      const record = session.recentEvents?.find((e) => e.key === eventKey);
      if (!record) return undefined;
      const fromTurn = new Map((session.lastTurn?.messages ?? []).map((m) => [m.id, m]));
      const replies: ChatMessage[] = [];
      for (const id of record.replyIds) {
        const m =
          fromTurn.get(id) ??
          ((await table.get(pk(session.ref), `MSG#${id}`))?.message as ChatMessage | undefined);
        if (m) replies.push(m);
      }
      return replies;
    },
  };
}
