import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeChallenge } from '../../../functions/channels/zalo/pkce';
import { tableTokenStore } from '../../../functions/channels/zalo/token-store';
import { runAuthorize } from '../../../functions/cli/zalo-authorize';
import { startDynalite } from '../../support/dynalite';
import { type FakeZaloServer, startFakeZaloServer } from '../../support/fake-zalo-server';
import { zaloEnv } from '../../unit/zalo/zalo-test-kit';

let fake: FakeZaloServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let dataDir: string;
beforeAll(async () => {
  [fake, dynalite] = await Promise.all([startFakeZaloServer(), startDynalite()]);
});
afterAll(async () => {
  await Promise.all([fake?.close(), dynalite?.stop()]);
});
beforeEach(() => {
  fake.reset();
  dataDir = mkdtempSync(join(tmpdir(), 'zalo-authorize-'));
  return () => rmSync(dataDir, { recursive: true, force: true });
});

function cli(now = () => new Date('2026-11-24T02:00:00Z')) {
  const lines: string[] = [];
  const env = {
    ...zaloEnv(fake, { ZALO_ACCESS_TOKEN: '', ZALO_REFRESH_TOKEN: '' }),
    DATA_DIR: dataDir,
    DYNAMODB_ENDPOINT: dynalite.config.dynamoEndpoint ?? '',
    AWS_REGION: 'local',
  };
  const run = (...argv: string[]) => runAuthorize(argv, { env, out: (l) => lines.push(l), now });
  return { run, lines };
}

const consentUrl = (lines: string[]) => new URL(lines.find((l) => l.includes('/v4/oa/permission')) ?? '');

describe('npm run zalo:authorize', () => {
  it('prints the consent URL with a PKCE challenge, its own state, and the redirect URI unchanged', async () => {
    const { run, lines } = cli();
    expect(await run('--redirect-uri', 'https://chat.example.gov.vn/zalo/callback')).toBe(0);
    const url = consentUrl(lines);
    expect(url.origin).toBe(fake.url);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(url.searchParams.get('redirect_uri')).toBe('https://chat.example.gov.vn/zalo/callback');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9]{16}$/u);
    // The verifier is kept for the exchange, readable by the owner only.
    expect(statSync(join(dataDir, 'zalo-authorize.json')).mode & 0o077).toBe(0);
  });

  it('exchanges the code from the callback URL and stores the pair in the local store', async () => {
    const { run, lines } = cli();
    await run('--redirect-uri', 'https://chat.example.gov.vn/zalo/callback');
    const url = consentUrl(lines);
    fake.issueCode('code-123', url.searchParams.get('code_challenge') ?? '');
    const callback = `https://chat.example.gov.vn/zalo/callback?state=${url.searchParams.get('state')}&code=code-123&oa_id=2512523625412515321`;
    expect(await run('--callback', callback)).toBe(0);
    const [exchange] = fake.oauthCalls();
    expect(exchange?.form).toMatchObject({ grant_type: 'authorization_code', code: 'code-123' });
    expect(codeChallenge(exchange?.form?.code_verifier ?? '')).toBe(url.searchParams.get('code_challenge'));
    expect(await tableTokenStore(dynalite.tables.registry).read()).toMatchObject(fake.tokens());
    expect(existsSync(join(dataDir, 'zalo-authorize.json'))).toBe(false);
    expect(lines.join('\n')).not.toContain(fake.tokens().accessToken);
  });

  it('refuses a callback whose state is not the one started here', async () => {
    const { run } = cli();
    await run('--redirect-uri', 'https://chat.example.gov.vn/zalo/callback');
    expect(await run('--code', 'code-1', '--state', 'forged-state')).toBe(2);
    expect(fake.oauthCalls()).toEqual([]);
  });

  it('refuses to exchange after the code’s lifetime', async () => {
    let t = new Date('2026-11-24T02:00:00Z').getTime();
    const { run } = cli(() => new Date(t));
    await run('--redirect-uri', 'https://chat.example.gov.vn/zalo/callback');
    t += 20 * 60_000;
    expect(await run('--code', 'code-1')).toBe(2);
    expect(fake.oauthCalls()).toEqual([]);
  });

  it('reports a code Zalo refuses, and stores nothing', async () => {
    const { run, lines } = cli();
    await tableTokenStore(dynalite.tables.registry).write({ accessToken: 'kept', refreshToken: 'kept-r' });
    await run('--redirect-uri', 'https://chat.example.gov.vn/zalo/callback');
    expect(await run('--code', 'never-issued')).toBe(1);
    expect(lines.at(-1)).toMatch(/refused/u);
    expect(await tableTokenStore(dynalite.tables.registry).read()).toMatchObject({ accessToken: 'kept' });
  });

  it('asks for an https redirect URI', async () => {
    const { run } = cli();
    expect(await run('--redirect-uri', 'http://insecure.example/cb')).toBe(2);
  });
});
