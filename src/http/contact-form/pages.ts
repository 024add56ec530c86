import { fileURLToPath } from 'node:url';
import { viewEnvironment } from '../views.ts';
import { onFirstUse } from '../../first-use.ts';
import { GOVUK_FRONTEND_DIST } from './assets.ts';
import type { ContactFormAnswers, FormError } from './form-schema.ts';

/** What intake made of a form: decides the confirmation's wording. */
export type ReceivedAs = 'complaint' | 'service-request' | 'feedback' | 'message';

interface Common {
  /** The landlord's name, shown in the header and title; absent when the landlord is not known. */
  readonly landlordName?: string;
  /** Where the header's name links to: the landlord's form. */
  readonly homeUrl?: string;
  /** This response's Content-Security-Policy nonce, for the template's one inline script. */
  readonly cspNonce?: string;
}

export interface FormPage extends Common {
  readonly landlordName: string;
  readonly formUrl: string;
  readonly answers: ContactFormAnswers;
  readonly errors: readonly FormError[];
  readonly submissionToken: string;
}

export interface ConfirmationPage extends Common {
  readonly landlordName: string;
  readonly formUrl: string;
  readonly reference: string;
  readonly kind: ReceivedAs;
  readonly duplicate: boolean;
  /** The landlord's stage 1 acknowledgement timescale, when known (Code 6.2). */
  readonly acknowledgeComplaintWithinWorkingDays?: number;
}

export interface ProblemPage extends Common {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly link?: { readonly href: string; readonly text: string };
}

/** The contact form's HTML pages, rendered with govuk-frontend's Nunjucks template and macros. */
export interface Pages {
  form(page: FormPage): string;
  confirmation(page: ConfirmationPage): string;
  problem(page: ProblemPage): string;
}

const VIEWS = fileURLToPath(new URL('./views/', import.meta.url));

const CONFIRMATION_TITLES: Record<ReceivedAs, string> = {
  complaint: 'Complaint received',
  'service-request': 'Request received',
  feedback: 'Feedback received',
  message: 'Message received',
};

function whatHappensNext(page: ConfirmationPage): string[] {
  switch (page.kind) {
    case 'complaint':
      return [
        page.acknowledgeComplaintWithinWorkingDays === undefined
          ? 'We will acknowledge your complaint in writing.'
          : `We will acknowledge your complaint within ${page.acknowledgeComplaintWithinWorkingDays} working days.`,
        'We will tell you what we understand your complaint is about, the outcome you are looking for, ' +
          'and when you will have our response.',
      ];
    case 'service-request':
      return [
        'We will contact you about your request.',
        'If you are unhappy with how we deal with it, you can make a complaint.',
      ];
    case 'feedback':
      return ['Thank you. We read all feedback and use it to improve our services.'];
    case 'message':
      return ['We will read what you sent and contact you about what happens next.'];
    default: {
      const unknown: never = page.kind;
      throw new Error(`no confirmation for ${String(unknown)}`);
    }
  }
}

/**
 * @param assetPath where /assets/ is served, without a trailing slash
 * @param assetVersion a fingerprint put in asset URLs, asked for when a page is first rendered
 */
export function makePages(assetPath: string, assetVersion: () => string): Pages {
  // Autoescaped (VIEW_OPTIONS): residents' answers stay text.
  // Made for the first page: a bundle loads Nunjucks' runtime only then (LAZY_TEMPLATE_RUNTIMES in lib/bundling.ts).
  const env = onFirstUse(() => viewEnvironment([VIEWS, GOVUK_FRONTEND_DIST]));
  const render = (template: string, context: object) =>
    env().render(template, { assetPath, assetVersion: assetVersion(), ...context });

  return {
    form: (page) =>
      render('form.njk', {
        ...page,
        title: 'Contact us',
        heading: `Contact ${page.landlordName}`,
        homeUrl: page.homeUrl ?? page.formUrl,
        errors: Object.fromEntries(page.errors.map((e) => [e.field, e.message])),
        // The token is hidden, so its problem has nothing to link to.
        errorList: page.errors.map((e) =>
          e.field === 'submissionToken' ? { text: e.message } : { text: e.message, href: `#${e.field}` },
        ),
      }),
    confirmation: (page) =>
      render('confirmation.njk', {
        ...page,
        title: CONFIRMATION_TITLES[page.kind],
        homeUrl: page.homeUrl ?? page.formUrl,
        whatHappensNext: whatHappensNext(page),
      }),
    problem: (page) => render('problem.njk', page),
  };
}
