import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { withoutSdkLogger } from '../../src/adapters/sdk-client.ts';

describe('the AWS SDK clients Redress makes', () => {
  it('carry no logger middleware, which would copy every request and response for a logger nobody attached', () => {
    const plain = new DynamoDBClient({ region: 'eu-west-2' });
    const quiet = withoutSdkLogger(new DynamoDBClient({ region: 'eu-west-2' }));

    expect(plain.middlewareStack.identify().some((m) => m.startsWith('loggerMiddleware'))).toBe(true);
    expect(quiet.middlewareStack.identify().some((m) => m.startsWith('loggerMiddleware'))).toBe(false);
  });
});
