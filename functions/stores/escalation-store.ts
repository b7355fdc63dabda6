import type { Channel, SessionRef } from '../conversation/model';
import { newId } from '../shared/ids';
import { ConditionFailedError, type TablePort } from './table-port';

export type EscalationState = 'open' | 'claimed' | 'resolved';
export type HandoffReason =
  | 'requested'
  | 'unhelpful_answers'
  | 'low_confidence'
  | 'complaint'
  | 'bad_rating'
  | 'overdue_dossier';

export interface Escalation {
  id: string;
  ref: SessionRef;
  /** The contract's `sessionId`: the widget's id on the web, `zalo:<user id>` on Zalo. */
  sessionId: string;
  channel: Channel;
  reason: HandoffReason;
  state: EscalationState;
  team: string;
  createdAt: string;
  /** When a person should have answered (the SLA target). */
  dueBy: string;
  claimedBy?: string;
  claimedAt?: string;
  resolvedBy?: string;
  resolvedAt?: string;
  lastMessage?: string;
  lastMessageAt?: string;
  /** The intent and knowledge entry that were in play, for reports. */
  intent?: string;
  entryId?: string;
  version: number;
}

export interface StaffNote {
  id: string;
  staffId: string;
  text: string;
  createdAt: string;
}

export interface EscalationStore {
  /**
   * Creates an escalation. With `id` (derived from the message that caused it) a repeated create is
   * harmless: the existing escalation is returned, not a second one.
   */
  create(e: Omit<Escalation, 'id' | 'version'>, id?: string): Promise<Escalation>;
  get(id: string): Promise<Escalation | undefined>;
  /** Newest first. */
  list(state: EscalationState): Promise<Escalation[]>;
  /** Applies `change` with optimistic concurrency; `guard` may refuse (throws) after reading. */
  update(id: string, change: (current: Escalation) => Escalation): Promise<Escalation>;
  addNote(id: string, note: Omit<StaffNote, 'id'>): Promise<StaffNote>;
  listNotes(id: string): Promise<StaffNote[]>;
}

export function createEscalationStore(table: TablePort): EscalationStore {
  const toItem = (e: Escalation) => ({
    pk: `ESC#${e.id}`,
    sk: 'META',
    gsi1pk: `ESCSTATE#${e.state}`,
    gsi1sk: `${e.createdAt}#${e.id}`,
    data: e,
    version: e.version,
  });
  const read = async (id: string) => {
    const item = await table.get(`ESC#${id}`, 'META');
    return item ? (item.data as Escalation) : undefined;
  };
  return {
    async create(input, id) {
      const e: Escalation = { ...input, id: id ?? newId(), version: 1 };
      try {
        await table.put(toItem(e), { ifNotExists: true });
        return e;
      } catch (error) {
        const existing = id && error instanceof ConditionFailedError ? await read(id) : undefined;
        if (existing) return existing;
        throw error;
      }
    },
    get: read,
    async list(state) {
      const items = await table.query(`ESCSTATE#${state}`, { index: 'gsi1', descending: true });
      return items.map((i) => i.data as Escalation);
    },
    async update(id, change) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await read(id);
        if (!current) throw new ConditionFailedError('missing');
        const next = { ...change(current), version: current.version + 1 };
        try {
          await table.put(toItem(next), { ifVersion: current.version });
          return next;
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error;
        }
      }
      throw new ConditionFailedError('contended');
    },
    async addNote(id, note) {
      const n: StaffNote = { ...note, id: newId() };
      await table.put({ pk: `ESC#${id}`, sk: `NOTE#${n.id}`, note: n });
      return n;
    },
    async listNotes(id) {
      const items = await table.query(`ESC#${id}`, { beginsWith: 'NOTE#' });
      return items.map((i) => i.note as StaffNote);
    },
  };
}
