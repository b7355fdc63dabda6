import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AppConfig } from '../config/config';
import { DynamoTable } from '../stores/dynamo/dynamo-table';
import type { TablePort } from '../stores/table-port';
import type { TableName } from '../stores/tables';

/** One DynamoDB client per container: AWS, or the embedded server when DYNAMODB_ENDPOINT is set. */
export function dynamoClient(config: AppConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
}

export function createTables(
  config: AppConfig,
  client: DynamoDBClient,
  nowSeconds?: () => number,
): Record<TableName, TablePort> {
  return {
    conversations: new DynamoTable(client, config.tables.conversations, nowSeconds),
    casework: new DynamoTable(client, config.tables.casework, nowSeconds),
    registry: new DynamoTable(client, config.tables.registry, nowSeconds),
  };
}
