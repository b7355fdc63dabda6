import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the import commands send records: `--url`/`--key`, else the local `npm start` and its saved key. */
export function importTarget(args: string[]): { url: string; key: string; file: string } {
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file) {
    console.error(
      'Usage: npm run import:dossiers -- FILE [--url http://localhost:3000] [--key INTEGRATION_API_KEY]',
    );
    process.exit(2);
  }
  const dataDir = process.env.DATA_DIR ?? '.data';
  const saved = join(dataDir, 'local-tokens.json');
  const key =
    opt('key') ??
    process.env.INTEGRATION_API_KEY ??
    (existsSync(saved)
      ? (JSON.parse(readFileSync(saved, 'utf8')) as { integrationApiKey?: string }).integrationApiKey
      : undefined);
  if (!key) {
    console.error(
      'No integration key: pass --key, set INTEGRATION_API_KEY, or run `npm start` once so it saves one.',
    );
    process.exit(2);
  }
  return { url: opt('url') ?? `http://localhost:${process.env.PORT ?? 3000}`, key, file };
}
