import { describe, expect, it } from 'vitest';
import { ZaloAuthorizationError } from '../../../functions/channels/zalo/errors';
import { buildZaloRuntime } from '../../../functions/channels/zalo/runtime';
import { TOKEN_LOCK_KEY } from '../../../functions/channels/zalo/token-lock';
import { FAKE_ZALO_DEFAULTS } from '../../support/fake-zalo-server';
import { fastRuntime, useFakeZaloServer, zaloEnv, zaloServices } from './zalo-test-kit';

const fake = useFakeZaloServer();

const HOUR = 3_600_000;
const env = () =>
  zaloEnv(fake, {
    ZALO_ACCESS_TOKEN: fake.tokens().accessToken,
    ZALO_REFRESH_TOKEN: fake.tokens().refreshToken,
  });

describe('the OA token pair', () => {
  it('starts from the configured pair while the store is empty', async () => {
    const { runtime } = zaloServices(env());
    expect(await runtime.tokenStore.read()).toBeUndefined();
    expect(await runtime.tokens.accessToken()).toBe(fake.tokens().accessToken);
  });

  it('has nothing to offer without a configured or stored pair', async () => {
    const { runtime } = zaloServices(zaloEnv(fake, { ZALO_ACCESS_TOKEN: '', ZALO_REFRESH_TOKEN: '' }));
    expect(await runtime.tokens.accessToken()).toBeUndefined();
  });

  it('refreshes with the App Secret, form-encoded, and saves the new pair whole', async () => {
    const { runtime } = zaloServices(env());
    const before = fake.tokens();
    const token = await runtime.tokens.refresh(before.accessToken);
    const [call] = fake.oauthCalls();
    expect(call?.headers.secret_key).toBe(FAKE_ZALO_DEFAULTS.appSecret);
    expect(call?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(call?.form).toEqual({
      refresh_token: before.refreshToken,
      app_id: FAKE_ZALO_DEFAULTS.appId,
      grant_type: 'refresh_token',
    });
    expect(token).toBe(fake.tokens().accessToken);
    const stored = await runtime.tokenStore.read();
    expect(stored).toMatchObject(fake.tokens());
    // expires_in arrives as the string "90000": 25 hours.
    expect(new Date(stored?.expiresAt ?? 0).getTime() - new Date(stored?.refreshedAt ?? 0).getTime()).toBe(
      25 * HOUR,
    );
  });

  it('lets two processes refresh at once: exactly one OAuth call, both get the new token', async () => {
    const a = zaloServices(env());
    // A second "process": its own token manager and cache, the same tables.
    const b = buildZaloRuntime({ ...a.services }, fastRuntime);
    const stale = fake.tokens().accessToken;
    const [ta, tb] = await Promise.all([a.runtime.tokens.refresh(stale), b.tokens.refresh(stale)]);
    expect(fake.oauthCalls()).toHaveLength(1);
    expect(ta).toBe(fake.tokens().accessToken);
    expect(tb).toBe(fake.tokens().accessToken);
  });

  it('shares one refresh among concurrent callers in one process', async () => {
    const { runtime } = zaloServices(env());
    const stale = fake.tokens().accessToken;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => runtime.tokens.refresh(stale)));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.oauthCalls()).toHaveLength(1);
  });

  it('does not refresh again for a token that another process already replaced', async () => {
    const a = zaloServices(env());
    const b = buildZaloRuntime({ ...a.services }, fastRuntime);
    const stale = fake.tokens().accessToken;
    await a.runtime.tokens.refresh(stale);
    expect(await b.tokens.refresh(stale)).toBe(fake.tokens().accessToken);
    expect(fake.oauthCalls()).toHaveLength(1);
  });

  it('takes over a lock whose holder died (lease expired)', async () => {
    const kit = zaloServices(env());
    await kit.tables.registry.put({
      ...TOKEN_LOCK_KEY,
      holder: 'dead-process',
      leaseUntil: kit.clock.now().getTime() - 1,
    });
    await kit.runtime.tokens.refresh(fake.tokens().accessToken);
    expect(fake.oauthCalls()).toHaveLength(1);
  });

  it('waits for a live lock, then gives up with a typed error if the holder never finishes', async () => {
    const kit = zaloServices(env());
    await kit.tables.registry.put({
      ...TOKEN_LOCK_KEY,
      holder: 'busy-process',
      leaseUntil: kit.clock.now().getTime() + 60_000,
    });
    const runtime = buildZaloRuntime(
      { ...kit.services },
      { ...fastRuntime, tokenWait: { waitMs: 0, pollMs: 1 } },
    );
    await expect(runtime.tokens.refresh(fake.tokens().accessToken)).rejects.toMatchObject({
      name: 'TokenRefreshTimeoutError',
    });
    expect(fake.oauthCalls()).toHaveLength(0);
  });

  it('reports that an admin must authorise again when Zalo refuses the refresh token', async () => {
    const kit = zaloServices(
      zaloEnv(fake, { ZALO_ACCESS_TOKEN: 'old', ZALO_REFRESH_TOKEN: 'spent-refresh-token' }),
    );
    await expect(kit.runtime.tokens.refresh('old')).rejects.toBeInstanceOf(ZaloAuthorizationError);
    expect(kit.events()).toContainEqual(expect.objectContaining({ event: 'zalo_reauthorization_required' }));
    // The lock is free again for the next attempt.
    expect((await kit.tables.registry.get(TOKEN_LOCK_KEY.pk, TOKEN_LOCK_KEY.sk))?.holder).toBe('');
  });

  it('cannot refresh without the App Secret', async () => {
    const kit = zaloServices(zaloEnv(fake, { ZALO_APP_SECRET: '' }));
    await expect(kit.runtime.tokens.refresh(FAKE_ZALO_DEFAULTS.accessToken)).rejects.toBeInstanceOf(
      ZaloAuthorizationError,
    );
    expect(fake.oauthCalls()).toHaveLength(0);
  });

  it('never logs a token', async () => {
    const kit = zaloServices(env());
    await kit.runtime.tokens.refresh(fake.tokens().accessToken);
    const all = kit.lines.join('\n');
    expect(all).not.toContain(fake.tokens().accessToken);
    expect(all).not.toContain(fake.tokens().refreshToken);
  });
});

// Cost (issue 17): the store is Secrets Manager in AWS, a billed call; a turn used to read it
// whenever 5 minutes had passed, i.e. on nearly every turn of a quiet OA.
describe('how often the pair is read from the store', () => {
  const countReads = (kit: ReturnType<typeof zaloServices>) => {
    let reads = 0;
    const read = kit.runtime.tokenStore.read.bind(kit.runtime.tokenStore);
    kit.runtime.tokenStore.read = async () => {
      reads++;
      return read();
    };
    return () => reads;
  };

  it('keeps a pair in memory until its rotation falls due, then re-reads every 5 minutes', async () => {
    const kit = zaloServices(env());
    const refreshedAt = kit.clock.now();
    await kit.runtime.tokenStore.write({
      ...fake.tokens(),
      refreshedAt: refreshedAt.toISOString(),
      expiresAt: new Date(refreshedAt.getTime() + 25 * HOUR).toISOString(),
    });
    const reads = countReads(kit);
    await kit.runtime.tokens.accessToken();
    for (let hour = 1; hour < 20; hour++) {
      kit.clock.advance(HOUR);
      await kit.runtime.tokens.accessToken();
    }
    expect(reads()).toBe(1);
    kit.clock.advance(HOUR);
    await kit.runtime.tokens.accessToken();
    kit.clock.advance(60_000);
    await kit.runtime.tokens.accessToken();
    kit.clock.advance(5 * 60_000);
    await kit.runtime.tokens.accessToken();
    expect(reads()).toBe(3);
  });

  it('re-reads a pair of unknown age every 5 minutes', async () => {
    const kit = zaloServices(env());
    await kit.runtime.tokenStore.write(fake.tokens());
    const reads = countReads(kit);
    await kit.runtime.tokens.accessToken();
    kit.clock.advance(4 * 60_000);
    await kit.runtime.tokens.accessToken();
    expect(reads()).toBe(1);
    kit.clock.advance(60_000);
    await kit.runtime.tokens.accessToken();
    expect(reads()).toBe(2);
  });

  it('takes the pair another process stored when Zalo refuses the cached token, without an OAuth call', async () => {
    const kit = zaloServices(env());
    const other = buildZaloRuntime({ ...kit.services }, fastRuntime);
    const cached = await kit.runtime.tokens.accessToken();
    await other.tokens.refresh(cached ?? '');
    expect(fake.oauthCalls()).toHaveLength(1);
    expect(await kit.runtime.tokens.refresh(cached ?? '')).toBe(fake.tokens().accessToken);
    expect(fake.oauthCalls()).toHaveLength(1);
  });
});

describe('the scheduled rotation', () => {
  it.each([
    ['of unknown age (seeded from the configuration)', null, 'refreshed'],
    ['refreshed 1 hour ago', 1, 'not_due'],
    ['refreshed 19 hours ago', 19, 'not_due'],
    ['refreshed 20 hours ago', 20, 'refreshed'],
    ['refreshed 21 hours ago', 21, 'refreshed'],
  ])('a pair %s is %s', async (_label, ageHours, expected) => {
    const kit = zaloServices(env());
    if (ageHours !== null) {
      const refreshedAt = new Date(kit.clock.now().getTime() - ageHours * HOUR);
      await kit.runtime.tokenStore.write({
        ...fake.tokens(),
        refreshedAt: refreshedAt.toISOString(),
        expiresAt: new Date(refreshedAt.getTime() + 25 * HOUR).toISOString(),
      });
    }
    expect(await kit.runtime.tokens.refreshIfDue()).toBe(expected);
    expect(fake.oauthCalls()).toHaveLength(expected === 'refreshed' ? 1 : 0);
  });

  it('refreshes on demand when forced', async () => {
    const kit = zaloServices(env());
    await kit.runtime.tokenStore.write({ ...fake.tokens(), refreshedAt: kit.clock.now().toISOString() });
    expect(await kit.runtime.tokens.refreshIfDue({ force: true })).toBe('refreshed');
  });

  it('refreshes before use when the access token has expired', async () => {
    const kit = zaloServices(env());
    await kit.runtime.tokenStore.write({
      ...fake.tokens(),
      expiresAt: new Date(kit.clock.now().getTime() - 1000).toISOString(),
    });
    expect(await kit.runtime.tokens.accessToken()).toBe(fake.tokens().accessToken);
    expect(fake.oauthCalls()).toHaveLength(1);
  });
});
