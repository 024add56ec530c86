import * as z from 'zod';
import { lazySchema } from '../../core/lazy-schema.ts';

/** What the resident chose to do. Their choice stands: choosing a complaint makes it one (Code 1.3). */
export const WANTS = ['report-or-ask', 'complaint', 'feedback'] as const;
export type Wants = (typeof WANTS)[number];

/** A valid web form, as intake receives it. */
export interface ContactFormSubmission {
  readonly wants: Wants;
  readonly whatHappened: string;
  /** The outcome the resident wants (Code 5.6). */
  readonly outcomeWanted: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly addressOrTenancyReference: string;
  /** Someone acting for the resident (Code 3.6). */
  readonly representative: { readonly name: string; readonly relationship: string | null } | null;
  /** Support or adjustments the resident asked for (Code 5.10). */
  readonly adjustments: string | null;
  /** Made when the form was shown, so that a form sent twice is recognised as one. */
  readonly submissionToken: string;
}

/** The form's fields in the order they appear on the page: the error summary follows it. */
export const CONTACT_FORM_FIELDS = [
  'wants',
  'whatHappened',
  'outcomeWanted',
  'name',
  'email',
  'phone',
  'addressOrTenancyReference',
  'actingForYou',
  'representativeName',
  'representativeRelationship',
  'adjustments',
  'submissionToken',
] as const;
export type ContactFormField = (typeof CONTACT_FORM_FIELDS)[number];

/** The raw fields as posted: every one a string, any one missing. */
export type ContactFormAnswers = Partial<Record<ContactFormField, string>>;

/** One problem with the answers, for the error summary and the field itself. */
export interface FormError {
  readonly field: ContactFormField;
  readonly message: string;
}

export const LIMITS = {
  whatHappened: 10_000,
  outcomeWanted: 10_000,
  name: 200,
  email: 320,
  addressOrTenancyReference: 500,
  representativeName: 200,
  representativeRelationship: 200,
  adjustments: 5_000,
} as const;

const PHONE_MESSAGE = 'Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192';

// Browsers send a textarea's line breaks as CRLF but count each as one character, as residents do.
const tidy = (value: string | undefined) => (value ?? '').replace(/\r\n?/g, '\n').trim();

const requiredText = (field: keyof typeof LIMITS, whenMissing: string, whenTooLong: string) =>
  z
    .string()
    .optional()
    .transform(tidy)
    .pipe(z.string().min(1, whenMissing).max(LIMITS[field], whenTooLong));

const optionalText = (field: keyof typeof LIMITS, whenTooLong: string) =>
  z
    .string()
    .optional()
    .transform(tidy)
    .pipe(z.string().max(LIMITS[field], whenTooLong))
    .transform((value) => value || null);

const digitCount = (value: string) => value.replace(/\D/g, '').length;

// Loose on purpose: people write numbers many ways. Digits, spaces, brackets and hyphens, an optional
// leading +, and 10 to 15 digits (a UK number has 10 or 11; an international one up to 15).
const UkPhone = z
  .string()
  .regex(/^\+?[0-9 ()-]+$/, PHONE_MESSAGE)
  .refine((value) => digitCount(value) >= 10 && digitCount(value) <= 15, PHONE_MESSAGE);

// 5,000 as en-GB writes it, without toLocaleString: its first call loads ICU's number formats, 10-17 ms of every
// http-api cold start, for messages built when this module loads.
const plural = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The web form's fields, as posted (strings, any of them missing), parsed into a `ContactFormSubmission`.
 * Text is trimmed; an empty optional answer becomes null. Messages follow the GOV.UK Design System.
 */
export const ContactFormFields = lazySchema(() => z
  .object({
    wants: z.enum(WANTS, { error: 'Select what you want to do' }),
    whatHappened: requiredText(
      'whatHappened',
      'Enter what happened',
      `What happened must be ${plural(LIMITS.whatHappened)} characters or fewer`,
    ),
    outcomeWanted: optionalText(
      'outcomeWanted',
      `What you would like us to do must be ${plural(LIMITS.outcomeWanted)} characters or fewer`,
    ),
    name: requiredText('name', 'Enter your name', `Your name must be ${plural(LIMITS.name)} characters or fewer`),
    email: optionalText('email', `Email address must be ${plural(LIMITS.email)} characters or fewer`).pipe(
      z.email({ error: 'Enter an email address in the correct format, like name@example.com' }).nullable(),
    ),
    phone: z
      .string()
      .optional()
      .transform(tidy)
      .transform((value) => value || null)
      .pipe(UkPhone.nullable()),
    addressOrTenancyReference: requiredText(
      'addressOrTenancyReference',
      'Enter your address or tenancy reference',
      `Your address or tenancy reference must be ${plural(LIMITS.addressOrTenancyReference)} characters or fewer`,
    ),
    actingForYou: z.enum(['yes', 'no'], { error: 'Select yes if someone is acting for you' }),
    // Checked below, and only when someone is acting for the resident: without JavaScript these fields are
    // always on the page, and what is typed in them after answering "no" is not the resident's answer.
    representativeName: z.string().optional().transform(tidy),
    representativeRelationship: z.string().optional().transform(tidy),
    adjustments: optionalText(
      'adjustments',
      `Support or adjustments must be ${plural(LIMITS.adjustments)} characters or fewer`,
    ),
    submissionToken: z.uuid({
      error: 'This form has expired or was not sent from our page. Check your answers and send the form again',
    }),
  })
  .superRefine(
    (answers, ctx) => {
      // The values here may be partly parsed when another field failed; only truthiness is relied on, so an
      // email that failed its format check still counts as given.
      if (!answers.email && !answers.phone) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address or a phone number' });
      }
      if (answers.actingForYou !== 'yes') return;
      if (!answers.representativeName) {
        ctx.addIssue({
          code: 'custom',
          path: ['representativeName'],
          message: 'Enter the name of the person acting for you',
        });
      } else if (answers.representativeName.length > LIMITS.representativeName) {
        ctx.addIssue({
          code: 'custom',
          path: ['representativeName'],
          message: `Their name must be ${plural(LIMITS.representativeName)} characters or fewer`,
        });
      }
      if ((answers.representativeRelationship ?? '').length > LIMITS.representativeRelationship) {
        ctx.addIssue({
          code: 'custom',
          path: ['representativeRelationship'],
          message: `How they are related to you must be ${plural(LIMITS.representativeRelationship)} characters or fewer`,
        });
      }
    },
    // Run even when a field failed, so the resident sees every problem at once.
    { when: () => true },
  )
  .transform(
    (answers): ContactFormSubmission => ({
      wants: answers.wants,
      whatHappened: answers.whatHappened,
      outcomeWanted: answers.outcomeWanted,
      name: answers.name,
      email: answers.email,
      phone: answers.phone,
      addressOrTenancyReference: answers.addressOrTenancyReference,
      representative:
        answers.actingForYou === 'yes'
          ? { name: answers.representativeName, relationship: answers.representativeRelationship || null }
          : null,
      adjustments: answers.adjustments,
      submissionToken: answers.submissionToken,
    }),
  ));

const isField = (key: unknown): key is ContactFormField =>
  typeof key === 'string' && (CONTACT_FORM_FIELDS as readonly string[]).includes(key);

/**
 * The problems with a form, one per field (the first found), in the order the fields appear on the page.
 * @example
 * const parsed = ContactFormFields.safeParse(answers);
 * if (!parsed.success) formErrors(parsed.error); // [{ field: 'wants', message: 'Select what you want to do' }, …]
 */
export function formErrors(error: z.ZodError): FormError[] {
  const byField = new Map<ContactFormField, string>();
  for (const issue of error.issues) {
    const field = issue.path[0];
    // Every key in the schema is a field; an issue at the top level would be a bug in the schema, not the form.
    if (!isField(field)) throw new Error(`contact form issue outside any field: ${issue.message}`);
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return CONTACT_FORM_FIELDS.filter((field) => byField.has(field)).map((field) => ({
    field,
    message: byField.get(field) ?? '',
  }));
}

/** The posted fields, first value of each, only the form's own. */
export function answersFrom(form: URLSearchParams): ContactFormAnswers {
  const answers: ContactFormAnswers = {};
  for (const field of CONTACT_FORM_FIELDS) {
    const value = form.get(field);
    if (value !== null) answers[field] = value;
  }
  return answers;
}
