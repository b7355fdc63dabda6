import * as z from 'zod/mini';
import type { SecretsPort } from '../../app/secrets-port';
import type { TablePort } from '../../stores/table-port';

/** The OA's access/refresh pair. A refresh token works once, so a pair is always written whole. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires (25 h after it was issued). */
  expiresAt?: string;
  /** ISO time of the refresh (or authorisation) that produced this pair. */
  refreshedAt?: string;
}

/**
 * Where the pair lives: Secrets Manager in AWS, the embedded store's registry table on this
 * machine. One contract test suite runs against both (tests/integration/zalo/token-store.test.ts).
 */
export interface TokenStore {
  read(): Promise<TokenPair | undefined>;
  /** Replaces the pair in one write. */
  write(pair: TokenPair): Promise<void>;
}

const PairSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.string().check(z.minLength(1)),
  expiresAt: z.optional(z.string()),
  refreshedAt: z.optional(z.string()),
});

export const TOKEN_ITEM_KEY = { pk: 'ZALO#TOKENS', sk: '-' } as const;

export function tableTokenStore(registry: TablePort): TokenStore {
  return {
    async read() {
      const item = await registry.get(TOKEN_ITEM_KEY.pk, TOKEN_ITEM_KEY.sk);
      const parsed = PairSchema.safeParse(item);
      return parsed.success ? parsed.data : undefined;
    },
    async write(pair) {
      await registry.put({ ...TOKEN_ITEM_KEY, ...PairSchema.parse(pair) });
    },
  };
}

/**
 * The Zalo secret (JSON: appId, oaSecretKey, appSecret, accessToken, refreshToken, …). Writing
 * keeps every other field and replaces the pair with one PutSecretValue, so a reader never sees
 * half a pair. Concurrent writers are prevented by the refresh lock, not here.
 */
export function secretsManagerTokenStore(secrets: SecretsPort, secretId: string): TokenStore {
  const readSecret = async (): Promise<Record<string, unknown>> => {
    const text = await secrets.get(secretId);
    if (!text) return {};
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  };
  return {
    async read() {
      const secret = await readSecret();
      const parsed = PairSchema.safeParse({
        accessToken: secret.accessToken,
        refreshToken: secret.refreshToken,
        expiresAt: secret.accessTokenExpiresAt,
        refreshedAt: secret.tokensRefreshedAt,
      });
      return parsed.success ? parsed.data : undefined;
    },
    async write(pair) {
      const valid = PairSchema.parse(pair);
      const secret = await readSecret();
      const next: Record<string, unknown> = {
        ...secret,
        accessToken: valid.accessToken,
        refreshToken: valid.refreshToken,
      };
      delete next.accessTokenExpiresAt;
      delete next.tokensRefreshedAt;
      if (valid.expiresAt) next.accessTokenExpiresAt = valid.expiresAt;
      if (valid.refreshedAt) next.tokensRefreshedAt = valid.refreshedAt;
      await secrets.put(secretId, JSON.stringify(next));
    },
  };
}
