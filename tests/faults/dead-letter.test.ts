import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashed, isSessionSave } from './faulty-tables';
import { startZaloHarness } from './zalo-harness';

let h: Awaited<ReturnType<typeof startZaloHarness>>;
const QUESTION = 'làm lại căn cước cần gì';

beforeAll(async () => {
  h = await startZaloHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('a job that fails on every try is dead-lettered', () => {
  it('the OA API down for good: 3 runs, then the job is parked, logged as an error, and nothing was sent', async () => {
    const user = '9000000000000000001';
    const runsBefore = h.runs.length;
    // The OA API answers 500 to everything until it is healed.
    h.failSends('', Number.POSITIVE_INFINITY);
    const ack = await h.say(user, QUESTION, 'dead-letter-msg-1');
    expect(ack.statusCode).toBe(200);
    expect(h.runs.length - runsBefore).toBe(3);
    expect(h.invoker.deadLetters).toHaveLength(1);
    expect(h.invoker.deadLetters[0]).toMatchObject({
      type: 'zalo_event',
      event: { message: { msg_id: 'dead-letter-msg-1' } },
    });
    expect(h.delivered(user)).toEqual([]);
    const parked = h.logLines
      .map((l) => JSON.parse(l) as { level: string; event: string })
      .filter((l) => l.event === 'processor_dead_letter');
    expect(parked).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  it('replaying the parked job once the API is back answers the citizen exactly once', async () => {
    const user = '9000000000000000001';
    h.healSends();
    const job = h.invoker.deadLetters[0];
    expect(job).toBeDefined();
    if (!job) return;
    // The baseline: what another citizen receives for the same question when nothing fails.
    await h.say('9000000000000000099', QUESTION);
    const expected = h.delivered('9000000000000000099');
    // In AWS an operator re-drives the dead-letter queue; here the job is invoked again.
    await h.services.invoker.invoke(job);
    await h.invoker.drain();
    expect(h.delivered(user)).toEqual(expected);
    // A second replay (the queue re-driven twice) finds the answer sent and sends nothing more.
    await h.services.invoker.invoke(job);
    await h.invoker.drain();
    expect(h.delivered(user)).toEqual(expected);
    const questions = (
      await h.services.stores.conversations.listMessages({ channel: 'zalo', userId: user })
    ).filter((m) => m.from === 'user');
    expect(questions).toHaveLength(1);
  });

  it('a store that fails on every run dead-letters the job instead of answering half', async () => {
    const user = '9000000000000000002';
    const parkedBefore = h.invoker.deadLetters.length;
    h.faulty.inject({ when: (c) => isSessionSave(c) && c.pk.includes(user), times: 3, error: crashed });
    await h.say(user, QUESTION);
    h.faulty.clear();
    expect(h.invoker.deadLetters.length - parkedBefore).toBe(1);
    expect(h.delivered(user)).toEqual([]);
    expect(
      await h.services.stores.conversations.getSession({ channel: 'zalo', userId: user }),
    ).toBeUndefined();
  });
});
