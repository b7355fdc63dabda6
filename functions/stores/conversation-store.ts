import type { ChatMessage, Session, SessionRef } from '../conversation/model';
import { sessionKey } from '../conversation/model';
import { addDays, epochSeconds } from '../shared/clock';
import { ConditionFailedError, type TablePort } from './table-port';

export interface ConversationStore {
  getSession(ref: SessionRef): Promise<Session | undefined>;
  /** Saves with optimistic concurrency: fails with ConditionFailedError if someone saved in between. */
  saveSession(session: Session, now: Date): Promise<Session>;
  appendMessages(ref: SessionRef, messages: ChatMessage[], now: Date): Promise<void>;
  /** Messages newer than `afterId` (all without it), oldest first. */
  listMessages(ref: SessionRef, afterId?: string): Promise<ChatMessage[]>;
}

export function createConversationStore(
  table: TablePort,
  retention: { sessionDays: number; transcriptDays: number },
): ConversationStore {
  const pk = (ref: SessionRef) => `SESSION#${sessionKey(ref)}`;
  return {
    async getSession(ref) {
      const item = await table.get(pk(ref), 'META');
      return item ? { ...(item.data as Session), version: item.version as number } : undefined;
    },
    async saveSession(session, now) {
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
    },
    async appendMessages(ref, messages, now) {
      const ttl = epochSeconds(addDays(now, retention.transcriptDays));
      for (const m of messages) {
        await table.put({ pk: pk(ref), sk: `MSG#${m.id}`, message: m, ttl });
      }
    },
    async listMessages(ref, afterId) {
      const items = await table.query(
        pk(ref),
        afterId ? { beginsWith: 'MSG#', after: `MSG#${afterId}` } : { beginsWith: 'MSG#' },
      );
      return items.map((i) => i.message as ChatMessage);
    },
  };
}

export { ConditionFailedError };
