import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../functions/app/container';
import { readConfig } from '../../functions/config/config';
import type { SessionRef } from '../../functions/conversation/model';
import { createChatHandler } from '../../functions/handlers/chat';
import type { HttpEvent } from '../../functions/http/types';
import { fixedClock } from '../../functions/shared/clock';
import { createLogger } from '../../functions/shared/logger';
import { transcriptMessages } from '../../functions/stores/conversation-store';
import { ConditionFailedError } from '../../functions/stores/table-port';
import { startDynalite, TEST_START } from '../support/dynalite';
import { errorShape } from '../support/error-shape';
import { fakeKb } from '../support/fake-kb';
import { fakeNlu } from '../support/fake-nlu';
import { memoryTables } from '../support/memory-tables';
import {
  faultyTables,
  isSessionLoad,
  isSessionSave,
  isTranscriptWrite,
  type TableCall,
  throttled,
  timedOut,
} from './faulty-tables';

const START = new Date('2026-11-24T02:00:00Z');
const config = readConfig({
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000',
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000',
  // Every commit writes the earlier turn out: the write these faults hit. Keeping short turns in
  // the session is tested in tests/integration/stores/conversation-store.test.ts.
  SESSION_INLINE_BYTES: '0',
});

function chatEvent(sessionId: string, text: string): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /api/chat',
    rawPath: '/api/chat',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId, text }),
    requestContext: { http: { method: 'POST', path: '/api/chat', sourceIp: '203.0.113.9' } },
  };
}

/** Services on memory tables whose calls can be made to fail. */
function faultyServices() {
  const clock = fixedClock(START);
  const faulty = faultyTables(memoryTables(clock));
  const services = createServices({
    config,
    log: createLogger('silent'),
    clock,
    tables: faulty.tables,
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker: { invoke: async () => {} },
  });
  const chat = createChatHandler(async () => services);
  /** What a person could see of a conversation: the session and its transcript. */
  const snapshot = async (ref: SessionRef) => ({
    session: await services.stores.conversations.getSession(ref),
    transcript: await services.stores.conversations.listMessages(ref),
  });
  return { services, chat, faulty, snapshot, clock };
}

const sessionWith = (turns: number) => `fault-session-${turns}-${Math.random().toString(36).slice(2, 10)}`;

describe('the store throttles or times out after the SDK gave up (table-level faults)', () => {
  // Each row: where the store fails during a web turn. The request must fail cleanly (the contract's
  // error shape, no detail of the failure) and leave the conversation exactly as it was.
  it.each<[string, (c: TableCall) => boolean, () => Error]>([
    ['the rate-limit counter', (c) => c.op === 'increment', throttled],
    ['loading the session', isSessionLoad, timedOut],
    ['saving the session', isSessionSave, throttled],
  ])('a failure at %s answers a clean 5xx and writes nothing', async (_where, when, error) => {
    const { chat, faulty, snapshot } = faultyServices();
    const sessionId = sessionWith(1);
    const ref: SessionRef = { channel: 'web', userId: sessionId };
    await chat(chatEvent(sessionId, 'xin chào'));
    const before = await snapshot(ref);

    faulty.inject({ when, error });
    const failed = await chat(chatEvent(sessionId, 'làm lại căn cước cần gì'));
    faulty.clear();

    expect(faulty.fired()).toBe(1);
    expect([500, 503]).toContain(failed.statusCode);
    const body = JSON.parse(failed.body ?? '');
    expect(body).toEqual(errorShape);
    expect(failed.body).not.toMatch(/Provisioned|Timeout|stack|at .*\.ts/u);
    expect(await snapshot(ref)).toEqual(before);
  });

  it('the citizen who sends the message again after a failure gets exactly one answer, recorded once', async () => {
    const { chat, faulty, services } = faultyServices();
    const sessionId = sessionWith(2);
    faulty.inject({ when: isSessionSave, error: throttled });
    expect((await chat(chatEvent(sessionId, 'làm lại căn cước cần gì'))).statusCode).toBeGreaterThanOrEqual(
      500,
    );
    const retried = await chat(chatEvent(sessionId, 'làm lại căn cước cần gì'));
    expect(retried.statusCode).toBe(200);
    expect(JSON.parse(retried.body ?? '').messages.length).toBeGreaterThan(0);
    const transcript = await services.stores.conversations.listMessages({
      channel: 'web',
      userId: sessionId,
    });
    expect(transcript.filter((m) => m.from === 'user').map((m) => m.text)).toEqual([
      'làm lại căn cước cần gì',
    ]);
  });

  // A turn is committed by one conditional write of the session, which carries the turn's messages;
  // the transcript items are a projection of it, written by the next commit in parallel with that
  // commit (functions/stores/conversation-store.ts). A failure while projecting therefore
  // half-writes nothing: the citizen gets the answer, the transcript as read shows every turn once,
  // and the projection is written again (or carried in the session for the next commit).
  it("a failure while writing the previous turn's transcript item loses nothing and duplicates nothing", async () => {
    const { chat, faulty, services } = faultyServices();
    const sessionId = sessionWith(3);
    const ref: SessionRef = { channel: 'web', userId: sessionId };
    await chat(chatEvent(sessionId, 'xin chào'));
    faulty.inject({ when: isTranscriptWrite, error: throttled });
    const answered = await chat(chatEvent(sessionId, 'làm lại căn cước cần gì'));
    faulty.clear();
    expect(faulty.fired()).toBe(1);
    expect(answered.statusCode).toBe(200);
    const replies = JSON.parse(answered.body ?? '').messages as { id: string }[];
    expect(replies.length).toBeGreaterThan(0);
    const read = async () => services.stores.conversations.listMessages(ref);
    const userTexts = async () => (await read()).filter((m) => m.from === 'user').map((m) => m.text);
    expect(await userTexts()).toEqual(['xin chào', 'làm lại căn cước cần gì']);
    expect((await read()).map((m) => m.id)).toEqual(expect.arrayContaining(replies.map((r) => r.id)));
    // The next turn repairs the projection: the items are there even once the session moves on.
    await chat(chatEvent(sessionId, 'cảm ơn'));
    expect(await userTexts()).toEqual(['xin chào', 'làm lại căn cước cần gì', 'cảm ơn']);
    const items = await services.stores.tables.conversations.query(`SESSION#web:${sessionId}`, {
      beginsWith: 'MSG#',
    });
    const projected = transcriptMessages(items).map((m) => m.id);
    for (const r of replies) expect(projected).toContain(r.id);
    expect(new Set(projected).size).toBe(projected.length);
  });
});

describe('the embedded DynamoDB store throttles or times out (SDK retries)', () => {
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  /** `pk`: only requests on items whose key starts with it (reads of one turn run side by side). */
  let faults: { name: string; remaining: number; command: string; pk?: string }[] = [];
  let attempts: Record<string, number> = {};

  beforeAll(async () => {
    dynalite = await startDynalite();
    injectSdkFaults(dynalite.client);
  }, 60_000);
  afterAll(async () => {
    await dynalite?.stop();
  });

  /**
   * Throws DynamoDB's own errors from inside the SDK's retry loop (after its retry middleware), as if
   * the service answered them: the SDK must retry throttling and timeouts by itself.
   */
  function injectSdkFaults(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '');
        const pk = String((args.input as { Key?: { pk?: { S?: string } } }).Key?.pk?.S ?? '');
        const targets = faults.filter(
          (f) => f.command === command && (f.pk === undefined || pk.startsWith(f.pk)),
        );
        attempts[command] = (attempts[command] ?? 0) + 1;
        for (const f of targets) {
          if (f.pk) attempts[`${command} ${f.pk}`] = (attempts[`${command} ${f.pk}`] ?? 0) + 1;
        }
        const fault = targets.find((f) => f.remaining > 0);
        if (fault) {
          fault.remaining--;
          throw fault.name === 'TimeoutError' ? timedOut() : throttled();
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'faultInjection' },
    );
  }

  function dynaliteServices() {
    const clock = fixedClock(TEST_START);
    const services = createServices({
      config,
      log: createLogger('silent'),
      clock,
      tables: dynalite.tablesAt(clock),
      nlu: fakeNlu(),
      kb: fakeKb(),
      invoker: { invoke: async () => {} },
    });
    return { services, chat: createChatHandler(async () => services) };
  }

  it.each([
    ['throttled twice', 'ProvisionedThroughputExceededException', 2],
    ['timed out once', 'TimeoutError', 1],
  ])(
    'a write %s is retried by the SDK and the citizen is answered',
    async (_name, errorName, failures) => {
      const { services, chat } = dynaliteServices();
      const sessionId = sessionWith(4);
      faults = [{ name: errorName, remaining: failures, command: 'PutItemCommand' }];
      attempts = {};
      const r = await chat(chatEvent(sessionId, 'làm lại căn cước cần gì'));
      expect(faults[0]?.remaining).toBe(0);
      expect(r.statusCode).toBe(200);
      expect(JSON.parse(r.body ?? '').messages.length).toBeGreaterThan(0);
      const transcript = await services.stores.conversations.listMessages({
        channel: 'web',
        userId: sessionId,
      });
      expect(transcript.filter((m) => m.from === 'user')).toHaveLength(1);
    },
    20_000,
  );

  // Each read a turn waits on before it answers, throttled beyond the SDK's attempts while the others
  // succeed: the session read, and the pending data-deletion check that a yes/no reads beside the
  // session (functions/privacy/deletion-dialogue.ts). Either way the turn fails before its commit.
  it.each([
    ['the session read', 'SESSION#', 5, 'làm lại căn cước cần gì'],
    ['the pending deletion check of a “có”', 'LOCK#erase-pending:', 6, 'có'],
  ])(
    '%s throttled beyond the SDK attempts fails the turn cleanly; nothing is written',
    async (_what, pk, n, text) => {
      const { services, chat } = dynaliteServices();
      const sessionId = sessionWith(n);
      faults = [
        { name: 'ProvisionedThroughputExceededException', remaining: 3, command: 'GetItemCommand', pk },
      ];
      attempts = {};
      const r = await chat(chatEvent(sessionId, text));
      faults = [];
      expect(attempts[`GetItemCommand ${pk}`]).toBe(3);
      expect([500, 503]).toContain(r.statusCode);
      expect(JSON.parse(r.body ?? '')).toEqual(errorShape);
      const ref: SessionRef = { channel: 'web', userId: sessionId };
      expect(await services.stores.conversations.getSession(ref)).toBeUndefined();
      expect(await services.stores.conversations.listMessages(ref)).toEqual([]);
    },
    20_000,
  );
});

describe('the optimistic commit keeps losing (another instance always saves first)', () => {
  it('is retried a bounded number of times, then refused with a 429 in the contract shape; nothing is kept', async () => {
    const { chat, faulty, services } = faultyServices();
    const sessionId = 'commit-fault-busy-0001';
    expect((await chat(chatEvent(sessionId, 'xin chào'))).statusCode).toBe(200);
    const before = await services.stores.conversations.listMessages({ channel: 'web', userId: sessionId });
    faulty.inject({ when: isSessionSave, times: 1000, error: () => new ConditionFailedError('lost') });
    const refused = await chat(chatEvent(sessionId, 'cho tôi gặp cán bộ'));
    faulty.clear();
    expect(refused.statusCode).toBe(429);
    expect(JSON.parse(refused.body ?? '')).toEqual(errorShape);
    expect(refused.headers?.['retry-after']).toMatch(/^\d+$/u);
    // Bounded: the first attempt and at most 8 retries.
    expect(faulty.fired()).toBeGreaterThan(1);
    expect(faulty.fired()).toBeLessThanOrEqual(9);
    // Lost races applied none of the turn's effects.
    expect(await services.stores.escalations.list('open')).toEqual([]);
    expect(await services.stores.conversations.listMessages({ channel: 'web', userId: sessionId })).toEqual(
      before,
    );
  });
});

describe('the transcript projection fails twice in a row', () => {
  it('carries the messages in the session: readers see them and the next commit writes them', async () => {
    const { chat, faulty, services, clock } = faultyServices();
    const sessionId = 'commit-fault-carry-0001';
    const ref: SessionRef = { channel: 'web', userId: sessionId };
    const first = JSON.parse((await chat(chatEvent(sessionId, 'xin chào'))).body ?? '');
    clock.advance(1000);
    faulty.inject({ when: isTranscriptWrite, times: 2, error: throttled });
    expect((await chat(chatEvent(sessionId, 'làm lại căn cước cần gì'))).statusCode).toBe(200);
    faulty.clear();
    expect(faulty.fired()).toBe(2);
    const carried = (await services.stores.conversations.getSession(ref))?.unprojected ?? [];
    expect(carried.map((m) => m.id)).toEqual(
      expect.arrayContaining(first.messages.map((m: { id: string }) => m.id)),
    );
    const users = async () =>
      (await services.stores.conversations.listMessages(ref))
        .filter((m) => m.from === 'user')
        .map((m) => m.text);
    expect(await users()).toEqual(['xin chào', 'làm lại căn cước cần gì']);

    clock.advance(1000);
    expect((await chat(chatEvent(sessionId, 'cảm ơn'))).statusCode).toBe(200);
    expect((await services.stores.conversations.getSession(ref))?.unprojected).toBeUndefined();
    const items = await services.stores.tables.conversations.query(`SESSION#web:${sessionId}`, {
      beginsWith: 'MSG#',
    });
    const projected = transcriptMessages(items).map((m) => m.id);
    for (const m of first.messages) expect(projected).toContain(m.id);
    expect(await users()).toEqual(['xin chào', 'làm lại căn cước cần gì', 'cảm ơn']);
  });
});
