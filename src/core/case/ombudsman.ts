// The Ombudsman's investigation of a complaint (seed 000 §9, seed 002 §4.3 and §4.4; Code 8.1 c, 9.7 c): the evidence
// it asks for by a date, the board told within days of the notice, its determination and findings, and each order
// with its date and the evidence of compliance. Each command is one entry of `ComplaintCommandSchema`.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { CalendarDateSchema, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import { ok, refuse, type Result } from '../result.ts';
import { OmbudsmanFindingSchema, type ComplaintEvent, type ComplaintTimeline, type NoticeSubject, type OmbudsmanInvestigation } from './complaint.ts';

const Text = z.string().trim().min(1).max(4000);

/** The Ombudsman's notice that it is investigating: its reference, the day it came, and its own evidence date if it set one. */
export const OmbudsmanInvestigationInput = lazySchema(() => z.object({
  ombudsmanRef: z.string().trim().min(1).max(64),
  notifiedOn: CalendarDateSchema.optional(),
  /** When the Ombudsman set a date for the evidence; otherwise the policy's working days from the notice. */
  evidenceDueOn: CalendarDateSchema.optional(),
}));

/** The Ombudsman's determination, with a finding on each matter it investigated. */
export const OmbudsmanDeterminationInput = lazySchema(() => z.object({ findings: z.array(OmbudsmanFindingSchema).min(1, 'give at least one finding').max(20) }));

/** An order the Ombudsman made, with its date. */
export const OmbudsmanOrderInput = lazySchema(() => z.object({ order: Text, dueOn: CalendarDateSchema }));

/** An order complied with, and the evidence sent to the Ombudsman. */
export const OmbudsmanOrderCompliedInput = lazySchema(() => z.object({ orderId: z.string().trim().min(1).max(20), evidence: Text }));

/** Why an Ombudsman command was refused. */
export type OmbudsmanRefusal =
  | { kind: 'no-ombudsman-investigation' }
  | { kind: 'ombudsman-investigation-already-open'; ombudsmanRef: string }
  | { kind: 'notified-in-the-future'; notifiedOn: CalendarDate }
  | { kind: 'already-recorded'; what: 'evidence-sent' | 'board-told'; on: CalendarDate }
  | { kind: 'no-such-order'; orderId: string }
  | { kind: 'order-already-complied'; orderId: string; on: CalendarDate };

type Decided = Result<{ events: ComplaintEvent[] }, OmbudsmanRefusal>;

/** Where and when the command is decided. */
export interface OmbudsmanContext {
  readonly timeline: ComplaintTimeline;
  readonly policy: LandlordPolicy;
  readonly cal: WorkingDayCalendar;
  readonly at: string;
}

/**
 * Records the Ombudsman's notice of an investigation: the evidence due 15 working days after it (the policy's days)
 * unless the Ombudsman set a date, and the board to be told within 5 (seed 002 §4.3, §4.4).
 * @example openOmbudsmanInvestigation(ctx, { ombudsmanRef: '202612345' })
 */
export function openOmbudsmanInvestigation(ctx: OmbudsmanContext, input: z.output<typeof OmbudsmanInvestigationInput>): Decided {
  if (ctx.timeline.ombudsman) return refuse({ kind: 'ombudsman-investigation-already-open', ombudsmanRef: ctx.timeline.ombudsman.ombudsmanRef });
  const today = toCalendarDate(ctx.at);
  const notifiedOn = input.notifiedOn ?? today;
  if (notifiedOn > today) return refuse({ kind: 'notified-in-the-future', notifiedOn });
  const days = ctx.policy.ombudsmanInvestigation;
  return ok({
    events: [{
      type: 'ombudsman-investigation-opened', at: ctx.at, ombudsmanRef: input.ombudsmanRef, notifiedOn,
      evidenceDueOn: input.evidenceDueOn ?? ctx.cal.addWorkingDays(notifiedOn, days.evidenceWithinWorkingDays),
      tellBoardBy: ctx.cal.addWorkingDays(notifiedOn, days.tellBoardWithinWorkingDays),
    }],
  });
}

const investigation = (ctx: OmbudsmanContext): Result<OmbudsmanInvestigation, OmbudsmanRefusal> =>
  ctx.timeline.ombudsman ? ok(ctx.timeline.ombudsman) : refuse({ kind: 'no-ombudsman-investigation' });

/** Records that the evidence went to the Ombudsman. */
export function recordOmbudsmanEvidenceSent(ctx: OmbudsmanContext): Decided {
  const open = investigation(ctx);
  if (!open.ok) return open;
  if (open.value.evidenceSentOn) return refuse({ kind: 'already-recorded', what: 'evidence-sent', on: open.value.evidenceSentOn });
  return ok({ events: [{ type: 'ombudsman-evidence-sent', at: ctx.at }] });
}

/** Records that the board was told of the investigation (seed 002 §4.4; Code 9.7 c). */
export function recordBoardTold(ctx: OmbudsmanContext): Decided {
  const open = investigation(ctx);
  if (!open.ok) return open;
  if (open.value.boardToldOn) return refuse({ kind: 'already-recorded', what: 'board-told', on: open.value.boardToldOn });
  return ok({ events: [{ type: 'board-told', at: ctx.at }] });
}

/** Records the Ombudsman's determination and its findings; a later one (after a review) replaces it. */
export function recordOmbudsmanDetermination(ctx: OmbudsmanContext, input: z.output<typeof OmbudsmanDeterminationInput>): Decided {
  const open = investigation(ctx);
  if (!open.ok) return open;
  return ok({ events: [{ type: 'ombudsman-determination', at: ctx.at, findings: input.findings }] });
}

/** Records an order the Ombudsman made, numbered O1, O2, ... */
export function recordOmbudsmanOrder(ctx: OmbudsmanContext, input: z.output<typeof OmbudsmanOrderInput>): Decided {
  const open = investigation(ctx);
  if (!open.ok) return open;
  return ok({ events: [{ type: 'ombudsman-order', at: ctx.at, orderId: `O${open.value.orders.length + 1}`, order: input.order, dueOn: input.dueOn }] });
}

/** Records that an order was complied with, and the evidence. */
export function recordOrderComplied(ctx: OmbudsmanContext, input: z.output<typeof OmbudsmanOrderCompliedInput>): Decided {
  const open = investigation(ctx);
  if (!open.ok) return open;
  const order = open.value.orders.find((o) => o.orderId.toLowerCase() === input.orderId.toLowerCase());
  if (!order) return refuse({ kind: 'no-such-order', orderId: input.orderId });
  if (order.compliedOn) return refuse({ kind: 'order-already-complied', orderId: order.orderId, on: order.compliedOn });
  return ok({ events: [{ type: 'ombudsman-order-complied', at: ctx.at, orderId: order.orderId, evidence: input.evidence }] });
}

/** One of the landlord's open duties in an investigation, with its date, as the state machine and digest watch it. */
export interface OmbudsmanDuty {
  readonly subject: Extract<NoticeSubject, { kind: 'ombudsman' }>;
  readonly ombudsmanRef: string;
  readonly dueOn: CalendarDate;
  readonly startedOn: CalendarDate;
  /** The order's words, for an order. */
  readonly order?: string;
}

/** The duties still to do: the evidence until sent, the board until told, each order until complied with. */
export function openOmbudsmanDuties(timeline: ComplaintTimeline): OmbudsmanDuty[] {
  const o = timeline.ombudsman;
  if (!o) return [];
  const base = { ombudsmanRef: o.ombudsmanRef, startedOn: o.notifiedOn };
  return [
    ...(o.evidenceSentOn ? [] : [{ ...base, subject: { kind: 'ombudsman', duty: 'evidence' } as const, dueOn: o.evidenceDueOn }]),
    ...(o.boardToldOn || !o.tellBoardBy ? [] : [{ ...base, subject: { kind: 'ombudsman', duty: 'tell-board' } as const, dueOn: o.tellBoardBy }]),
    ...o.orders.filter((x) => !x.compliedOn).map((x) => ({
      ...base, subject: { kind: 'ombudsman', duty: 'order', orderId: x.orderId } as const, dueOn: x.dueOn, startedOn: x.madeOn, order: x.order,
    })),
  ];
}

/** What a duty is, in a manager's words, for the digest. */
export function describeOmbudsmanDuty(duty: OmbudsmanDuty): string {
  switch (duty.subject.duty) {
    case 'evidence': return `Ombudsman's evidence (${duty.ombudsmanRef})`;
    case 'tell-board': return `tell the board of the Ombudsman's investigation (${duty.ombudsmanRef})`;
    case 'order': return `Ombudsman's order ${duty.subject.orderId ?? ''} (${duty.ombudsmanRef}): ${duty.order ?? ''}`;
    default: {
      const unknown: never = duty.subject.duty;
      return String(unknown);
    }
  }
}

/** An Ombudsman refusal in words an officer can act on. */
export function describeOmbudsmanRefusal(refusal: OmbudsmanRefusal): string {
  switch (refusal.kind) {
    case 'no-ombudsman-investigation':
      return "the Ombudsman is not investigating this complaint: record its notice first (ombudsman-investigation)";
    case 'ombudsman-investigation-already-open':
      return `the Ombudsman's investigation ${refusal.ombudsmanRef} is already recorded on this complaint`;
    case 'notified-in-the-future':
      return `the notice cannot have come on ${refusal.notifiedOn}, which is after today`;
    case 'already-recorded':
      return refusal.what === 'evidence-sent' ? `the evidence was recorded as sent on ${refusal.on}` : `the board was recorded as told on ${refusal.on}`;
    case 'no-such-order':
      return `the Ombudsman made no order ${refusal.orderId} on this complaint`;
    case 'order-already-complied':
      return `order ${refusal.orderId} was recorded as complied with on ${refusal.on}`;
    default: {
      const unknown: never = refusal;
      return JSON.stringify(unknown);
    }
  }
}
