import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LocalAssistant,
  type LocalAssistantOptions,
  startLocalAssistant,
} from '../../functions/local/server';

/** `npm start` on a random port with a throw-away data folder. */
export async function startTestServer(
  options: LocalAssistantOptions = {},
): Promise<LocalAssistant & { dataDir: string; stop(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tro-ly-ao-'));
  const server = await startLocalAssistant({
    port: 0,
    quiet: true,
    dataDir,
    staffToken: 'staff-test-token',
    integrationApiKey: 'integration-test-key',
    ...options,
  });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiCall {
  status: number;
  body: any;
  headers: Headers;
}

export function api(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    rawBody?: string,
  ): Promise<ApiCall> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(rawBody !== undefined
        ? { body: rawBody }
        : body !== undefined
          ? { body: JSON.stringify(body) }
          : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    call,
    chat: (sessionId: string, text: string) => call('POST', '/api/chat', { sessionId, text }),
    tap: (sessionId: string, payload: string) => call('POST', '/api/chat', { sessionId, payload }),
    poll: (sessionId: string, after?: string) =>
      call('GET', `/api/chat/${sessionId}/messages${after ? `?after=${after}` : ''}`),
  };
}
