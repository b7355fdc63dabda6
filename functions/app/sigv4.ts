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
  const amzDate = request.at.toISOString().replace(/[-:]|\.\d{3}/gu, '');
  const day = amzDate.slice(0, 8);
  const token = credentials.sessionToken;
  const payloadHash = sha256Hex(request.body);
  // Canonical headers: lower-case names in alphabetical order, values trimmed. The payload hash is
  // sent as the SDK sends it, so a request signs the same whichever path sent it.
  const headers: [string, string][] = [
    ['content-type', request.contentType],
    ['host', request.host],
    ['x-amz-content-sha256', payloadHash],
    ['x-amz-date', amzDate],
    ...(token ? ([['x-amz-security-token', token]] as [string, string][]) : []),
    ['x-amz-target', request.target],
  ];
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    'POST',
    '/',
    '',
    ...headers.map(([name, value]) => `${name}:${value.trim()}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac(
    'sha256',
    signingKey(credentials.secretAccessKey, day, request.region, request.service),
  )
    .update(stringToSign, 'utf8')
    .digest('hex');
  const out: Record<string, string> = Object.fromEntries(headers);
  out.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return out;
}
