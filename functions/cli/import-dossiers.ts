import { readFileSync } from 'node:fs';
import { integrationClient, toDossierBody } from '../integrations/push-client';
import { parseRecords } from '../integrations/records-file';
import { importTarget } from './local-target';

/** `npm run import:dossiers -- FILE`: CSV or JSON as the one-stop system exports it, through the integration API. */
const { url, key, file } = importTarget(process.argv.slice(2));
const records = parseRecords(readFileSync(file, 'utf8'), file);
const client = integrationClient(url, key);
let ok = 0;
const failures: string[] = [];
for (const record of records) {
  const { code, body } = toDossierBody(record);
  const r = await client
    .putDossier(code, body)
    .catch((e: unknown) => ({ code, status: 0, error: String(e) }));
  if (r.status >= 200 && r.status < 300) ok++;
  else failures.push(`${code || '(no code)'}: ${r.status} ${r.error ?? ''}`);
}
console.log(`Imported ${ok} of ${records.length} dossiers into ${url}.`);
if (failures.length) {
  console.log(`Refused (${failures.length}):\n  ${failures.slice(0, 20).join('\n  ')}`);
  process.exitCode = 1;
}
