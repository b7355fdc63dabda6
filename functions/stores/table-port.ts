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

/**
 * One change of a counter, receipted by its caller in the same item (attempt budgets:
 * guard-store.ts). `take` adds 1 and stores the counter's new value as the caller's receipt, unless
 * that receipt exists already or the counter (0 when missing) is at `max`. `giveBack` subtracts 1
 * and negates the receipt, unless the receipt is missing or already given back (not positive).
 */
export type ReceiptedChange =
  | { op: 'take'; counter: string; receipt: string; max: number; set?: Record<string, unknown> }
  | { op: 'giveBack'; counter: string; receipt: string };

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
  /**
   * Applies a receipted counter change in ONE conditional update and returns the counter's new
   * value; when the condition fails, nothing is written and ConditionFailedError is thrown.
   */
  countReceipted(pk: string, sk: string, change: ReceiptedChange): Promise<number>;
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
