import { describe, expect, it } from 'vitest';
import { dynamoClient } from '../../../functions/app/dynamo';
import { readConfig } from '../../../functions/config/config';

describe('the DynamoDB client every store shares', () => {
  const client = dynamoClient(readConfig({ AWS_REGION: 'ap-southeast-1' }));

  it('builds each command’s middleware chain once (cacheMiddleware), not on every request', () => {
    expect(client.config.cacheMiddleware).toBe(true);
  });

  it('has no SDK logger middleware: items hold personal data and the SDK never logs for us', () => {
    const names = client.middlewareStack.identify().map((line) => line.split(' ')[0]);
    expect(names).not.toContain('loggerMiddleware');
    // The middleware that does the work is still there.
    expect(names).toEqual(expect.arrayContaining(['retryMiddleware', 'serializerMiddleware']));
  });
});
