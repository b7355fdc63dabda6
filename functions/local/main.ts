import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomToken } from '../shared/ids';
import { startLocalAssistant } from './server';

/**
 * `npm start`: the whole assistant on this machine. Tokens not given in the environment are made
 * once and kept under DATA_DIR, so a restart keeps both the data and the staff's sign-in.
 */
const dataDir = process.env.DATA_DIR ?? '.data';
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}

function localTokens(): { staffToken: string; integrationApiKey: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'local-tokens.json');
  let saved: Partial<{ staffToken: string; integrationApiKey: string }> = {};
  if (existsSync(file)) {
    try {
      saved = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      saved = {};
    }
  }
  const tokens = {
    staffToken: process.env.STAFF_TOKEN ?? saved.staffToken ?? randomToken(),
    integrationApiKey: process.env.INTEGRATION_API_KEY ?? saved.integrationApiKey ?? randomToken(),
  };
  if (!process.env.STAFF_TOKEN || !process.env.INTEGRATION_API_KEY)
    writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}

const started = Date.now();
const tokens = localTokens();
const assistant = await startLocalAssistant({
  port,
  dataDir,
  host: process.env.HOST ?? '127.0.0.1',
  ...tokens,
}).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Could not start the assistant: ${message}`);
  if (/EADDRINUSE/u.test(message)) console.error(`Port ${port} is in use. Try: PORT=3001 npm start`);
  process.exit(1);
});

// What a person opens: localhost (the server listens on 127.0.0.1 unless HOST says otherwise).
const base = process.env.HOST ? assistant.url : `http://localhost:${assistant.port}`;
const zaloConfigured = Boolean(process.env.ZALO_APP_ID && process.env.ZALO_OA_SECRET_KEY);
console.log(`
Trợ lý ảo Dịch vụ công is running (started in ${Date.now() - started} ms).

  Citizen chat      ${base}/
  Staff console     ${base}/staff
  Zalo webhook      ${base}/zalo/webhook ${zaloConfigured ? '' : '(ZALO_APP_ID / ZALO_OA_SECRET_KEY not set: signed events are refused)'}
  Health            ${base}/healthz

  Staff token       ${assistant.staffToken}
  Integration key   ${assistant.integrationApiKey}
  Data              ${dataDir}/ (delete it to start afresh)

Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await assistant.close();
  console.log('Stopped. Data kept in', dataDir);
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
