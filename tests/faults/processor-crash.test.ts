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

  // Each row: the store call during which the processor dies, once. The retried job must give the
  // citizen exactly the answer they would have had, once.
  it.each<[string, (user: string) => Fault['when'], Fault['skip']]>([
    ['loading the session', (u) => (c) => isSessionLoad(c) && ofUser(u)(c), 0],
    ['saving the session', (u) => (c) => isSessionSave(c) && ofUser(u)(c), 0],
    [
      "writing the citizen's message to the transcript",
      (u) => (c) => isTranscriptWrite(c) && ofUser(u)(c),
      0,
    ],
    [
      "writing the assistant's reply to the transcript",
      (u) => (c) => isTranscriptWrite(c) && ofUser(u)(c),
      1,
    ],
    [
      'creating the outbox entry, after the turn was saved',
      (u) => (c) => isOutboxWrite(c) && ofUser(u)(c),
      0,
    ],
  ])('dying while %s: the citizen gets exactly one answer', async (_where, when, skip) => {
    const user = newUser();
    const runsBefore = h.runs.length;
    h.faulty.inject({ when: when(user), skip, error: crashed });
    const ack = await ask(user);
    h.faulty.clear();
    expect(ack.statusCode).toBe(200);
    expect(h.runs.length - runsBefore).toBe(2);
    expect(h.delivered(user)).toEqual(baseline);
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

  // KNOWN DEFECT (reported to the lead): when the processor dies after ConversationService.handleInbound
  // saved the turn but before the outbox entry exists (functions/channels/zalo/processor.ts,
  // answerTurn), the retry finds no outbox entry and runs the whole turn again: the citizen still gets
  // one answer (the first run sent nothing), but the transcript holds the message twice and the
  // session moved twice (a wrong phone in a dossier lookup is counted twice towards the lock-out).
  // Fix: make the turn idempotent per event — pass the event key into handleInbound and save it with
  // the session (e.g. `session.handledKeys`, last few), or write the outbox entry in the same
  // transaction as the session; on a retry with a handled key, reuse the saved replies.
  // `it.fails` passes while the defect is there; change it to `it` once fixed.
  it.fails('KNOWN DEFECT: dying after the turn was saved records the message only once', async () => {
    const user = newUser();
    h.faulty.inject({ when: (c) => isOutboxWrite(c) && ofUser(user)(c), error: crashed });
    await ask(user);
    h.faulty.clear();
    expect(h.faulty.fired()).toBeGreaterThan(0);
    expect(await recordedQuestions(user)).toEqual([QUESTION]);
  });

  // Zalo's send API has no idempotency key: a crash after a send went out but before the outbox
  // recorded it resends that one message on retry (at-least-once, never more than the one message).
  it('dying between a send and its record repeats only that one message', async () => {
    const user = newUser();
    // The outbox is written when created (0 sent), then after each message: the 2nd write is the
    // record of the first send.
    h.faulty.inject({ when: (c) => isOutboxWrite(c) && ofUser(user)(c), skip: 1, error: crashed });
    await ask(user);
    h.faulty.clear();
    const got = h.delivered(user);
    expect(got).toEqual([baseline[0], ...baseline]);
  });
});
