import { readFileSync } from 'node:fs';
import { integrationClient, toAddressBody, toDossierBody } from '../integrations/push-client';
import { parseRecords } from '../integrations/records-file';
import { importTarget } from './local-target';

const KINDS = {
  dossiers: { label: 'dossiers', toBody: toDossierBody, put: 'putDossier' },
  addresses: { label: 'digital addresses', toBody: toAddressBody, put: 'putAddress' },
} as const;

/** Sends every record of an export file through the integration API and reports what was refused. */
export async function runImport(kind: keyof typeof KINDS, args: string[]): Promise<void> {
  const { label, toBody, put } = KINDS[kind];
  const { url, key, file } = importTarget(args);
  const records = parseRecords(readFileSync(file, 'utf8'), file);
  const client = integrationClient(url, key);
  let ok = 0;
  const failures: string[] = [];
  for (const record of records) {
    const { code, body } = toBody(record);
    const r = await client[put](code, body).catch((e: unknown) => ({ code, status: 0, error: String(e) }));
    if (r.status >= 200 && r.status < 300) ok++;
    else failures.push(`${code || '(no code)'}: ${r.status} ${r.error ?? ''}`);
  }
  console.log(`Imported ${ok} of ${records.length} ${label} into ${url}.`);
  if (failures.length) {
    console.log(`Refused (${failures.length}):\n  ${failures.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  }
}
