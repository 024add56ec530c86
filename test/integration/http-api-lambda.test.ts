// The http-api function as Lambda runs it: its handler imported with the settings the stack gives it, sent API
// Gateway's payload v2 events, with DynamoDB on the local twin (found as the SDK documents, AWS_ENDPOINT_URL_DYNAMODB).
// The staff actions and the survey page are built on the first request for them (servedOnFirstUse): a request
// forwarded to them must still carry the JWT authorizer's claims, which is how the function knows the officer.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwins, type LocalTwins } from '../../local/twins.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;

let twins: LocalTwins;
let handler: Handler;
let landlords: string;
const envBefore = { ...process.env };

beforeAll(async () => {
  twins = await startTwins({ dataDir: null });
  landlords = mkdtempSync(join(tmpdir(), 'redress-http-api-'));
  copyFileSync(join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json'), join(landlords, 'code-defaults.json'));
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_DYNAMODB: twins.dynamoEndpoint,
    REDRESS_TABLE_NAME: twins.tableName, REDRESS_LANDLORDS_DIR: landlords, REDRESS_PUBLIC_URL: 'https://redress.example',
    REDRESS_SMS_AUTH_TOKEN_PARAMETER: '/redress/test/sms-auth-token',
  });
  ({ handler } = (await import('../../lambdas/http-api/handler.ts')) as unknown as { handler: Handler });
}, 30_000);
afterAll(async () => {
  process.env = envBefore;
  rmSync(landlords, { recursive: true, force: true });
  await twins?.close();
});

/** API Gateway's event for one request; `claims` as its JWT authorizer passes them on a staff route. */
const event = (method: string, path: string, claims?: Record<string, string>) => ({
  version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', isBase64Encoded: false,
  headers: { host: 'redress.example', 'x-forwarded-proto': 'https' },
  requestContext: {
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' }, domainName: 'redress.example', stage: '$default',
    requestId: 'r', routeKey: '$default', accountId: '1', apiId: 'a', time: '', timeEpoch: 0,
    ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
  },
});
const OFFICER = { sub: '5b1c-officer', email: 'officer@example.org' };

describe('the http-api function', () => {
  it("serves a staff action built on first use to a signed-in officer, and refuses one without the authorizer's claims", async () => {
    const signedIn = await handler(event('GET', '/api/cases/C-7K2M9Q4T/file', OFFICER), {});
    const anonymous = await handler(event('GET', '/api/cases/C-7K2M9Q4T/file'), {});

    expect(signedIn.statusCode).toBe(404);
    expect(JSON.parse(signedIn.body)).toMatchObject({ error: expect.stringContaining('C-7K2M9Q4T') });
    expect(anonymous.statusCode).toBe(401);
  });

  it('serves the survey page built on first use, and the form and the staff API as before', async () => {
    const survey = await handler(event('GET', '/survey/not-a-survey'), {});
    const form = await handler(event('GET', '/contact'), {});
    const cases = await handler(event('GET', '/api/cases', OFFICER), {});

    expect(survey.statusCode).toBe(404);
    expect(survey.body).toContain('This survey link is not recognised');
    expect(form.statusCode).toBe(200);
    expect(cases.statusCode).toBe(200);
  });
});
