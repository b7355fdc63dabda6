import type { AttributeValue, QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
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
import type { DynamoRequests } from './dynamo-requests';

type Wire = Record<string, AttributeValue>;

/** Plain values to DynamoDB's attribute values; `undefined` fields are left out, as JSON would. */
const toWire = (value: Record<string, unknown>): Wire =>
  marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });
const fromWire = (wire: Wire): Item => unmarshall(wire) as Item;

/**
 * TablePort over DynamoDB: AWS in production, the embedded dynalite server on this machine.
 *
 * It sends DynamoDB's own requests by operation name (DynamoRequests: plain HTTP in a Lambda, an SDK
 * client on this machine) and marshals values itself (util-dynamodb), rather than through the SDK's
 * document client, which needs the SDK's client loaded.
 */
export class DynamoTable implements TablePort {
  constructor(
    private readonly requests: DynamoRequests,
    private readonly tableName: string,
    /** The services' own clock, so an item's expiry is judged by the same time that wrote it. */
    private readonly clock: Clock,
  ) {}

  private nowSeconds(): number {
    return epochSeconds(this.clock.now());
  }

  async get(pk: string, sk: string) {
    const out = await this.requests.send('GetItem', {
      TableName: this.tableName,
      Key: toWire({ pk, sk }),
      ConsistentRead: true,
    });
    const item = out.Item ? fromWire(out.Item) : undefined;
    return item && isLive(item, this.nowSeconds()) ? item : undefined;
  }

  async put(item: Item, options: PutOptions = {}) {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (options.ifNotExists) conditions.push('attribute_not_exists(pk)');
    if (options.ifVersion !== undefined) {
      names['#v'] = 'version';
      values[':v'] = options.ifVersion;
      conditions.push('#v = :v');
    }
    if (options.ifAttributeEquals) {
      names['#a'] = options.ifAttributeEquals.name;
      values[':a'] = options.ifAttributeEquals.value;
      conditions.push('#a = :a');
    }
    try {
      await this.requests.send('PutItem', {
        TableName: this.tableName,
        Item: toWire(item),
        ...(conditions.length
          ? {
              ConditionExpression: conditions.join(' AND '),
              ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
              ...(Object.keys(values).length ? { ExpressionAttributeValues: toWire(values) } : {}),
            }
          : {}),
      });
    } catch (error) {
      throw conditionFailed(error) ? new ConditionFailedError('condition') : error;
    }
  }

  async query(partition: string, options: QueryOptions = {}) {
    const pkName = options.index ? 'gsi1pk' : 'pk';
    const skName = options.index ? 'gsi1sk' : 'sk';
    const names: Record<string, string> = { '#p': pkName };
    const values: Record<string, unknown> = { ':p': partition };
    let condition = '#p = :p';
    if (options.beginsWith !== undefined) {
      names['#s'] = skName;
      values[':b'] = options.beginsWith;
      condition += ' AND begins_with(#s, :b)';
    } else if (options.after !== undefined) {
      names['#s'] = skName;
      values[':a'] = options.after;
      condition += ' AND #s > :a';
    } else if (options.between) {
      names['#s'] = skName;
      values[':lo'] = options.between[0];
      values[':hi'] = options.between[1];
      condition += ' AND #s BETWEEN :lo AND :hi';
    }
    const input: QueryCommandInput = {
      TableName: this.tableName,
      ...(options.index ? { IndexName: options.index } : { ConsistentRead: true }),
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: toWire(values),
      ScanIndexForward: !options.descending,
    };
    const now = this.nowSeconds();
    const items: Item[] = [];
    let startKey: Wire | undefined;
    do {
      const out = await this.requests.send('Query', {
        ...input,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        ...(options.limit ? { Limit: options.limit } : {}),
      });
      for (const wire of out.Items ?? []) {
        const item = fromWire(wire);
        // begins_with and `after` cannot be combined in one key condition; apply `after` here.
        if (
          options.beginsWith !== undefined &&
          options.after !== undefined &&
          (item[skName] as string) <= options.after
        )
          continue;
        if (isLive(item, now)) items.push(item);
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey && (!options.limit || items.length < options.limit));
    return options.limit ? items.slice(0, options.limit) : items;
  }

  async putMany(items: Item[]) {
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: toWire(item) } }));
      // Unprocessed items (throttling) are sent again with a short back-off, a few times.
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
        const out = await this.requests.send('BatchWriteItem', {
          RequestItems: { [this.tableName]: requests },
        });
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        if (attempt >= 4 && requests.length > 0) throw new Error('BatchWriteItem left items unprocessed');
      }
    }
  }

  async delete(pk: string, sk: string) {
    await this.requests.send('DeleteItem', { TableName: this.tableName, Key: toWire({ pk, sk }) });
  }

  async increment(pk: string, sk: string, attribute: string, by: number, set: Record<string, unknown> = {}) {
    const names: Record<string, string> = { '#n': attribute };
    const values: Record<string, unknown> = { ':by': by, ':zero': 0 };
    const sets = ['#n = if_not_exists(#n, :zero) + :by'];
    Object.entries(set).forEach(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      sets.push(`#s${i} = :s${i}`);
    });
    const out = await this.requests.send('UpdateItem', {
      TableName: this.tableName,
      Key: toWire({ pk, sk }),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: toWire(values),
      ReturnValues: 'UPDATED_NEW',
    });
    return Number(out.Attributes ? fromWire(out.Attributes)[attribute] : 0);
  }

  async countReceipted(pk: string, sk: string, change: ReceiptedChange) {
    const names: Record<string, string> = { '#c': change.counter, '#r': change.receipt };
    const values: Record<string, unknown> = { ':one': 1, ':zero': 0 };
    let update: string;
    let condition: string;
    if (change.op === 'take') {
      values[':max'] = change.max;
      // Both sides read the item as it was: the receipt gets the counter's new value.
      const sets = ['#c = if_not_exists(#c, :zero) + :one', '#r = if_not_exists(#c, :zero) + :one'];
      Object.entries(change.set ?? {}).forEach(([k, v], i) => {
        names[`#s${i}`] = k;
        values[`:s${i}`] = v;
        sets.push(`#s${i} = :s${i}`);
      });
      update = `SET ${sets.join(', ')}`;
      condition = 'attribute_not_exists(#r) AND (attribute_not_exists(#c) OR #c < :max)';
    } else {
      update = 'SET #c = #c - :one, #r = :zero - #r';
      condition = '#r > :zero';
    }
    try {
      const out = await this.requests.send('UpdateItem', {
        TableName: this.tableName,
        Key: toWire({ pk, sk }),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toWire(values),
        ReturnValues: 'UPDATED_NEW',
      });
      return Number(out.Attributes ? fromWire(out.Attributes)[change.counter] : 0);
    } catch (error) {
      throw conditionFailed(error) ? new ConditionFailedError('condition') : error;
    }
  }
}

/** By name, whichever sender threw it (the SDK's exception class, or the direct path's error). */
const conditionFailed = (error: unknown): boolean =>
  (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
