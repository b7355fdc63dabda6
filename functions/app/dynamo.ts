import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AppConfig } from '../config/config';
import type { Clock } from '../shared/clock';
import { DynamoTable } from '../stores/dynamo/dynamo-table';
import type { TablePort } from '../stores/table-port';
import type { TableName } from '../stores/tables';
import { sendDataPlaneDirectly } from './dynamo-direct';

/** One DynamoDB client per container: AWS, or the embedded server when DYNAMODB_ENDPOINT is set. */
export function dynamoClient(config: AppConfig): DynamoDBClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
    // Build each command's middleware chain once, not on every request: a turn makes several store
    // requests and this was a measurable share of its CPU. Middleware must be added before first use.
    cacheMiddleware: true,
  });
  // The SDK never logs for us: items hold personal data, and store failures reach our own logger
  // as errors. Its logger middleware would still format every request and response for a logger
  // that discards them.
  client.middlewareStack.remove('loggerMiddleware');
  // The stores' item requests skip the SDK's middleware: it was half of a turn's server CPU.
  // DYNAMODB_REQUESTS=sdk turns that off without a deployment of new code, should AWS ever answer
  // the direct path differently from the SDK (the local store does not check signatures).
  return config.dynamoRequests === 'sdk' ? client : sendDataPlaneDirectly(client);
}

export function createTables(
  config: AppConfig,
  client: DynamoDBClient,
  clock: Clock,
): Record<TableName, TablePort> {
  return {
    conversations: new DynamoTable(client, config.tables.conversations, clock),
    casework: new DynamoTable(client, config.tables.casework, clock),
    registry: new DynamoTable(client, config.tables.registry, clock),
  };
}
