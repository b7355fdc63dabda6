import type { Item, PutOptions, QueryOptions, TablePort } from '../../functions/stores/table-port';
import type { TableName } from '../../functions/stores/tables';

export type TableOp = 'get' | 'put' | 'query' | 'delete' | 'increment' | 'countReceipted';

export interface TableCall {
  table: TableName;
  op: TableOp;
  pk: string;
  sk?: string;
  /** The item written, for puts. */
  item?: Item;
}

export interface Fault {
  /** Which calls the fault may hit. */
  when: (call: TableCall) => boolean;
  /** Matching calls let through before the fault fires (0: the first matching call fails). */
  skip?: number;
  /** How many matching calls fail once it fires. */
  times?: number;
  error: () => Error;
}

/** DynamoDB's answer when a table is over its throughput (a throttling error the SDK retries). */
export const throttled = () =>
  Object.assign(new Error('The level of configured provisioned throughput for the table was exceeded.'), {
    name: 'ProvisionedThroughputExceededException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
/** What the SDK throws when a request outlives its timeout. */
export const timedOut = () =>
  Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' });
/** The process dying half-way: any exception thrown out of a store call. */
export const crashed = () => new Error('simulated crash of the processor');

/**
 * Wraps the three tables so that chosen calls fail: the table-level view of a store that throttles
 * or times out after the SDK gave up, or of a process that dies between two writes. Every call is
 * recorded, failed or not.
 */
export function faultyTables(inner: Record<TableName, TablePort>) {
  const calls: (TableCall & { failed: boolean })[] = [];
  const faults: (Fault & { seen: number; fired: number })[] = [];
  let armed = true;

  const check = (call: TableCall) => {
    for (const f of armed ? faults : []) {
      if (!f.when(call)) continue;
      f.seen++;
      if (f.seen <= (f.skip ?? 0) || f.fired >= (f.times ?? 1)) continue;
      f.fired++;
      calls.push({ ...call, failed: true });
      throw f.error();
    }
    calls.push({ ...call, failed: false });
  };

  const wrap = (table: TableName, port: TablePort): TablePort => ({
    async get(pk, sk) {
      check({ table, op: 'get', pk, sk });
      return port.get(pk, sk);
    },
    async put(item: Item, options?: PutOptions) {
      check({ table, op: 'put', pk: item.pk, sk: item.sk, item });
      return port.put(item, options);
    },
    async query(partition: string, options?: QueryOptions) {
      check({ table, op: 'query', pk: partition });
      return port.query(partition, options);
    },
    async delete(pk, sk) {
      check({ table, op: 'delete', pk, sk });
      return port.delete(pk, sk);
    },
    async increment(pk, sk, attribute, by, set) {
      check({ table, op: 'increment', pk, sk });
      return port.increment(pk, sk, attribute, by, set);
    },
    async countReceipted(pk, sk, change) {
      check({ table, op: 'countReceipted', pk, sk });
      return port.countReceipted(pk, sk, change);
    },
    // A BatchWriteItem can fail item by item (unprocessed items): each item is its own 'put' call,
    // and the batch fails after the items before the faulty one were written.
    async putMany(items: Item[]) {
      for (const item of items) {
        check({ table, op: 'put', pk: item.pk, sk: item.sk, item });
        await port.put(item);
      }
    },
  });

  return {
    tables: {
      conversations: wrap('conversations', inner.conversations),
      casework: wrap('casework', inner.casework),
      registry: wrap('registry', inner.registry),
    },
    calls,
    inject(fault: Fault) {
      armed = true;
      faults.push({ ...fault, seen: 0, fired: 0 });
    },
    /** How many times the injected faults fired, cleared ones included. */
    fired: () => faults.reduce((n, f) => n + f.fired, 0),
    /** Lets every call through again (the count of what fired stays). */
    clear() {
      armed = false;
    },
  };
}

export const isSessionSave = (c: TableCall) =>
  c.op === 'put' && c.pk.startsWith('SESSION#') && c.sk === 'META';
export const isSessionLoad = (c: TableCall) =>
  c.op === 'get' && c.pk.startsWith('SESSION#') && c.sk === 'META';
export const isTranscriptWrite = (c: TableCall) =>
  c.op === 'put' && c.pk.startsWith('SESSION#') && !!c.sk?.startsWith('MSG#');
export const isOutboxWrite = (c: TableCall) => c.op === 'put' && c.pk.startsWith('ZALO#OUTBOX#');
