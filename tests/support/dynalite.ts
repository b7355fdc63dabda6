import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClient, dynamoRequestsOf } from '../../functions/app/dynamo';
import { createTables } from '../../functions/app/tables';
import { type AppConfig, readConfig } from '../../functions/config/config';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/embedded-dynamo';
import { type Clock, fixedClock } from '../../functions/shared/clock';
import type { TablePort } from '../../functions/stores/table-port';
import type { TableName } from '../../functions/stores/tables';

/** The instant every test clock starts at unless a test says otherwise: a Tuesday, 09:00 in Vietnam. */
export const TEST_START = new Date('2026-11-24T02:00:00Z');

/**
 * A real embedded DynamoDB-compatible server (dynalite) with the project's tables, for integration
 * tests. Expiry is judged by a test clock, never the machine's: `tables` use the given clock (a fixed
 * one at TEST_START by default), and `tablesAt(clock)` binds the same server to a test's own clock,
 * so the services and the store under test share one time.
 */
export async function startDynalite(options: { clock?: Clock } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dynalite-'));
  const dynamo = await startEmbeddedDynamo({ dataDir: dir, inProcess: true });
  const config: AppConfig = readConfig({
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    LOG_LEVEL: 'silent',
  });
  const client: DynamoDBClient = dynamoClient(config);
  await ensureTables(client, config.tables);
  const tablesAt = (clock: Clock): Record<TableName, TablePort> =>
    createTables(config, dynamoRequestsOf(client), clock);
  const tables = tablesAt(options.clock ?? fixedClock(TEST_START));
  return {
    config,
    client,
    tables,
    tablesAt,
    async stop() {
      client.destroy();
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
