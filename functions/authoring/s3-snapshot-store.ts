import type { S3Client } from '@aws-sdk/client-s3';
import { MARKER_KEY, parseMarker, type SnapshotStore } from './snapshot-store';

type S3Sdk = typeof import('@aws-sdk/client-s3');

/**
 * AWS: the private, versioned, encrypted knowledge bucket (infra/constructs/knowledge-snapshots.ts).
 * Readers (chat, Zalo processor) need only GetObject; the staff function alone may PutObject.
 */
export function s3SnapshotStore(region: string, bucket: string): SnapshotStore {
  // Loaded on the first read, not at start-up: the S3 package is the heaviest SDK import of the
  // chat Lambda's cold start (issue 17), and in AWS the first read happens during init (warmUp).
  let loaded: Promise<{ sdk: S3Sdk; client: S3Client }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client({ region }) })));
  const get = async (key: string): Promise<Buffer | undefined> => {
    const { sdk, client } = await load();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    } catch (error) {
      // Without s3:ListBucket (not granted: least privilege) S3 answers a missing key with 403.
      if (error instanceof sdk.NoSuchKey || (error as { name?: string }).name === 'AccessDenied')
        return undefined;
      throw error;
    }
  };
  const put = async (key: string, body: Buffer | string, contentType: string) => {
    const { sdk, client } = await load();
    await client.send(
      new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
    );
  };
  return {
    async readMarker() {
      const raw = await get(MARKER_KEY);
      return raw ? parseMarker(raw.toString('utf8')) : undefined;
    },
    writeMarker: (marker) => put(MARKER_KEY, JSON.stringify(marker), 'application/json'),
    putSnapshot: (key, bytes) => put(key, bytes, 'application/octet-stream'),
    async getSnapshot(key) {
      const raw = await get(key);
      if (!raw) throw new Error(`snapshot ${key} is missing`);
      return raw;
    },
  };
}
