import type { AppConfig } from '../config/config';
import type { Clock } from '../shared/clock';
import type { DynamoRequests } from '../stores/dynamo/dynamo-requests';
import { DynamoTable } from '../stores/dynamo/dynamo-table';
import type { TablePort } from '../stores/table-port';
import type { TableName } from '../stores/tables';

/** The three tables over one way of reaching DynamoDB (a Lambda's direct requests, or an SDK client's). */
export function createTables(
  config: AppConfig,
  requests: DynamoRequests,
  clock: Clock,
): Record<TableName, TablePort> {
  return {
    conversations: new DynamoTable(requests, config.tables.conversations, clock),
    casework: new DynamoTable(requests, config.tables.casework, clock),
    registry: new DynamoTable(requests, config.tables.registry, clock),
  };
}
