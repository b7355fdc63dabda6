import { createHmac, hash } from 'node:crypto';

/** The credentials a request is signed with (the SDK's credential provider supplies them). */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface JsonPostToSign {
  host: string;
  region: string;
  service: string;
  /** `x-amz-target`, e.g. `DynamoDB_20120810.GetItem`. */
  target: string;
  contentType: string;
  body: string;
  /** When the request is signed (the injected clock's time, corrected for clock skew if known). */
  at: Date;
}

// One-shot hashing: a third of the cost of a Hash object per call, for the two hashes of every request.
const sha256Hex = (text: string) => hash('sha256', text, 'hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * Signing keys are valid for a day per (secret, region, service): deriving one takes four HMACs, so
 * it is kept, and a request then costs two hashes and one HMAC. Only the latest key is kept: the
 * day, the credentials (rotated by Lambda) and the region change together rarely.
 */
let cachedKey: { id: string; key: Buffer } | undefined;
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${secret}\n${day}\n${region}\n${service}`;
  if (cachedKey?.id === id) return cachedKey.key;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  cachedKey = { id, key };
  return key;
}

/**
 * AWS Signature Version 4 for a JSON POST to `/` with no query string (DynamoDB's JSON protocol):
 * the headers to send, `authorization` included. Only what this one request shape needs, so the
 * canonical request is a template instead of the general algorithm's sorting and escaping.
 */
export function signJsonPost(
  request: JsonPostToSign,
  credentials: SigningCredentials,
): Record<string, string> {
  const amzDate = amzDateOf(request.at);
  const day = amzDate.slice(0, 8);
  const token = credentials.sessionToken;
  const payloadHash = sha256Hex(request.body);
  const { contentType, host, target, region, service } = request;
  // Canonical headers: lower-case names in alphabetical order, values trimmed (ours have no spaces
  // to trim). The payload hash is sent as the SDK sends it, so a request signs the same whichever
  // path sent it.
  const signedHeaders = token
    ? 'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target'
    : 'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target';
  const canonicalRequest =
    `POST\n/\n\ncontent-type:${contentType.trim()}\nhost:${host.trim()}\n` +
    `x-amz-content-sha256:${payloadHash}\nx-amz-date:${amzDate}\n` +
    (token ? `x-amz-security-token:${token.trim()}\n` : '') +
    `x-amz-target:${target.trim()}\n\n${signedHeaders}\n${payloadHash}`;
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, day, region, service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  const headers: Record<string, string> = {
    'content-type': contentType,
    host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
    'x-amz-target': target,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
  if (token) headers['x-amz-security-token'] = token;
  return headers;
}

/** `20261206T040506Z`; the same for every request within a second, so it is written once a second. */
let lastDate: { second: number; text: string } | undefined;
function amzDateOf(at: Date): string {
  const second = Math.floor(at.getTime() / 1000);
  if (lastDate?.second !== second)
    lastDate = { second, text: at.toISOString().replace(/[-:]|\.\d{3}/gu, '') };
  return lastDate.text;
}
