import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { ZaloAuthorizationError } from './errors';
import type { ZaloOAuthClient } from './oauth-client';
import type { Sleep } from './retry';
import type { TokenLock } from './token-lock';
import type { TokenPair, TokenStore } from './token-store';

/** Refresh about every 20 h (tokens live 25 h), or when less than this is left. */
export const REFRESH_AFTER_MS = 20 * 3_600_000;
export const REFRESH_WHEN_LEFT_MS = 5 * 3_600_000;
/**
 * Reads of the store are cached this long once the pair in use is due for rotation (or of unknown
 * age), so a pair rotated by another process is picked up soon. Before that the pair is kept until
 * it falls due (see `cacheUntil`).
 */
const CACHE_MS = 5 * 60_000;

/**
 * Until when a pair read from the store is used without reading again. The store (Secrets Manager
 * in AWS: a billed API call; the registry table here) changes only when the pair is rotated, about
 * every 20 h, or re-authorised by an admin; re-reading it every few minutes cost a low-traffic
 * processor one read per turn (issue 17). So the pair is kept until its rotation falls due; from
 * then on it is re-read every 5 minutes. A token Zalo refuses before that (-216/-220: revoked,
 * re-authorised) makes the channel call `refresh`, which reads the store first and takes a newer
 * pair found there without refreshing.
 */
export function cacheUntil(pair: TokenPair, readAt: number): number {
  // As `refreshIfDue` decides: a pair of unknown age or expiry is due already.
  if (!pair.refreshedAt || !pair.expiresAt) return readAt + CACHE_MS;
  const due = Math.min(
    new Date(pair.refreshedAt).getTime() + REFRESH_AFTER_MS,
    new Date(pair.expiresAt).getTime() - REFRESH_WHEN_LEFT_MS,
  );
  return Number.isFinite(due) ? Math.max(due, readAt + CACHE_MS) : readAt + CACHE_MS;
}

export class TokenRefreshTimeoutError extends Error {
  override readonly name = 'TokenRefreshTimeoutError';
}

export interface TokenManagerOptions {
  store: TokenStore;
  lock: TokenLock;
  /** Absent without an App Secret: tokens can be used but not refreshed. */
  oauth?: ZaloOAuthClient;
  /** The pair from the configuration, used while the store holds none. */
  seed?: { accessToken?: string; refreshToken?: string };
  clock: Clock;
  log: Logger;
  sleep: Sleep;
  /** How long to wait for another process's refresh before giving up. */
  waitMs?: number;
  pollMs?: number;
  leaseMs?: number;
  holder?: string;
}

/**
 * The access token, refreshed single-flight: one refresh at a time in this process (a shared
 * promise) and across processes (a lease in the registry table). Whoever does not hold the lease
 * waits and re-reads the store, where the holder saved the new pair before letting go.
 */
export class TokenManager {
  private cached?: { pair: TokenPair; until: number };
  private inflight?: Promise<string>;
  private readonly holder: string;

  constructor(private readonly o: TokenManagerOptions) {
    this.holder = o.holder ?? randomBytes(8).toString('hex');
  }

  /** The pair in force: the store's, else the configured seed; `undefined` when there is none. */
  async current(fresh = false): Promise<TokenPair | undefined> {
    const now = this.o.clock.now().getTime();
    if (!fresh && this.cached && now < this.cached.until) return this.cached.pair;
    const stored = await this.o.store.read();
    const seed = this.o.seed;
    const pair =
      stored ??
      (seed?.accessToken
        ? { accessToken: seed.accessToken, refreshToken: seed.refreshToken ?? '' }
        : undefined);
    this.cached = pair ? { pair, until: cacheUntil(pair, now) } : undefined;
    return pair;
  }

  /** A usable access token; refreshes first when the one in force has (nearly) expired. */
  async accessToken(): Promise<string | undefined> {
    const pair = await this.current();
    if (!pair) return undefined;
    const now = this.o.clock.now().getTime();
    if (pair.expiresAt && new Date(pair.expiresAt).getTime() - 60_000 <= now && this.o.oauth) {
      return this.refresh(pair.accessToken);
    }
    return pair.accessToken;
  }

  /**
   * Replaces `staleToken` (the one the API refused, or the one found due). Returns at once if the
   * pair in store already moved on: another process did the work.
   */
  refresh(staleToken: string): Promise<string> {
    this.inflight ??= this.refreshAcrossProcesses(staleToken).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** The scheduled rotation: refresh when the pair is ~20 h old, close to expiry, or of unknown age. */
  async refreshIfDue(options: { force?: boolean } = {}): Promise<'refreshed' | 'not_due' | 'no_tokens'> {
    const pair = await this.current(true);
    if (!pair) return 'no_tokens';
    const now = this.o.clock.now().getTime();
    const age = pair.refreshedAt ? now - new Date(pair.refreshedAt).getTime() : Number.POSITIVE_INFINITY;
    const left = pair.expiresAt ? new Date(pair.expiresAt).getTime() - now : 0;
    if (!options.force && age < REFRESH_AFTER_MS && left > REFRESH_WHEN_LEFT_MS) return 'not_due';
    await this.refresh(pair.accessToken);
    return 'refreshed';
  }

  private async refreshAcrossProcesses(staleToken: string): Promise<string> {
    const { clock, lock, log } = this.o;
    const waitMs = this.o.waitMs ?? 10_000;
    const pollMs = this.o.pollMs ?? 250;
    const leaseMs = this.o.leaseMs ?? 30_000;
    const deadline = clock.now().getTime() + waitMs;
    for (;;) {
      const seen = await this.current(true);
      if (seen && seen.accessToken !== staleToken) return seen.accessToken;
      if (await lock.acquire(this.holder, clock.now(), leaseMs)) {
        try {
          return await this.refreshHoldingLock(staleToken);
        } finally {
          await lock
            .release(this.holder)
            .catch((error: unknown) => log.warn('zalo_token_lock_release_failed', { error }));
        }
      }
      if (clock.now().getTime() >= deadline)
        throw new TokenRefreshTimeoutError('another process is refreshing the Zalo token');
      await this.o.sleep(pollMs);
    }
  }

  private async refreshHoldingLock(staleToken: string): Promise<string> {
    const { oauth, clock, log, store } = this.o;
    // Re-read under the lock: the previous holder may have finished between our read and our lock.
    const pair = await this.current(true);
    if (pair && pair.accessToken !== staleToken) return pair.accessToken;
    if (!oauth)
      throw new ZaloAuthorizationError(
        'the Zalo App Secret is not configured; the token cannot be refreshed',
      );
    if (!pair?.refreshToken)
      throw new ZaloAuthorizationError('no Zalo refresh token; an admin must authorise the OA');
    let grant: Awaited<ReturnType<ZaloOAuthClient['refresh']>>;
    try {
      grant = await oauth.refresh(pair.refreshToken);
    } catch (error) {
      if (error instanceof ZaloAuthorizationError)
        log.error('zalo_reauthorization_required', { code: error.code });
      throw error;
    }
    const now = clock.now();
    const next: TokenPair = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      refreshedAt: now.toISOString(),
      ...(grant.expiresIn
        ? { expiresAt: new Date(now.getTime() + grant.expiresIn * 1000).toISOString() }
        : {}),
    };
    // The old refresh token is spent: losing the new pair would force a re-authorisation.
    for (let attempt = 1; ; attempt++) {
      try {
        await store.write(next);
        break;
      } catch (error) {
        if (attempt >= 3) {
          log.error('zalo_token_persist_failed', { error });
          break;
        }
        await this.o.sleep(200 * attempt);
      }
    }
    this.cached = { pair: next, until: cacheUntil(next, now.getTime()) };
    log.info('zalo_token_refreshed', { expiresAt: next.expiresAt });
    return next.accessToken;
  }
}
