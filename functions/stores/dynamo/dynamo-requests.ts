import type {
  BatchGetItemCommandInput,
  BatchGetItemCommandOutput,
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DeleteItemCommandInput,
  DeleteItemCommandOutput,
  GetItemCommandInput,
  GetItemCommandOutput,
  PutItemCommandInput,
  PutItemCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactGetItemsCommandInput,
  TransactGetItemsCommandOutput,
  TransactWriteItemsCommandInput,
  TransactWriteItemsCommandOutput,
  UpdateItemCommandInput,
  UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's data-plane operations, with the SDK's own input and output types (which are the JSON
 * protocol's wire shapes, binary values as bytes). Types only: nothing of the SDK is loaded for them.
 */
export interface DynamoOperations {
  GetItem: [GetItemCommandInput, GetItemCommandOutput];
  PutItem: [PutItemCommandInput, PutItemCommandOutput];
  UpdateItem: [UpdateItemCommandInput, UpdateItemCommandOutput];
  DeleteItem: [DeleteItemCommandInput, DeleteItemCommandOutput];
  Query: [QueryCommandInput, QueryCommandOutput];
  Scan: [ScanCommandInput, ScanCommandOutput];
  BatchGetItem: [BatchGetItemCommandInput, BatchGetItemCommandOutput];
  BatchWriteItem: [BatchWriteItemCommandInput, BatchWriteItemCommandOutput];
  TransactGetItems: [TransactGetItemsCommandInput, TransactGetItemsCommandOutput];
  TransactWriteItems: [TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput];
}
export type DynamoOperation = keyof DynamoOperations;

/** Every data-plane operation, for the senders that map an operation to something (a command class). */
export const DYNAMO_OPERATIONS: readonly DynamoOperation[] = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
];

/**
 * How the DynamoDB table adapter reaches the service: one request by operation name. In a Lambda it
 * is plain HTTP with no SDK loaded (functions/app/dynamo-direct.ts); on this machine, in the tests
 * and in the benchmark it is an SDK client (functions/app/dynamo.ts), whose middleware they can hook.
 * Failures carry DynamoDB's error name (`ConditionalCheckFailedException`…) as their `name`.
 */
export interface DynamoRequests {
  send<O extends DynamoOperation>(
    operation: O,
    input: DynamoOperations[O][0],
  ): Promise<DynamoOperations[O][1]>;
  /** Closes kept-alive connections (a server's shutdown, the end of a test). */
  destroy?(): void;
  /**
   * Opens a kept-alive connection ahead of the first request (name lookup, TCP, TLS), so a cold
   * container's first citizen does not wait for it. Never fails: a request opens its own otherwise.
   */
  connect?(): Promise<void>;
}
