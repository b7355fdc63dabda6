import { createServices } from '../../functions/app/container';
import { readConfig } from '../../functions/config/config';
import { createChatHandler } from '../../functions/handlers/chat';
import { createIntegrationsHandler } from '../../functions/handlers/integrations';
import { createStaffHandler } from '../../functions/handlers/staff';
import type { HttpEvent, HttpResult } from '../../functions/http/types';
import { type Clock, fixedClock } from '../../functions/shared/clock';
import { createLogger } from '../../functions/shared/logger';
import type { TablePort } from '../../functions/stores/table-port';
import type { TableName } from '../../functions/stores/tables';
import { fakeKb } from '../support/fake-kb';
import { fakeNlu } from '../support/fake-nlu';
import { memoryTables } from '../support/memory-tables';

export const STAFF_TOKEN = 'security-staff-token-5f2c9a';
export const INTEGRATION_KEY = 'security-integration-key-8d1e4b';

/**
 * The HTTP handlers over memory tables with a clock the test moves: rate-limit windows and
 * lock-outs are checked at exact moments, never against the wall clock. Logs go to stderr at debug
 * level (the suite captures and scans them).
 */
export function inProcessApi(
  env: Record<string, string> = {},
  start = new Date('2026-11-24T02:00:10Z'),
  /** Real tables (the embedded store) for race tests; memory tables on the test's clock otherwise. */
  realTables?: (clock: Clock) => Record<TableName, TablePort>,
) {
  const clock = fixedClock(start);
  const config = readConfig({
    STAFF_TOKEN,
    INTEGRATION_API_KEY: INTEGRATION_KEY,
    LOG_LEVEL: 'debug',
    ...env,
  });
  const services = createServices({
    config,
    log: createLogger('debug'),
    clock,
    tables: realTables ? realTables(clock) : memoryTables(clock),
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker: { invoke: async () => {} },
  });
  const provider = async () => services;
  const handlers = {
    chat: createChatHandler(provider),
    staff: createStaffHandler(provider),
    integrations: createIntegrationsHandler(provider),
  };
  const call = (handler: keyof typeof handlers, event: HttpEvent): Promise<HttpResult> =>
    handlers[handler](event);
  return {
    clock,
    services,
    call,
    chat: (sessionId: string, text: string, sourceIp = '198.51.100.1') =>
      call('chat', event('POST', '/api/chat', { body: JSON.stringify({ sessionId, text }), sourceIp })),
  };
}

export function event(
  method: string,
  path: string,
  o: {
    body?: string;
    headers?: Record<string, string>;
    sourceIp?: string;
    query?: string;
    isBase64Encoded?: boolean;
  } = {},
): HttpEvent {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: o.query ?? '',
    headers: { 'content-type': 'application/json', ...o.headers },
    queryStringParameters: Object.fromEntries(new URLSearchParams(o.query ?? '').entries()),
    ...(o.body !== undefined ? { body: o.body, isBase64Encoded: o.isBase64Encoded ?? false } : {}),
    requestContext: {
      http: { method, path, sourceIp: o.sourceIp ?? '198.51.100.1' },
      requestId: 'security-test',
    },
  };
}

/**
 * Files (or updates) a dossier through the integrations API, as the one-stop system does: an ID
 * card re-issue in process at a ward's police, unless `fields` say otherwise.
 */
export function putDossier(
  api: ReturnType<typeof inProcessApi>,
  code: string,
  fields: Record<string, unknown>,
): Promise<HttpResult> {
  return api.call(
    'integrations',
    event('PUT', `/api/integrations/dossiers/${code}`, {
      body: JSON.stringify({
        procedure: 'Cấp lại thẻ căn cước',
        agency: 'Công an phường Đô Vinh',
        status: 'processing',
        ...fields,
      }),
      headers: { authorization: `Bearer ${INTEGRATION_KEY}` },
    }),
  );
}

export function bodyOf(result: HttpResult): any {
  return JSON.parse(result.body ?? 'null');
}
