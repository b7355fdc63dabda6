import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crashed,
  type Fault,
  isOutboxWrite,
  isSessionLoad,
  isSessionSave,
  isTranscriptWrite,
  type TableCall,
  throttled,
} from './faulty-tables';
import { startZaloHarness } from './zalo-harness';

let h: Awaited<ReturnType<typeof startZaloHarness>>;
let baseline: string[];
const QUESTION = 'làm lại căn cước cần gì';
let nextUser = 8_000_000_000_000_000_100n;
const newUser = () => String(nextUser++);
/** The citizen's session, transcript and (the message id holds the user id) outbox entries. */
const ofUser = (user: string) => (c: TableCall) => c.pk.includes(user);
const ask = (user: string) => h.say(user, QUESTION, `crash-msg-${user}`);

beforeAll(async () => {
  h = await startZaloHarness();
  const user = newUser();
  await h.say(user, QUESTION);
  baseline = h.delivered(user);
});
afterAll(async () => {
  await h?.stop();
});

/** The citizen's messages as the transcript holds them (what staff see). */
async function recordedQuestions(user: string) {
  const transcript = await h.services.stores.conversations.listMessages({ channel: 'zalo', userId: user });
  return transcript.filter((m) => m.from === 'user').map((m) => m.text);
}

describe('the processor dies in the middle of a turn; the invoker retries the job', () => {
  it('a baseline answer reaches the citizen', () => {
    expect(baseline.length).toBeGreaterThan(0);
  });

  // Each row: the store call during which the processor dies, once, and how many runs that takes.
  // The citizen must get exactly the answer they would have had, once, and their message must be
  // recorded once. A failed transcript write no longer kills the job: the turn was already committed
  // with the session (functions/stores/conversation-store.ts), the answer goes out on the first run
  // and the transcript item is repaired from the session on the next turn.
  it.each<[string, (user: string) => Fault['when'], Fault['skip'], number]>([
    ['loading the session', (u) => (c) => isSessionLoad(c) && ofUser(u)(c), 0, 2],
    ['saving the session', (u) => (c) => isSessionSave(c) && ofUser(u)(c), 0, 2],
    [
      "writing the citizen's message to the transcript",
      (u) => (c) => isTranscriptWrite(c) && ofUser(u)(c),
      0,
      1,
    ],
    [
      "writing the assistant's reply to the transcript",
      (u) => (c) => isTranscriptWrite(c) && ofUser(u)(c),
      1,
      1,
    ],
  ])('dying while %s: the citizen gets exactly one answer', async (_where, when, skip, runs) => {
    const user = newUser();
    const runsBefore = h.runs.length;
    h.faulty.inject({ when: when(user), skip, error: crashed });
    const ack = await ask(user);
    h.faulty.clear();
    expect(ack.statusCode).toBe(200);
    expect(h.faulty.fired()).toBeGreaterThan(0);
    expect(h.runs.length - runsBefore).toBe(runs);
    expect(h.delivered(user)).toEqual(baseline);
    expect(await recordedQuestions(user)).toEqual([QUESTION]);
    expect(h.invoker.deadLetters).toHaveLength(0);
  });

  it('a store that throttles on every try of the first run: the retried job answers once', async () => {
    const user = newUser();
    h.faulty.inject({ when: (c) => isSessionSave(c) && ofUser(user)(c), error: throttled });
    await ask(user);
    h.faulty.clear();
    expect(h.delivered(user)).toEqual(baseline);
  });

  it('a crash before anything was saved leaves the message recorded once', async () => {
    const user = newUser();
    h.faulty.inject({ when: (c) => isSessionSave(c) && ofUser(user)(c), error: crashed });
    await ask(user);
    h.faulty.clear();
    expect(await recordedQuestions(user)).toEqual([QUESTION]);
  });

  // Was a defect: the retry ran the whole turn again. The session now remembers the event keys it
  // answered (handleInbound's eventKey) and a redelivery gets the saved replies back.
  it('dying after the turn was saved records the message only once', async () => {
    const user = newUser();
    h.faulty.inject({ when: (c) => isOutboxWrite(c) && ofUser(user)(c), error: crashed });
    await ask(user);
    h.faulty.clear();
    expect(h.faulty.fired()).toBeGreaterThan(0);
    expect(await recordedQuestions(user)).toEqual([QUESTION]);
  });

  // Cost (issue 17): the replies are committed with the session, so the outbox holds send progress
  // only (a small item). It is written once per part sent (the record of a message's last part
  // settles the message), never before the first send, and a first run never reads it. The
  // channel's state (interaction clock, takeover, numbered choices) is in the session: no item of
  // its own is read or written.
  it('a turn writes the outbox once per part sent and touches no other Zalo item', async () => {
    const user = newUser();
    const before = h.faulty.calls.length;
    await ask(user);
    const mine = h.faulty.calls.slice(before).filter(ofUser(user));
    const writes = mine.filter(isOutboxWrite);
    expect(h.delivered(user)).toEqual(baseline);
    expect(writes).toHaveLength(baseline.length);
    for (const w of writes) expect(JSON.stringify(w.item).length).toBeLessThan(200);
    expect(mine.filter((c) => c.pk.startsWith('ZALO#') && !isOutboxWrite(c))).toEqual([]);
  });

  // Zalo's send API has no idempotency key: a crash after a send went out but before the outbox
  // recorded it resends that one message on retry (at-least-once, never more than the one message).
  it('dying between a send and its record repeats only that one message', async () => {
    const user = newUser();
    // The first outbox write is the record of the first send.
    h.faulty.inject({ when: (c) => isOutboxWrite(c) && ofUser(user)(c), error: crashed });
    await ask(user);
    h.faulty.clear();
    const got = h.delivered(user);
    expect(got).toEqual([baseline[0], ...baseline]);
  });
});
