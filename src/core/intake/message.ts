import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { InstantSchema } from '../calendar/london-date.ts';
import { TriageLabel } from '../triage/triage-input.ts';

/** The routes a resident's message can arrive by. */
export const IntakeChannel = z.enum(['email', 'sms', 'web_form']);
export type IntakeChannel = z.infer<typeof IntakeChannel>;

/**
 * What became of an inbound message. Every message gets one, and every one is kept:
 * nothing is dropped, however bad or repeated.
 */
export const MessageOutcome = z.enum([
  /** Kept, and still being handled: a retry that finds a message in this state carries on where it stopped. */
  'received',
  /** Opened a new complaint or service request. */
  'opened-case',
  /** Added to a case it replies to or continues (Code 6.8). */
  'joined-case',
  /** Survey feedback, or a message that needed nothing more than keeping (thanks, marketing, not for us). */
  'recorded',
  /** A repeat delivery of a message already kept; `duplicateOf` names the first. */
  'duplicate',
  /** An out-of-office, delivery notice or other machine-written mail: kept, never answered (RFC 3834). */
  'automatic',
  /** A bounce of one of our letters: linked to its case and flagged so staff reach the resident another way. */
  'bounce',
  /** The raw message was kept but could not be read: a person looks at it. */
  'unreadable',
  /** Over the size limit: recorded, not accepted. */
  'too-large',
  /** SES judged it spam or carrying a virus: kept, not answered, not opened as a case. */
  'spam',
  'virus',
]);
export type MessageOutcome = z.infer<typeof MessageOutcome>;

export const Attachment = lazySchema(() => z.object({
  filename: z.string().nullable(),
  contentType: z.string(),
  sizeBytes: z.int().nonnegative(),
  /** Where the bytes are kept (Documents), or null when over the limit and not kept. */
  documentKey: z.string().nullable(),
}));
export type Attachment = z.infer<typeof Attachment>;

/** What a resident put in the web form, kept as they gave it. */
export const FormDetails = lazySchema(() => z.object({
  wants: z.enum(['report-or-ask', 'complaint', 'feedback']),
  whatHappened: z.string(),
  outcomeWanted: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  addressOrTenancyReference: z.string(),
  /** Code 3.6: someone acting for the resident. */
  representative: z.object({ name: z.string(), relationship: z.string().nullable() }).nullable(),
  /** Code 5.10: support or reasonable adjustments the resident asked for. */
  adjustments: z.string().nullable(),
}));
export type FormDetails = z.infer<typeof FormDetails>;

/** How the message was classified: kept with it as evidence (Code 1.2 to 1.6). */
export const TriageRecord = lazySchema(() => z.object({
  label: TriageLabel,
  confidence: z.number(),
  reasons: z.array(z.string()),
  handling: z.string(),
  needsReview: z.boolean(),
  offerComplaintChoice: z.boolean(),
}));
export type TriageRecord = z.infer<typeof TriageRecord>;

/** One inbound message as kept in the store. */
export const InboundMessageRecord = lazySchema(() => z.object({
  messageRef: z.string().regex(/^M-[0-9A-Z]{12}$/),
  landlordId: z.string(),
  channel: IntakeChannel,
  receivedAt: InstantSchema,
  /** The address or number it came from; null for an anonymous form or a mail with no usable sender. */
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  /** The landlord address or number it was sent to. */
  to: z.string(),
  subject: z.string().nullable(),
  /** What the resident wrote; for a long mail, an excerpt (see `bodyDocumentKey`). */
  body: z.string(),
  /** Where the whole text is kept (Documents) when `body` is only its excerpt: a message item stays under 400 KB. */
  bodyDocumentKey: z.string().nullable().optional(),
  /** Where the mail's HTML is kept (Documents), when it had any. */
  htmlDocumentKey: z.string().nullable().optional(),
  /** The sender's own id: Message-ID, Twilio MessageSid, or the form's submission token. */
  externalId: z.string().nullable(),
  /** SHA-256 of what the resident wrote (sender, subject, body, attachments): two copies of one mail match here. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the raw bytes as delivered, for mail. */
  rawSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  rawDocumentKey: z.string().nullable(),
  attachments: z.array(Attachment),
  /** Message-IDs this one replies to (In-Reply-To, then References). */
  repliesTo: z.array(z.string()),
  form: FormDetails.nullable(),
  outcome: MessageOutcome,
  duplicateOf: z.string().nullable(),
  caseRef: z.string().nullable(),
  triage: TriageRecord.nullable(),
  /** What a person should look at, in words: "could not read the MIME: ...", "Message-ID reused by a different message". */
  flags: z.array(z.string()),
  /** Why this outcome, in words an officer can read. */
  notes: z.array(z.string()),
  /** The delivery handling the message while it is `received`, and until when (a lease: see `takeOverMessage`). */
  leaseHolder: z.string().optional(),
  leaseUntil: z.string().optional(),
}));
export type InboundMessageRecord = z.infer<typeof InboundMessageRecord>;
