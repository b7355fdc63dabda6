/**
 * Table definitions shared by the CDK stack and the embedded store of `npm start`, so that both run
 * the very same key schema. Every table uses generic `pk`/`sk` keys and one generic index, which lets
 * each store keep several item types in one table without a new index per query.
 */
export interface TableDefinition {
  /** Logical name, also the key of the table name in the configuration. */
  readonly name: TableName;
  /** Environment variable the Lambdas read the physical table name from. */
  readonly envVar: string;
  readonly partitionKey: 'pk';
  readonly sortKey: 'sk';
  /** Generic secondary index: `gsi1pk` / `gsi1sk`, all attributes projected. */
  readonly indexes: readonly { name: 'gsi1'; partitionKey: 'gsi1pk'; sortKey: 'gsi1sk' }[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item after it. */
  readonly ttlAttribute: 'ttl';
  /** Why the table exists and what expires, for the README and the stack's descriptions. */
  readonly description: string;
}

export type TableName = 'conversations' | 'casework' | 'registry';

const GSI1 = [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }] as const;

export const TABLES: Readonly<Record<TableName, TableDefinition>> = {
  conversations: {
    name: 'conversations',
    envVar: 'TABLE_CONVERSATIONS',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: GSI1,
    ttlAttribute: 'ttl',
    description:
      'Sessions, transcripts, webhook de-duplication, rate-limit and lock-out windows, Zalo interaction clocks; everything expires.',
  },
  casework: {
    name: 'casework',
    envVar: 'TABLE_CASEWORK',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: GSI1,
    ttlAttribute: 'ttl',
    description: 'Escalations to staff, ratings, feedback reports, unanswered questions; kept for reporting.',
  },
  registry: {
    name: 'registry',
    envVar: 'TABLE_REGISTRY',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: GSI1,
    ttlAttribute: 'ttl',
    description:
      'Dossiers and their status history, digital addresses, notice subscriptions, channel tokens; fed by the province systems.',
  },
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
