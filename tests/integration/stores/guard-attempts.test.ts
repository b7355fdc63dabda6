import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoRequestsOf } from '../../../functions/app/dynamo';
import { createTables } from '../../../functions/app/tables';
import type { Clock } from '../../../functions/shared/clock';
import { createGuardStore, type GuardStore } from '../../../functions/stores/guard-store';
import { memoryTables } from '../../../functions/stores/memory/memory-table';
import { startDynalite } from '../../support/dynalite';

/**
 * Attempt budgets (dossier phone checks), on the in-memory fake and on the real embedded store:
 * reserved before comparing, at most `limit` grants even at once, and per-message receipts so a turn
 * run again neither takes a second attempt nor gives one back twice.
 */
const NOW = new Date('2026-11-24T02:00:10Z');
const HOUR = 3600;
/** The stores' own clock (expiry of items), moved by the window test. */
let storeNow = NOW;
const storeClock: Clock = { now: () => storeNow };
let dynalite: Awaited<ReturnType<typeof startDynalite>> | undefined;
beforeAll(async () => {
  dynalite = await startDynalite();
}, 60_000);
afterAll(async () => dynalite?.stop());

const adapters: [string, () => GuardStore][] = [
  ['memory', () => createGuardStore(memoryTables(storeClock).conversations)],
  [
    'embedded DynamoDB',
    () => {
      const d = dynalite as NonNullable<typeof dynalite>;
      return createGuardStore(createTables(d.config, dynamoRequestsOf(d.client), storeClock).conversations);
    },
  ],
];

describe.each(adapters)('attempt budgets (%s)', (_name, make) => {
  it('grants 5 of 30 reservations made at once, never more', async () => {
    storeNow = NOW;
    const guards = make();
    const key = `at-once-${_name}`;
    const all = await Promise.all(
      Array.from({ length: 30 }, (_, i) => guards.reserveAttempt(key, NOW, HOUR, 5, `m${i}`)),
    );
    expect(all.filter((r) => r.granted)).toHaveLength(5);
    expect(
      all
        .filter((r) => r.granted)
        .map((r) => r.remaining)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it('the same message reserving again gets its first ticket back, and takes no other', async () => {
    storeNow = NOW;
    const guards = make();
    const key = `repeat-${_name}`;
    for (let i = 0; i < 3; i++)
      expect(await guards.reserveAttempt(key, NOW, HOUR, 5, 'm1')).toMatchObject({
        granted: true,
        remaining: 4,
      });
    const others = [];
    for (const id of ['m2', 'm3', 'm4', 'm5', 'm6'])
      others.push(await guards.reserveAttempt(key, NOW, HOUR, 5, id));
    expect(others.map((r) => r.granted)).toEqual([true, true, true, true, false]);
  });

  it('an attempt given back twice for one message is given back once', async () => {
    storeNow = NOW;
    const guards = make();
    const key = `return-${_name}`;
    for (const id of ['m1', 'm2', 'm3']) await guards.reserveAttempt(key, NOW, HOUR, 5, id);
    await guards.returnAttempt(key, NOW, HOUR, 'm1');
    await guards.returnAttempt(key, NOW, HOUR, 'm1');
    const next = [];
    for (const id of ['m4', 'm5', 'm6', 'm7']) next.push(await guards.reserveAttempt(key, NOW, HOUR, 5, id));
    expect(next.map((r) => r.granted)).toEqual([true, true, true, false]);
  });

  it('a refusal takes nothing, and giving back an attempt never taken gives nothing', async () => {
    storeNow = NOW;
    const guards = make();
    const key = `refused-${_name}`;
    for (const id of ['m1', 'm2', 'm3', 'm4', 'm5']) await guards.reserveAttempt(key, NOW, HOUR, 5, id);
    expect((await guards.reserveAttempt(key, NOW, HOUR, 5, 'm6')).granted).toBe(false);
    await guards.returnAttempt(key, NOW, HOUR, 'm6');
    expect((await guards.reserveAttempt(key, NOW, HOUR, 5, 'm7')).granted).toBe(false);
    // One granted attempt given back frees one place: the refused message may now try.
    await guards.returnAttempt(key, NOW, HOUR, 'm2');
    expect(await guards.reserveAttempt(key, NOW, HOUR, 5, 'm6')).toMatchObject({
      granted: true,
      remaining: 0,
    });
    // …and the message given back still holds its ticket when its turn runs again.
    expect(await guards.reserveAttempt(key, NOW, HOUR, 5, 'm2')).toMatchObject({
      granted: true,
      remaining: 3,
    });
  });

  it('a new window starts a new budget', async () => {
    storeNow = NOW;
    const guards = make();
    const key = `window-${_name}`;
    for (let i = 0; i < 6; i++) await guards.reserveAttempt(key, NOW, HOUR, 5, `m${i}`);
    expect((await guards.reserveAttempt(key, NOW, HOUR, 5, 'late')).granted).toBe(false);
    const nextHour = new Date(NOW.getTime() + HOUR * 1000);
    storeNow = nextHour;
    expect(await guards.reserveAttempt(key, nextHour, HOUR, 5, 'late')).toMatchObject({
      granted: true,
      remaining: 4,
    });
  });
});
