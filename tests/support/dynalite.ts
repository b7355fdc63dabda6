import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTables, dynamoClient } from '../../functions/app/dynamo';
import { type AppConfig, readConfig } from '../../functions/config/config';
import { ensureTables, startEmbeddedDynamo } from '../../functions/local/embedded-dynamo';
import type { TablePort } from '../../functions/stores/table-port';
import type { TableName } from '../../functions/stores/tables';

/** A real embedded DynamoDB-compatible server (dynalite) with the project's tables, for integration tests. */
export async function startDynalite(options: { nowSeconds?: () => number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dynalite-'));
  const dynamo = await startEmbeddedDynamo({ dataDir: dir, inProcess: true });
  const config: AppConfig = readConfig({
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    LOG_LEVEL: 'silent',
  });
  const client: DynamoDBClient = dynamoClient(config);
  await ensureTables(client, config.tables);
  const tables: Record<TableName, TablePort> = createTables(config, client, options.nowSeconds);
  return {
    config,
    client,
    tables,
    async stop() {
      client.destroy();
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
