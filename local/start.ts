// `npm start`: runs all of Redress locally with embedded defaults: no AWS account, no Docker, only Node.
// DynamoDB on dynalite (kept under the data folder), S3 on s3rver, SES on aws-ses-v2-local, an SMTP inbox for
// residents' mail, and one HTTP server for the form, the SMS webhook and the staff API. Prints where each listens.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { CreateEmailTemplateCommand, UpdateEmailTemplateCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { powertoolsLogger } from '../src/adapters/logging/powertools-logger.ts';
import { DynamoRedressStore } from '../src/adapters/dynamodb/redress-store.ts';
import { S3Documents } from '../src/adapters/s3/s3-documents.ts';
import { SesMailer, sesTemplateName } from '../src/adapters/ses/ses-mailer.ts';
import { BANK_HOLIDAYS_FILE, LANDLORDS_DIR, readBankHolidays, shippedLandlordPolicies } from '../src/config/files.ts';
import { LandlordPolicySchema, type LandlordPolicy } from '../src/core/policy/landlord-policy.ts';
import { buildLocalLifecycle, type LocalLifecycle } from './lifecycle.ts';
import { makeRedressApp } from '../src/http/app.ts';
import { policyOfficers } from '../src/http/console/officers.ts';
import { consoleSignIn } from '../src/http/console/sign-in.ts';
import { makeStaffActions } from '../src/http/staff-actions.ts';
import { makeSurveyPage } from '../src/http/survey-page.ts';
import { bearerToken } from '../src/http/staff-api.ts';
import { LandlordDirectory } from '../src/intake/landlords.ts';
import type { IntakeDeps } from '../src/intake/receive-message.ts';
import type { MailIntakeDeps } from '../src/intake/email.ts';
import { loadLetterTemplates } from '../src/letters/render.ts';
import type { Clock, Logger as LoggerPort } from '../src/ports.ts';
import type { CaseWorkflow } from '../src/ports-lifecycle.ts';
import { startSmtpInbox } from './smtp-inbox.ts';
import { startTwins, type LocalTwins } from './twins.ts';

/** The local settings, from the environment, each with its documented default (README, "Running it locally"). */
export const LocalSettings = z.object({
  REDRESS_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  REDRESS_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  REDRESS_SES_PORT: z.coerce.number().int().min(0).max(65535).default(8005),
  REDRESS_DATA_DIR: z.string().min(1).default('.redress'),
  REDRESS_PUBLIC_URL: z.url().optional(),
  REDRESS_SMS_AUTH_TOKEN: z.string().min(8).optional(),
  REDRESS_STAFF_TOKEN: z.string().min(8).optional(),
  /** A folder of landlord policy profiles to run instead of the demo landlord. */
  REDRESS_LANDLORDS_DIR: z.string().min(1).optional(),
  REDRESS_BANK_HOLIDAYS: z.string().min(1).optional(),
  /** Shorter leases on messages and letter claims, so a crash test's retries need not wait 90 s (npm run soak:intake). */
  REDRESS_LEASE_MS: z.coerce.number().int().min(100).optional(),
});
export type LocalSettings = z.infer<typeof LocalSettings>;

/** The demo landlord: the Code's defaults, in England and Wales, at the demo addresses. */
export function demoLandlord(publicUrl: string): LandlordPolicy {
  const defaults = JSON.parse(readFileSync(join(LANDLORDS_DIR, 'code-defaults.json'), 'utf8')) as Record<string, unknown>;
  return LandlordPolicySchema.parse({
    ...defaults,
    landlordId: 'demo',
    name: 'Demo Housing Co-operative',
    basedOn: 'The Complaint Handling Code (2024) defaults, for trying Redress locally',
    digest: { recipients: ['complaints-manager@demo.redress.test'], dueSoonWithinWorkingDays: 5 },
    contact: { complaintsEmail: 'homes@demo.redress.test', textNumber: '+447700900123', webForm: `${publicUrl}/contact` },
  });
}

export interface LocalRedress {
  readonly url: string;
  readonly smtpPort: number;
  readonly sesUrl: string;
  readonly staffToken: string;
  readonly smsAuthToken: string;
  readonly twins: LocalTwins;
  readonly intake: MailIntakeDeps;
  readonly lifecycle: LocalLifecycle | null;
  /** Open complaints whose state machines were picked up again from the store at start. */
  readonly resumedComplaints: number;
  close(): Promise<void>;
}

export interface LocalOptions {
  /** Settings as from the environment; tests pass port 0 and a temporary data folder. */
  readonly settings?: Partial<LocalSettings>;
  /** null keeps everything in memory (tests). */
  readonly dataDir?: string | null;
  readonly clock?: Clock;
  readonly logger?: LoggerPort;
  /** Replaces the case-handling workflow (the real ASL on aws-local-stepfunctions by default): for intake-only tests. */
  readonly workflow?: (intake: Omit<IntakeDeps, 'workflow'>) => CaseWorkflow;
  readonly replyLimitPerHour?: number;
  readonly maxMessageBytes?: number;
}

/** Boots every local twin and the servers on 127.0.0.1. */
export async function startLocalRedress(options: LocalOptions = {}): Promise<LocalRedress> {
  const settings = LocalSettings.parse({ ...process.env, ...options.settings });
  const dataDir = options.dataDir === undefined ? settings.REDRESS_DATA_DIR : options.dataDir;
  const twins = await startTwins({ dataDir, sesPort: settings.REDRESS_SES_PORT });
  const logger = options.logger ?? powertoolsLogger({ logLevel: 'WARN' });
  const govUk = readBankHolidays(settings.REDRESS_BANK_HOLIDAYS ?? BANK_HOLIDAYS_FILE);
  const provisionalUrl = settings.REDRESS_PUBLIC_URL ?? `http://127.0.0.1:${settings.REDRESS_HTTP_PORT}`;
  const landlordPolicies = settings.REDRESS_LANDLORDS_DIR
    ? shippedLandlordPolicies(settings.REDRESS_LANDLORDS_DIR)
    : new Map([['demo', demoLandlord(provisionalUrl)]]);
  const landlords = new LandlordDirectory(landlordPolicies, landlordPolicies.keys().next().value ?? 'demo');

  // SES renders letters from templates registered with it, locally as on AWS.
  for (const [name, parts] of loadLetterTemplates()) {
    const TemplateContent = { Subject: parts.subject, Html: parts.html, Text: parts.text };
    try {
      await twins.ses.send(new CreateEmailTemplateCommand({ TemplateName: sesTemplateName(name), TemplateContent }));
    } catch {
      await twins.ses.send(new UpdateEmailTemplateCommand({ TemplateName: sesTemplateName(name), TemplateContent }));
    }
  }

  const store = new DynamoRedressStore(twins.dynamo, twins.tableName, logger);
  const clock = options.clock ?? { now: () => new Date() };
  const base = {
    messages: store,
    cases: store,
    letters: store,
    documents: new S3Documents(twins.s3, twins.bucket),
    mailer: new SesMailer(twins.ses),
    clock,
    logger,
    landlords,
    govUk,
    ...(options.replyLimitPerHour ? { replyLimitPerHour: options.replyLimitPerHour } : {}),
    ...(settings.REDRESS_LEASE_MS ? { messageLeaseMs: settings.REDRESS_LEASE_MS, letterLeaseMs: settings.REDRESS_LEASE_MS } : {}),
  };
  let publicUrl = provisionalUrl;
  // The lifecycle: the real ASL on aws-local-stepfunctions and the scheduler twin, over the same store.
  const lifecycle: LocalLifecycle | null = options.workflow
    ? null
    : buildLocalLifecycle({
        base: { ...base, policies: landlordPolicies, get publicUrl() { return publicUrl; } },
        dynamo: twins.dynamo,
        tableName: twins.tableName,
      });
  const intake: MailIntakeDeps = { ...base, workflow: lifecycle ? lifecycle.workflow : options.workflow!(base) };

  const staffToken = settings.REDRESS_STAFF_TOKEN ?? `local-staff-${randomBytes(9).toString('base64url')}`;
  const smsAuthToken = settings.REDRESS_SMS_AUTH_TOKEN ?? `local-sms-${randomBytes(9).toString('base64url')}`;
  const smtp = await startSmtpInbox(intake, { port: settings.REDRESS_SMTP_PORT, ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}) });

  const app = makeRedressApp({
    api: { policies: new Map([...shippedLandlordPolicies(), ...landlordPolicies]), govUk, now: () => clock.now() },
    intake,
    smsAuthToken: async () => smsAuthToken,
    publicUrl: () => publicUrl,
    authoriseStaff: bearerToken(staffToken),
    ...(lifecycle
      ? {
          staffActions: { lifecycle: lifecycle.deps, authorise: bearerToken(staffToken) },
          surveyPage: lifecycle.deps,
          console: {
            lifecycle: lifecycle.deps,
            // Locally the one staff token is shared, so the officer says who they are; sessions end with the process.
            signIn: consoleSignIn({ kind: 'staff-token', staffToken, officers: () => policyOfficers(landlordPolicies), sessionSecret: randomBytes(32).toString('base64url') }),
            officers: () => policyOfficers(landlordPolicies),
            publicUrl: () => publicUrl,
          },
        }
      : {}),
  });
  const http = await new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: settings.REDRESS_HTTP_PORT }, (info) =>
      resolve({ port: info.port, close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
  });
  const url = `http://127.0.0.1:${http.port}`;
  if (!settings.REDRESS_PUBLIC_URL) publicUrl = url;
  // Resumes every open complaint's timers from the store, and the survey and digest schedules.
  const resumed = lifecycle ? (await lifecycle.start()).resumed : 0;

  return {
    url,
    smtpPort: smtp.port,
    sesUrl: twins.sesEndpoint,
    staffToken,
    smsAuthToken,
    twins,
    intake,
    lifecycle,
    resumedComplaints: resumed,
    async close() {
      lifecycle?.stop();
      await Promise.all([http.close(), smtp.close()]);
      await twins.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const redress = await startLocalRedress();
  const demo = redress.intake.landlords.get('demo');
  process.stdout.write(
    [
      `Redress is running locally (${redress.resumedComplaints} open complaint(s) resumed). Data is kept in ${LocalSettings.parse(process.env).REDRESS_DATA_DIR}/ (delete it to start afresh).`,
      '',
      `  Web form        ${redress.url}/contact`,
      `  Console         ${redress.url}/console (sign in with the staff token below)`,
      `  Mail            SMTP 127.0.0.1:${redress.smtpPort}, to ${demo?.contact.complaintsEmail ?? 'a landlord address'}`,
      `  SMS webhook     POST ${redress.url}/sms/inbound (Twilio format, To ${demo?.contact.textNumber ?? 'a landlord number'})`,
      `  Letters sent    ${redress.sesUrl} (the SES mailbox viewer)`,
      `  Staff API       GET ${redress.url}/api/cases with Authorization: Bearer <staff token>`,
      `  Policies, days  GET ${redress.url}/api/policies, POST ${redress.url}/api/workdays`,
      '',
      `  Staff token     ${redress.staffToken}   (REDRESS_STAFF_TOKEN sets your own)`,
      `  SMS auth token  ${redress.smsAuthToken}   (REDRESS_SMS_AUTH_TOKEN sets your own)`,
      '',
      'Try:',
      `  swaks --server 127.0.0.1:${redress.smtpPort} --to homes@demo.redress.test --from resident@example.com --header 'Subject: Third time reporting the leak' --body 'Nobody came. I want to complain.'`,
      `  REDRESS_STAFF_TOKEN=${redress.staffToken} npx redress cases`,
      '',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}
