// The web form, the SMS webhook and the staff API behind the HTTP API (payload v2). The staff routes are behind the
// API's Cognito JWT authorizer, so by the time a staff request reaches this function its caller is signed in.
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import type { Context } from 'hono';
import { lifecycleDepsFromEnv } from '../../src/lifecycle-wiring.ts';
import { makeRedressApp } from '../../src/http/app.ts';
import type { OfficerOf } from '../../src/http/staff-actions.ts';
import type { StaffAuthoriser } from '../../src/http/staff-api.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { consoleSignInFromEnv, intakeDepsFromEnv, need, ssmSecret } from '../../src/wiring.ts';
import { consoleSignIn } from '../../src/http/console/sign-in.ts';
import { policyOfficers } from '../../src/http/console/officers.ts';
import { withoutSdkLogger } from '../../src/adapters/sdk-client.ts';

/** The claims the HTTP API's JWT authorizer verified for this request, or none on a public route. */
const claimsOf = (c: Context): Record<string, unknown> => {
  const event = (c.env as { event?: LambdaEvent } | undefined)?.event;
  const context = event && 'requestContext' in event ? (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }) : undefined;
  return context?.authorizer?.jwt?.claims ?? {};
};

/** Trusts the HTTP API's JWT authorizer: a request that reached here on a staff route carries its verified claims. */
export const cognitoClaims: StaffAuthoriser = (c: Context) => typeof claimsOf(c).sub === 'string';

/** The signed-in officer, from the verified token: their e-mail, else their Cognito user name. */
export const officerFromClaims: OfficerOf = (c: Context) => {
  const claims = claimsOf(c);
  const name = claims.email ?? claims['cognito:username'] ?? claims.username;
  return typeof name === 'string' && name.length > 0 ? name : null;
};

const build = () => {
  const clients = { dynamo: withoutSdkLogger(new DynamoDBClient({})), ses: withoutSdkLogger(new SESv2Client({})) };
  const intake = intakeDepsFromEnv(process.env, clients);
  const lifecycle = lifecycleDepsFromEnv(process.env, clients);
  const consoleSignInSettings = consoleSignInFromEnv(process.env);
  const app = makeRedressApp({
    api: { policies: intake.landlords.policies, govUk: intake.govUk, now: () => new Date() },
    intake,
    smsAuthToken: ssmSecret(need(intake.settings, 'REDRESS_SMS_AUTH_TOKEN_PARAMETER')),
    publicUrl: () => need(intake.settings, 'REDRESS_PUBLIC_URL').replace(/\/$/, ''),
    authoriseStaff: cognitoClaims,
    staffActions: { lifecycle, authorise: cognitoClaims, officerOf: officerFromClaims },
    surveyPage: lifecycle,
    ...(consoleSignInSettings
      ? { console: { lifecycle, signIn: consoleSignIn(consoleSignInSettings), officers: () => policyOfficers(lifecycle.policies), publicUrl: () => need(intake.settings, 'REDRESS_PUBLIC_URL').replace(/\/$/, '') } }
      : {}),
  });
  return handle(app);
};

export const handler = process.env.REDRESS_TABLE_NAME
  ? build()
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS (locally, npm start serves the same app)');
    };
