import { containerSecretsPort, type SecretsPort } from '../../app/secrets-port';
import { createBotChannel } from './bot-channel';
import { BotApiClient } from './bot-client';
import type { ZaloChannel } from './channel';
import type { ZaloContext } from './context';
import type { Fetch } from './http';
import { createNoticeConsentStore, type NoticeConsentStore } from './notice-consent';
import { createOaChannel, type OaChannel } from './oa-channel';
import { OaApiClient } from './oa-client';
import { ZaloOAuthClient } from './oauth-client';
import { createRecipientStore, type RecipientStore, type ZaloChannelName } from './recipient-store';
import { DEFAULT_RETRY, type RetryPolicy, realSleep } from './retry';
import { createTakeoverStore, type TakeoverStore } from './takeover';
import { tableTokenLock } from './token-lock';
import { TokenManager } from './token-manager';
import { secretsManagerTokenStore, type TokenStore, tableTokenStore } from './token-store';
import { ZnsClient } from './zns-client';
import { createZnsFallback, type ZnsFallback } from './zns-fallback';

export interface ZaloRuntime {
  recipients: RecipientStore;
  consents: NoticeConsentStore;
  takeovers: TakeoverStore;
  /** Sends a notice as a ZNS template when the consultation window is closed. */
  zns: ZnsFallback;
  tokens: TokenManager;
  tokenStore: TokenStore;
  oa: OaChannel;
  bot: ZaloChannel;
  channel(name: ZaloChannelName): ZaloChannel;
}

export interface ZaloRuntimeOptions {
  fetch?: Fetch;
  retry?: Partial<RetryPolicy>;
  /** Used in AWS (when the configuration names the Zalo secret); injectable for tests. */
  secretsManager?: SecretsPort;
  tokenStore?: TokenStore;
  /** Waits of the token refresh lock. */
  tokenWait?: { waitMs?: number; pollMs?: number; leaseMs?: number };
  /** Time-out of each call to Zalo (default 8 s). */
  timeoutMs?: number;
}

const runtimes = new WeakMap<object, ZaloRuntime>();

/** The channel's parts for one set of Services: built on first use, then reused. */
export function zaloRuntime(
  ctx: Omit<ZaloContext, 'invoker' | 'conversation'>,
  options: ZaloRuntimeOptions = {},
): ZaloRuntime {
  const existing = runtimes.get(ctx);
  if (existing) return existing;
  const runtime = buildZaloRuntime(ctx, options);
  runtimes.set(ctx, runtime);
  return runtime;
}

export function buildZaloRuntime(
  ctx: Omit<ZaloContext, 'invoker' | 'conversation'>,
  options: ZaloRuntimeOptions = {},
): ZaloRuntime {
  const { config, log, clock } = ctx;
  const z = config.zalo;
  const fetchImpl = options.fetch ?? fetch;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const recipients = createRecipientStore(ctx.stores, clock);
  const tokenStore = options.tokenStore ?? defaultTokenStore(ctx, options);
  const tokens = new TokenManager({
    store: tokenStore,
    lock: tableTokenLock(ctx.stores.tables.registry),
    ...(z.appId && z.appSecret
      ? { oauth: new ZaloOAuthClient(z.oauthBase, z.appId, z.appSecret, fetchImpl) }
      : {}),
    seed: {
      ...(z.accessToken ? { accessToken: z.accessToken } : {}),
      ...(z.refreshToken ? { refreshToken: z.refreshToken } : {}),
    },
    clock,
    log,
    sleep: retry.sleep ?? realSleep,
    ...options.tokenWait,
  });
  const consents = createNoticeConsentStore(ctx.stores.tables.conversations);
  const zns = createZnsFallback({
    client: new ZnsClient(z.znsApiBase, fetchImpl, options.timeoutMs),
    tokens,
    consents,
    guards: ctx.stores.guards,
    templates: z.zns,
    clock,
    log,
    retry,
  });
  const oa = createOaChannel({
    client: new OaApiClient(z.oaApiBase, fetchImpl, options.timeoutMs),
    tokens,
    recipients,
    clock,
    log,
    retry,
  });
  const bot = createBotChannel({
    ...(z.botToken ? { client: new BotApiClient(z.botApiBase, z.botToken, fetchImpl) } : {}),
    recipients,
    clock,
    log,
    retry,
  });
  return {
    recipients,
    consents,
    takeovers: createTakeoverStore(ctx.stores),
    zns,
    tokens,
    tokenStore,
    oa,
    bot,
    channel: (name) => (name === 'zalo' ? oa : bot),
  };
}

function defaultTokenStore(
  ctx: Omit<ZaloContext, 'invoker' | 'conversation'>,
  options: ZaloRuntimeOptions,
): TokenStore {
  const arn = ctx.config.zaloSecretArn;
  if (!arn) return tableTokenStore(ctx.stores.tables.registry);
  return secretsManagerTokenStore(options.secretsManager ?? containerSecretsPort(ctx.config), arn);
}
