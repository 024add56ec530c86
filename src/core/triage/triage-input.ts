import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/** The four labels of corpus/LABELS.md (Complaint Handling Code 1.2 to 1.6). */
export const TriageLabel = z.enum(['complaint', 'service_request', 'survey_feedback', 'other']);
export type TriageLabel = z.infer<typeof TriageLabel>;

/** Every label, in the order reports print them. */
export const TRIAGE_LABELS: readonly TriageLabel[] = TriageLabel.options;

/** How the message reached us: `survey` is a reply to a satisfaction survey, by any route. */
export const Channel = z.enum(['email', 'sms', 'web_form', 'survey']);
export type Channel = z.infer<typeof Channel>;

/** What the message replies to, when known. */
export const ReplyContext = z.enum(['service_request_ack', 'stage1_response', 'stage2_response', 'complaint_ack', 'survey']);
export type ReplyContext = z.infer<typeof ReplyContext>;

/** What intake knows of the sender's history on the same matter, when it knows anything. */
export const SenderHistory = lazySchema(() => z.object({
  /** Earlier messages from the same sender about the same matter. */
  earlierMessages: z.int().nonnegative().optional(),
  /** Service requests on the same matter that are still open. */
  openServiceRequestsOnSameMatter: z.int().nonnegative().optional(),
  /** How many times the same problem was reported before this message. */
  timesSameProblemReported: z.int().nonnegative().optional(),
}));
export type SenderHistory = z.infer<typeof SenderHistory>;

/** One resident message as the classifier sees it. */
export const TriageInput = lazySchema(() => z.object({
  channel: Channel,
  subject: z.string().nullable(),
  body: z.string(),
  context: ReplyContext.nullable(),
  history: SenderHistory.optional(),
}));
export type TriageInput = z.infer<typeof TriageInput>;
