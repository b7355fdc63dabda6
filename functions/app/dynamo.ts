import * as sdk from '@aws-sdk/client-dynamodb';
import type { AppConfig } from '../config/config';
import type { DynamoRequests } from '../stores/dynamo/dynamo-requests';
import { clientRequests, newDynamoClient } from './dynamo-sdk';

/**
 * An SDK DynamoDB client, for what runs on this machine: the local server, the CLI tools, the tests
 * and the benchmark (which hook its middleware to inject faults or count capacity; a client whose
 * middleware was changed sends everything through it). Its item requests otherwise go straight over
 * HTTP, as a Lambda's do (functions/app/dynamo-sdk.ts). The Lambdas do not import this module: they
 * build their requests from the environment without the SDK (functions/app/lambda-dynamo.ts).
 */
export function dynamoClient(config: AppConfig): sdk.DynamoDBClient {
  return newDynamoClient(sdk, config);
}

/** The table adapter's requests through such a client (`ServiceOverrides.dynamo`, `createTables`). */
export function dynamoRequestsOf(client: sdk.DynamoDBClient): DynamoRequests {
  return clientRequests(client, sdk);
}
