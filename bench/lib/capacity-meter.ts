import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What DynamoDB charged (or, on the embedded store, would charge) for the requests seen. */
export interface CapacityTally {
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  /** Writes to the generic index (every attribute projected): on-demand bills them as writes too. */
  indexWriteUnits: number;
  /**
   * Sequential round trips: a round starts when a request is sent while none is in flight, so
   * requests sent side by side count once (what a turn waits on, in a row).
   */
  rounds: number;
}

export interface CapacityMeter {
  snapshot(): CapacityTally;
  reset(): void;
}

interface CapacityReport {
  CapacityUnits?: number;
}

const emptyTally = (): CapacityTally => ({
  requests: {},
  readUnits: 0,
  writeUnits: 0,
  indexWriteUnits: 0,
  rounds: 0,
});

/**
 * Counts every DynamoDB request a client sends and the capacity the store reports for it: asks for
 * `ReturnConsumedCapacity: TOTAL` on each request (dynalite computes it the way DynamoDB does:
 * 4 KB per read unit, half for eventually consistent reads, 1 KB per write unit). Index writes are
 * not in dynalite's figure, so an item written with `gsi1pk` is charged once more at its size.
 */
export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  let tally = emptyTally();
  let inFlight = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const command = String(context.commandName ?? 'unknown').replace(/Command$/u, '');
      input.ReturnConsumedCapacity = 'TOTAL';
      if (inFlight++ === 0) tally.rounds++;
      let out: Awaited<ReturnType<typeof next>>;
      try {
        out = await next(args);
      } finally {
        inFlight--;
      }
      // One object for a single-item request, one per table for a batch (BatchWriteItem, BatchGetItem).
      const reported = (out.output as { ConsumedCapacity?: CapacityReport | CapacityReport[] })
        .ConsumedCapacity;
      const consumed = (Array.isArray(reported) ? reported : reported ? [reported] : []).reduce(
        (sum, c) => sum + (c.CapacityUnits ?? 0),
        0,
      );
      tally.requests[command] = (tally.requests[command] ?? 0) + 1;
      if (process.env.BENCH_TRACE_STORE) traceRequest(command, input, consumed);
      if (command === 'GetItem' || command === 'Query' || command === 'Scan' || command === 'BatchGetItem')
        tally.readUnits += consumed;
      else tally.writeUnits += consumed;
      const item = input.Item as Record<string, unknown> | undefined;
      if (command === 'PutItem' && item && 'gsi1pk' in item)
        tally.indexWriteUnits += Math.max(1, Math.ceil(itemBytes(item) / 1024));
      return out;
    },
    { step: 'initialize', name: 'benchCapacityMeter', override: true },
  );
  return {
    snapshot: () => structuredClone(tally),
    reset() {
      tally = emptyTally();
    },
  };
}

/** BENCH_TRACE_STORE=1: one line per request on stderr (command, table, key, units), to see a turn's requests. */
function traceRequest(command: string, input: Record<string, unknown>, consumed: number): void {
  const key = input.Key ?? (input.Item as Record<string, unknown> | undefined);
  const keyText = key
    ? JSON.stringify({ pk: (key as Record<string, unknown>).pk, sk: (key as Record<string, unknown>).sk })
    : String(input.KeyConditionExpression ?? Object.keys((input.RequestItems as object) ?? {}).join(','));
  const size = input.Item ? itemBytes(input.Item as Record<string, unknown>) : 0;
  process.stderr.write(
    `store ${command} ${String(input.TableName ?? '')} ${keyText} units=${consumed}${size ? ` bytes=${size}` : ''}\n`,
  );
}

/**
 * DynamoDB's item size, as its documentation counts it: attribute names plus values (strings in
 * UTF-8, binary as its bytes, numbers about one byte per two digits, 3 bytes per map or list).
 */
function itemBytes(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueBytes(value);
  return size;
}

function valueBytes(value: unknown): number {
  const v = value as Record<string, unknown>;
  if (typeof v.S === 'string') return Buffer.byteLength(v.S);
  if (typeof v.N === 'string') return Math.ceil(v.N.replace(/^-|\./gu, '').length / 2) + 1;
  if (v.B instanceof Uint8Array) return v.B.byteLength;
  if (v.M) return 3 + itemBytes(v.M as Record<string, unknown>);
  if (Array.isArray(v.L)) return 3 + v.L.reduce((n: number, e) => n + 1 + valueBytes(e), 0);
  return 1;
}

export function difference(after: CapacityTally, before: CapacityTally): CapacityTally {
  const requests: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.requests)) {
    const d = v - (before.requests[k] ?? 0);
    if (d) requests[k] = d;
  }
  return {
    requests,
    readUnits: after.readUnits - before.readUnits,
    writeUnits: after.writeUnits - before.writeUnits,
    indexWriteUnits: after.indexWriteUnits - before.indexWriteUnits,
    rounds: after.rounds - before.rounds,
  };
}
