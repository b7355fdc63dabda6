import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretsPort } from '../../../functions/app/secrets-port';
import { tableTokenLock } from '../../../functions/channels/zalo/token-lock';
import {
  secretsManagerTokenStore,
  type TokenStore,
  tableTokenStore,
} from '../../../functions/channels/zalo/token-store';
import { fixedClock } from '../../../functions/shared/clock';
import { MemoryTable } from '../../../functions/stores/memory/memory-table';
import type { TablePort } from '../../../functions/stores/table-port';
import { startDynalite, TEST_START } from '../../support/dynalite';

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  dynalite = await startDynalite();
});
afterAll(async () => {
  await dynalite?.stop();
});

/** A Secrets Manager that keeps the secret string it is given, as the real one does. */
function fakeSecretsManager(initial: Record<string, unknown>) {
  let secret = JSON.stringify(initial);
  const puts: string[] = [];
  const port: SecretsPort = {
    get: async (id) => (id === 'arn:zalo' ? secret : undefined),
    put: async (id, value) => {
      puts.push(id);
      secret = value;
    },
  };
  return { port, puts, secret: () => JSON.parse(secret) as Record<string, unknown> };
}

const adapters: [string, () => Promise<TokenStore>][] = [
  [
    'the embedded store (dynalite)',
    async () => {
      // One shared server: start each case from an empty registry item.
      await dynalite.tables.registry.delete('ZALO#TOKENS', '-');
      return tableTokenStore(dynalite.tables.registry);
    },
  ],
  ['the in-memory table', async () => tableTokenStore(new MemoryTable(fixedClock(TEST_START)))],
  [
    'Secrets Manager',
    async () =>
      secretsManagerTokenStore(fakeSecretsManager({ appId: '1', oaSecretKey: 'k' }).port, 'arn:zalo'),
  ],
];

describe.each(adapters)('token store contract: %s', (_name, make) => {
  it('is empty at first', async () => {
    const store = await make();
    expect(await store.read()).toBeUndefined();
  });

  it('gives back the pair it was given, whole', async () => {
    const store = await make();
    const pair = {
      accessToken: 'a-1',
      refreshToken: 'r-1',
      expiresAt: '2026-11-25T03:00:00.000Z',
      refreshedAt: '2026-11-24T02:00:00.000Z',
    };
    await store.write(pair);
    expect(await store.read()).toEqual(pair);
  });

  it('replaces the pair, dropping what the new one does not have', async () => {
    const store = await make();
    await store.write({ accessToken: 'a-1', refreshToken: 'r-1', expiresAt: '2026-11-25T03:00:00.000Z' });
    await store.write({ accessToken: 'a-2', refreshToken: 'r-2' });
    expect(await store.read()).toEqual({ accessToken: 'a-2', refreshToken: 'r-2' });
  });

  it('refuses to write half a pair', async () => {
    const store = await make();
    await expect(store.write({ accessToken: 'a-3', refreshToken: '' })).rejects.toThrow();
  });
});

describe('the Secrets Manager store', () => {
  it('keeps the other fields of the Zalo secret when it replaces the pair', async () => {
    const sm = fakeSecretsManager({
      appId: '1',
      oaSecretKey: 'k',
      appSecret: 's',
      accessToken: 'old',
      refreshToken: 'old-r',
    });
    const store = secretsManagerTokenStore(sm.port, 'arn:zalo');
    expect(await store.read()).toEqual({ accessToken: 'old', refreshToken: 'old-r' });
    await store.write({ accessToken: 'new', refreshToken: 'new-r', refreshedAt: '2026-11-24T02:00:00.000Z' });
    expect(sm.secret()).toEqual({
      appId: '1',
      oaSecretKey: 'k',
      appSecret: 's',
      accessToken: 'new',
      refreshToken: 'new-r',
      tokensRefreshedAt: '2026-11-24T02:00:00.000Z',
    });
    expect(sm.puts).toEqual(['arn:zalo']);
  });
});

describe.each<[string, () => TablePort]>([
  ['the embedded store (dynalite)', () => dynalite.tables.registry],
  ['the in-memory table', () => new MemoryTable(fixedClock(TEST_START))],
])('the refresh lock on %s', (_name, table) => {
  it('lets exactly one of many concurrent takers hold it', async () => {
    const registry = table();
    await registry.delete('ZALO#TOKEN_LOCK', '-');
    const lock = tableTokenLock(registry);
    const now = new Date('2026-11-24T02:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => lock.acquire(`p${i}`, now, 30_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('is free again once released, and only its holder can release it', async () => {
    const registry = table();
    await registry.delete('ZALO#TOKEN_LOCK', '-');
    const lock = tableTokenLock(registry);
    const now = new Date('2026-11-24T02:00:00Z');
    expect(await lock.acquire('a', now, 30_000)).toBe(true);
    await lock.release('b');
    expect(await lock.acquire('b', now, 30_000)).toBe(false);
    await lock.release('a');
    expect(await lock.acquire('b', now, 30_000)).toBe(true);
  });

  it('is taken over, by one taker only, when the holder’s lease ran out', async () => {
    const registry = table();
    await registry.delete('ZALO#TOKEN_LOCK', '-');
    const lock = tableTokenLock(registry);
    const t0 = new Date('2026-11-24T02:00:00Z');
    expect(await lock.acquire('dead', t0, 30_000)).toBe(true);
    const later = new Date(t0.getTime() + 31_000);
    const results = await Promise.all(['x', 'y', 'z'].map((h) => lock.acquire(h, later, 30_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
