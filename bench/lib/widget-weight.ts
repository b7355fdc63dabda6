import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../../scripts/build-web';

export interface WidgetWeight {
  /** What a first visit to the chat page downloads, gzip-compressed as CloudFront serves it. */
  bytes: number;
  /** Requests of that first visit (the page, its style sheet, its one script, config.json). */
  requests: number;
  files: { path: string; gzipBytes: number }[];
}

/**
 * The citizen page as the stack publishes it (scripts/build-web.ts), weighed file by file: gzip,
 * which every browser accepts (CloudFront's optimised cache policy also serves brotli, which is
 * smaller, so this errs on the dear side). config.json is written by the stack at deploy time: a
 * document of the same shape stands in for it.
 */
export async function measureWidgetWeight(): Promise<WidgetWeight> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
  try {
    const pages = await buildWeb({ outDir: dir });
    const chat = pages.find((p) => p.page === 'index.html');
    if (!chat) throw new Error('the built pages have no index.html');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const styles = [...html.matchAll(/<link\s+rel="stylesheet"\s+href="\.?\/?([^"]+)"/gu)].map(
      (m) => m[1] as string,
    );
    const files = [
      { path: 'index.html', body: readFileSync(join(dir, 'index.html')) },
      ...styles.map((path) => ({ path, body: readFileSync(join(dir, path)) })),
      { path: chat.script, body: readFileSync(join(dir, chat.script)) },
      { path: 'config.json', body: Buffer.from(JSON.stringify(REPRESENTATIVE_CONFIG)) },
    ].map((f) => ({ path: f.path, gzipBytes: gzipSync(f.body).length }));
    return { bytes: files.reduce((s, f) => s + f.gzipBytes, 0), requests: files.length, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shape infra/assistant-stack.ts publishes as /config.json, with values of typical length. */
const REPRESENTATIVE_CONFIG = {
  apiBase: '',
  staffAuth: {
    type: 'cognito',
    region: 'ap-southeast-1',
    userPoolId: 'ap-southeast-1_AbCdEfGhI',
    clientId: '1a2b3c4d5e6f7g8h9i0j1k2l3m',
    signInDomain: 'https://tro-ly-ao-123456789012.auth.ap-southeast-1.amazoncognito.com',
    redirectUri: 'https://d1234abcd5678.cloudfront.net/staff/',
    scopes: ['openid', 'email', 'profile'],
  },
  socketUrl: 'wss://d1234abcd5678.cloudfront.net/ws',
};
