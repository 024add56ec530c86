// The form for a complaint taken by telephone, letter or in person: the officer's answers, parsed once, become the
// request `logComplaintByStaff` takes, or problems shown beside their fields.
import * as z from 'zod';
import { LoggedComplaintRequest } from '../../case-handling/staff-actions.ts';
import { toCalendarDate } from '../../core/calendar/london-date.ts';
import type { FieldError, FormValues } from './action-forms.ts';

/** How the complaint reached the officer, as the form offers it. */
export const LOGGED_VIA = [
  { value: 'telephone', text: 'Telephone' },
  { value: 'letter', text: 'Letter' },
  { value: 'in-person', text: 'In person' },
] as const;

/** The form's fields, in the order the page shows them, with the words an error starts with. */
export const LOG_COMPLAINT_FIELDS = {
  landlordId: 'Landlord',
  via: 'How the resident complained',
  receivedOn: 'The day the complaint was received',
  summary: 'What the complaint is about',
  name: 'Resident\'s name',
  phone: 'Phone number',
  email: 'Email address',
  address: 'Address or tenancy reference',
} as const;

const blankToNull = (text: string | undefined) => (text && text.trim().length > 0 ? text.trim() : null);

/**
 * Parses the officer's answers. The day received is when the clock starts (Code 6.2), so it must be given and not
 * be later than today; a complaint received today counts from now, an earlier one from noon that day.
 */
export function parseLoggedComplaint(values: FormValues, now: Date): { ok: true; request: z.output<typeof LoggedComplaintRequest> } | { ok: false; errors: FieldError[] } {
  const today = toCalendarDate(now.toISOString());
  const receivedOn = (values.receivedOn ?? '').trim();
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || Number.isNaN(Date.parse(`${receivedOn}T12:00:00Z`))) errors.push({ field: 'receivedOn', message: 'Enter the day the complaint was received' });
  else if (receivedOn > today) errors.push({ field: 'receivedOn', message: 'The day the complaint was received cannot be in the future' });
  const parsed = LoggedComplaintRequest.safeParse({
    landlordId: values.landlordId ?? '',
    via: values.via ?? '',
    receivedAt: receivedOn === today ? now.toISOString() : `${receivedOn}T12:00:00Z`,
    summary: values.summary ?? '',
    resident: { name: blankToNull(values.name), phone: blankToNull(values.phone), email: blankToNull(values.email), addressOrTenancyReference: blankToNull(values.address) },
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const last = issue.path.at(-1);
      const field = last === 'addressOrTenancyReference' ? 'address' : last === 'receivedAt' ? 'receivedOn' : typeof last === 'string' ? last : null;
      if (field === 'receivedOn' && errors.some((e) => e.field === 'receivedOn')) continue;
      errors.push({ field, message: messageFor(field, issue) });
    }
  }
  if (!errors.length && parsed.success && !parsed.data.resident.email && !parsed.data.resident.addressOrTenancyReference) {
    // With no email address the letters are posted: without an address there is nowhere to post them.
    errors.push({ field: 'address', message: 'Enter an address to post letters to, or an email address' });
  }
  return errors.length === 0 && parsed.success ? { ok: true, request: parsed.data } : { ok: false, errors };
}

function messageFor(field: string | null, issue: z.core.$ZodIssue): string {
  switch (field) {
    case 'landlordId': return 'Choose the landlord';
    case 'via': return 'Choose how the resident complained';
    case 'summary': return issue.code === 'too_big' ? 'What the complaint is about must be 200 characters or fewer' : 'Enter what the complaint is about';
    case 'email': return 'Enter an email address in the correct format, like name@example.com';
    case 'name': case 'phone': case 'address': return `${LOG_COMPLAINT_FIELDS[field]} is too long`;
    default: return issue.message;
  }
}
