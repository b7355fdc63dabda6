import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../functions/app/container';
import { readConfig } from '../../../functions/config/config';
import type { SessionRef } from '../../../functions/conversation/model';
import { createChatHandler } from '../../../functions/handlers/chat';
import type { HttpEvent } from '../../../functions/http/types';
import { fixedClock } from '../../../functions/shared/clock';
import { createLogger } from '../../../functions/shared/logger';
import { transcriptMessages } from '../../../functions/stores/conversation-store';
import { countingTables } from '../../support/counting-tables';
import { startDynalite } from '../../support/dynalite';
import { fakeKb } from '../../support/fake-kb';
import { fakeNlu } from '../../support/fake-nlu';

/**
 * The store work of a web turn and of a poll, counted against the real embedded store: requests,
 * items read, and sequential round trips (see tests/support/counting-tables.ts).
 */
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let counted: ReturnType<typeof countingTables>;
let services: Services;
let chat: ReturnType<typeof createChatHandler>;
let scanned = 0;
const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));

beforeAll(async () => {
  dynalite = await startDynalite({ clock });
  counted = countingTables(dynalite.tables);
  // What the store itself examined for each Query (ScannedCount): a filter applied after the key
  // condition would show here even when the items returned are few.
  dynalite.client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand')
        scanned += Number((result.output as { ScannedCount?: number }).ScannedCount ?? 0);
      return result;
    },
    { step: 'initialize', name: 'countScanned' },
  );
  services = createServices({
    config: readConfig({
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000',
      // Every commit writes the earlier turn out, the path these tests pin; keeping short turns in
      // the session is tested in tests/integration/stores/conversation-store.test.ts.
      SESSION_INLINE_BYTES: '0',
    }),
    log: createLogger('silent'),
    clock,
    tables: counted.tables,
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker: { invoke: async () => {} },
  });
  chat = createChatHandler(async () => services);
}, 60_000);
afterAll(async () => {
  await dynalite?.stop();
});

const event = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  query?: Record<string, string>,
): HttpEvent => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  headers: { 'content-type': 'application/json' },
  ...(body ? { body: JSON.stringify(body) } : {}),
  ...(query ? { queryStringParameters: query } : {}),
  requestContext: { http: { method, path, sourceIp: '203.0.113.7' } },
});
const say = async (sessionId: string, text: string) => {
  const r = await chat(event('POST', '/api/chat', { sessionId, text }));
  expect(r.statusCode).toBe(200);
  return JSON.parse(r.body ?? '') as { messages: { id: string }[] };
};
const poll = async (sessionId: string, after?: string) => {
  const r = await chat(
    event('GET', `/api/chat/${sessionId}/messages`, undefined, after ? { after } : undefined),
  );
  expect(r.statusCode).toBe(200);
  return JSON.parse(r.body ?? '') as { messages: { id: string }[] };
};
const clockTick = () => clock.advance(1000);

describe('a web turn on the store', () => {
  it('waits on the store twice (read, commit) when it has no effects', async () => {
    const sessionId = 'store-path-turns-0001';
    await say(sessionId, 'xin chào');
    const figures: { rounds: number; requests: number }[] = [];
    let locksRead = 0;
    for (const text of ['làm lại căn cước cần gì', 'cảm ơn', 'xin chào']) {
      clockTick();
      counted.reset();
      await say(sessionId, text);
      figures.push({ rounds: counted.rounds, requests: counted.calls.length });
      locksRead += counted.calls.filter((c) => c.pk.startsWith('LOCK#')).length;
    }
    console.info('store round trips per web turn (rounds, requests):', JSON.stringify(figures));
    for (const f of figures) {
      expect(f.rounds).toBeLessThanOrEqual(2);
      // Read: the session and the per-address counter. Commit: the session + the previous turn's
      // messages. A pending data-deletion confirmation is not read by an ordinary turn: its commit
      // (a new session version) is what withdraws it (functions/privacy/deletion-dialogue.ts).
      expect(f.requests).toBeLessThanOrEqual(4);
    }
    expect(locksRead).toBe(0);
  });

  it('counts a new conversation beside the first commit, not after it', async () => {
    counted.reset();
    await say('store-path-turns-0002', 'xin chào');
    expect(counted.rounds).toBe(2);
    expect(
      counted.calls
        .filter((c) => c.round === 2)
        .map((c) => `${c.table}.${c.op}`)
        .sort(),
    ).toEqual(['casework.increment', 'conversations.put']);
    const today = await services.stores.stats.sum('2000-01-01', '2100-01-01');
    expect(today.conversations).toBeGreaterThan(0);
  });
});

/** An ID card re-issue in process, its phone 0912345678. */
const fileDossier = (code: string, more: { receivedAt?: string } = {}) =>
  services.stores.dossiers.upsert(
    code,
    {
      procedure: 'Cấp lại thẻ căn cước',
      agency: 'Công an phường Đô Vinh',
      phone: '0912345678',
      status: 'processing',
      ...more,
    },
    clock.now(),
  );

describe('a dossier phone check on the store', () => {
  it('reads the dossier and reserves its attempt beside the session read, so asking and answering wait twice each', async () => {
    const code = 'H43.25-241008-0077';
    await fileDossier(code, { receivedAt: '2026-11-20' });
    const sessionId = 'store-path-lookup-0001';
    const hour = Math.floor(clock.now().getTime() / 3_600_000);
    const byRound = (n: number) => counted.calls.filter((c) => c.round === n).map((c) => `${c.op} ${c.pk}`);
    counted.reset();
    await say(sessionId, `tra cứu hồ sơ ${code}`);
    // The code is in the message: the dossier, the conversation's durable failure count and one
    // attempt of the dossier's last-4 budget are read beside the session, then the commit.
    expect(counted.rounds).toBe(2);
    expect(
      byRound(1)
        .filter((c) => !c.includes('SESSION#') && !c.startsWith('increment RATE#'))
        .sort(),
    ).toEqual([
      `countReceipted ATTEMPT#lookup:last4:${code}#${hour}`,
      `get ATTEMPT#lookup:session:web:${sessionId}#${hour}`,
      `get DOSSIER#${code}`,
    ]);
    expect(
      (await dynalite.tables.conversations.get(`ATTEMPT#lookup:last4:${code}#${hour}`, '-'))?.count,
    ).toBe(1);

    clockTick();
    counted.reset();
    const answer = await say(sessionId, '5678');
    expect(JSON.stringify(answer)).toMatch(/Đang giải quyết/u);
    // Compared with what the question read; the commit, and beside it the attempt given back (the
    // check passed). A right answer writes nothing for the session's budget.
    expect(counted.rounds).toBe(2);
    expect(counted.calls.filter((c) => c.pk.startsWith('DOSSIER#'))).toEqual([]);
    expect(byRound(2).filter((c) => c.startsWith('countReceipted'))).toEqual([
      `countReceipted ATTEMPT#lookup:last4:${code}#${hour}`,
    ]);
    const budget = await dynalite.tables.conversations.get(`ATTEMPT#lookup:last4:${code}#${hour}`, '-');
    expect(budget?.count).toBe(0);
    expect(counted.calls.filter((c) => c.pk.includes('lookup:session') && c.op !== 'get')).toEqual([]);
  });

  it('reads again, one round more, for a last-4 answer after a wrong one', async () => {
    const code = 'H43.25-241008-0078';
    await fileDossier(code);
    const sessionId = 'store-path-lookup-0002';
    await say(sessionId, `tra cứu hồ sơ ${code}`);
    clockTick();
    expect(JSON.stringify(await say(sessionId, '1111'))).toMatch(/chưa khớp/u);
    clockTick();
    counted.reset();
    expect(JSON.stringify(await say(sessionId, '5678'))).toMatch(/Đang giải quyết/u);
    // The question's attempt went to the wrong answer: this one reserves its own.
    expect(counted.rounds).toBe(3);
    expect(counted.calls.filter((c) => c.pk === `DOSSIER#${code}`).length).toBe(1);
  });
});

describe('a poll on the store', () => {
  it('reads only what is new: after 40 turns as little as after 2', async () => {
    const itemsReadByPoll = async (turns: number) => {
      const sessionId = `store-path-poll-${String(turns).padStart(4, '0')}`;
      for (let i = 0; i < turns; i++) {
        clockTick();
        await say(sessionId, i % 2 ? 'cảm ơn' : 'xin chào');
      }
      const seen = (await poll(sessionId)).messages.at(-1)?.id as string;
      // Two new turns: the first is written as transcript items by the second's commit.
      const fresh = [];
      for (const text of ['xin chào', 'cảm ơn']) {
        clockTick();
        fresh.push(...(await say(sessionId, text)).messages);
      }
      counted.reset();
      scanned = 0;
      const got = await poll(sessionId, seen);
      expect(got.messages.map((m) => m.id)).toEqual(fresh.map((m) => m.id));
      const reads = counted.calls.filter((c) => c.table === 'conversations');
      return {
        items: reads.reduce((n, c) => n + c.itemsRead, 0),
        scanned,
        rounds: counted.rounds,
      };
    };
    const short = await itemsReadByPoll(2);
    const long = await itemsReadByPoll(40);
    console.info('items read (and scanned by queries) by a poll after 2 and after 40 turns:', short, long);
    expect(long.items).toBe(short.items);
    expect(long.scanned).toBe(short.scanned);
    // The session item and the one new turn's item (its messages packed together): nothing older.
    expect(long.items).toBe(2);
    expect(long.scanned).toBe(1);
    expect(long.rounds).toBe(1);
  });

  it('sees the newest turn even before a later commit writes it as transcript items', async () => {
    const sessionId = 'store-path-poll-newest';
    const ref: SessionRef = { channel: 'web', userId: sessionId };
    const first = await say(sessionId, 'xin chào');
    const items = await dynalite.tables.conversations.query(`SESSION#web:${sessionId}`, {
      beginsWith: 'MSG#',
    });
    expect(items).toEqual([]);
    expect((await poll(sessionId)).messages.map((m) => m.id)).toEqual(first.messages.map((m) => m.id));
    clockTick();
    await say(sessionId, 'cảm ơn');
    const projected = await dynalite.tables.conversations.query(`SESSION#web:${sessionId}`, {
      beginsWith: 'MSG#',
    });
    // One item for the whole turn, keyed by its last message.
    expect(projected.map((i) => i.sk)).toEqual([`MSG#${first.messages.at(-1)?.id}`]);
    const held = transcriptMessages(projected);
    expect(held.map((m) => m.text)[0]).toBe('xin chào');
    expect(held.slice(1).map((m) => m.id)).toEqual(first.messages.map((m) => m.id));
    expect(
      (await services.stores.conversations.listMessages(ref)).filter((m) => m.from === 'user'),
    ).toHaveLength(2);
  });
});
