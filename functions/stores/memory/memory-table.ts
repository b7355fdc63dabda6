import { type Clock, epochSeconds } from '../../shared/clock';
import {
  ConditionFailedError,
  type Item,
  isLive,
  type PutOptions,
  type QueryOptions,
  type ReceiptedChange,
  type TablePort,
} from '../table-port';
import type { TableName } from '../tables';

/**
 * In-memory fake of TablePort for unit tests. Items round-trip through JSON, as they would through
 * DynamoDB, so a store cannot accidentally depend on object identity; binary values (DynamoDB's B)
 * travel as tagged base64 and read back as a Uint8Array, as the DynamoDB adapter returns them.
 */
export class MemoryTable implements TablePort {
  private readonly items = new Map<string, string>();
  /** Expiry is judged by the services' own clock, as in the DynamoDB adapter. */
  constructor(private readonly clock: Clock) {}

  private nowSeconds(): number {
    return epochSeconds(this.clock.now());
  }

  private static key(pk: string, sk: string) {
    return `${pk}\u0000${sk}`;
  }

  private read(pk: string, sk: string): Item | undefined {
    const raw = this.items.get(MemoryTable.key(pk, sk));
    if (!raw) return undefined;
    const item = decode(raw);
    return isLive(item, this.nowSeconds()) ? item : undefined;
  }

  async get(pk: string, sk: string) {
    return this.read(pk, sk);
  }

  async put(item: Item, options: PutOptions = {}) {
    const existing = this.read(item.pk, item.sk);
    if (options.ifNotExists && existing) throw new ConditionFailedError('exists');
    if (options.ifVersion !== undefined && (existing?.version ?? undefined) !== options.ifVersion) {
      throw new ConditionFailedError('version');
    }
    if (options.ifAttributeEquals) {
      const { name, value } = options.ifAttributeEquals;
      if (!existing || existing[name] !== value) throw new ConditionFailedError('attribute');
    }
    this.items.set(MemoryTable.key(item.pk, item.sk), encode(item));
  }

  async putMany(items: Item[]) {
    for (const item of items) await this.put(item);
  }

  async query(partition: string, options: QueryOptions = {}) {
    const now = this.nowSeconds();
    const pkName = options.index ? 'gsi1pk' : 'pk';
    const skName = options.index ? 'gsi1sk' : 'sk';
    let rows = [...this.items.values()]
      .map((raw) => decode(raw))
      .filter((i) => i[pkName] === partition && isLive(i, now) && typeof i[skName] === 'string');
    const sk = (i: Item) => i[skName] as string;
    if (options.beginsWith !== undefined)
      rows = rows.filter((i) => sk(i).startsWith(options.beginsWith as string));
    if (options.after !== undefined) rows = rows.filter((i) => sk(i) > (options.after as string));
    if (options.between) {
      const [lo, hi] = options.between;
      rows = rows.filter((i) => sk(i) >= lo && sk(i) <= hi);
    }
    rows.sort((a, b) => (sk(a) < sk(b) ? -1 : sk(a) > sk(b) ? 1 : 0));
    if (options.descending) rows.reverse();
    return options.limit ? rows.slice(0, options.limit) : rows;
  }

  async delete(pk: string, sk: string) {
    this.items.delete(MemoryTable.key(pk, sk));
  }

  async increment(pk: string, sk: string, attribute: string, by: number, set: Record<string, unknown> = {}) {
    const existing = this.read(pk, sk) ?? { pk, sk };
    const current = typeof existing[attribute] === 'number' ? (existing[attribute] as number) : 0;
    const next = { ...existing, ...set, [attribute]: current + by };
    this.items.set(MemoryTable.key(pk, sk), encode(next));
    return current + by;
  }

  async countReceipted(pk: string, sk: string, change: ReceiptedChange) {
    const existing = this.read(pk, sk) ?? { pk, sk };
    const current = typeof existing[change.counter] === 'number' ? (existing[change.counter] as number) : 0;
    const receipt = existing[change.receipt];
    let next: Item;
    if (change.op === 'take') {
      if (receipt !== undefined || current >= change.max) throw new ConditionFailedError('receipt');
      next = { ...existing, ...change.set, [change.counter]: current + 1, [change.receipt]: current + 1 };
    } else {
      if (typeof receipt !== 'number' || receipt <= 0) throw new ConditionFailedError('receipt');
      next = { ...existing, [change.counter]: current - 1, [change.receipt]: -receipt };
    }
    this.items.set(MemoryTable.key(pk, sk), encode(next));
    return next[change.counter] as number;
  }
}

/** The tag of a binary value in the stored JSON: not a name any store gives an attribute. */
const BYTES = '\u0000bytes';

/** JSON, `undefined` fields left out as DynamoDB's adapter does, binary values tagged. */
function encode(item: Item): string {
  return JSON.stringify(item, function (this: Record<string, unknown>, key: string, value: unknown) {
    // `this[key]` is the value before Buffer's toJSON turned it into {type, data}.
    const raw = this[key];
    return raw instanceof Uint8Array ? { [BYTES]: Buffer.from(raw).toString('base64') } : value;
  });
}

function decode(raw: string): Item {
  return JSON.parse(raw, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && BYTES in value
      ? new Uint8Array(Buffer.from((value as Record<string, string>)[BYTES] ?? '', 'base64'))
      : value,
  ) as Item;
}

/** Every table in memory: the unit tests' store, and the benchmark that measures the application alone. */
export function memoryTables(clock: Clock): Record<TableName, TablePort> {
  return {
    conversations: new MemoryTable(clock),
    casework: new MemoryTable(clock),
    registry: new MemoryTable(clock),
  };
}
