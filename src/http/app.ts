import { Hono, type Context, type Env } from 'hono';
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
import type { LifecycleDeps } from '../case-handling/lifecycle-deps.ts';
import type { StaffActionsDeps } from './staff-actions.ts';
import type { Logger } from '../ports.ts';

/** Everything the one HTTP server (locally) or HTTP function (on AWS) serves. */
export interface RedressAppDeps {
  readonly api: ApiDeps;
  readonly intake: IntakeDeps;
  readonly smsAuthToken: () => Promise<string>;
  /** The public base URL, without a trailing slash: the SMS signature covers `${publicUrl}/sms/inbound`. */
  publicUrl(): string;
  readonly authoriseStaff: StaffAuthoriser;
  /** The lifecycle's actions under /api (makeStaffActions), behind the same sign-in. */
  readonly staffActions?: StaffActionsDeps;
  /** The satisfaction survey's page at /survey/… (makeSurveyPage). */
  readonly surveyPage?: LifecycleDeps;
  /** The officer's console under /console, where the lifecycle runs. */
  readonly console?: ConsoleDeps;
}

const KIND: Record<string, ReceivedAs> = { complaint: 'complaint', 'service-request': 'service-request' };

/**
 * The routes of the lifecycle's staff actions (makeStaffActions under /api), forwarded to them once built: exactly
 * theirs, as a test holds them (a request to any other /api/cases path is the staff API's).
 */
export const STAFF_ACTION_ROUTES = [['POST', '/api/complaints'], ['ALL', '/api/messages/*'], ['GET', '/api/cases/:caseRef/file'], ['POST', '/api/cases/:caseRef/:action']] as const;

/**
 * Serves `routes` (each `[method or 'ALL', path]`) from an app built on the first request for one of them, answering
 * errors as the rest of the app does: what a function's other requests never need stays out of its cold start. The
 * routes must be exactly the built app's (a request forwarded gets that app's answer, even its 404), and it sees the
 * whole path and the Lambda event, as if mounted at the root.
 */
function servedOnFirstUse<E extends Env>(app: Hono, routes: readonly (readonly [string, string])[], build: () => Promise<Hono<E>>, logger: Logger): void {
  const built = onFirstUse(async () => (await build()).onError(answerErrors(logger)));
  const forward = async (c: Context) => (await built()).fetch(c.req.raw, c.env);
  for (const [method, path] of routes) app.on(method, path, forward);
}

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
  // Each built on the first request for it. The lifecycle's actions: a resident's page, text or survey never needs them.
  const { staffActions, surveyPage, console: consoleDeps } = deps;
  if (staffActions) {
    servedOnFirstUse(app, STAFF_ACTION_ROUTES, async () => new Hono().route('/api', (await import('./staff-actions.ts')).makeStaffActions(staffActions)), intake.logger);
  }
  // The survey: only a resident following a survey letter's link asks for it.
  if (surveyPage) servedOnFirstUse(app, [['ALL', '/survey/*']], async () => (await import('./survey-page.ts')).makeSurveyPage(surveyPage), intake.logger);
  // The console: a resident's text, form or survey answer never needs its routes, forms and views (about 50 kB).
  if (consoleDeps) {
    servedOnFirstUse(app, [['ALL', '/console'], ['ALL', '/console/*']], async () => (await import('./console/console.ts')).makeConsole(consoleDeps), intake.logger);
  }
  app.route('/', makeApi(deps.api));
  return app;
}
