import * as sdk from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaDynamoRequests } from '../../../functions/app/lambda-dynamo';
import { fixedClock } from '../../../functions/shared/clock';
import type { DynamoRequests } from '../../../functions/stores/dynamo/dynamo-requests';
import { DynamoTable } from '../../../functions/stores/dynamo/dynamo-table';
import { MemoryTable } from '../../../functions/stores/memory/memory-table';
import { ConditionFailedError, type TablePort } from '../../../functions/stores/table-port';
import { startDynalite } from '../../support/dynalite';

/** One behaviour contract, run against the in-memory fake and the real embedded DynamoDB. */
const nowSeconds = 1_800_000_000;
const clock = fixedClock(new Date(nowSeconds * 1000));
let dyn: Awaited<ReturnType<typeof startDynalite>>;
/** The Lambdas' own ways to the same store: direct without the SDK, and the SDK loaded on demand. */
let lambdaDirect: DynamoRequests;
let lambdaSdk: DynamoRequests;
beforeAll(async () => {
  dyn = await startDynalite({ clock });
  lambdaDirect = lambdaDynamoRequests(dyn.config, {
    env: {},
    loadSdk: () => Promise.reject(new Error('the direct path must not load the SDK')),
  });
  lambdaSdk = lambdaDynamoRequests(
    { ...dyn.config, dynamoRequests: 'sdk' },
    { env: {}, loadSdk: async () => sdk },
  );
});
afterAll(async () => {
  lambdaDirect?.destroy?.();
  lambdaSdk?.destroy?.();
  await dyn?.stop();
});

const adapters: [string, () => TablePort][] = [
  ['memory', () => new MemoryTable(clock)],
  ['dynalite (an SDK client, as on this machine)', () => dyn.tables.casework],
  ['dynalite (a Lambda, direct)', () => new DynamoTable(lambdaDirect, dyn.config.tables.casework, clock)],
  [
    'dynalite (a Lambda, through the SDK)',
    () => new DynamoTable(lambdaSdk, dyn.config.tables.casework, clock),
  ],
];

describe.each(adapters)('TablePort contract: %s', (_name, make) => {
  const uid = () => `${Math.random().toString(36).slice(2)}`;

  it('puts and gets an item with nested values, and misses unknown keys', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    await t.put({ pk, sk: 'A', data: { list: [1, 'x'], nested: { ok: true } } });
    expect(await t.get(pk, 'A')).toMatchObject({
      pk,
      sk: 'A',
      data: { list: [1, 'x'], nested: { ok: true } },
    });
    expect(await t.get(pk, 'B')).toBeUndefined();
  });

  it('carries binary values byte for byte, from a Uint8Array or a Buffer, through get, query and putMany', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    // Every byte value, in an order that a text encoding would not survive.
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => (i * 167) % 256);
    await t.put({ pk, sk: 'A', blob: bytes, nested: { blob: Uint8Array.of(0, 255) } });
    await t.put({ pk, sk: 'B', blob: Buffer.from([1, 2, 3]) });
    await t.putMany([{ pk, sk: 'C', blob: Uint8Array.of(9) }]);
    const a = (await t.get(pk, 'A')) ?? { pk, sk: 'missing' };
    expect(a.blob).toBeInstanceOf(Uint8Array);
    expect([...(a.blob as Uint8Array)]).toEqual([...bytes]);
    expect([...(a.nested as { blob: Uint8Array }).blob]).toEqual([0, 255]);
    const listed = await t.query(pk);
    expect(listed.map((i) => [...(i.blob as Uint8Array)].slice(0, 3))).toEqual([
      [...bytes.subarray(0, 3)],
      [1, 2, 3],
      [9],
    ]);
    expect(listed.every((i) => i.blob instanceof Uint8Array)).toBe(true);
  });

  it('ifNotExists refuses a second write of the same key', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    await t.put({ pk, sk: '-' }, { ifNotExists: true });
    await expect(t.put({ pk, sk: '-' }, { ifNotExists: true })).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('ifVersion guards optimistic concurrency', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    await t.put({ pk, sk: 'M', version: 1 });
    await t.put({ pk, sk: 'M', version: 2 }, { ifVersion: 1 });
    await expect(t.put({ pk, sk: 'M', version: 3 }, { ifVersion: 1 })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    expect((await t.get(pk, 'M'))?.version).toBe(2);
  });

  it('queries a partition in sort order, with prefix, after, between, limit and descending', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    for (const sk of ['MSG#03', 'MSG#01', 'MSG#02', 'NOTE#01']) await t.put({ pk, sk });
    expect((await t.query(pk, { beginsWith: 'MSG#' })).map((i) => i.sk)).toEqual([
      'MSG#01',
      'MSG#02',
      'MSG#03',
    ]);
    expect((await t.query(pk, { beginsWith: 'MSG#', after: 'MSG#01' })).map((i) => i.sk)).toEqual([
      'MSG#02',
      'MSG#03',
    ]);
    expect((await t.query(pk, { between: ['MSG#02', 'MSG#03'] })).map((i) => i.sk)).toEqual([
      'MSG#02',
      'MSG#03',
    ]);
    expect((await t.query(pk, { descending: true, limit: 2 })).map((i) => i.sk)).toEqual([
      'NOTE#01',
      'MSG#03',
    ]);
  });

  it('queries the secondary index', async () => {
    const t = make();
    const g = `G#${uid()}`;
    await t.put({ pk: `A#${uid()}`, sk: '-', gsi1pk: g, gsi1sk: '2026-01-02' });
    await t.put({ pk: `B#${uid()}`, sk: '-', gsi1pk: g, gsi1sk: '2026-01-01' });
    expect((await t.query(g, { index: 'gsi1' })).map((i) => i.gsi1sk)).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('increments atomically from nothing and sets attributes alongside', async () => {
    const t = make();
    const pk = `C#${uid()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.increment(pk, '-', 'count', 1, { ttl: nowSeconds + 60 })),
    );
    expect(Math.max(...results)).toBe(10);
    expect(new Set(results).size).toBe(10);
    expect((await t.get(pk, '-'))?.ttl).toBe(nowSeconds + 60);
  });

  it('takes receipted counts atomically up to a maximum, once per receipt, and gives each back once', async () => {
    const t = make();
    const pk = `R#${uid()}`;
    const take = (id: string) =>
      t.countReceipted(pk, '-', {
        op: 'take',
        counter: 'n',
        receipt: `r:${id}`,
        max: 3,
        set: { ttl: nowSeconds + 60 },
      });
    const giveBack = (id: string) =>
      t.countReceipted(pk, '-', { op: 'giveBack', counter: 'n', receipt: `r:${id}` });
    const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => take(`m${i}`)));
    const taken = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(taken.sort()).toEqual([1, 2, 3]);
    for (const r of settled)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConditionFailedError);
    const holder = settled.findIndex((r) => r.status === 'fulfilled');
    const stored = await t.get(pk, '-');
    expect(stored).toMatchObject({ n: 3, ttl: nowSeconds + 60 });
    const ticket = stored?.[`r:m${holder}`] as number;
    // The same receipt cannot take twice, even once a place is free again.
    await expect(giveBack(`m${holder}`)).resolves.toBe(2);
    await expect(take(`m${holder}`)).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(giveBack(`m${holder}`)).rejects.toBeInstanceOf(ConditionFailedError);
    await expect(giveBack('never-took')).rejects.toBeInstanceOf(ConditionFailedError);
    // A given-back receipt keeps its ticket, negated.
    expect(await t.get(pk, '-')).toMatchObject({ n: 2, [`r:m${holder}`]: -ticket });
  });

  it('hides expired items from reads before any sweep', async () => {
    const t = make();
    const pk = `T#${uid()}`;
    await t.put({ pk, sk: 'old', ttl: nowSeconds - 1 });
    await t.put({ pk, sk: 'new', ttl: nowSeconds + 100 });
    expect(await t.get(pk, 'old')).toBeUndefined();
    expect((await t.query(pk)).map((i) => i.sk)).toEqual(['new']);
  });

  it('putMany writes more items than one batch holds', async () => {
    const t = make();
    const pk = `B#${uid()}`;
    await t.putMany(
      Array.from({ length: 30 }, (_, i) => ({ pk, sk: `MSG#${String(i).padStart(2, '0')}`, n: i })),
    );
    const items = await t.query(pk);
    expect(items).toHaveLength(30);
    expect(items[29]).toMatchObject({ sk: 'MSG#29', n: 29 });
  });

  it('deletes', async () => {
    const t = make();
    const pk = `D#${uid()}`;
    await t.put({ pk, sk: '-' });
    await t.delete(pk, '-');
    expect(await t.get(pk, '-')).toBeUndefined();
  });

  it('leaves out fields that are undefined, at any depth, as JSON would', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    await t.put({
      pk,
      sk: '-',
      gone: undefined,
      data: { kept: 1, gone: undefined, list: [{ a: 'x', b: undefined }] },
    });
    const item = await t.get(pk, '-');
    expect(item).toBeDefined();
    expect(Object.hasOwn(item ?? {}, 'gone')).toBe(false);
    expect(item?.data).toEqual({ kept: 1, list: [{ a: 'x' }] });
  });

  it('conditions compare stored values of every type, and queries return them as written', async () => {
    const t = make();
    const pk = `P#${uid()}`;
    await t.put({ pk, sk: 'A', version: 3, flag: true, when: '2026-11-22' });
    await expect(t.put({ pk, sk: 'A', version: 4 }, { ifVersion: 2 })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await t.put(
      { pk, sk: 'A', version: 4, flag: false },
      { ifAttributeEquals: { name: 'flag', value: true } },
    );
    const [only] = await t.query(pk);
    expect(only).toMatchObject({ pk, sk: 'A', version: 4, flag: false });
  });
});
