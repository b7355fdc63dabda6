import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as secretsSdk from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { dynamoClient, dynamoRequestsOf } from '../app/dynamo';
import { sdkSecrets } from '../app/secrets-port';
import { createTables } from '../app/tables';
import type { Fetch } from '../channels/zalo/http';
import { ZaloOAuthClient } from '../channels/zalo/oauth-client';
import { authorizationUrl, createCodeVerifier, randomAlphanumeric } from '../channels/zalo/pkce';
import { secretsManagerTokenStore, type TokenStore, tableTokenStore } from '../channels/zalo/token-store';
import { type AppConfig, readConfig } from '../config/config';
import { ensureTables, startEmbeddedDynamo } from '../local/embedded-dynamo';
import { systemClock } from '../shared/clock';

/**
 * `npm run zalo:authorize` — the OA admin's (re)authorisation with OAuth v4 + PKCE (reference §3).
 *
 *   npm run zalo:authorize -- --redirect-uri https://<verified domain>/zalo/callback
 *       prints the consent URL and keeps the PKCE verifier under DATA_DIR (10 minutes of use);
 *   npm run zalo:authorize -- --callback '<the whole URL Zalo redirected to>'
 *   npm run zalo:authorize -- --code <code> [--state <state>]
 *       exchanges the code and stores the new token pair: in the embedded store on this machine,
 *       or in Secrets Manager when ZALO_SECRET_ARN is set (the AWS variant, see docs/zalo.md).
 */
const PendingSchema = z.object({
  verifier: z.string().length(43),
  state: z.string().min(8),
  redirectUri: z.string(),
  createdAt: z.string(),
});
type Pending = z.infer<typeof PendingSchema>;

/** Codes are single-use and expire after 10 minutes; the verifier is useless after that. */
const PENDING_MAX_AGE_MS = 15 * 60_000;

export interface AuthorizeDeps {
  env?: Record<string, string | undefined>;
  fetch?: Fetch;
  out?: (line: string) => void;
  now?: () => Date;
  /** Where the pair goes; by default chosen from the environment (see `openTokenStore`). */
  openTokenStore?: (
    config: AppConfig,
    dataDir: string,
  ) => Promise<{ store: TokenStore; where: string; close(): Promise<void> }>;
}

export async function runAuthorize(argv: string[], deps: AuthorizeDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const out = deps.out ?? ((line: string) => console.log(line));
  const now = deps.now ?? (() => new Date());
  const { values } = parseArgs({
    args: argv,
    options: {
      'redirect-uri': { type: 'string' },
      code: { type: 'string' },
      state: { type: 'string' },
      callback: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out('Usage: npm run zalo:authorize -- --redirect-uri <https URL on a verified domain>');
    out(
      '       npm run zalo:authorize -- --callback <the URL Zalo redirected to>  |  --code <code> [--state <state>]',
    );
    return 0;
  }
  const config = readConfig(env);
  const appId = config.zalo.appId;
  if (!appId) {
    out('ZALO_APP_ID is not set.');
    return 2;
  }
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const pendingFile = join(dataDir, 'zalo-authorize.json');

  let code = values.code;
  let state = values.state;
  if (values.callback) {
    const callback = new URL(values.callback);
    code = callback.searchParams.get('code') ?? undefined;
    state = callback.searchParams.get('state') ?? undefined;
  }

  if (!code) {
    const redirectUri = values['redirect-uri'] ?? env.ZALO_REDIRECT_URI;
    if (!redirectUri || !/^https:\/\//iu.test(redirectUri)) {
      out('Give --redirect-uri (or ZALO_REDIRECT_URI): an https URL on a domain verified in the Zalo app.');
      return 2;
    }
    const pending: Pending = {
      verifier: createCodeVerifier(),
      state: randomAlphanumeric(16),
      redirectUri,
      createdAt: now().toISOString(),
    };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(pendingFile, JSON.stringify(pending), { mode: 0o600 });
    chmodSync(pendingFile, 0o600);
    out('Open this URL signed in as an admin of the Official Account, and allow access:');
    out('');
    out(
      authorizationUrl({
        oauthBase: config.zalo.oauthBase,
        appId,
        redirectUri,
        verifier: pending.verifier,
        state: pending.state,
      }),
    );
    out('');
    out('Zalo then redirects to your redirect URI with ?code=…&oa_id=… . Within 10 minutes run:');
    out("  npm run zalo:authorize -- --callback '<that whole URL>'");
    return 0;
  }

  if (!config.zalo.appSecret) {
    out('ZALO_APP_SECRET is not set: the code cannot be exchanged.');
    return 2;
  }
  if (!existsSync(pendingFile)) {
    out('No authorisation was started on this machine: run with --redirect-uri first.');
    return 2;
  }
  const pending = PendingSchema.safeParse(JSON.parse(readFileSync(pendingFile, 'utf8')));
  if (!pending.success) {
    out('The saved authorisation is unreadable: start again with --redirect-uri.');
    return 2;
  }
  if (now().getTime() - new Date(pending.data.createdAt).getTime() > PENDING_MAX_AGE_MS) {
    out(
      'The authorisation started too long ago (codes expire after 10 minutes): start again with --redirect-uri.',
    );
    return 2;
  }
  if (state !== undefined && state !== pending.data.state) {
    out('The state does not match the authorisation started here: start again with --redirect-uri.');
    return 2;
  }

  const oauth = new ZaloOAuthClient(config.zalo.oauthBase, appId, config.zalo.appSecret, deps.fetch ?? fetch);
  let grant: Awaited<ReturnType<ZaloOAuthClient['exchangeCode']>>;
  try {
    grant = await oauth.exchangeCode(code, pending.data.verifier);
  } catch (error) {
    out(`Zalo refused the code: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const opened = await (deps.openTokenStore ?? openTokenStore)(config, dataDir);
  try {
    const at = now();
    await opened.store.write({
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      refreshedAt: at.toISOString(),
      ...(grant.expiresIn
        ? { expiresAt: new Date(at.getTime() + grant.expiresIn * 1000).toISOString() }
        : {}),
    });
  } finally {
    await opened.close();
  }
  rmSync(pendingFile, { force: true });
  out(`The Official Account is authorised; the token pair is stored in ${opened.where}.`);
  out('It is refreshed automatically about every 20 hours.');
  return 0;
}

/**
 * Secrets Manager when ZALO_SECRET_ARN is set; the running store when DYNAMODB_ENDPOINT is set;
 * otherwise the embedded store under DATA_DIR (stop `npm start` first: the store allows one process).
 */
export async function openTokenStore(config: AppConfig, dataDir: string) {
  if (config.zaloSecretArn) {
    // A person's machine: the SDK's credential chain (profiles, SSO), not only the environment's keys.
    const secrets = sdkSecrets(async () => secretsSdk, config.region);
    return {
      store: secretsManagerTokenStore(secrets, config.zaloSecretArn),
      where: 'Secrets Manager',
      close: async () => secrets.destroy(),
    };
  }
  let embedded: Awaited<ReturnType<typeof startEmbeddedDynamo>> | undefined;
  let effective = config;
  if (!config.dynamoEndpoint) {
    try {
      embedded = await startEmbeddedDynamo({ dataDir: join(dataDir, 'dynamodb') });
    } catch (error) {
      throw new Error(
        `Could not open the embedded store under ${dataDir} (is npm start running? stop it, or set DYNAMODB_ENDPOINT): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    effective = { ...config, dynamoEndpoint: embedded.endpoint, region: 'local' };
  }
  const client = dynamoClient(effective);
  await ensureTables(client, effective.tables);
  const tables = createTables(effective, dynamoRequestsOf(client), systemClock);
  return {
    store: tableTokenStore(tables.registry),
    where: 'the local store',
    async close() {
      client.destroy();
      await embedded?.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runAuthorize(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
