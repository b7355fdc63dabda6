import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AsyncInvoker, ProcessorJob } from '../../../functions/app/invoker';
import type { ZaloContext } from '../../../functions/channels/zalo/context';
import { buildZaloRuntime, type ZaloRuntimeOptions } from '../../../functions/channels/zalo/runtime';
import { readConfig } from '../../../functions/config/config';
import {
  type ChatMessage,
  type Inbound,
  newSession,
  type SessionRef,
} from '../../../functions/conversation/model';
import type { HttpEvent } from '../../../functions/http/types';
import { type Clock, fixedClock } from '../../../functions/shared/clock';
import { capturingSink, createLogger } from '../../../functions/shared/logger';
import { createStores } from '../../../functions/stores';
import type { TablePort } from '../../../functions/stores/table-port';
import type { TableName } from '../../../functions/stores/tables';
import { type FakeZaloServer, startFakeZaloServer, zaloEnv } from '../../support/fake-zalo-server';

export { zaloEnv };

import { memoryTables } from '../../support/memory-tables';

/** No real waiting in unit tests: back-offs and lock polls only yield to the event loop. */
export const noSleep = () => new Promise<void>((resolve) => setImmediate(resolve));

export const fastRuntime: ZaloRuntimeOptions = {
  retry: { sleep: noSleep, random: () => 0.5 },
  tokenWait: { waitMs: 5_000, pollMs: 1 },
};

export type Answer = (ref: SessionRef, inbound: Inbound) => ChatMessage[] | Promise<ChatMessage[]>;

let counter = 0;
/** A reply as the engine makes them. */
export function reply(text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  counter++;
  return {
    id: `01TEST${String(counter).padStart(20, '0')}`,
    from: 'bot',
    text,
    createdAt: '2026-11-24T02:00:00.000Z',
    ...extra,
  };
}

/**
 * The Zalo channel's context on memory tables, a fixed clock (a Tuesday, 09:00 in Vietnam), every
 * log line captured, recorded jobs, and a scripted conversation that records what it was asked:
 * the channel is tested on its own, the dialogue engine has its own tests.
 */
export function zaloServices(
  env: Record<string, string>,
  options: {
    start?: Date;
    answer?: Answer;
    /** A shared store (the embedded server), bound to this kit's clock. */
    tablesAt?: (clock: Clock) => Record<TableName, TablePort>;
  } = {},
) {
  const lines: string[] = [];
  const log = createLogger(
    'debug',
    {},
    capturingSink((line) => lines.push(line)),
  );
  const config = readConfig({ LOG_LEVEL: 'debug', ...env });
  const clock = fixedClock(options.start ?? new Date('2026-11-24T02:00:00Z'));
  const tables = options.tablesAt?.(clock) ?? memoryTables(clock);
  const jobs: ProcessorJob[] = [];
  const invoker: AsyncInvoker = { invoke: async (job) => void jobs.push(job) };
  const asked: { ref: SessionRef; inbound: Inbound }[] = [];
  const answer: Answer = options.answer ?? ((_ref, inbound) => [reply(`Trả lời cho ${inbound.kind}`)]);
  const stores = createStores(tables, config.retention);
  const services: ZaloContext = {
    config,
    log,
    clock,
    stores,
    invoker,
    // What the channel relies on of the real service (functions/conversation/citizen-turns.ts): an
    // event answered before gets its saved replies back, the channel's hooks see the session, and
    // the session with the channel's state is committed with the turn's messages.
    conversation: {
      async handleInbound(ref, received, opts = {}) {
        const now = clock.now();
        const loaded = (await stores.conversations.getSession(ref, now)) ?? newSession(ref, now);
        if (opts.eventKey) {
          const replies = await stores.conversations.repliesTo(loaded, opts.eventKey);
          if (replies) return { state: loaded.state, messages: replies, replayed: true };
        }
        const prepared = (await opts.channel?.prepare(loaded, received)) ?? {
          session: loaded,
          inbound: received,
        };
        let messages: ChatMessage[] = [];
        if (!prepared.silent) {
          asked.push({ ref, inbound: prepared.inbound });
          messages = await answer(ref, prepared.inbound);
        }
        const mine: ChatMessage = {
          id: `01USER${String(++counter).padStart(20, '0')}`,
          from: 'user',
          text: prepared.inbound.kind === 'text' ? prepared.inbound.text : `[${prepared.inbound.kind}]`,
          createdAt: now.toISOString(),
        };
        await stores.conversations.commitTurn(
          opts.channel?.settle?.(prepared.session, messages) ?? prepared.session,
          { messages: [mine, ...messages], ...(opts.eventKey ? { eventKey: opts.eventKey } : {}) },
          now,
        );
        return { state: 'bot', messages, ...(prepared.silent ? { silenced: true } : {}) };
      },
    },
  };
  const runtime = buildZaloRuntime(services, fastRuntime);
  return {
    services,
    clock,
    jobs,
    asked,
    tables,
    runtime,
    lines,
    events: () => lines.map((l) => JSON.parse(l) as { event: string; [k: string]: unknown }),
  };
}

export function httpEvent(
  path: string,
  body: string | undefined,
  headers: Record<string, string> = {},
  method = 'POST',
): HttpEvent {
  return {
    version: '2.0',
    rawPath: path,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body } : {}),
    requestContext: { http: { method, path } },
  };
}

/**
 * Starts the fake OA/OAuth/Bot server for a test file: started once, reset before each test, closed
 * at the end. The returned object forwards to the running server.
 */
export function useFakeZaloServer(): FakeZaloServer {
  let current: FakeZaloServer | undefined;
  beforeAll(async () => {
    current = await startFakeZaloServer();
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => current?.reset());
  return new Proxy({} as FakeZaloServer, {
    get(_target, property) {
      if (!current) throw new Error('the fake Zalo server is not started yet');
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
