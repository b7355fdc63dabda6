import { startLocalAssistant } from '../functions/local/server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchChatHttp } from './chat-http';
const a = await startLocalAssistant({ port: 0, quiet: true, dataDir: mkdtempSync(join(tmpdir(), 'prof-')), env: { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000' } });
const r = await benchChatHttp(a.url, [{ concurrency: 1, requests: 200 }, { concurrency: 10, requests: 600 }]);
console.log(JSON.stringify(r.levels.map((l) => [l.concurrency, l.latency, l.throughputPerSecond, l.errors, l.silent])));
await a.close();
