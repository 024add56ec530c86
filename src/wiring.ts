// Builds the adapters from validated environment settings, once per cold start. Environment variables say only where
// things are; the rules live in the landlords' policy profiles (bundled beside the function).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import bankHolidaysJson from '../config/bank-holidays.json' with { type: 'json' };
import { powertoolsLogger } from './adapters/logging/powertools-logger.ts';
import { DynamoRedressStore } from './adapters/dynamodb/redress-store.ts';
import { S3Documents } from './adapters/s3/s3-documents.ts';
import { SesMailer } from './adapters/ses/ses-mailer.ts';
import { validatedLandlordPolicies } from './config/files.ts';
import type { GovUkBankHolidays } from './core/calendar/bank-holidays.ts';
import { LandlordDirectory } from './intake/landlords.ts';
import type { IntakeDeps } from './intake/receive-message.ts';
import type { MailIntakeDeps } from './intake/email.ts';
import type { CaseWorkflow } from './ports-lifecycle.ts';
import type { ConsoleSignInSettings, IdTokenVerifier } from './http/console/sign-in.ts';
import { withoutSdkLogger } from './adapters/sdk-client.ts';
import { onFirstUse, portOnFirstUse } from './first-use.ts';

/** Where things are, as the stack sets them on each function. */
export const AwsSettings = z.object({
  REDRESS_TABLE_NAME: z.string().min(3),
  REDRESS_DOCUMENTS_BUCKET: z.string().min(3).optional(),
  REDRESS_STATE_MACHINE_ARN: z.string().startsWith('arn:').optional(),
  REDRESS_SES_CONFIGURATION_SET: z.string().min(1).optional(),
  REDRESS_PUBLIC_URL: z.url().optional(),
  REDRESS_SMS_AUTH_TOKEN_PARAMETER: z.string().min(1).optional(),
  /** The bundled copies of `config/landlords/*.json` and `templates/`. */
  REDRESS_LANDLORDS_DIR: z.string().min(1).optional(),
  REDRESS_TEMPLATES_DIR: z.string().min(1).optional(),
  /** The landlord whose form is at `/contact`; the first profile when unset. */
  REDRESS_DEFAULT_LANDLORD: z.string().min(1).optional(),
});
export type AwsSettings = z.infer<typeof AwsSettings>;

/** A setting a function needs and was not given: a deployment fault, named so it is found at once. */
export class MissingSettingError extends Error {
  override readonly name = 'MissingSettingError';
  constructor(readonly setting: keyof AwsSettings) {
    super(`this function needs ${setting}`);
  }
}

export const need = <K extends keyof AwsSettings>(settings: AwsSettings, key: K): NonNullable<AwsSettings[K]> => {
  const value = settings[key];
  if (value === undefined || value === null) throw new MissingSettingError(key);
  return value as NonNullable<AwsSettings[K]>;
};

/**
 * Each function builds only the SDK clients it calls, so its bundle carries only those (the SDK packages are free of
 * side effects, and esbuild drops what is not used). On Lambda the region and credentials come from the runtime.
 */
export interface StoreAndMailClients {
  readonly dynamo: DynamoDBClient;
  readonly ses: SESv2Client;
}

/** What every function that reads cases and sends letters shares: the store, SES, the landlords and the calendar. */
export function caseDepsFromEnv(env: NodeJS.ProcessEnv, clients: StoreAndMailClients) {
  const settings = AwsSettings.parse(env);
  const policies = validatedLandlordPolicies(settings.REDRESS_LANDLORDS_DIR);
  const store = new DynamoRedressStore(clients.dynamo, settings.REDRESS_TABLE_NAME);
  return {
    settings,
    messages: store,
    cases: store,
    letters: store,
    mailer: new SesMailer(clients.ses, settings.REDRESS_SES_CONFIGURATION_SET),
    clock: { now: () => new Date() },
    logger: powertoolsLogger(),
    landlords: new LandlordDirectory(policies, settings.REDRESS_DEFAULT_LANDLORD ?? policies.keys().next().value ?? ''),
    // Validated when the function was bundled (lib/bundling.ts), as the landlords' profiles are: parsing the list
    // again took about 6 ms of every cold start.
    govUk: bankHolidaysJson as unknown as GovUkBankHolidays,
    ...(settings.REDRESS_TEMPLATES_DIR ? { templatesDir: settings.REDRESS_TEMPLATES_DIR } : {}),
  };
}

/**
 * The complaint state machine on Step Functions, or, where a function has none, one that says so when used. The
 * adapter and its SDK client are imported when the function first starts or stops a complaint's clock: most of
 * http-api's cold starts (a page, a text, a console read) never do, and they were 28 kB of its cold start.
 */
export function workflowFromSettings(settings: AwsSettings): CaseWorkflow {
  const stateMachineArn = settings.REDRESS_STATE_MACHINE_ARN;
  if (!stateMachineArn) {
    const missing = () => Promise.reject(new MissingSettingError('REDRESS_STATE_MACHINE_ARN'));
    return { startComplaint: missing, followComplaint: missing, stopFollowing: missing };
  }
  return portOnFirstUse(
    () => import('./adapters/sfn/sfn-workflow.ts').then((m) => new m.StepFunctionsWorkflow(m.lambdaSfnClient(), stateMachineArn)),
    ['startComplaint', 'followComplaint', 'stopFollowing'],
  );
}

/** What intake needs on AWS (web form and SMS: no documents). */
export function intakeDepsFromEnv(env: NodeJS.ProcessEnv, clients: StoreAndMailClients): IntakeDeps & { settings: AwsSettings } {
  const deps = caseDepsFromEnv(env, clients);
  return { ...deps, workflow: workflowFromSettings(deps.settings) };
}

/** What mail intake needs on AWS: intake, and the bucket SES keeps raw mail in. */
export function mailIntakeDepsFromEnv(env: NodeJS.ProcessEnv = process.env): MailIntakeDeps & { settings: AwsSettings; dynamo: DynamoDBClient } {
  const clients = { dynamo: withoutSdkLogger(new DynamoDBClient({})), ses: withoutSdkLogger(new SESv2Client({})) };
  const deps = intakeDepsFromEnv(env, clients);
  return { ...deps, dynamo: clients.dynamo, documents: new S3Documents(withoutSdkLogger(new S3Client({})), need(deps.settings, 'REDRESS_DOCUMENTS_BUCKET')) };
}

/** What the mail-events function needs: the store only. */
export function mailEventDepsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const settings = AwsSettings.parse(env);
  const store = new DynamoRedressStore(withoutSdkLogger(new DynamoDBClient({})), settings.REDRESS_TABLE_NAME);
  return { letters: store, cases: store, logger: powertoolsLogger(), clock: { now: () => new Date() } };
}

/** The SMS provider's auth token from SSM Parameter Store (a SecureString), cached for five minutes. */
export function ssmSecret(parameterName: string, cacheMs = 5 * 60_000): () => Promise<string> {
  let cached: { value: string; until: number } | null = null;
  // The SSM client (about 80 kB) is imported with the first SMS, so the form's and the console's cold starts skip it.
  const ssm = onFirstUse(() => import('@aws-sdk/client-ssm').then((m) => ({ client: withoutSdkLogger(new m.SSMClient({})), GetParameterCommand: m.GetParameterCommand })));
  return async () => {
    if (cached && cached.until > Date.now()) return cached.value;
    const { client, GetParameterCommand } = await ssm();
    const { Parameter } = await client.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
    if (!Parameter?.Value) throw new Error(`parameter ${parameterName} has no value`);
    cached = { value: Parameter.Value, until: Date.now() + cacheMs };
    return Parameter.Value;
  };
}

/** Where the console's sign-in is on AWS: the user pool, its app client for the console, and the managed login domain. */
export const ConsoleSettings = z.object({
  REDRESS_COGNITO_USER_POOL_ID: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/, 'a user pool id such as eu-west-2_AbC123'),
  REDRESS_COGNITO_CLIENT_ID: z.string().min(1),
  /** The managed login's host (`<prefix>.auth.<region>.amazoncognito.com`, as the stack sets it) or its https URL. */
  REDRESS_COGNITO_DOMAIN: z
    .string()
    .min(1)
    .transform((given) => (/^https?:\/\//.test(given) ? given : `https://${given}`).replace(/\/$/, ''))
    .pipe(z.url({ protocol: /^https$/ })),
});

/**
 * The console's Cognito sign-in from the environment, or null when the stack set none of its settings (the console is
 * then not served). Some but not all of them is a deployment fault, named at once.
 */
export function consoleSignInFromEnv(env: NodeJS.ProcessEnv): ConsoleSignInSettings | null {
  const keys = ['REDRESS_COGNITO_USER_POOL_ID', 'REDRESS_COGNITO_CLIENT_ID', 'REDRESS_COGNITO_DOMAIN'] as const;
  if (keys.every((k) => !env[k])) return null;
  const settings = ConsoleSettings.parse(env);
  return {
    kind: 'cognito',
    domain: settings.REDRESS_COGNITO_DOMAIN,
    clientId: settings.REDRESS_COGNITO_CLIENT_ID,
    verifier: lazyCognitoVerifier(settings.REDRESS_COGNITO_USER_POOL_ID, settings.REDRESS_COGNITO_CLIENT_ID),
  };
}

// aws-jwt-verify is imported when an officer first signs in, so it is a chunk of its own that no other function's cold
// start (nor the console's, until someone signs in) loads.
function lazyCognitoVerifier(userPoolId: string, clientId: string): IdTokenVerifier {
  return portOnFirstUse(() => import('./http/console/cognito-verifier.ts').then((m) => m.cognitoIdTokenVerifier(userPoolId, clientId)), ['verify']);
}
