import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatMessage, newSession, type SessionRef } from '../../../functions/conversation/model';
import { epochSeconds, fixedClock } from '../../../functions/shared/clock';
import { createConversationStore, transcriptMessages } from '../../../functions/stores/conversation-store';
import { MemoryTable } from '../../../functions/stores/memory/memory-table';
import type { TablePort } from '../../../functions/stores/table-port';
import { countingTables } from '../../support/counting-tables';
import { startDynalite } from '../../support/dynalite';

/**
 * The transcript's storage layout, on the in-memory fake and the real embedded store: a committed
 * turn is one packed item keyed by its last message, the session one packed attribute; items
 * written before (a `data` map, one message per item) read the same.
 */
const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));
/** Every commit writes the earlier turn out: the layout below; keeping turns inline is tested apart. */
const retention = { sessionDays: 30, transcriptDays: 90, sessionInlineBytes: 0 };
let dyn: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  dyn = await startDynalite({ clock });
}, 60_000);
afterAll(async () => {
  await dyn?.stop();
});

const adapters: [string, () => TablePort][] = [
  ['memory', () => new MemoryTable(clock)],
  ['dynalite', () => dyn.tables.conversations],
];

let serial = 0;
const uniqueRef = (): SessionRef => ({ channel: 'web', userId: `store-layout-${++serial}-${Date.now()}` });
/** Ids as the service makes them (ULIDs): same length, sorting by creation. */
const id = (n: number) => `01M8000000000000000000${String(n).padStart(4, '0')}`;
const msg = (n: number, from: ChatMessage['from'] = 'bot'): ChatMessage => ({
  id: id(n),
  from,
  text: `tin nhắn ${n}`,
  createdAt: clock.now().toISOString(),
});

describe.each(adapters)('conversation store layout: %s', (_name, make) => {
  const setup = () => {
    const counted = countingTables({ conversations: make(), casework: make(), registry: make() });
    const table = counted.tables.conversations;
    return { counted, table, store: createConversationStore(table, retention) };
  };

  it('commits the session as one packed attribute and projects a whole turn as ONE item', async () => {
    const { store, table } = setup();
    const ref = uniqueRef();
    const pk = `SESSION#web:${ref.userId}`;
    let { session } = await store.commitTurn(
      newSession(ref, clock.now()),
      { messages: [msg(1, 'user'), msg(2), msg(3)] },
      clock.now(),
    );
    const meta = await table.get(pk, 'META');
    expect(meta?.packed).toBeInstanceOf(Uint8Array);
    expect(meta?.data).toBeUndefined();
    expect(await table.query(pk, { beginsWith: 'MSG#' })).toEqual([]);
    ({ session } = await store.commitTurn(session, { messages: [msg(4, 'user'), msg(5)] }, clock.now()));
    const items = await table.query(pk, { beginsWith: 'MSG#' });
    expect(items.map((i) => i.sk)).toEqual([`MSG#${id(3)}`]);
    expect(items[0]?.ttl).toBe(epochSeconds(clock.now()) + 90 * 86_400);
    expect(transcriptMessages(items).map((m) => m.id)).toEqual([id(1), id(2), id(3)]);
    expect((await store.listMessages(ref)).map((m) => m.id)).toEqual([1, 2, 3, 4, 5].map(id));
    expect(session.version).toBe(2);
  });

  it('keeps earlier turns in the session while it fits one write unit, then writes them as ONE item', async () => {
    const counted = countingTables({ conversations: make(), casework: make(), registry: make() });
    const table = counted.tables.conversations;
    const store = createConversationStore(table, { ...retention, sessionInlineBytes: 1024 });
    const ref = uniqueRef();
    const pk = `SESSION#web:${ref.userId}`;
    let session = newSession(ref, clock.now());
    const outcomes: string[] = [];
    const writesPerTurn: number[] = [];
    for (let t = 0; t < 12; t++) {
      counted.reset();
      const turn = [msg(10 * t + 1, 'user'), msg(10 * t + 2), msg(10 * t + 3)];
      const committed = await store.commitTurn(session, { messages: turn }, clock.now());
      ({ session } = committed);
      outcomes.push(committed.projection);
      writesPerTurn.push(counted.calls.filter((c) => c.op === 'put').length);
      // Whatever was kept or written, every message committed so far reads back once, in order.
      const all = await store.listMessages(ref);
      expect(all.map((m) => m.id)).toEqual(
        Array.from({ length: t + 1 }, (_, k) => [1, 2, 3].map((n) => id(10 * k + n))).flat(),
      );
      // The session item stays within one write unit.
      const meta = await table.get(pk, 'META');
      const packed = meta?.packed;
      expect(packed).toBeInstanceOf(Uint8Array);
      expect((packed as Uint8Array).byteLength).toBeLessThan(1024);
    }
    // Short turns are kept, some commits write them out: a kept turn costs the session write only.
    expect(outcomes).toContain('kept');
    expect(outcomes).toContain('written');
    expect(writesPerTurn).toEqual(outcomes.map((o, t) => (o === 'kept' || t === 0 ? 1 : 2)));
    // Items written out hold several turns, keyed by their last message: polls stay a key range.
    const items = await table.query(pk, { beginsWith: 'MSG#' });
    expect(items.length).toBeLessThan(outcomes.filter((o) => o === 'written').length + 1);
    for (const item of items) expect(item.sk).toBe(`MSG#${transcriptMessages([item]).at(-1)?.id}`);
    expect((await store.listMessages(ref, id(52))).map((m) => m.id)[0]).toBe(id(53));
  });

  it('polls by key range: only items that can hold newer messages, filtered to those newer', async () => {
    const { store, counted } = setup();
    const ref = uniqueRef();
    let session = newSession(ref, clock.now());
    for (let t = 0; t < 4; t++) {
      const turn = [msg(10 * t + 1, 'user'), msg(10 * t + 2), msg(10 * t + 3)];
      ({ session } = await store.commitTurn(session, { messages: turn }, clock.now()));
    }
    counted.reset();
    // Seen up to the middle of the second turn: the rest of it, and every turn after.
    const got = await store.listMessages(ref, id(12));
    expect(got.map((m) => m.id)).toEqual([13, 21, 22, 23, 31, 32, 33].map(id));
    const query = counted.calls.find((c) => c.op === 'query');
    // The second and third turns' items: never the first.
    expect(query?.itemsRead).toBe(2);
  });

  it('reads what was written before turns were packed: a session map and one-message items', async () => {
    const { store, table } = setup();
    const ref = uniqueRef();
    const pk = `SESSION#web:${ref.userId}`;
    const ttl = epochSeconds(clock.now()) + 86_400;
    const old = {
      ...newSession(ref, clock.now()),
      version: 3,
      lastTurn: { messages: [msg(3, 'user'), msg(4)] },
    };
    await table.put({ pk, sk: 'META', data: old, version: 3, ttl });
    for (const m of [msg(1, 'user'), msg(2)]) await table.put({ pk, sk: `MSG#${m.id}`, message: m, ttl });

    const session = await store.getSession(ref);
    expect(session?.version).toBe(3);
    expect(session?.lastTurn?.messages.map((m) => m.id)).toEqual([id(3), id(4)]);
    expect((await store.listMessages(ref)).map((m) => m.id)).toEqual([1, 2, 3, 4].map(id));
    expect((await store.listMessages(ref, id(1))).map((m) => m.id)).toEqual([2, 3, 4].map(id));
    expect((await store.messageOf(old, id(2)))?.text).toBe('tin nhắn 2');

    // The next commit (optimistic on the old version) projects the old last turn as one new item.
    const next = await store.commitTurn(old, { messages: [msg(5, 'user'), msg(6)] }, clock.now());
    expect(next.session.version).toBe(4);
    expect((await table.query(pk, { beginsWith: 'MSG#' })).map((i) => i.sk)).toEqual(
      [1, 2, 4].map((n) => `MSG#${id(n)}`),
    );
    expect((await store.listMessages(ref)).map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6].map(id));
    expect(await store.erase(ref)).toBe(4);
    expect(await store.listMessages(ref)).toEqual([]);
  });

  it('finds a message of a projected turn, and the replies to an answered event, with staff notes in between', async () => {
    const { store, counted } = setup();
    const ref = uniqueRef();
    let { session } = await store.commitTurn(
      newSession(ref, clock.now()),
      { messages: [msg(1, 'user'), msg(3), msg(5)], eventKey: 'zalo:msg:a' },
      clock.now(),
    );
    // Staff notes whose ids fall inside that turn (written while it was being answered).
    await store.appendMessages(ref, [msg(2, 'staff')], clock.now());
    await store.appendMessages(ref, [msg(4, 'staff')], clock.now());
    ({ session } = await store.commitTurn(session, { messages: [msg(6, 'user'), msg(7)] }, clock.now()));
    ({ session } = await store.commitTurn(session, { messages: [msg(8, 'user'), msg(9)] }, clock.now()));

    counted.reset();
    expect((await store.messageOf(session, id(3)))?.text).toBe('tin nhắn 3');
    expect((await store.messageOf(session, id(4)))?.from).toBe('staff');
    expect((await store.repliesTo(session, 'zalo:msg:a'))?.map((m) => m.id)).toEqual([id(3), id(5)]);
    expect((await store.listMessages(ref)).map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(id));
    // An id no message has (a rating payload anyone can type) reads a bounded number of items.
    counted.reset();
    expect(await store.messageOf(session, id(0))).toBeUndefined();
    expect(counted.calls.reduce((n, c) => n + c.itemsRead, 0)).toBeLessThanOrEqual(8);
  });

  it('a projection repeated after an unclear failure shows each message once', async () => {
    const { store, table } = setup();
    const ref = uniqueRef();
    const pk = `SESSION#web:${ref.userId}`;
    // The same messages once alone and once together with the next turn's (a carried projection).
    await store.appendMessages(ref, [msg(1, 'user'), msg(2)], clock.now());
    await store.appendMessages(ref, [msg(1, 'user'), msg(2), msg(3, 'user'), msg(4)], clock.now());
    expect((await table.query(pk, { beginsWith: 'MSG#' })).length).toBe(2);
    expect((await store.listMessages(ref)).map((m) => m.id)).toEqual([1, 2, 3, 4].map(id));
    expect((await store.listMessages(ref, id(2))).map((m) => m.id)).toEqual([3, 4].map(id));
  });
});
