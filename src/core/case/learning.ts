// Learning from complaints (Code section 9): the landlord's categories and root causes recorded on each complaint,
// and the learning actions (service improvements) set from it, tracked until done. Each command here is one entry
// of `ComplaintCommandSchema` and is decided through `decideComplaintChange`, like every other change.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { CalendarDateSchema, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import { ok, refuse, type Result } from '../result.ts';
import { LearningActionStatusSchema, stageReached, type ComplaintEvent, type ComplaintTimeline } from './complaint.ts';

const Text = z.string().trim().min(1).max(2000);
const ListId = z.string().trim().min(1).max(64);

/** The complaint's categories, by the ids in the landlord's list (`reports.categories`); at any stage. */
export const CategoriseInput = lazySchema(() => z.object({ categories: z.array(ListId).min(1, 'name at least one category').max(10) }));

/** What caused the complaint, by the ids in the landlord's list (`reports.rootCauses`), once a response is sent. */
export const RootCausesInput = lazySchema(() => z.object({ rootCauses: z.array(ListId).min(1, 'name at least one root cause').max(10), note: Text.optional() }));

/** A service improvement to make because of the complaint (Code 9.1): what, who owns it, and by when. */
export const SetLearningActionInput = lazySchema(() => z.object({ learningAction: Text, owner: z.string().trim().min(1).max(200), dueOn: CalendarDateSchema }));

/** A learning action moved on: in progress, done, or dropped (the note says why). */
export const UpdateLearningActionInput = lazySchema(() => z.object({
  actionId: z.string().trim().min(1).max(20),
  status: LearningActionStatusSchema.exclude(['open']),
  /** What was done, or why it was dropped (needed then). */
  note: Text.optional(),
}));

/** Why a learning command was refused. */
export type LearningRefusal =
  | { kind: 'unknown-category'; category: string; known: string[] }
  | { kind: 'unknown-root-cause'; rootCause: string; known: string[] }
  | { kind: 'no-response-yet' }
  | { kind: 'no-such-learning-action'; actionId: string }
  | { kind: 'learning-action-ended'; actionId: string; status: 'done' | 'dropped'; endedOn: CalendarDate }
  | { kind: 'learning-action-due-in-the-past'; dueOn: CalendarDate }
  | { kind: 'no-reason-to-drop'; actionId: string };

type Decided = Result<{ events: ComplaintEvent[] }, LearningRefusal>;

/** Where and when the command is decided: the complaint's timeline before it, the policy, the instant. */
export interface LearningContext {
  readonly timeline: ComplaintTimeline;
  readonly policy: LandlordPolicy;
  readonly at: string;
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Records the complaint's categories, each one of the landlord's (Code 9.7 a). A later record replaces an earlier one.
 * @example categoriseComplaint(ctx, { categories: ['repairs', 'damp-and-mould'] })
 */
export function categoriseComplaint(ctx: LearningContext, input: z.output<typeof CategoriseInput>): Decided {
  const known = ctx.policy.reports.categories.map((c) => c.id);
  const unknown = input.categories.find((c) => !known.includes(c));
  if (unknown !== undefined) return refuse({ kind: 'unknown-category', category: unknown, known });
  return ok({ events: [{ type: 'categorised', at: ctx.at, stage: stageReached(ctx.timeline), categories: unique(input.categories) }] });
}

/**
 * Records what caused the complaint, found by the investigation: allowed once the current stage's response is sent,
 * and recorded against that stage (Code 9.1, 9.4).
 */
export function recordRootCauses(ctx: LearningContext, input: z.output<typeof RootCausesInput>): Decided {
  const responded = ctx.timeline.milestones.filter((m) => m.id.endsWith('-response') && m.doneOn !== undefined);
  const stage = responded.at(-1)?.stage;
  if (!stage) return refuse({ kind: 'no-response-yet' });
  const known = ctx.policy.reports.rootCauses.map((c) => c.id);
  const unknown = input.rootCauses.find((c) => !known.includes(c));
  if (unknown !== undefined) return refuse({ kind: 'unknown-root-cause', rootCause: unknown, known });
  return ok({
    events: [{ type: 'root-causes-recorded', at: ctx.at, stage, rootCauses: unique(input.rootCauses), ...(input.note ? { note: input.note } : {}) }],
  });
}

/** Sets a learning action with its owner and due date, numbered L1, L2, ... on the case. */
export function setLearningAction(ctx: LearningContext, input: z.output<typeof SetLearningActionInput>): Decided {
  if (input.dueOn < toCalendarDate(ctx.at)) return refuse({ kind: 'learning-action-due-in-the-past', dueOn: input.dueOn });
  const actionId = `L${ctx.timeline.learningActions.length + 1}`;
  return ok({ events: [{ type: 'learning-action-set', at: ctx.at, actionId, action: input.learningAction, owner: input.owner, dueOn: input.dueOn }] });
}

/** Moves a learning action on; one done or dropped stays so. */
export function updateLearningAction(ctx: LearningContext, input: z.output<typeof UpdateLearningActionInput>): Decided {
  const action = ctx.timeline.learningActions.find((a) => a.actionId.toLowerCase() === input.actionId.toLowerCase());
  if (!action) return refuse({ kind: 'no-such-learning-action', actionId: input.actionId });
  if (action.status === 'done' || action.status === 'dropped') {
    return refuse({ kind: 'learning-action-ended', actionId: action.actionId, status: action.status, endedOn: action.endedOn! });
  }
  if (input.status === 'dropped' && !input.note) return refuse({ kind: 'no-reason-to-drop', actionId: action.actionId });
  return ok({ events: [{ type: 'learning-action-updated', at: ctx.at, actionId: action.actionId, status: input.status, ...(input.note ? { note: input.note } : {}) }] });
}

/** Whether a learning action still needs doing. */
export const isOpenLearningAction = (a: { readonly status: string }): boolean => a.status === 'open' || a.status === 'in-progress';

/** A learning refusal in words an officer can act on. */
export function describeLearningRefusal(refusal: LearningRefusal): string {
  switch (refusal.kind) {
    case 'unknown-category':
      return refusal.known.length === 0
        ? 'the complaints policy lists no categories: add them to reports.categories in the landlord profile'
        : `"${refusal.category}" is not one of the policy's categories (${refusal.known.join(', ')})`;
    case 'unknown-root-cause':
      return refusal.known.length === 0
        ? 'the complaints policy lists no root causes: add them to reports.rootCauses in the landlord profile'
        : `"${refusal.rootCause}" is not one of the policy's root causes (${refusal.known.join(', ')})`;
    case 'no-response-yet':
      return 'root causes are recorded with the response: send the response first';
    case 'no-such-learning-action':
      return `the complaint has no learning action ${refusal.actionId}`;
    case 'learning-action-ended':
      return `learning action ${refusal.actionId} was marked ${refusal.status} on ${refusal.endedOn}`;
    case 'learning-action-due-in-the-past':
      return `the learning action is dated ${refusal.dueOn}, which has passed: give the date it will be done`;
    case 'no-reason-to-drop':
      return `say in the note why learning action ${refusal.actionId} is dropped: the board will ask`;
    default: {
      const unknown: never = refusal;
      return JSON.stringify(unknown);
    }
  }
}
