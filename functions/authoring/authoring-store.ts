import type { KnowledgeEntry } from '../../knowledge/schema';
import { ConditionFailedError, type Item, type TablePort } from '../stores/table-port';
import type { DraftChecks } from './draft-checks';
import type { EntryInput } from './entry-input';

/**
 * The curated layer that staff keep current, kept in the `registry` table (it is the province's own
 * record, never expires). Four kinds of item:
 *
 *   KBDRAFT#<draftId>  META        a draft and its review state (gsi1: KBDRAFT / <status>#<updatedAt>)
 *   KBENTRY#<entryId>  HEAD        the published version of an entry (gsi1: KBENTRY / <entryId>)
 *   KBENTRY#<entryId>  V#000001…   every published version, with who, when and why (never changed)
 *   KBPUBLISH          COUNTER     the number of the last knowledge snapshot
 */
export type DraftStatus = 'draft' | 'in_review' | 'rejected' | 'published';
export const DRAFT_STATUSES: readonly DraftStatus[] = ['draft', 'in_review', 'rejected', 'published'];

export interface Person {
  staffId: string;
  name: string;
}

export interface Draft {
  id: string;
  /** The entry this draft creates or changes. */
  entryId: string;
  /** What the editor started from (`proc.<code>` for a catalogue procedure, or an entry id). */
  baseId?: string;
  /** Catalogue procedure the layer belongs to. */
  code?: string;
  input: EntryInput;
  why: string;
  status: DraftStatus;
  author: Person;
  createdAt: string;
  updatedAt: string;
  /** What the evaluation said at the last submit. */
  checks?: DraftChecks;
  review?: { by: Person; at: string; reason?: string; version?: number };
  /** The unanswered question this draft was started from or adds. */
  fromQuestion?: string;
  /** Optimistic concurrency: bumped by every save. */
  revision: number;
}

export interface EntryVersion {
  entryId: string;
  version: number;
  entry: KnowledgeEntry;
  by: Person;
  at: string;
  why: string;
  draftId?: string;
  /** Set when this version restores an earlier one. */
  rollbackOf?: number;
}

export interface PublishedEntry {
  entryId: string;
  version: number;
  entry: KnowledgeEntry;
  updatedAt: string;
  by: Person;
}

export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

export interface AuthoringStore {
  /** Creates a draft (revision 1). */
  createDraft(draft: Omit<Draft, 'revision'>): Promise<Draft>;
  /** Saves a changed draft; StaleWriteError when someone saved it since `draft.revision` was read. */
  saveDraft(draft: Draft): Promise<Draft>;
  getDraft(id: string): Promise<Draft | undefined>;
  listDrafts(status?: DraftStatus): Promise<Draft[]>;
  /** Appends a version and moves the head; StaleWriteError when that version number exists already. */
  publish(version: EntryVersion): Promise<void>;
  head(entryId: string): Promise<PublishedEntry | undefined>;
  heads(): Promise<PublishedEntry[]>;
  /** Oldest first. */
  history(entryId: string): Promise<EntryVersion[]>;
  nextSnapshotVersion(): Promise<number>;
}

const VERSION_WIDTH = 6;
const versionKey = (n: number) => `V#${String(n).padStart(VERSION_WIDTH, '0')}`;

export function createAuthoringStore(table: TablePort): AuthoringStore {
  const draftItem = (d: Draft): Item => ({
    pk: `KBDRAFT#${d.id}`,
    sk: 'META',
    gsi1pk: 'KBDRAFT',
    gsi1sk: `${d.status}#${d.updatedAt}#${d.id}`,
    version: d.revision,
    draft: d,
  });
  return {
    async createDraft(input) {
      const draft: Draft = { ...input, revision: 1 };
      await table.put(draftItem(draft), { ifNotExists: true });
      return draft;
    },
    async saveDraft(draft) {
      const next: Draft = { ...draft, revision: draft.revision + 1 };
      try {
        await table.put(draftItem(next), { ifVersion: draft.revision });
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new StaleWriteError('draft changed meanwhile');
        throw error;
      }
      return next;
    },
    async getDraft(id) {
      return (await table.get(`KBDRAFT#${id}`, 'META'))?.draft as Draft | undefined;
    },
    async listDrafts(status) {
      const items = await table.query('KBDRAFT', {
        index: 'gsi1',
        ...(status ? { beginsWith: `${status}#` } : {}),
        descending: true,
      });
      return items.map((i) => i.draft as Draft);
    },
    async publish(v) {
      try {
        await table.put({ pk: `KBENTRY#${v.entryId}`, sk: versionKey(v.version), v }, { ifNotExists: true });
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new StaleWriteError('version exists');
        throw error;
      }
      const head: PublishedEntry = {
        entryId: v.entryId,
        version: v.version,
        entry: v.entry,
        updatedAt: v.at,
        by: v.by,
      };
      await table.put({
        pk: `KBENTRY#${v.entryId}`,
        sk: 'HEAD',
        gsi1pk: 'KBENTRY',
        gsi1sk: v.entryId,
        head,
      });
    },
    async head(entryId) {
      return (await table.get(`KBENTRY#${entryId}`, 'HEAD'))?.head as PublishedEntry | undefined;
    },
    async heads() {
      return (await table.query('KBENTRY', { index: 'gsi1' })).map((i) => i.head as PublishedEntry);
    },
    async history(entryId) {
      const items = await table.query(`KBENTRY#${entryId}`, { beginsWith: 'V#' });
      return items.map((i) => i.v as EntryVersion);
    },
    nextSnapshotVersion: () => table.increment('KBPUBLISH', 'COUNTER', 'n', 1),
  };
}
