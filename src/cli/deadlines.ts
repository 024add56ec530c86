import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import * as z from 'zod';
import { BANK_HOLIDAYS_FILE, InvalidConfigFileError, readBankHolidays, resolveLandlordPolicy } from '../config/files.ts';
import {
  ComplaintEventSchema,
  complaintDeadlinesAt,
  describeBreach,
  type ComplaintTimeline,
  type MilestoneAt,
} from '../core/case/complaint.ts';
import { InstantSchema, londonDateOf } from '../core/calendar/london-date.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import { describeZodError } from './messages.ts';
import { printable, printableJson } from './terminal-text.ts';

/** A complaint's events as kept in a file: the events, and optionally whose policy applies. */
export const ComplaintEventsFileSchema = z.object({
  complaintRef: z.string().min(1).optional(),
  landlordId: z.string().regex(/^[a-z0-9-]+$/).optional(),
  events: z.array(ComplaintEventSchema).min(1),
});

const MILESTONE_NAMES = {
  'stage-1-acknowledgement': 'Stage 1 acknowledgement',
  'stage-1-response': 'Stage 1 response',
  'stage-2-acknowledgement': 'Stage 2 acknowledgement',
  'stage-2-response': 'Stage 2 response',
} as const;

/** A breach of the case rules in words an officer can act on. */

function standingText(open: MilestoneAt | undefined): string {
  if (!open) return '';
  const days = Math.abs(open.workingDaysLeft);
  const plural = days === 1 ? 'working day' : 'working days';
  if (open.standing === 'overdue') return `OVERDUE by ${days} ${plural}`;
  if (open.workingDaysLeft === 0) return 'due today';
  return `${open.standing === 'due-soon' ? 'due soon' : 'on track'}: ${days} ${plural} left`;
}

/** The text report of a complaint's deadlines at a moment. */
export function formatDeadlines(heading: string, timeline: ComplaintTimeline, today: string, open: readonly MilestoneAt[], dueSoonWithin: number): string {
  const rows = timeline.milestones.map((m) => {
    const standing = m.state === 'open' ? standingText(open.find((o) => o.milestone.id === m.id)) : m.state;
    const notes = [
      m.countedFrom.provisional ? `provisional: counted from the ${m.countedFrom.event.replaceAll('-', ' ')} due date` : '',
      m.extension ? `extended by ${m.extension.workingDays} working days from ${m.originalDueOn}` : '',
    ].filter(Boolean);
    return `  ${MILESTONE_NAMES[m.id].padEnd(25)} ${m.provision.padEnd(6)} ${m.dueOn}   ${(m.doneOn ?? '-').padEnd(10)}   ${standing}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
  const overdue = open.filter((o) => o.standing === 'overdue').map((o) => `${MILESTONE_NAMES[o.milestone.id].toLowerCase()} (due ${o.milestone.dueOn})`);
  const dueSoon = open.filter((o) => o.standing === 'due-soon').map((o) => `${MILESTONE_NAMES[o.milestone.id].toLowerCase()} (due ${o.milestone.dueOn})`);
  const window = timeline.stage2RequestWindowClosesOn
    ? [`Stage 2 may be asked for until ${timeline.stage2RequestWindowClosesOn}${timeline.stage2RequestedOutsideWindow ? '; it was asked for later, so decide with reasons whether to accept it (Code 5.11)' : ''}.`]
    : [];
  return [
    heading,
    `Received ${timeline.receivedOn} · ${timeline.status.replaceAll('-', ' ')} · as at ${today} (Europe/London)`,
    '',
    `  ${'Milestone'.padEnd(25)} ${'Code'.padEnd(6)} ${'Due'.padEnd(10)}   ${'Done'.padEnd(10)}   Standing`,
    ...rows,
    '',
    `Overdue: ${overdue.length ? overdue.join(', ') : 'nothing'}.`,
    `Due within ${dueSoonWithin} working days: ${dueSoon.length ? dueSoon.join(', ') : 'nothing'}.`,
    ...window,
    '',
  ].join('\n');
}

function parseInstantOption(value: string): string {
  if (!InstantSchema.safeParse(value).success) throw new InvalidArgumentError('give an ISO 8601 instant with an offset, such as 2026-12-10T09:00:00Z');
  return value;
}

function parseWorkingDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('give a whole number of working days');
  return n;
}

interface DeadlinesOptions {
  policy?: string;
  at?: string;
  dueWithin?: number;
  holidays: string;
  json?: boolean;
}

/** `redress deadlines`: a complaint's milestones, due dates and what is overdue. */
export function deadlinesCommand(): Command {
  return new Command('deadlines')
    .description("Print a complaint's milestones, due dates and what is overdue, from a JSON file of its events and a policy profile")
    .argument('<events-file>', 'JSON file: {"complaintRef"?, "landlordId"?, "events": [...]}')
    .option('--policy <file-or-id>', 'policy profile file, or a shipped profile id (default: the file\'s landlordId)')
    .option('--at <instant>', 'the moment to judge overdue and due soon (default: now)', parseInstantOption)
    .option('--due-within <working-days>', 'what counts as due soon (default: the policy\'s digest setting)', parseWorkingDays)
    .option('--holidays <file>', 'GOV.UK bank-holidays.json list to use for the years it covers', BANK_HOLIDAYS_FILE)
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `
Events, in time order, each with "at" (an ISO 8601 instant with an offset):
  {"type": "received"}
  {"type": "acknowledged", "complaintDefinition": "..."}              stage 1 acknowledged and defined
  {"type": "handler-assigned", "stage": "stage-1", "officer": "..."}
  {"type": "extended", "stage": "stage-1", "respondBy": "YYYY-MM-DD", "reason": "...", "goodReason"?: "..."}
  {"type": "stage-1-response-sent", "officer": "..."}
  {"type": "stage-2-requested"}
  {"type": "stage-2-acknowledged", "complaintDefinition": "..."}
  {"type": "stage-2-response-sent", "officer": "..."}
  {"type": "declined", "reason": "..."}      {"type": "closed", "reason": "..."}
Exit status: 0 printed; 2 the file, the policy or the events are not valid (the problem is named).`,
    )
    .action((eventsFile: string, options: DeadlinesOptions) => {
      const fail = (message: string) => {
        process.stderr.write(printable(`${message}\n`));
        process.exitCode = 2;
      };
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(eventsFile, 'utf8'));
      } catch (error) {
        return fail(`Cannot read ${eventsFile} as JSON: ${(error as Error).message}`);
      }
      const parsed = ComplaintEventsFileSchema.safeParse(Array.isArray(raw) ? { events: raw } : raw);
      if (!parsed.success) return fail(`${eventsFile} is not a valid events file: ${describeZodError(parsed.error)}`);
      const policyRef = options.policy ?? parsed.data.landlordId;
      if (!policyRef) return fail('Say which policy applies: --policy <file-or-id>, or "landlordId" in the events file.');

      let policy;
      try {
        policy = resolveLandlordPolicy(policyRef);
      } catch (error) {
        if (error instanceof InvalidConfigFileError) return fail(`Not a valid policy profile: ${error.message}`);
        throw error;
      }
      const cal = calendarForPolicy(policy, readBankHolidays(options.holidays));
      const at = options.at ?? new Date().toISOString();
      const result = complaintDeadlinesAt(parsed.data.events, policy, cal, at, options.dueWithin);
      if (!result.ok) return fail(`The events break the case rules: ${describeBreach(result.error, { eventNumbers: true })}.`);

      const { timeline, open, dueSoonWithinWorkingDays } = result.value;
      const ref = parsed.data.complaintRef ?? eventsFile;
      if (options.json) {
        process.stdout.write(`${printableJson({ complaintRef: ref, landlordId: policy.landlordId, at, timeline, open }, 2)}\n`);
      } else {
        const heading = `Complaint ${ref} · ${policy.name} (${policy.landlordId}) · bank holidays: ${policy.bankHolidays}`;
        process.stdout.write(printable(formatDeadlines(heading, timeline, londonDateOf(at), open, dueSoonWithinWorkingDays)));
      }
      process.exitCode = 0;
    });
}
