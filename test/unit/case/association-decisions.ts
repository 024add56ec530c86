// Decisions on one complaint of the example housing association (seed 002), as one officer takes them: shared by the
// unit tests of the Ombudsman's investigation and of restrictions on contact.
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import {
  ComplaintCommandSchema, decideComplaintChange, describeChangeRefusal, type ComplaintChange, type ComplaintChangeRefusal, type ComplaintCommandInput,
} from '../../../src/core/case/complaint-change.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import type { Result } from '../../../src/core/result.ts';

export const association = shippedLandlordPolicies().get('example-housing-association')!;
export const cal = calendarForPolicy(association, readBankHolidays());

/** `decide` a command on the events as `actor`; `added` gives the events after it, or throws its refusal in words. */
export function decisionsBy(actor: string) {
  const decide = (events: readonly ComplaintEvent[], command: ComplaintCommandInput, at: string): Result<ComplaintChange, ComplaintChangeRefusal> =>
    decideComplaintChange({
      events, policy: association, cal, at, actor, caseRef: 'C-7K2M9Q4T', resident: { name: 'Sam Resident', email: 'sam@example.org' }, summary: 'Damp',
    }, ComplaintCommandSchema.parse(command));
  const added = (events: readonly ComplaintEvent[], command: ComplaintCommandInput, at: string): ComplaintEvent[] => {
    const decided = decide(events, command, at);
    if (!decided.ok) throw new Error(describeChangeRefusal(decided.error));
    return [...events, ...decided.value.events];
  };
  return { decide, added };
}

/** The change a decision made, when the test knows it was made. */
export const changeOf = (r: Result<ComplaintChange, ComplaintChangeRefusal>) => (r as { value: ComplaintChange }).value;
