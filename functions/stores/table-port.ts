/**
 * The one persistence port every store is written against. It has two adapters: DynamoDB (used in
 * AWS and, against the embedded dynalite server, on this machine) and an in-memory fake for unit
 * tests. One contract suite (tests/integration/stores/table-contract.test.ts) runs against both.
 */
/**
 * Attribute values are JSON-like (strings, numbers, booleans, null, lists, maps) or binary
 * (`Uint8Array`, DynamoDB's B; a Buffer may be written and reads back as a Uint8Array).
 */
export interface Item {
  pk: string;
  sk: string;
  gsi1pk?: string;
  gsi1sk?: string;
  /** Epoch seconds; the item is gone after it. */
  ttl?: number;
  [attribute: string]: unknown;
}

export interface PutOptions {
  /** Fail with ConditionFailedError when an item with this key exists. */
  ifNotExists?: boolean;
  /** Fail unless the stored item's `version` equals this (optimistic concurrency). */
  ifVersion?: number;
  /** Fail unless the stored item's attribute `name` equals `value`. */
  ifAttributeEquals?: { name: string; value: string | number | boolean | null };
}

export interface QueryOptions {
  /** Query the generic secondary index instead of the table. */
  index?: 'gsi1';
  /** Sort key starts with this. */
  beginsWith?: string;
  /** Sort key strictly greater than this. */
  after?: string;
  /** Sort key between these, inclusive. */
  between?: [string, string];
  limit?: number;
  /** Newest first. */
  descending?: boolean;
}

export interface TablePort {
  get(pk: string, sk: string): Promise<Item | undefined>;
  put(item: Item, options?: PutOptions): Promise<void>;
  /** All items of one partition (or index partition), in sort-key order. Follows pagination. */
  query(partition: string, options?: QueryOptions): Promise<Item[]>;
  delete(pk: string, sk: string): Promise<void>;
  /**
   * Atomically adds `by` to a numeric attribute (creating the item) and returns the new value;
   * `set` attributes are written in the same update (e.g. a TTL).
   */
  increment(
    pk: string,
    sk: string,
    attribute: string,
    by: number,
    set?: Record<string, unknown>,
  ): Promise<number>;
  /** Unconditional puts of several items in as few requests as the store allows (BatchWriteItem). */
  putMany(items: Item[]): Promise<void>;
}

export class ConditionFailedError extends Error {
  override readonly name = 'ConditionFailedError';
}

/** Reads ignore expired items even before the store deletes them (DynamoDB's TTL sweep is lazy). */
export function isLive(item: Item, nowSeconds: number): boolean {
  return item.ttl === undefined || item.ttl > nowSeconds;
}
