import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MARKER_KEY, parseMarker, type SnapshotStore } from './snapshot-store';

/**
 * AWS: the private, versioned, encrypted knowledge bucket (infra/constructs/knowledge-snapshots.ts).
 * Readers (chat, Zalo processor) need only GetObject; the staff function alone may PutObject.
 */
export function s3SnapshotStore(client: S3Client, bucket: string): SnapshotStore {
  const get = async (key: string): Promise<Buffer | undefined> => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    } catch (error) {
      // Without s3:ListBucket (not granted: least privilege) S3 answers a missing key with 403.
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'AccessDenied')
        return undefined;
      throw error;
    }
  };
  const put = async (key: string, body: Buffer | string, contentType: string) => {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
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
