import * as z from 'zod/mini';
import { type AppConfig, ConfigError } from '../config/config';
import { containerSecretsPort, type SecretsPort } from './secrets-port';

/**
 * In AWS the integration key and the Zalo settings live in Secrets Manager; they are read once at
 * cold start and merged into the configuration. On this machine they come from the environment.
 */
const ZaloSecretSchema = z.partial(
  z.object({
    appId: z.string(),
    oaSecretKey: z.string(),
    appSecret: z.string(),
    accessToken: z.string(),
    refreshToken: z.string(),
    botToken: z.string(),
    botSecretToken: z.string(),
  }),
);

export async function resolveSecrets(
  config: AppConfig,
  secrets: SecretsPort = containerSecretsPort(config),
): Promise<AppConfig> {
  if (!config.integrationSecretArn && !config.zaloSecretArn) return config;
  const read = async (arn: string) => (await secrets.get(arn)) ?? '';
  let integrationApiKey = config.integrationApiKey;
  if (config.integrationSecretArn)
    integrationApiKey = (await read(config.integrationSecretArn)).trim() || undefined;
  let zalo = config.zalo;
  if (config.zaloSecretArn) {
    const raw = await read(config.zaloSecretArn);
    let parsed: unknown = {};
    try {
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      throw new ConfigError('The Zalo secret is not valid JSON');
    }
    const s = ZaloSecretSchema.safeParse(parsed);
    if (!s.success) throw new ConfigError('The Zalo secret does not have the expected fields');
    const v = s.data;
    zalo = {
      ...zalo,
      ...(v.appId ? { appId: v.appId } : {}),
      ...(v.oaSecretKey ? { oaSecretKey: v.oaSecretKey } : {}),
      ...(v.appSecret ? { appSecret: v.appSecret } : {}),
      ...(v.accessToken ? { accessToken: v.accessToken } : {}),
      ...(v.refreshToken ? { refreshToken: v.refreshToken } : {}),
      ...(v.botToken ? { botToken: v.botToken } : {}),
      ...(v.botSecretToken ? { botSecretToken: v.botSecretToken } : {}),
    };
  }
  return Object.freeze({ ...config, integrationApiKey, zalo });
}
