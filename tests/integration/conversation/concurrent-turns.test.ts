import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../functions/app/container';
import { readConfig } from '../../../functions/config/config';
import { RateLimitedError, SessionBusyError } from '../../../functions/conversation/errors';
import type { ChatMessage, SessionRef } from '../../../functions/conversation/model';
import { fixedClock } from '../../../functions/shared/clock';
import { createLogger } from '../../../functions/shared/logger';
import { startDynalite } from '../../support/dynalite';
import { fakeKb } from '../../support/fake-kb';
import { fakeNlu } from '../../support/fake-nlu';
import { payloadOf } from '../../support/test-services';

/**
 * Races on one conversation, with real concurrency (Promise.all) against the real embedded store.
 * "Two instances" are two service containers on the same tables, as two Lambda instances would be:
 * inside one process turns of a session queue up; across processes only the optimistic commit
 * keeps them apart.
 */
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
const clock = fixedClock(new Date('2026-11-24T02:00:00Z')); // a Tuesday, 09:00 in Vietnam: office open
const staff = { staffId: 'cb-01', name: 'Lan' };

function instance(): Services {
  return createServices({
    config: readConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '30' }),
    log: createLogger('silent'),
    clock,
    tables: dynalite.tables,
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker: { invoke: async () => {} },
  });
}

beforeAll(async () => {
  dynalite = await startDynalite({ clock });
}, 60_000);
afterAll(async () => {
  await dynalite?.stop();
});

let sessions = 0;
const newRef = (): SessionRef => ({ channel: 'web', userId: `race-session-${++sessions}-abcdefgh` });
const openEscalationsOf = async (s: Services, ref: SessionRef) =>
  (await s.stores.escalations.list('open')).filter((e) => e.ref.userId === ref.userId);

/** Every user message is followed by its own replies before the next user message starts. */
function expectTurnsInOrder(transcript: ChatMessage[], sent: number) {
  const ids = transcript.map((m) => m.id);
  expect(ids).toEqual([...ids].sort());
  const users = transcript.filter((m) => m.from === 'user');
  expect(users).toHaveLength(sent);
  transcript.forEach((m, i) => {
    if (m.from === 'user') expect(transcript[i + 1]?.from, `reply after message ${i}`).toBe('bot');
  });
}

describe('"cho tôi gặp cán bộ" twice at once', () => {
  it('opens exactly one escalation, in one instance and across two (5 tries each)', async () => {
    const one = instance();
    const two = instance();
    for (let i = 0; i < 5; i++) {
      for (const [a, b] of [
        [one, one],
        [one, two],
      ] as const) {
        const ref = newRef();
        const results = await Promise.all(
          [a, b].map((s) => s.conversation.handleInbound(ref, { kind: 'text', text: 'cho tôi gặp cán bộ' })),
        );
        expect(results.map((r) => r.state)).toEqual(['waiting_staff', 'waiting_staff']);
        const open = await openEscalationsOf(one, ref);
        expect(open).toHaveLength(1);
        const session = await one.stores.conversations.getSession(ref);
        expect(session?.escalationId).toBe(open[0]?.id);
        // The second message reached the waiting escalation instead of opening another.
        const transcript = await one.stores.conversations.listMessages(ref);
        expect(transcript.filter((m) => m.from === 'user')).toHaveLength(2);
      }
    }
  });

  it('resolving the one escalation asks for one rating, and nothing is left waiting', async () => {
    const [one, two] = [instance(), instance()];
    const ref = newRef();
    await Promise.all(
      [one, two].map((s) => s.conversation.handleInbound(ref, { kind: 'text', text: 'cho tôi gặp cán bộ' })),
    );
    const [esc] = await openEscalationsOf(one, ref);
    await one.conversation.claim(esc?.id as string, staff);
    await one.conversation.resolve(esc?.id as string, staff);
    expect(await openEscalationsOf(one, ref)).toHaveLength(0);
    expect((await one.stores.escalations.list('claimed')).filter((e) => e.ref.userId === ref.userId)).toEqual(
      [],
    );
    const inbox = (await one.conversation.listMessages(ref)).messages;
    const asks = inbox.filter((m) => m.quickReplies?.some((q) => q.title === 'Bỏ qua'));
    expect(asks).toHaveLength(1);
    const session = await one.stores.conversations.getSession(ref);
    expect(session).toMatchObject({
      state: 'bot',
      pending: { kind: 'handoff_rating', escalationId: esc?.id },
    });

    // Two taps of "5" at once, one per instance: one rating.
    const five = payloadOf(inbox, /^5/u) as string;
    const before = (await one.stores.ratings.between('2000-01-01', '2100-01-01')).length;
    await Promise.all(
      [one, two].map((s) => s.conversation.handleInbound(ref, { kind: 'payload', payload: five })),
    );
    expect((await one.stores.ratings.between('2000-01-01', '2100-01-01')).length - before).toBe(1);
  });

  it('closing an escalation the conversation is not waiting on does not ask for a rating', async () => {
    const s = instance();
    const ref = newRef();
    await s.conversation.handleInbound(ref, { kind: 'text', text: 'cho tôi gặp cán bộ' });
    const [current] = await openEscalationsOf(s, ref);
    // An orphan from before (as the old code left behind): same conversation, not the one waited on.
    const orphan = await s.stores.escalations.create({
      ...(current as NonNullable<typeof current>),
      state: 'open',
    });
    await s.conversation.resolve(orphan.id, staff);
    const session = await s.stores.conversations.getSession(ref);
    expect(session).toMatchObject({ state: 'waiting_staff', escalationId: current?.id });
    const inbox = (await s.conversation.listMessages(ref)).messages;
    expect(inbox.some((m) => m.quickReplies?.some((q) => q.title === 'Bỏ qua'))).toBe(false);
  });
});

describe('20 identical messages at once on one session', () => {
  const settle = (promises: Promise<unknown>[]) => Promise.allSettled(promises);

  it('answers and keeps every one, in order (one instance)', async () => {
    const s = instance();
    const ref = newRef();
    const results = await settle(
      Array.from({ length: 20 }, () => s.conversation.handleInbound(ref, { kind: 'text', text: 'xin chào' })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const r of results)
      if (r.status === 'fulfilled')
        expect((r.value as { messages: unknown[] }).messages.length).toBeGreaterThan(0);
    expectTurnsInOrder(await s.stores.conversations.listMessages(ref), 20);
  });

  it('across two instances every message is answered and kept, or refused by cause (never a lost race)', async () => {
    const [one, two] = [instance(), instance()];
    const ref = newRef();
    const results = await settle(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).conversation.handleInbound(ref, { kind: 'text', text: 'xin chào' }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused)
      expect(
        r.status === 'rejected' &&
          (r.reason instanceof SessionBusyError || r.reason instanceof RateLimitedError),
      ).toBe(true);
    const accepted = results.length - refused.length;
    expect(accepted).toBeGreaterThanOrEqual(18);
    expectTurnsInOrder(await one.stores.conversations.listMessages(ref), accepted);
  });
});

describe('a new conversation’s first message twice at once', () => {
  it('counts one conversation, across two instances (the losing commit takes its count back)', async () => {
    const one = instance();
    const two = instance();
    const day = '2026-11-24';
    const counted = async () => (await one.stores.stats.sum(day, day)).conversations;
    for (let i = 0; i < 5; i++) {
      const before = await counted();
      const ref = newRef();
      const results = await Promise.all(
        [one, two].map((s) => s.conversation.handleInbound(ref, { kind: 'text', text: 'xin chào' })),
      );
      expect(results.map((r) => r.messages.length > 0)).toEqual([true, true]);
      // Both messages are in the conversation, and the day counts it once.
      const transcript = await one.stores.conversations.listMessages(ref);
      expect(transcript.filter((m) => m.from === 'user')).toHaveLength(2);
      expect(await counted()).toBe(before + 1);
    }
  });
});
