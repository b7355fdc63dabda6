import { describe, expect, it } from 'vitest';
import { createAddressLimit } from '../../../functions/http/address-limit';
import { AppError } from '../../../functions/http/errors';
import { fixedClock } from '../../../functions/shared/clock';
import { createGuardStore } from '../../../functions/stores/guard-store';
import { countingTables } from '../../support/counting-tables';
import { memoryTables } from '../../support/memory-tables';

const clock = fixedClock(new Date('2026-11-24T02:00:10Z'));

function setUp(sampling: number, random?: () => number) {
  const counted = countingTables(memoryTables(clock));
  const limit = createAddressLimit(createGuardStore(counted.tables.conversations), {
    sampling,
    ...(random ? { random } : {}),
  });
  const writes = () => counted.calls.filter((c) => c.op === 'increment').length;
  /** How many of `n` requests from one address get through (the rest are 429s). */
  const send = async (n: number, perMinute: number) => {
    let passed = 0;
    for (let i = 0; i < n; i++) {
      try {
        await limit('chat:ip:203.0.113.7', perMinute, clock.now());
        passed++;
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(429);
      }
    }
    return passed;
  };
  return { send, writes };
}

describe('the per-address limit', () => {
  it('counts every request when not sampled: the limit is exact', async () => {
    const { send, writes } = setUp(1);
    expect(await send(10, 6)).toBe(6);
    // The store refused the 7th; this process refuses the rest of the window without writing.
    expect(writes()).toBe(7);
  });

  it('sampled 1 in 4, counts a sampled request as 4: a few turns cost few writes', async () => {
    // Every 4th request is sampled (a deterministic stand-in for chance).
    let n = 0;
    const { send, writes } = setUp(4, () => (n++ % 4 === 0 ? 0 : 0.9));
    expect(await send(6, 120)).toBe(6);
    expect(writes()).toBe(2);
  });

  it('sampled, still stops an address sending far more than the limit, then writes no more', async () => {
    let n = 0;
    const { send, writes } = setUp(4, () => (n++ % 4 === 0 ? 0 : 0.9));
    const passed = await send(400, 120);
    // The count is an estimate: the refusal comes within one sample of the limit.
    expect(passed).toBeGreaterThanOrEqual(120 - 4);
    expect(passed).toBeLessThanOrEqual(120 + 4);
    expect(writes()).toBeLessThanOrEqual(Math.ceil(124 / 4) + 1);
  });

  it('lets the address through again in the next window', async () => {
    const { send } = setUp(1);
    expect(await send(8, 6)).toBe(6);
    clock.advance(60_000);
    expect(await send(1, 6)).toBe(1);
  });
});
