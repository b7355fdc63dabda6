import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthoringStore,
  type Draft,
  type EntryVersion,
} from '../../../functions/authoring/authoring-store';
import { EntryInputSchema } from '../../../functions/authoring/entry-input';
import { fixedClock } from '../../../functions/shared/clock';
import { MemoryTable } from '../../../functions/stores/memory/memory-table';
import type { TablePort } from '../../../functions/stores/table-port';
import { startDynalite, TEST_START } from '../../support/dynalite';
import { curated } from '../../unit/knowledge/fixtures';

/** One contract for the curated layer's store, against the in-memory fake and the embedded DynamoDB. */
let dyn: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  dyn = await startDynalite();
}, 30_000);
afterAll(async () => {
  await dyn?.stop();
});

const adapters: [string, () => TablePort][] = [
  ['memory', () => new MemoryTable(fixedClock(TEST_START))],
  ['dynalite', () => dyn.tables.registry],
];

let n = 0;
const uid = () =>
  `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase().padEnd(26, '0').slice(0, 26);
const PERSON = { staffId: 's1', name: 'Lê Thị B' };

function draft(id: string, status: Draft['status'] = 'draft'): Omit<Draft, 'revision'> {
  return {
    id,
    entryId: `cur.muc-${id.toLowerCase()}`,
    input: EntryInputSchema.parse({ title: 'Mục thử' }),
    why: 'thử',
    status,
    author: PERSON,
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: `2026-11-24T02:00:00.000Z`,
  };
}

function version(entryId: string, v: number, summary: string): EntryVersion {
  return {
    entryId,
    version: v,
    entry: curated({ id: entryId, title: 'Mục thử', summary }),
    by: PERSON,
    at: `2026-11-24T02:0${v}:00.000Z`,
    why: `lần ${v}`,
  };
}

describe.each(adapters)('AuthoringStore contract: %s', (_name, make) => {
  it('creates, reads and saves a draft with optimistic concurrency', async () => {
    const store = createAuthoringStore(make());
    const id = uid();
    const created = await store.createDraft(draft(id));
    expect(created.revision).toBe(1);
    await expect(store.createDraft(draft(id))).rejects.toThrow();
    const saved = await store.saveDraft({ ...created, why: 'đổi' });
    expect(saved.revision).toBe(2);
    expect((await store.getDraft(id))?.why).toBe('đổi');
    // A save from the stale copy (revision 1) is refused.
    await expect(store.saveDraft({ ...created, why: 'cũ' })).rejects.toThrow(/changed/u);
    expect(await store.getDraft('NOPE')).toBeUndefined();
  });

  it('lists drafts by status, newest first', async () => {
    const store = createAuthoringStore(make());
    const a = uid();
    const b = uid();
    await store.createDraft({ ...draft(a, 'in_review'), updatedAt: '2026-11-24T03:00:00.000Z' });
    await store.createDraft({ ...draft(b, 'in_review'), updatedAt: '2026-11-24T04:00:00.000Z' });
    const ids = (await store.listDrafts('in_review')).map((d) => d.id);
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    expect((await store.listDrafts('rejected')).map((d) => d.id)).not.toContain(a);
  });

  it('keeps every version, moves the head, and refuses a version number twice', async () => {
    const store = createAuthoringStore(make());
    const entryId = `cur.muc-${uid().toLowerCase()}`;
    await store.publish(version(entryId, 1, 'một'));
    await store.publish(version(entryId, 2, 'hai'));
    await expect(store.publish(version(entryId, 2, 'trùng'))).rejects.toThrow(/exists/u);
    expect((await store.head(entryId))?.entry.summary).toBe('hai');
    expect((await store.history(entryId)).map((v) => [v.version, v.entry.summary])).toEqual([
      [1, 'một'],
      [2, 'hai'],
    ]);
    expect((await store.heads()).map((h) => h.entryId)).toContain(entryId);
  });

  it('numbers snapshots without gaps or repeats under concurrency', async () => {
    const store = createAuthoringStore(make());
    const numbers = await Promise.all(Array.from({ length: 8 }, () => store.nextSnapshotVersion()));
    expect(new Set(numbers).size).toBe(8);
    expect(Math.max(...numbers) - Math.min(...numbers)).toBe(7);
  });
});
