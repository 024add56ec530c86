import { Hono, type Context } from 'hono';
import { errorFields } from '../adapters/logging/error-fields.ts';
import { makeApi, type ApiDeps } from './api.ts';
import type { ConsoleDeps } from './console/console.ts';
import { answerErrors } from './errors.ts';
import { makeContactForm } from './contact-form/contact-form.ts';
import { makeSmsWebhook } from './sms-webhook.ts';
import { makeStaffApi, type StaffAuthoriser } from './staff-api.ts';
import type { ReceivedAs } from './contact-form/pages.ts';
import { receiveWebForm } from '../intake/web-form.ts';
import type { IntakeDeps } from '../intake/receive-message.ts';
import { onFirstUse } from '../first-use.ts';

/** Everything the one HTTP server (locally) or HTTP function (on AWS) serves. */
export interface RedressAppDeps {
  readonly api: ApiDeps;
  readonly intake: IntakeDeps;
  readonly smsAuthToken: () => Promise<string>;
  /** The public base URL, without a trailing slash: the SMS signature covers `${publicUrl}/sms/inbound`. */
  publicUrl(): string;
  readonly authoriseStaff: StaffAuthoriser;
  /** Extra staff routes (the lifecycle's actions), mounted behind the same sign-in. */
  readonly staffActions?: Hono;
  /** Extra public routes (the survey page). */
  readonly publicPages?: Hono;
  /** The officer's console under /console, where the lifecycle runs. */
  readonly console?: ConsoleDeps;
}

const KIND: Record<string, ReceivedAs> = { complaint: 'complaint', 'service-request': 'service-request' };

/** The web form, the SMS webhook, the staff API and the policy/working-day API in one Hono app. */
export function makeRedressApp(deps: RedressAppDeps): Hono {
  const app = new Hono();
  const { intake } = deps;
  app.onError(answerErrors(intake.logger));
  app.route(
    '/',
    makeContactForm({
      landlordForForm(slug) {
        const policy = intake.landlords.forForm(slug);
        return policy ? { landlordId: policy.landlordId, name: policy.name, acknowledgeComplaintWithinWorkingDays: policy.stage1.acknowledgeWithinWorkingDays } : null;
      },
      async submit(landlordId, submission, receivedAt) {
        const result = await receiveWebForm(intake, landlordId, submission, receivedAt);
        const kind: ReceivedAs = result.caseKind ? (KIND[result.caseKind] ?? 'message') : result.outcome === 'recorded' && submission.wants === 'feedback' ? 'feedback' : 'message';
        return { reference: result.caseRef ?? result.duplicateOf ?? result.messageRef, kind, duplicate: result.outcome === 'duplicate' };
      },
      now: () => intake.clock.now(),
      intakeFailed: (error) => intake.logger.error('web form not handled', errorFields(error)),
    }),
  );
  app.route('/', makeSmsWebhook({ intake, authToken: deps.smsAuthToken, webhookUrl: () => `${deps.publicUrl()}/sms/inbound` }));
  app.route(
    '/',
    makeStaffApi({ messages: intake.messages, cases: intake.cases, letters: intake.letters, policies: intake.landlords.policies, govUk: intake.govUk, authorise: deps.authoriseStaff }),
  );
  if (deps.staffActions) app.route('/api', deps.staffActions);
  if (deps.publicPages) app.route('/', deps.publicPages);
  if (deps.console) {
    // The console is built on the first request for it: a resident's text, form or survey answer never needs its
    // routes, forms and views (about 50 kB of http-api's cold start). It answers errors as the rest of the app does.
    const consoleDeps = deps.console;
    const consoleApp = onFirstUse(async () => (await import('./console/console.ts')).makeConsole(consoleDeps).onError(answerErrors(intake.logger)));
    const toConsole = async (c: Context) => (await consoleApp()).fetch(c.req.raw, c.env);
    app.all('/console', toConsole);
    app.all('/console/*', toConsole);
  }
  app.route('/', makeApi(deps.api));
  return app;
}
