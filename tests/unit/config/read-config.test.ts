import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../functions/config/config';

/** Each variable is checked only when set (its schema is built then); unset, it takes its default. */
describe('reading the configuration from the environment', () => {
  it('gives every unset variable its default', () => {
    const c = readConfig({});
    expect(c.tables).toEqual({ conversations: 'conversations', casework: 'casework', registry: 'registry' });
    expect(c.region).toBe('ap-southeast-1');
    expect(c.dynamoRequests).toBe('direct');
    expect(c.rateLimitPerMinute).toBe(30);
    expect(c.retention.sessionInlineBytes).toBe(1024);
    expect(c.zalo.takeoverHours).toBe(4);
    expect(c.zalo.withdrawEvent).toBe('user_withdraw');
    expect(c.corsAllowedOrigins).toEqual([]);
    expect(c.staffToken).toBeUndefined();
    expect(c.logLevel).toBe('info');
  });

  it('checks and converts what is set', () => {
    const c = readConfig({
      RATE_LIMIT_PER_MINUTE: '12',
      STAFF_TOKEN: '  ',
      INTEGRATION_API_KEY: ' key-1 ',
      CORS_ALLOWED_ORIGINS: 'https://a.gov.vn, ,https://b.gov.vn',
      ZALO_TAKEOVER_HOURS: '1.5',
      DYNAMODB_REQUESTS: 'sdk',
    });
    expect(c.rateLimitPerMinute).toBe(12);
    expect(c.staffToken).toBeUndefined();
    expect(c.integrationApiKey).toBe('key-1');
    expect(c.corsAllowedOrigins).toEqual(['https://a.gov.vn', 'https://b.gov.vn']);
    expect(c.zalo.takeoverHours).toBe(1.5);
    expect(c.dynamoRequests).toBe('sdk');
  });

  it('names every variable that is wrong, in one error', () => {
    const read = () =>
      readConfig({ RATE_LIMIT_PER_MINUTE: 'many', LOG_LEVEL: 'loud', KNOWLEDGE_REFRESH_SECONDS: '31' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/RATE_LIMIT_PER_MINUTE: /u);
    expect(read).toThrow(/LOG_LEVEL: Invalid option/u);
    expect(read).toThrow(/KNOWLEDGE_REFRESH_SECONDS: Too big/u);
  });
});
