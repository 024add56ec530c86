// The satisfaction survey page. Opening the link shows the questions and records nothing: mail scanners follow
// links, so only a deliberate submit (a POST with both answers) records an answer.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import type { LifecycleDeps } from '../case-handling/lifecycle-deps.ts';
import { answerSurvey } from '../case-handling/survey.ts';
import { complaintFile } from '../core/case/case-file.ts';
import { complaintEventsOf } from '../core/case/case-record.ts';
import { SatisfactionSchema, type Satisfaction } from '../core/case/complaint.ts';
import type { SurveyFollowUp } from '../core/case/survey.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { formatLetterDate } from '../letters/catalogue.ts';

const CHOICES: readonly { value: Satisfaction; label: string }[] = [
  { value: 'very-satisfied', label: 'Very satisfied' },
  { value: 'satisfied', label: 'Satisfied' },
  { value: 'neither', label: 'Neither satisfied nor dissatisfied' },
  { value: 'dissatisfied', label: 'Dissatisfied' },
  { value: 'very-dissatisfied', label: 'Very dissatisfied' },
];

const QUESTIONS = {
  handling: 'How satisfied are you with the way we handled your complaint?',
  outcome: 'How satisfied are you with the outcome of your complaint?',
} as const;

const SurveyForm = lazySchema(() => z.object({
  handling: SatisfactionSchema,
  outcome: SatisfactionSchema,
  comments: z.string().trim().max(5000).optional().transform((s) => (s ? s : undefined)),
  askForStage2: z.literal('yes').optional().transform((s) => s === 'yes'),
}));

// The link carries the survey's secret id: never send it on as a referrer, never cache or frame the page.
const HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const page = (title: string, landlordName: string | null, body: HtmlEscapedString | Promise<HtmlEscapedString>) => html`<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>${title}${landlordName ? html` – ${landlordName}` : ''}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <link rel="stylesheet" href="/assets/govuk-frontend.min.css">
</head>
<body class="govuk-template__body">
  <header class="govuk-header"><div class="govuk-header__container govuk-width-container">
    <span class="govuk-header__service-name">${landlordName ?? 'Complaint survey'}</span>
  </div></header>
  <div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
${body}
  </main></div>
</body>
</html>`;

function radios(name: 'handling' | 'outcome', chosen: string | undefined, error: boolean) {
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
  <fieldset class="govuk-fieldset"${error ? html` aria-describedby="${name}-error"` : ''}>
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">${QUESTIONS[name]}</h2></legend>
    ${error ? html`<p id="${name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Choose an answer</p>` : ''}
    <div class="govuk-radios" data-module="govuk-radios">
      ${CHOICES.map((c, i) => html`<div class="govuk-radios__item">
        <input class="govuk-radios__input" id="${name}${i === 0 ? '' : `-${i + 1}`}" name="${name}" type="radio" value="${c.value}"${chosen === c.value ? ' checked' : ''}>
        <label class="govuk-label govuk-radios__label" for="${name}${i === 0 ? '' : `-${i + 1}`}">${c.label}</label>
      </div>`)}
    </div>
  </fieldset>
</div>`;
}

function surveyForm(action: string, caseRef: string, values: Record<string, string>, missing: readonly ('handling' | 'outcome')[]) {
  return html`${missing.length > 0 ? html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
    <h2 class="govuk-error-summary__title">There is a problem</h2>
    <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
      ${missing.map((m) => html`<li><a href="#${m}">${QUESTIONS[m]}</a></li>`)}
    </ul></div></div></div>` : ''}
  <h1 class="govuk-heading-l">Tell us how we dealt with your complaint</h1>
  <p class="govuk-body">Your complaint reference is <strong>${caseRef}</strong>. There are two questions: one about how we handled your complaint, one about its outcome.</p>
  <form method="post" action="${action}" novalidate>
    ${radios('handling', values.handling, missing.includes('handling'))}
    ${radios('outcome', values.outcome, missing.includes('outcome'))}
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--m" for="comments">Anything else you want to tell us (optional)</label>
      <textarea class="govuk-textarea" id="comments" name="comments" rows="5" maxlength="5000">${values.comments ?? ''}</textarea>
    </div>
    <div class="govuk-form-group">
      <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="askForStage2" name="askForStage2" type="checkbox" value="yes"${values.askForStage2 === 'yes' ? ' checked' : ''}>
          <label class="govuk-label govuk-checkboxes__label" for="askForStage2">I am not happy and want my complaint taken further (you do not need to give a reason)</label>
        </div>
      </div>
    </div>
    <p class="govuk-body">These answers are not a complaint. To make a new complaint, write to us or use our complaint form.</p>
    <button type="submit" class="govuk-button" data-module="govuk-button">Send my answers</button>
  </form>`;
}

function thanks(followUp: SurveyFollowUp, policy: LandlordPolicy) {
  const o = policy.ombudsman;
  const ombudsman = html`<p class="govuk-body">You can also ask the ${o.name} to look at your complaint: ${o.website}, telephone ${o.telephone}, email ${o.email}.</p>`;
  switch (followUp.kind) {
    case 'offer-stage-2':
      return html`<p class="govuk-body">You told us you are not happy with the outcome. You can ask us to look at your complaint again at stage 2${
        followUp.stage2RequestBy ? html` by ${formatLetterDate(followUp.stage2RequestBy)}` : ''}: reply to our letter, or write to ${policy.contact.complaintsEmail}. You do not need to give a reason.</p>
        <p class="govuk-body">We have sent you a letter saying the same.</p>`;
    case 'refer-to-ombudsman':
      return html`<p class="govuk-body">You told us you are not happy with the outcome. Our complaints process has finished, so the next step is the Ombudsman.</p>${ombudsman}`;
    case 'stage-2-requested':
      return html`<p class="govuk-body">You asked us to take your complaint further. We have recorded this as a request for stage 2 of our complaints process on the same complaint, and we will write to you to confirm. You did not need to give a reason.</p>`;
    case 'handling-follow-up':
      return html`<p class="govuk-body">You told us you are not happy with how we handled your complaint. A manager will get in touch to talk about it.</p>`;
    case 'none':
      return html`<p class="govuk-body">Your answers help us improve how we deal with complaints.</p>`;
    default: {
      const unknown: never = followUp;
      throw new Error(`no follow-up page for ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * `GET /survey/:surveyId` shows the two questions; `POST /survey/:surveyId` records the answer as survey feedback on
 * the case and follows it up (stage 2 or the Ombudsman for an unhappy outcome). Opening the page records nothing.
 */
export function makeSurveyPage(deps: LifecycleDeps): Hono {
  const app = new Hono();

  const load = async (surveyId: string) => {
    const survey = await deps.surveys.getSurvey(surveyId);
    const policy = survey ? deps.policies.get(survey.landlordId) : undefined;
    if (!survey || !policy) return null;
    const answered = complaintFile(complaintEventsOf(await deps.cases.events(survey.caseRef)))
      .surveys.find((s) => s.surveyId === surveyId)?.answer !== undefined;
    return { survey, policy, answered };
  };
  const notFound = (c: Context) => c.html(page('Survey not found', null, html`<h1 class="govuk-heading-l">This survey link is not recognised</h1>
    <p class="govuk-body">Check the link in the letter we sent you. If it still does not work, contact us.</p>`), 404, HEADERS);
  const alreadyAnswered = (c: Context, policy: LandlordPolicy, status: 200 | 409) => c.html(page('Survey already answered', policy.name, html`<h1 class="govuk-heading-l">You have already answered this survey</h1>
    <p class="govuk-body">Thank you. If you want to tell us more, write to ${policy.contact.complaintsEmail}.</p>`), status, HEADERS);

  app.get('/survey/:surveyId', async (c) => {
    const found = await load(c.req.param('surveyId'));
    if (!found) return notFound(c);
    if (found.answered) return alreadyAnswered(c, found.policy, 200);
    return c.html(page('Complaint survey', found.policy.name, surveyForm(c.req.path, found.survey.caseRef, {}, [])), 200, HEADERS);
  });

  app.post('/survey/:surveyId', async (c) => {
    const surveyId = c.req.param('surveyId');
    const found = await load(surveyId);
    if (!found) return notFound(c);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const parsed = SurveyForm.safeParse(values);
    if (!parsed.success) {
      const missing = (['handling', 'outcome'] as const).filter((q) => !SatisfactionSchema.safeParse(values[q]).success);
      return c.html(page('Error: complaint survey', found.policy.name, surveyForm(c.req.path, found.survey.caseRef, values, missing.length ? missing : ['handling'])), 422, HEADERS);
    }
    const result = await answerSurvey(deps, surveyId, parsed.data, 'survey-page');
    if (!result.ok) return result.error.kind === 'already-answered' ? alreadyAnswered(c, found.policy, 409) : notFound(c);
    return c.html(page('Thank you', found.policy.name, html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Thank you for your answers</h1></div>
      ${thanks(result.value.followUp, found.policy)}`), 200, HEADERS);
  });

  return app;
}
