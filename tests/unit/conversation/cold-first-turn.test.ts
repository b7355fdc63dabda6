import { describe, expect, it } from 'vitest';
import { createServices, warmUp } from '../../../functions/app/container';
import { readConfig } from '../../../functions/config/config';
import { fixedClock } from '../../../functions/shared/clock';
import { createLogger } from '../../../functions/shared/logger';
import type { DynamoRequests } from '../../../functions/stores/dynamo/dynamo-requests';
import type { TablePort } from '../../../functions/stores/table-port';
import { fakeKb } from '../../support/fake-kb';
import { fakeNlu } from '../../support/fake-nlu';
import { memoryTables } from '../../support/memory-tables';
import { citizen, testServices } from '../../support/test-services';

/**
 * A cold container's first turn: the model and the index load while the session read is in flight
 * (in AWS that read also opens the connection), so the citizen waits for the larger of the two.
 */
describe('the first turn of a container', () => {
  it('loads understanding while its session read is in flight, once', async () => {
    const events: string[] = [];
    const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));
    const tables = memoryTables(clock);
    const conversations: TablePort = Object.create(tables.conversations);
    conversations.get = async (pk, sk) => {
      events.push('read sent');
      const item = await tables.conversations.get(pk, sk);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push('read answered');
      return item;
    };
    const nlu = fakeNlu();
    const understand = nlu.understand.bind(nlu);
    nlu.understand = (text: string) => {
      events.push(`understand ${text}`);
      return understand(text);
    };
    const { services } = testServices({ tables: { ...tables, conversations }, nlu });
    const web = citizen(services);
    await web.say('làm lại căn cước cần gì');
    const first = events.indexOf('read sent');
    expect(first).toBeGreaterThanOrEqual(0);
    // The warm-up ran after the read was sent and before it was answered.
    expect(events.slice(first + 1, first + 2)).toEqual(['understand xin chào']);
    expect(events.indexOf('read answered')).toBeGreaterThan(first + 1);
    events.length = 0;
    await web.say('lệ phí bao nhiêu');
    expect(events.filter((e) => e === 'understand xin chào')).toEqual([]);
  });
});

describe('Lambda init (warmUp)', () => {
  it('opens the store’s connection while understanding loads, and sends no request', async () => {
    const events: string[] = [];
    const dynamo: DynamoRequests = {
      send: async () => {
        events.push('request');
        return {} as never;
      },
      connect: async () => {
        events.push('connect');
      },
    };
    const nlu = fakeNlu();
    const understand = nlu.understand.bind(nlu);
    nlu.understand = (text: string) => {
      events.push('understand');
      return understand(text);
    };
    const services = createServices({
      config: readConfig({ LOG_LEVEL: 'silent' }),
      log: createLogger('silent'),
      clock: fixedClock(new Date('2026-11-24T02:00:00Z')),
      dynamo,
      nlu,
      kb: fakeKb(),
      invoker: { invoke: async () => {} },
    });
    warmUp(services);
    expect(events).toEqual(['connect', 'understand']);
  });
});
