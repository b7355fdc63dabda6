import { randomUUID } from 'node:crypto';
import type { DynamoOperation, DynamoRequests } from '../stores/dynamo/dynamo-requests';
import { AwsServiceError, type DirectTarget, type JsonProtocol, jsonClient } from './aws-json';

export type { DirectTarget, ResponseMetadata } from './aws-json';
/** DynamoDB's failures: the shared service error (callers recognise them by `name`). */
export { AwsServiceError as DynamoServiceError };

/** DynamoDB's JSON protocol (1.0); binary values come back as bytes, as from the SDK. */
const DYNAMODB: JsonProtocol = {
  label: 'DynamoDB',
  service: 'dynamodb',
  targetPrefix: 'DynamoDB_20120810',
  contentType: 'application/x-amz-json-1.0',
  parse: parseJson,
};

/**
 * Sends DynamoDB's data-plane requests (GetItem, PutItem, Query…) straight over HTTP, signed with our
 * own SigV4 (functions/app/sigv4.ts), without the AWS SDK.
 *
 * Why: measured from outside the server, the SDK's per-request work (schema serialisation, endpoint
 * rules, user agent, retry tokens, the general SigV4 signer, its HTTP handler) was about half of a
 * web turn's server CPU, and loading the SDK's client was about 200 kB of every Lambda's bundle.
 * DynamoDB's JSON protocol needs none of it: the input already is the wire JSON (binary values as
 * base64), and so is the output. What the SDK gives callers is kept: the same input and output shapes
 * (`$metadata` included), its error names and fields, an idempotency token on every transaction, and
 * its retries (throttling, timeouts, 5xx, dropped connections; up to `maxAttempts`, with jittered
 * back-off).
 */
export function directRequests(
  target: DirectTarget,
): DynamoRequests & { destroy(): void; connect(): Promise<void> } {
  const client = jsonClient(target, DYNAMODB);
  return {
    send: (operation, input) => client.send(operation, wireBody(operation, input)) as never,
    destroy: () => client.destroy(),
    connect: () => client.connect(),
  };
}

function wireBody(operation: DynamoOperation, input: object): string {
  // TransactWriteItems is idempotent by its token, which the SDK fills in when the caller did not:
  // a retried transaction must not apply twice.
  const withToken =
    operation === 'TransactWriteItems' && !('ClientRequestToken' in input)
      ? { ...input, ClientRequestToken: randomUUID() }
      : input;
  return JSON.stringify(binaryAsBase64(withToken));
}

/**
 * Binary attribute values (`B`, `BS`) travel as base64; a Uint8Array would otherwise become
 * `{"0":…}` and a Buffer `{type, data}`. One walk that copies only the objects on the way to a byte
 * array (none for most requests), then a plain `JSON.stringify`: a replacer function would be called
 * for every key of every item, which costs more than the walk.
 */
function binaryAsBase64(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64');
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const wire = binaryAsBase64(value[i]);
      if (wire !== value[i]) {
        copy ??= value.slice();
        copy[i] = wire;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const field = object[key];
    if (field === null || typeof field !== 'object') continue;
    const wire = binaryAsBase64(field);
    if (wire !== field) {
      copy ??= { ...object };
      copy[key] = wire;
    }
  }
  return copy ?? value;
}

const BINARY_KEY = /"BS?"\s*:/u;
/** The output as the SDK returns it: binary values (`B`, `BS`) back to bytes; the rest is the JSON. */
function parseJson(text: string): Record<string, unknown> {
  if (text.length === 0) return {};
  // Most responses carry no binary value: skip the per-key reviver for them.
  return JSON.parse(text, BINARY_KEY.test(text) ? binaryFromBase64 : undefined) as Record<string, unknown>;
}

function binaryFromBase64(key: string, value: unknown): unknown {
  if (key === 'B' && typeof value === 'string') return bytes(value);
  if (key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.map(bytes);
  return value;
}

function bytes(base64: string): Uint8Array {
  const buffer = Buffer.from(base64, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
