import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { CalendarDateSchema, InstantSchema } from '../calendar/london-date.ts';
import { IntakeChannel, type FormDetails } from '../intake/message.ts';
import { complaintEventTypes, ComplaintEventSchema } from './complaint.ts';
import { RestrictionSummarySchema } from './restriction.ts';

/** A complaint and a service request are different things under the Code (1.2 to 1.4) and stay different types. */
export const CaseKind = z.enum(['complaint', 'service-request']);
export type CaseKind = z.infer<typeof CaseKind>;

/** Complaint references start `C-`, service requests `SR-`; the rest comes from the first message, so a retry makes the same one. */
export const CaseRef = z.string().regex(/^(C|SR)-[0-9A-Z]{8}$/);

export const Representative = lazySchema(() => z.object({ name: z.string().min(1), relationship: z.string().nullable() }));
export type Representative = z.infer<typeof Representative>;

/** Who the case is for and how to reach them. Personal data: kept in the store, never logged. */
export const Resident = lazySchema(() => z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  addressOrTenancyReference: z.string().nullable(),
}));
export type Resident = z.infer<typeof Resident>;

/**
 * Who a case is for, from the message that opened it: the form's answers, the texting number, or the mail's sender
 * at `mailAddress`, where mail reaches them (intake passes Reply-To when it can receive, else From).
 */
export function residentFrom(
  message: { readonly form: FormDetails | null; readonly channel: IntakeChannel; readonly from: string | null; readonly fromName: string | null },
  mailAddress: string | null,
): Resident {
  if (message.form) {
    return { name: message.form.name, email: message.form.email, phone: message.form.phone, addressOrTenancyReference: message.form.addressOrTenancyReference };
  }
  return message.channel === 'sms'
    ? { name: null, email: null, phone: message.from, addressOrTenancyReference: null }
    : { name: message.fromName, email: mailAddress, phone: null, addressOrTenancyReference: null };
}

/** What staff see of a case in a list: the subject, or the first words of the message. */
export function caseSummary(subject: string | null, body: string): string {
  const text = (subject?.trim() || body.trim().split(/\s+/).slice(0, 12).join(' ')).slice(0, 120);
  return text || '(no subject or words: see the attachments)';
}

/** A case's head record. Its history lives in its events, which are only ever added to. */
export const CaseRecord = lazySchema(() => z.object({
  caseRef: CaseRef,
  landlordId: z.string(),
  kind: CaseKind,
  openedAt: InstantSchema,
  openedByMessageRef: z.string(),
  /** How the first contact came: a message's channel, or a complaint an officer took by telephone, letter or in person. */
  channel: z.enum([...IntakeChannel.options, 'telephone', 'letter', 'in-person']),
  resident: Resident,
  /** Code 3.6. */
  representative: Representative.nullable(),
  /** Code 5.10: needs and adjustments the resident told us of. */
  adjustments: z.string().nullable(),
  /** The subject line or the first words of the first message: what staff see in a list. */
  summary: z.string(),
  state: z.enum(['open', 'closed']),
  /** The earliest open due date, kept beside the events so lists and the digest need not rebuild every timeline. */
  nextDueOn: CalendarDateSchema.nullable(),
  /**
   * The restriction on the resident's contact in force on this complaint (Code 5.14), kept beside the events so that
   * intake sees it in the sender lookup it already makes. Absent on rows from before restrictions.
   */
  restriction: RestrictionSummarySchema.nullable().optional(),
}));
export type CaseRecord = z.infer<typeof CaseRecord>;

/** Something recorded on a case that is not itself a complaint milestone. */
export const CaseActivitySchema = lazySchema(() => z.discriminatedUnion('type', [
  /** A resident's message joined the case (Code 6.8: further points during stage 1 are part of it). */
  z.object({ type: z.literal('message-joined'), at: InstantSchema, messageRef: z.string() }),
  /** A letter went to the resident or a member of staff. */
  z.object({ type: z.literal('letter-sent'), at: InstantSchema, letterId: z.string(), template: z.string() }),
  /** A letter for a resident with no email address, kept to be posted. */
  z.object({ type: z.literal('letter-to-post'), at: InstantSchema, letterId: z.string(), template: z.string() }),
  /** An officer posted a letter kept to be posted: the resident's copy left on this day. */
  z.object({ type: z.literal('letter-posted'), at: InstantSchema, letterId: z.string(), template: z.string() }),
  /** One of our letters bounced: staff must reach the resident another way. */
  z.object({ type: z.literal('letter-bounced'), at: InstantSchema, letterId: z.string(), messageRef: z.string().nullable(), detail: z.string() }),
  z.object({ type: z.literal('workflow-started'), at: InstantSchema, executionName: z.string() }),
  /** A person judged this service request to be a complaint (Code 1.2 to 1.5): it continues as that complaint. */
  z.object({ type: z.literal('reclassified-as-complaint'), at: InstantSchema, complaintRef: z.string(), why: z.string() }),
  /** A service request was done and closed. */
  z.object({ type: z.literal('service-request-closed'), at: InstantSchema, reason: z.string() }),
]));
export type CaseActivity = z.infer<typeof CaseActivitySchema>;

/** One entry in a case's history: who did what, when. Nothing is overwritten. */
export const CaseEventRecord = lazySchema(() => z.object({
  caseRef: CaseRef,
  seq: z.int().positive(),
  recordedAt: InstantSchema,
  /** An officer's name, `resident`, or `redress` for what the system did itself. */
  by: z.string().min(1),
  event: z.union([ComplaintEventSchema, CaseActivitySchema]),
}));
export type CaseEventRecord = z.infer<typeof CaseEventRecord>;

/** Whether a case entry is one of the complaint's own milestones events (the ones its deadlines are derived from). */
export const isComplaintEvent = (event: CaseEventRecord['event']): event is z.infer<typeof ComplaintEventSchema> => complaintEventTypes().has(event.type);

/** A case's complaint events, in order, from its whole history. */
export const complaintEventsOf = (events: readonly CaseEventRecord[]) => events.map((e) => e.event).filter(isComplaintEvent);
