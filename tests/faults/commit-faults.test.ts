import { describe, expect, it } from 'vitest';
import { createServices } from '../../functions/app/container';
import { readConfig } from '../../functions/config/config';
import type { SessionRef } from '../../functions/conversation/model';
import { createChatHandler } from '../../functions/handlers/chat';
import type { HttpEvent } from '../../functions/http/types';
import { fixedClock } from '../../functions/shared/clock';
import { createLogger } from '../../functions/shared/logger';
import { ConditionFailedError } from '../../functions/stores/table-port';
import { fakeKb } from '../support/fake-kb';
import { fakeNlu } from '../support/fake-nlu';
import { memoryTables } from '../support/memory-tables';
import { faultyTables, isSessionSave, isTranscriptWrite, throttled } from './faulty-tables';

const errorShape = { error: { code: expect.stringMatching(/^[a-z_]+$/u), message: expect.any(String) } };

function setup() {
  const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));
  const faulty = faultyTables(memoryTables(() => Math.floor(clock.now().getTime() / 1000)));
  const services = createServices({
    config: readConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000' }),
    log: createLogger('silent'),
    clock,
    tables: faulty.tables,
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker: { invoke: async () => {} },
  });
  const chat = createChatHandler(async () => services);
  const say = async (sessionId: string, text: string) =>
    chat({
      version: '2.0',
      routeKey: 'POST /api/chat',
      rawPath: '/api/chat',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, text }),
      requestContext: { http: { method: 'POST', path: '/api/chat', sourceIp: '203.0.113.5' } },
    } satisfies HttpEvent);
  return { services, faulty, say, clock };
}

describe('the optimistic commit keeps losing (another instance always saves first)', () => {
  it('is retried a bounded number of times, then refused with a 429 in the contract shape; nothing is kept', async () => {
    const { faulty, say, services } = setup();
    const sessionId = 'commit-fault-busy-0001';
    expect((await say(sessionId, 'xin chào')).statusCode).toBe(200);
    const before = await services.stores.conversations.listMessages({ channel: 'web', userId: sessionId });
    faulty.inject({ when: isSessionSave, times: 1000, error: () => new ConditionFailedError('lost') });
    const refused = await say(sessionId, 'cho tôi gặp cán bộ');
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
    const { faulty, say, services, clock } = setup();
    const sessionId = 'commit-fault-carry-0001';
    const ref: SessionRef = { channel: 'web', userId: sessionId };
    const first = JSON.parse((await say(sessionId, 'xin chào')).body ?? '');
    clock.advance(1000);
    faulty.inject({ when: isTranscriptWrite, times: 2, error: throttled });
    expect((await say(sessionId, 'làm lại căn cước cần gì')).statusCode).toBe(200);
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
    expect((await say(sessionId, 'cảm ơn')).statusCode).toBe(200);
    expect((await services.stores.conversations.getSession(ref))?.unprojected).toBeUndefined();
    const items = await services.stores.tables.conversations.query(`SESSION#web:${sessionId}`, {
      beginsWith: 'MSG#',
    });
    for (const m of first.messages) expect(items.some((i) => i.sk === `MSG#${m.id}`)).toBe(true);
    expect(await users()).toEqual(['xin chào', 'làm lại căn cước cần gì', 'cảm ơn']);
  });
});
