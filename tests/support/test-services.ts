import { createServices, type ServiceOverrides } from '../../functions/app/container';
import type { AsyncInvoker, ProcessorJob } from '../../functions/app/invoker';
import { readConfig } from '../../functions/config/config';
import type { ChatMessage, SessionRef } from '../../functions/conversation/model';
import { fixedClock } from '../../functions/shared/clock';
import { createLogger } from '../../functions/shared/logger';
import { fakeKb } from './fake-kb';
import { fakeNlu } from './fake-nlu';
import { memoryTables } from './memory-tables';

/** Services on memory tables, a fixed clock (a Tuesday, 09:00 in Vietnam) and recorded async jobs. */
export function testServices(overrides: ServiceOverrides & { start?: Date } = {}) {
  const clock = fixedClock(overrides.start ?? new Date('2026-11-24T02:00:00Z'));
  const jobs: ProcessorJob[] = [];
  const invoker: AsyncInvoker = { invoke: async (job) => void jobs.push(job) };
  const services = createServices({
    config: readConfig({
      STAFF_TOKEN: 'staff-secret',
      INTEGRATION_API_KEY: 'integration-secret',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000',
    }),
    log: createLogger('silent'),
    clock,
    tables: memoryTables(clock),
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker,
    ...overrides,
  });
  return { services, clock, jobs };
}

/** The same, on the model and knowledge base the chat ships with: conversations as citizens type them. */
export function shippedServices(overrides: ServiceOverrides & { start?: Date } = {}) {
  return testServices({ ...overrides, nlu: undefined, kb: undefined });
}

/** Sends text (or a payload) as a web citizen and returns the replies. */
export function citizen(services: ReturnType<typeof testServices>['services'], userId = 'web-citizen-1') {
  const ref: SessionRef = { channel: 'web', userId };
  return {
    ref,
    say: (text: string) => services.conversation.handleInbound(ref, { kind: 'text', text }),
    tap: (payload: string) => services.conversation.handleInbound(ref, { kind: 'payload', payload }),
    send: (inbound: Parameters<typeof services.conversation.handleInbound>[1]) =>
      services.conversation.handleInbound(ref, inbound),
    inbox: async (after?: string) => (await services.conversation.listMessages(ref, after)).messages,
  };
}

export const texts = (messages: ChatMessage[]) => messages.map((m) => m.text).join('\n---\n');
export const payloadOf = (messages: ChatMessage[], title: string | RegExp) =>
  messages
    .flatMap((m) => m.quickReplies ?? [])
    .find((q) => (typeof title === 'string' ? q.title === title : title.test(q.title)))?.payload;
