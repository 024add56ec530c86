import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { NONCE, secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers';
import * as z from 'zod';
import { assetVersion, loadAssets } from './assets.ts';
import {
  ContactFormFields,
  answersFrom,
  formErrors,
  type ContactFormAnswers,
  type ContactFormSubmission,
  type FormError,
} from './form-schema.ts';
import { makePages, type ReceivedAs } from './pages.ts';

/** The landlord a form belongs to. */
export interface FormLandlord {
  readonly landlordId: string;
  readonly name: string;
  /** The landlord's stage 1 acknowledgement timescale, told to a resident who complains (Code 6.2). */
  readonly acknowledgeComplaintWithinWorkingDays?: number;
}

/** What intake made of a submission. */
export interface FormReceipt {
  /** The case reference, or the message reference when no case was opened. */
  readonly reference: string;
  readonly kind: ReceivedAs;
  /** The same form (same submission token) had already been received: this is the first one's reference. */
  readonly duplicate: boolean;
}

/** What the contact form needs from the rest of Redress. */
export interface ContactFormDeps {
  /** The landlord for a form URL slug; undefined slug means the default landlord. null if unknown (404). */
  landlordForForm(slug: string | undefined): FormLandlord | null;
  /** Hands a valid submission to intake; returns the reference to show (case reference or message reference). */
  submit(landlordId: string, submission: ContactFormSubmission, receivedAt: Date): Promise<FormReceipt>;
  now(): Date;
  /** The largest form body accepted, in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Told when `submit` fails; the resident sees the form again with their answers and is asked to resend it.
   * Default: written to stderr. Never given the answers.
   */
  intakeFailed?(error: unknown): void;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** The sub-app's Hono environment: secureHeaders' per-request nonce. */
export type ContactFormEnv = { Variables: SecureHeadersVariables };
type Env = ContactFormEnv;

const ASSET_PATH = '/assets';
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Reads a request body, refusing it once it is larger than `maxBytes`, whatever Content-Length claims. */
async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) return 'too-large';
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const isUuid = (value: string | undefined): value is string => z.uuid().safeParse(value).success;

/**
 * The resident's web form: `GET /contact[/:landlord]` shows it, `POST` to the same path sends it to intake and
 * shows the reference, and `GET /assets/*` serves govuk-frontend's styles and scripts. Works without JavaScript.
 * @example app.route('/', makeContactForm({ landlordForForm, submit, now: () => new Date() }))
 */
export function makeContactForm(deps: ContactFormDeps): Hono<ContactFormEnv> {
  const app = new Hono<Env>();
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const intakeFailed = deps.intakeFailed ?? ((error: unknown) => console.error('contact form: intake failed', error));
  // The assets are read, and their fingerprint taken, when a page or an asset is first asked for: the SMS webhook and
  // the staff API share this function, and their requests need neither (about 3 ms of its cold start).
  const pages = makePages(ASSET_PATH, () => assetVersion(loadAssets()));

  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // The only inline script is govuk-frontend's template line that marks the body as having JavaScript.
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
  });
  // Scoped to this form's own paths (`/contact/*` matches `/contact` too), so mounting it beside the JSON API
  // changes nothing there.
  app.use('/contact/*', pageHeaders);
  app.use(`${ASSET_PATH}/*`, secureHeaders({ referrerPolicy: 'same-origin' }));

  const html = (c: Context<Env>, body: string, status: 200 | 400 | 404 | 413 | 415 | 500) => {
    // Pages can hold a resident's answers: no cache keeps them.
    c.header('Cache-Control', 'no-store');
    return c.html(body, status);
  };

  const formUrlFor = (slug: string | undefined) =>
    slug === undefined ? '/contact' : `/contact/${encodeURIComponent(slug)}`;

  const notFound = (c: Context<Env>) =>
    html(
      c,
      pages.problem({
        cspNonce: c.get('secureHeadersNonce'),
        title: 'Page not found',
        paragraphs: [
          'If you typed the web address, check it is correct.',
          'If you pasted the web address, check you copied the entire address.',
        ],
      }),
      404,
    );

  const showForm = (
    c: Context<Env>,
    landlord: FormLandlord,
    formUrl: string,
    answers: ContactFormAnswers,
    errors: readonly FormError[],
    status: 200 | 400 | 500,
  ) =>
    html(
      c,
      pages.form({
        cspNonce: c.get('secureHeadersNonce'),
        landlordName: landlord.name,
        formUrl,
        answers,
        errors,
        // Kept across a re-shown form, so that the corrected form sent twice is still one form.
        submissionToken: isUuid(answers.submissionToken) ? answers.submissionToken : randomUUID(),
      }),
      status,
    );

  const get = (c: Context<Env>, slug: string | undefined) => {
    const landlord = deps.landlordForForm(slug);
    if (!landlord) return notFound(c);
    return showForm(c, landlord, formUrlFor(slug), {}, [], 200);
  };

  const post = async (c: Context<Env>, slug: string | undefined) => {
    const landlord = deps.landlordForForm(slug);
    if (!landlord) return notFound(c);
    const formUrl = formUrlFor(slug);
    const problem = (title: string, paragraphs: string[], status: 413 | 415) =>
      html(
        c,
        pages.problem({
          cspNonce: c.get('secureHeadersNonce'),
          landlordName: landlord.name,
          homeUrl: formUrl,
          title,
          paragraphs,
          link: { href: formUrl, text: 'Go to the form' },
        }),
        status,
      );

    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== FORM_MEDIA_TYPE) {
      return problem('We could not read your form', ['Send your answers again using the form.'], 415);
    }
    const body = await readBodyWithin(c.req.raw, maxBodyBytes);
    if (body === 'too-large') {
      return problem(
        'Your answers are too long',
        [
          'We could not receive your form because your answers are too long.',
          'Go back, shorten your answers and send the form again.',
        ],
        413,
      );
    }

    const answers = answersFrom(new URLSearchParams(new TextDecoder().decode(body)));
    const parsed = ContactFormFields.safeParse(answers);
    if (!parsed.success) return showForm(c, landlord, formUrl, answers, formErrors(parsed.error), 400);

    let receipt: FormReceipt;
    try {
      receipt = await deps.submit(landlord.landlordId, parsed.data, deps.now());
    } catch (error) {
      intakeFailed(error);
      const notSent: FormError = {
        field: 'submissionToken',
        message: 'Sorry, there is a problem with the service and your form was not sent. Send it again, or try later',
      };
      return showForm(c, landlord, formUrl, answers, [notSent], 500);
    }
    return html(
      c,
      pages.confirmation({
        cspNonce: c.get('secureHeadersNonce'),
        landlordName: landlord.name,
        formUrl,
        reference: receipt.reference,
        kind: receipt.kind,
        duplicate: receipt.duplicate,
        ...(landlord.acknowledgeComplaintWithinWorkingDays === undefined
          ? {}
          : { acknowledgeComplaintWithinWorkingDays: landlord.acknowledgeComplaintWithinWorkingDays }),
      }),
      200,
    );
  };

  app.get('/contact', (c) => get(c, undefined));
  app.get('/contact/:landlord', (c) => get(c, c.req.param('landlord')));
  app.post('/contact', (c) => post(c, undefined));
  app.post('/contact/:landlord', (c) => post(c, c.req.param('landlord')));

  app.get(`${ASSET_PATH}/*`, (c) => {
    const name = c.req.path.slice(c.req.path.lastIndexOf(`${ASSET_PATH}/`) + ASSET_PATH.length + 1);
    const file = loadAssets().get(name);
    if (!file) return c.text('Not found', 404);
    c.header('ETag', file.etag);
    // URLs carry a fingerprint (?v=), so a day's caching never outlives a release for long.
    c.header('Cache-Control', 'public, max-age=86400');
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    c.header('Content-Type', file.contentType);
    return c.body(file.body, 200);
  });

  return app;
}
