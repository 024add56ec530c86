// Every staff action as a form. A form is data: its fields, how its answers become the action's request, and which
// field a refusal concerns; one template renders them all, so a new command is one more entry here.
import type * as z from 'zod';
import type { StaffActionName, StaffActionProblem } from '../../case-handling/staff-actions.ts';
import { officerKey } from '../../core/case/complaint.ts';
import type { LandlordPolicy } from '../../core/policy/landlord-policy.ts';
import type { Officer } from './sign-in.ts';

/** An officer's answers as posted: one string per field; `lines` fields hold one item a line. */
export type FormValues = Readonly<Record<string, string>>;

interface Choice {
  readonly value: string;
  readonly text: string;
}

/** One field, by the kind of GOV.UK component that shows it. */
export type FormField =
  | { readonly kind: 'text' | 'textarea' | 'number' | 'date' | 'email'; readonly name: string; readonly label: string; readonly hint?: string; readonly optional?: boolean }
  | { readonly kind: 'lines'; readonly name: string; readonly label: string; readonly hint?: string; readonly optional?: boolean }
  | { readonly kind: 'select' | 'radios'; readonly name: string; readonly label: string; readonly hint?: string; readonly optional?: boolean; readonly choices: readonly Choice[] }
  | { readonly kind: 'checkboxes'; readonly name: string; readonly label: string; readonly hint?: string; readonly optional?: boolean; readonly choices: readonly Choice[] }
  | { readonly kind: 'action-rows'; readonly name: string; readonly label: string; readonly hint?: string; readonly optional?: boolean; readonly rows: number };

/** What a form needs to know about the case to offer its choices. */
export interface FormContext {
  readonly policy: LandlordPolicy;
  readonly officers: readonly Officer[];
  /** Outstanding actions still open, for "complete an action". */
  readonly openActions: readonly { readonly actionId: string; readonly action: string; readonly dueOn: string }[];
}

/** One action's form. */
export interface ActionForm {
  readonly action: StaffActionName;
  /** The page's heading and the case page's link: what the officer does. */
  readonly title: string;
  /** The Code provisions the action answers to, shown under the heading. */
  readonly provisions?: string;
  readonly submit: string;
  fields(ctx: FormContext): readonly FormField[];
  /** The request `takeStaffAction` takes, before its own parsing: empty answers left out. */
  toRequest(values: FormValues): Record<string, unknown>;
}

const lines = (text: string | undefined) => (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
const optional = (key: string, text: string | undefined) => (text && text.trim().length > 0 ? { [key]: text.trim() } : {});
const officerChoices = (ctx: FormContext) => ctx.officers.map((o) => ({ value: o.id, text: o.name }));
const ONE_A_LINE = 'One a line.';

const VIA_CHOICES = [
  { value: 'telephone', text: 'Telephone' }, { value: 'letter', text: 'Letter' }, { value: 'in-person', text: 'In person' },
  { value: 'email', text: 'Email' }, { value: 'web_form', text: 'Web form' }, { value: 'sms', text: 'Text message' },
];

// A day given on a form as the instant the request came: noon in London on that day, so it stays that day.
const receivedAtOf = (day: string | undefined) => (day && /^\d{4}-\d{2}-\d{2}$/.test(day.trim()) ? { receivedAt: `${day.trim()}T12:00:00Z` } : {});

const OMBUDSMAN_FINDINGS = [
  { value: 'severe-maladministration', text: 'Severe maladministration' }, { value: 'maladministration', text: 'Maladministration' },
  { value: 'service-failure', text: 'Service failure' }, { value: 'reasonable-redress', text: 'Reasonable redress' },
  { value: 'no-maladministration', text: 'No maladministration' }, { value: 'outside-jurisdiction', text: 'Outside jurisdiction' },
];

const CONTACT_CHOICES = [
  { value: 'email', text: 'Email' }, { value: 'letter', text: 'Letter' }, { value: 'telephone', text: 'Telephone' },
  { value: 'web_form', text: 'The online form' }, { value: 'sms', text: 'Text message' }, { value: 'in-person', text: 'In person' },
];
// What a restriction allows, as the forms that set and vary it ask for it (seed 002 §4.2).
const restrictionTermFields = (ctx: FormContext): FormField[] => [
  { kind: 'checkboxes', name: 'allowedChannels', label: 'The ways the resident may still contact us', optional: true, choices: CONTACT_CHOICES },
  { kind: 'select', name: 'namedOfficer', label: 'The one member of staff they deal with', optional: true, choices: [{ value: '', text: 'No one named' }, ...officerChoices(ctx)] },
  { kind: 'email', name: 'contactAddress', label: 'The one email address they write to', optional: true },
];
// Who may decide a restriction, as the policy says: by name where it lists them (contactRestrictions.deciders).
const restrictionDecidersHint = (policy: LandlordPolicy): string => {
  const { decidedBy, deciders } = policy.contactRestrictions;
  if (!deciders) return `The policy says ${decidedBy} decides. Leave empty for yourself.`;
  const names = deciders.map((d) => policy.officers.find((o) => o.id === officerKey(d, policy))?.name ?? d);
  return `The policy says ${decidedBy} decides: ${names.join(', ')}. Leave empty if that is you.`;
};
const restrictionTerms = (v: FormValues) => ({
  ...(lines(v.allowedChannels).length > 0 ? { allowedChannels: lines(v.allowedChannels) } : {}),
  ...optional('namedOfficer', v.namedOfficer), ...optional('contactAddress', v.contactAddress),
});

const DECISIONS = [
  { value: 'upheld', text: 'Upheld' },
  { value: 'partly-upheld', text: 'Partly upheld' },
  { value: 'not-upheld', text: 'Not upheld' },
];

/** The forms, in the order the case page offers them. */
export const ACTION_FORMS: readonly ActionForm[] = [
  {
    action: 'acknowledge',
    title: 'Acknowledge the complaint',
    provisions: 'Code 5.6, 5.7 and 6.2: the acknowledgement sets out the complaint definition.',
    submit: 'Send the acknowledgement',
    fields: (ctx) => [
      { kind: 'textarea', name: 'understanding', label: 'Complaint definition: what we understand the complaint is about' },
      { kind: 'lines', name: 'outcomesSought', label: 'Outcomes the resident wants', hint: ONE_A_LINE },
      { kind: 'lines', name: 'responsibleFor', label: 'Parts we are responsible for', hint: ONE_A_LINE, optional: true },
      { kind: 'lines', name: 'notResponsibleFor', label: 'Parts we are not responsible for, and who is', hint: ONE_A_LINE, optional: true },
      { kind: 'textarea', name: 'clarificationRequest', label: 'What to ask the resident to clarify', optional: true },
      { kind: 'select', name: 'handler', label: 'Complaint handler', optional: true, choices: officerChoices(ctx) },
    ],
    toRequest: (v) => ({
      understanding: v.understanding ?? '',
      outcomesSought: lines(v.outcomesSought),
      responsibleFor: lines(v.responsibleFor),
      notResponsibleFor: lines(v.notResponsibleFor),
      ...optional('clarificationRequest', v.clarificationRequest),
      ...optional('handler', v.handler),
    }),
  },
  {
    action: 'assign',
    title: 'Assign a complaint handler',
    provisions: 'Code 5.8 and 6.13: the handler has no conflict of interest, and the stage 2 handler is not the person who handled stage 1.',
    submit: 'Assign',
    fields: (ctx) => [
      { kind: 'select', name: 'officer', label: 'Complaint handler', choices: officerChoices(ctx) },
      { kind: 'checkboxes', name: 'noConflictOfInterest', label: 'Conflict of interest', choices: [{ value: 'yes', text: 'The handler has no conflict of interest in this complaint (Code 5.8)' }] },
    ],
    toRequest: (v) => ({ officer: v.officer ?? '', noConflictOfInterest: v.noConflictOfInterest === 'yes' }),
  },
  {
    action: 'extend',
    title: 'Extend the response date',
    provisions: 'Code 6.4 and 6.15: an extension is agreed with the resident, with a clear reason.',
    submit: 'Send the extension letter',
    fields: () => [
      { kind: 'number', name: 'extensionWorkingDays', label: 'Extension in working days', hint: 'Or give the new date below, not both.', optional: true },
      { kind: 'date', name: 'respondBy', label: 'New response date', optional: true },
      { kind: 'textarea', name: 'reason', label: 'Reason for the extension' },
      { kind: 'textarea', name: 'goodReason', label: 'Good reason, if longer than the policy allows', optional: true },
    ],
    toRequest: (v) => ({
      ...(v.extensionWorkingDays?.trim() ? { extensionWorkingDays: Number(v.extensionWorkingDays.trim()) } : {}),
      ...optional('respondBy', v.respondBy),
      reason: v.reason ?? '',
      ...optional('goodReason', v.goodReason),
    }),
  },
  {
    action: 'respond',
    title: 'Send the response',
    provisions: 'Code 6.9 and 6.19: the decision, the reasons, the remedy and any actions still to do.',
    submit: 'Send the response',
    fields: () => [
      { kind: 'radios', name: 'decision', label: 'Decision', choices: DECISIONS },
      { kind: 'lines', name: 'reasons', label: 'Reasons for the decision', hint: 'One paragraph a line.' },
      { kind: 'lines', name: 'remedy', label: 'What we will do to put things right', hint: ONE_A_LINE, optional: true },
      { kind: 'action-rows', name: 'outstandingActions', label: 'Actions still to do, with the date each will be done', optional: true, rows: 3 },
    ],
    toRequest: (v) => ({
      decision: v.decision ?? '',
      reasons: lines(v.reasons),
      remedy: lines(v.remedy),
      outstandingActions: [1, 2, 3]
        .map((i) => ({ action: (v[`outstandingActions.${i}.action`] ?? '').trim(), dueOn: (v[`outstandingActions.${i}.dueOn`] ?? '').trim() }))
        .filter((a) => a.action.length > 0 || a.dueOn.length > 0),
    }),
  },
  {
    action: 'escalate',
    title: 'Escalate to stage 2',
    provisions: 'Code 6.11 and 6.12: the resident need not give a reason.',
    submit: 'Escalate',
    fields: (ctx) => [
      { kind: 'select', name: 'via', label: 'How the resident asked', choices: VIA_CHOICES },
      { kind: 'date', name: 'receivedOn', label: 'The day they asked', hint: 'Leave empty for today. The stage 2 clock counts from the day they asked (Code 6.11).', optional: true },
      { kind: 'select', name: 'handler', label: 'Stage 2 handler', optional: true, choices: officerChoices(ctx) },
    ],
    toRequest: (v) => ({ via: v.via ?? 'telephone', ...receivedAtOf(v.receivedOn), ...optional('handler', v.handler) }),
  },
  {
    action: 'decline',
    title: 'Decline the complaint',
    provisions: 'Code 2.1 to 2.5 and 5.11: the reason is about this complaint, never a blanket rule.',
    submit: 'Send the decision',
    fields: (ctx) => [
      { kind: 'textarea', name: 'reason', label: 'Why we are not taking this complaint forward' },
      { kind: 'checkboxes', name: 'exclusions', label: 'Policy exclusions relied on', optional: true, choices: ctx.policy.acceptance.exclusions.map((e) => ({ value: e.kind, text: e.description })) },
      { kind: 'textarea', name: 'whatWeWillDoInstead', label: 'What we will do instead', optional: true },
    ],
    toRequest: (v) => ({ reason: v.reason ?? '', exclusions: lines(v.exclusions), ...optional('whatWeWillDoInstead', v.whatWeWillDoInstead) }),
  },
  {
    action: 'record-adjustments',
    title: 'Record needs and adjustments',
    provisions: 'Code 5.10.',
    submit: 'Record',
    fields: () => [
      { kind: 'textarea', name: 'needs', label: 'The resident\'s needs' },
      { kind: 'lines', name: 'adjustments', label: 'Adjustments we will make', hint: ONE_A_LINE, optional: true },
    ],
    toRequest: (v) => ({ needs: v.needs ?? '', adjustments: lines(v.adjustments) }),
  },
  {
    action: 'record-representative',
    title: 'Record a representative',
    provisions: 'Code 3.6: letters go to a representative who gave an address.',
    submit: 'Record',
    fields: () => [
      { kind: 'text', name: 'name', label: 'Representative\'s name' },
      { kind: 'text', name: 'relationship', label: 'Relationship to the resident', hint: 'For example, daughter, MP, advocate.', optional: true },
      { kind: 'email', name: 'email', label: 'Email address', optional: true },
      { kind: 'checkboxes', name: 'consentConfirmed', label: 'Consent', optional: true, choices: [{ value: 'yes', text: 'The resident has confirmed the representative may act for them' }] },
    ],
    toRequest: (v) => ({
      name: v.name ?? '',
      relationship: v.relationship?.trim() ? v.relationship.trim() : null,
      email: v.email?.trim() ? v.email.trim() : null,
      consentConfirmed: v.consentConfirmed === 'yes',
    }),
  },
  {
    action: 'record-vulnerability',
    title: 'Record a vulnerability',
    submit: 'Record',
    fields: () => [{ kind: 'textarea', name: 'details', label: 'What staff should take care over' }],
    toRequest: (v) => ({ details: v.details ?? '' }),
  },
  {
    action: 'complete-action',
    title: 'Mark an action done',
    provisions: 'Code 6.6 and 7.3: actions promised in a response are tracked until done.',
    submit: 'Mark done',
    fields: (ctx) => [
      { kind: 'radios', name: 'actionId', label: 'Action', choices: ctx.openActions.map((a) => ({ value: a.actionId, text: `${a.action} (due ${a.dueOn})` })) },
      { kind: 'textarea', name: 'note', label: 'Note', optional: true },
    ],
    toRequest: (v) => ({ actionId: v.actionId ?? '', ...optional('note', v.note) }),
  },
  {
    action: 'categorise',
    title: 'Categorise the complaint',
    provisions: 'Code 9.1 and 9.7: themes and trends for learning, from the landlord\'s own categories.',
    submit: 'Record the categories',
    fields: (ctx) => [{ kind: 'checkboxes', name: 'categories', label: 'Categories', choices: ctx.policy.reports.categories.map((c) => ({ value: c.id, text: c.name })) }],
    toRequest: (v) => ({ categories: lines(v.categories) }),
  },
  {
    action: 'record-root-causes',
    title: 'Record what caused the complaint',
    provisions: 'Code 9.1: once a response is sent.',
    submit: 'Record the root causes',
    fields: (ctx) => [
      { kind: 'checkboxes', name: 'rootCauses', label: 'Root causes', choices: ctx.policy.reports.rootCauses.map((c) => ({ value: c.id, text: c.name })) },
      { kind: 'textarea', name: 'note', label: 'Note', optional: true },
    ],
    toRequest: (v) => ({ rootCauses: lines(v.rootCauses), ...optional('note', v.note) }),
  },
  {
    action: 'set-learning-action',
    title: 'Set a learning action',
    provisions: 'Code 9.1 to 9.4: a service improvement, with who owns it and by when.',
    submit: 'Set the learning action',
    fields: (ctx) => [
      { kind: 'textarea', name: 'learningAction', label: 'What will change' },
      { kind: 'select', name: 'owner', label: 'Owner', choices: officerChoices(ctx) },
      { kind: 'date', name: 'dueOn', label: 'Due by' },
    ],
    toRequest: (v) => ({ learningAction: v.learningAction ?? '', owner: v.owner ?? '', dueOn: v.dueOn ?? '' }),
  },
  {
    action: 'update-learning-action',
    title: 'Update a learning action',
    submit: 'Update',
    fields: () => [
      { kind: 'text', name: 'actionId', label: 'Learning action', hint: 'Its number, such as L1.' },
      { kind: 'radios', name: 'status', label: 'Where it stands', choices: [{ value: 'in-progress', text: 'In progress' }, { value: 'done', text: 'Done' }, { value: 'dropped', text: 'Dropped' }] },
      { kind: 'textarea', name: 'note', label: 'What was done, or why it was dropped', optional: true },
    ],
    toRequest: (v) => ({ actionId: (v.actionId ?? '').trim(), status: v.status ?? '', ...optional('note', v.note) }),
  },
  {
    action: 'ombudsman-investigation',
    title: 'Record the Ombudsman\'s investigation',
    provisions: 'The evidence and telling the board are reminded and chased like the Code\'s milestones (8.1 c).',
    submit: 'Record the investigation',
    fields: () => [
      { kind: 'text', name: 'ombudsmanRef', label: 'The Ombudsman\'s reference' },
      { kind: 'date', name: 'notifiedOn', label: 'The day the Ombudsman told us', optional: true, hint: 'Leave empty for today.' },
      { kind: 'date', name: 'evidenceDueOn', label: 'The evidence date the Ombudsman set', optional: true, hint: 'Leave empty to use the policy\'s working days.' },
    ],
    toRequest: (v) => ({ ombudsmanRef: (v.ombudsmanRef ?? '').trim(), ...optional('notifiedOn', v.notifiedOn), ...optional('evidenceDueOn', v.evidenceDueOn) }),
  },
  {
    action: 'ombudsman-evidence-sent',
    title: 'Record the evidence sent to the Ombudsman',
    submit: 'Record it',
    fields: () => [],
    toRequest: () => ({}),
  },
  {
    action: 'tell-board',
    title: 'Record that the board was told',
    submit: 'Record it',
    fields: () => [],
    toRequest: () => ({}),
  },
  {
    action: 'ombudsman-determination',
    title: 'Record the Ombudsman\'s determination',
    submit: 'Record the determination',
    fields: () => [
      { kind: 'radios', name: 'finding', label: 'Finding', choices: OMBUDSMAN_FINDINGS },
      { kind: 'textarea', name: 'about', label: 'What the finding is about' },
      { kind: 'checkboxes', name: 'codeNonCompliance', label: 'The Code', optional: true, choices: [{ value: 'yes', text: 'The Ombudsman found we did not follow the Complaint Handling Code' }] },
    ],
    toRequest: (v) => ({ findings: [{ finding: v.finding ?? '', about: v.about ?? '', codeNonCompliance: v.codeNonCompliance === 'yes' }] }),
  },
  {
    action: 'ombudsman-order',
    title: 'Record an order the Ombudsman made',
    submit: 'Record the order',
    fields: () => [
      { kind: 'textarea', name: 'order', label: 'The order' },
      { kind: 'date', name: 'dueOn', label: 'Due by' },
    ],
    toRequest: (v) => ({ order: v.order ?? '', dueOn: v.dueOn ?? '' }),
  },
  {
    action: 'ombudsman-order-complied',
    title: 'Record an order complied with',
    submit: 'Record it',
    fields: () => [
      { kind: 'text', name: 'orderId', label: 'Order', hint: 'Its number, as the case file shows it.' },
      { kind: 'textarea', name: 'evidence', label: 'The evidence sent to the Ombudsman' },
    ],
    toRequest: (v) => ({ orderId: (v.orderId ?? '').trim(), evidence: v.evidence ?? '' }),
  },
  {
    action: 'restrict-contact',
    title: 'Restrict how the resident contacts us',
    provisions: 'Code 5.14 and 5.15: evidence the reasons, be proportionate, have regard to the Equality Act 2010, and review within the policy\'s months. It never applies to urgent repairs or new complaints.',
    submit: 'Record the restriction and write to the resident',
    fields: (ctx) => [
      { kind: 'textarea', name: 'behaviour', label: 'What the resident did' },
      { kind: 'lines', name: 'reasons', label: 'Why we consider it unreasonable', hint: `${ONE_A_LINE} The resident is told these.` },
      ...restrictionTermFields(ctx),
      { kind: 'textarea', name: 'equalityAct', label: 'The regard had to the Equality Act 2010', hint: 'Why the restriction is proportionate, and any protected characteristic considered.' },
      { kind: 'textarea', name: 'vulnerability', label: 'Whether the behaviour may come from a vulnerability or disability', hint: 'What was found; "none known" is an answer.' },
      { kind: 'textarea', name: 'reasonableAdjustments', label: 'Reasonable adjustments considered or made', optional: true },
      { kind: 'date', name: 'warnedOn', label: 'The day the resident was warned and given the chance to change', optional: true },
      { kind: 'text', name: 'decidedBy', label: 'Who decided', hint: restrictionDecidersHint(ctx.policy), optional: true },
      { kind: 'date', name: 'reviewOn', label: 'Review by', optional: true, hint: `No later than ${ctx.policy.contactRestrictions.reviewWithinMonths} months from today; leave empty for that.` },
    ],
    toRequest: (v) => ({
      behaviour: v.behaviour ?? '', reasons: lines(v.reasons), ...restrictionTerms(v), ...optional('equalityAct', v.equalityAct), ...optional('vulnerability', v.vulnerability),
      ...optional('reasonableAdjustments', v.reasonableAdjustments), ...optional('warnedOn', v.warnedOn), ...optional('decidedBy', v.decidedBy), ...optional('reviewOn', v.reviewOn),
    }),
  },
  {
    action: 'review-restriction',
    title: 'Review the restriction on contact',
    provisions: 'Code 5.14: keep restrictions under review. The resident is written to with the outcome.',
    submit: 'Record the review',
    fields: (ctx) => [
      { kind: 'radios', name: 'outcome', label: 'Outcome', choices: [{ value: 'lifted', text: 'Lift it' }, { value: 'continued', text: 'Continue it as it is' }, { value: 'varied', text: 'Vary it' }] },
      { kind: 'textarea', name: 'reasons', label: 'Why' },
      { kind: 'date', name: 'nextReviewOn', label: 'Next review by', optional: true, hint: `When continued or varied; no later than ${ctx.policy.contactRestrictions.reviewWithinMonths} months from today, leave empty for that.` },
      ...restrictionTermFields(ctx).map((f) => ({ ...f, label: `When varied: ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}` })),
    ],
    toRequest: (v) => ({ outcome: v.outcome ?? '', reasons: v.reasons ?? '', ...optional('nextReviewOn', v.nextReviewOn), ...restrictionTerms(v) }),
  },
  {
    action: 'record-restriction-appeal',
    title: 'Record the resident’s appeal against the restriction',
    provisions: 'The decision is due within the policy\'s working days, and reminded.',
    submit: 'Record the appeal',
    fields: () => [{ kind: 'date', name: 'receivedOn', label: 'The day the appeal came', optional: true, hint: 'Leave empty for today.' }],
    toRequest: (v) => ({ ...optional('receivedOn', v.receivedOn) }),
  },
  {
    action: 'decide-restriction-appeal',
    title: 'Record the decision on the appeal against the restriction',
    submit: 'Record the decision and write to the resident',
    fields: (ctx) => [
      { kind: 'radios', name: 'outcome', label: 'Decision', choices: [{ value: 'upheld', text: 'Upheld: the restriction is lifted' }, { value: 'not-upheld', text: 'Not upheld' }] },
      { kind: 'textarea', name: 'reasons', label: 'Why' },
      { kind: 'text', name: 'decidedBy', label: 'Who decided', hint: `The policy says ${ctx.policy.contactRestrictions.appealTo} decides. Leave empty for yourself.`, optional: true },
    ],
    toRequest: (v) => ({ outcome: v.outcome ?? '', reasons: v.reasons ?? '', ...optional('decidedBy', v.decidedBy) }),
  },
  {
    action: 'withdraw',
    title: 'Record that the resident withdrew the complaint',
    provisions: 'Only when the resident asks. A date already missed stays missed.',
    submit: 'Record the withdrawal',
    fields: () => [
      { kind: 'select', name: 'via', label: 'How the resident told us', choices: VIA_CHOICES },
      { kind: 'textarea', name: 'reason', label: 'What the resident said' },
    ],
    toRequest: (v) => ({ via: v.via ?? 'telephone', reason: v.reason ?? '' }),
  },
  {
    action: 'close',
    title: 'Close the complaint',
    submit: 'Close',
    fields: () => [{ kind: 'textarea', name: 'reason', label: 'Why the complaint is closed' }],
    toRequest: (v) => ({ reason: v.reason ?? '' }),
  },
];

/** The form for an action name from a URL, or undefined. */
export const actionForm = (name: string): ActionForm | undefined => ACTION_FORMS.find((f) => f.action === name);

/** A problem to show: beside its field when it has one, and always in the error summary. */
export interface FieldError {
  readonly field: string | null;
  readonly message: string;
}

/** The field a parsing problem concerns: the first part of its path; the extension's either-or goes on the days. */
export function fieldErrors(error: z.ZodError, form: ActionForm): FieldError[] {
  return error.issues.map((issue) => {
    const first = issue.path[0];
    const field = typeof first === 'string' && first !== 'action' ? first : form.action === 'extend' ? 'extensionWorkingDays' : null;
    return { field, message: sentence(field, issue.message) };
  });
}

const sentence = (field: string | null, message: string) => {
  const m = message.replace(/^Too small: expected string to have >=1 characters$/, 'cannot be empty').replace(/^Too small: expected array to have >=1 items$/, 'give at least one');
  const text = field ? `${field.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${m}` : m;
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The field a refusal concerns, so its reason is shown beside it; null when it concerns the case as a whole. */
export function refusalField(problem: StaffActionProblem, form: ActionForm, values: FormValues): string | null {
  switch (problem.kind) {
    case 'breaks-case-rules':
      switch (problem.breach.kind) {
        case 'extension-too-long':
        case 'extension-not-later':
          return values.respondBy?.trim() && !values.extensionWorkingDays?.trim() ? 'respondBy' : 'extensionWorkingDays';
        case 'same-handler-at-both-stages':
          return form.action === 'assign' ? 'officer' : 'handler';
        default:
          return null;
      }
    case 'unknown-exclusion':
      return 'exclusions';
    case 'no-such-action':
    case 'action-already-done':
      return 'actionId';
    case 'action-due-in-the-past':
      return 'outstandingActions';
    case 'restriction-without-reasons':
      return 'reasons';
    case 'restriction-without-equality-act':
      return 'equalityAct';
    case 'restriction-without-vulnerability':
      return 'vulnerability';
    case 'restriction-allows-nothing':
      return 'allowedChannels';
    case 'restriction-decider-not-named':
    case 'restriction-appeal-decided-by-restrictor':
      return 'decidedBy';
    case 'review-too-far-off':
    case 'review-not-ahead':
      return form.action === 'review-restriction' ? 'nextReviewOn' : 'reviewOn';
    default:
      return null;
  }
}
