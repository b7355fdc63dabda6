import type { Item, TablePort } from '../../functions/stores/table-port';
import type { TableName } from '../../functions/stores/tables';

export interface CountedCall {
  table: TableName;
  op: keyof TablePort;
  pk: string;
  /** Items a read returned (a get: 0 or 1; a query: how many it read). */
  itemsRead: number;
  /** The round trip the call belongs to: calls started while others were in flight share one. */
  round: number;
}

/**
 * Wraps the tables to count store requests, the items they read, and the round trips they form: a
 * call that starts while none is in flight opens a new round; calls started together (in
 * parallel) share it. The figure is the number of sequential waits on the store.
 */
export function countingTables(inner: Record<TableName, TablePort>) {
  let calls: CountedCall[] = [];
  let inFlight = 0;
  let round = 0;

  const wrap = (table: TableName, port: TablePort): TablePort => {
    async function track<T>(op: keyof TablePort, pk: string, run: () => Promise<T>, read?: (r: T) => number) {
      if (inFlight === 0) round++;
      inFlight++;
      const call: CountedCall = { table, op, pk, itemsRead: 0, round };
      calls.push(call);
      try {
        const result = await run();
        call.itemsRead = read ? read(result) : 0;
        return result;
      } finally {
        inFlight--;
      }
    }
    return {
      get: (pk, sk) =>
        track(
          'get',
          pk,
          () => port.get(pk, sk),
          (r) => (r ? 1 : 0),
        ),
      put: (item, options) => track('put', item.pk, () => port.put(item, options)),
      query: (partition, options) =>
        track(
          'query',
          partition,
          () => port.query(partition, options),
          (r: Item[]) => r.length,
        ),
      delete: (pk, sk) => track('delete', pk, () => port.delete(pk, sk)),
      increment: (pk, sk, attribute, by, set) =>
        track('increment', pk, () => port.increment(pk, sk, attribute, by, set)),
      countReceipted: (pk, sk, change) =>
        track('countReceipted', pk, () => port.countReceipted(pk, sk, change)),
      putMany: (items) => track('putMany', items[0]?.pk ?? '', () => port.putMany(items)),
    };
  };

  return {
    tables: {
      conversations: wrap('conversations', inner.conversations),
      casework: wrap('casework', inner.casework),
      registry: wrap('registry', inner.registry),
    } satisfies Record<TableName, TablePort>,
    /** Calls since the last `reset`. */
    get calls() {
      return calls;
    },
    /** Sequential round trips since the last `reset`. */
    get rounds() {
      return new Set(calls.map((c) => c.round)).size;
    },
    reset() {
      calls = [];
      round = 0;
    },
  };
}
