import { describe, expect, it } from 'vitest';
import { checkPolicyAgainstCode } from '../../../src/core/policy/policy-check.ts';
import { selfAssessment } from '../../../src/core/reports/self-assessment.ts';
import { selfAssessmentCsv, selfAssessmentHtml } from '../../../src/reports/self-assessment-html.ts';
import { resolveLandlordPolicy } from '../../../src/config/files.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import { factsForComplaints } from '../../../src/core/reports/complaint-facts.ts';
import { codeDefaults, fixtureFacts, yearOf } from './fixture.ts';

const { facts } = fixtureFacts();
const assessment = selfAssessment(facts, yearOf('2025-26'), codeDefaults, checkPolicyAgainstCode(codeDefaults), 1, '2026-06-30');
const row = (provision: string) => assessment.rows.find((r) => r.provision === provision)!;

describe('the self-assessment against the Code', () => {
  it('has a row for every provision from 1.2 to 9.8', () => {
    expect(assessment.rows).toHaveLength(72);
    expect([assessment.rows[0]!.provision, assessment.rows.at(-1)!.provision]).toEqual(['1.2', '9.8']);
  });

  it('gives the stage 1 response figure for 6.3 and lists the late ones', () => {
    expect(row('6.3').evidence?.summary).toMatch(/^4 of 6 stage 1 responses sent this year within 10 working days of acknowledgement/);
    expect(row('6.3').evidence?.listed).toEqual([
      'C-late-then-stage-2: acknowledged 2025-06-04, due 2025-06-18, responded 2025-06-20',
      'E-extended-past-limit: acknowledged 2025-10-07, due 2025-11-04, responded 2025-11-07',
    ]);
  });

  it('gives the acknowledgement figure for 6.2 and the refusals for 2.4 and 5.11', () => {
    expect(row('6.2').evidence?.summary).toBe('7 of 7 stage 1 complaints due an acknowledgement this year acknowledged within 5 working days.');
    expect(row('2.4').evidence?.listed).toEqual([expect.stringMatching(/^F-not-accepted: 2025-05-09/)]);
    expect(row('5.11').evidence?.listed).toEqual([expect.stringMatching(/^I-escalation-refused: 2026-01-07/)]);
  });

  it('counts the categorised stage 1 complaints for 9.7, listing those with no category, and the learning actions for 9.1', () => {
    expect(row('9.7').evidence?.summary).toMatch(/^7 of 8 stage 1 complaints received this year categorised; 0 with root causes recorded.*The Ombudsman: 0 investigations opened and 0 determined this year/);
    expect(row('9.7').evidence?.listed).toEqual(['J-last-day-of-year: no category recorded']);
    expect(row('9.1').evidence).toEqual({ summary: '0 learning actions set from complaints this year, 0 done; 0 open past its date (listed).', listed: [] });
  });

  it('lists a stage 1 extension longer than the limit with its good reason under 6.4', () => {
    expect(row('6.4').evidence?.listed).toEqual(['E-extended-past-limit: to 2025-11-11 (15 working days), The officer must be interviewed and is on long-term sick leave.']);
  });

  it("puts the policy check's findings beside the provision they break", () => {
    const coop = resolveLandlordPolicy('dennetts-coop');
    const findings = checkPolicyAgainstCode(coop);
    const rows = selfAssessment(facts, yearOf('2025-26'), coop, findings, 0, '2026-06-30').rows;

    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(rows.find((r) => r.provision === finding.provision)?.policyFindings).toContainEqual(expect.stringContaining(finding.message));
    }
  });

  it('says where Redress holds nothing, so the landlord adds its own evidence', () => {
    expect(row('4.1').evidence).toBeNull();
    expect(selfAssessmentHtml(assessment)).toContain('Not held in Redress: add the evidence.');
  });

  it('prints as CSV with empty comply and commentary columns for the landlord', () => {
    const lines = selfAssessmentCsv(assessment).split('\r\n');

    expect(lines[0]).toBe('provision,requirement,evidence,listed,policy_check,comply,commentary');
    expect(lines.find((l) => l.startsWith('6.2,'))).toMatch(/,7 of 7 stage 1 complaints due an acknowledgement this year acknowledged within 5 working days\.,,,,$/);
  });
});

describe('acknowledgements that were never sent', () => {
  const complaints = [
    { complaintRef: 'closed-unacknowledged', events: [{ type: 'received', at: '2025-08-11T09:00:00+01:00' }, { type: 'withdrawn', at: '2025-08-29T09:00:00+01:00', reason: 'The resident moved away.', via: 'telephone' }] },
    { complaintRef: 'declined-in-time', events: [{ type: 'received', at: '2025-08-11T09:00:00+01:00' }, { type: 'declined', at: '2025-08-12T09:00:00+01:00', reason: 'Court proceedings have started.' }] },
    { complaintRef: 'not-yet-due', events: [{ type: 'received', at: '2025-08-26T09:00:00+01:00' }] },
    { complaintRef: 'overdue', events: [{ type: 'received', at: '2025-08-04T09:00:00+01:00' }] },
  ] as const;
  const { facts } = factsForComplaints(complaints.map((c) => ({ ...c, events: [...c.events] })), codeDefaults, calendarForPolicy(codeDefaults));
  const evidence = selfAssessment(facts, yearOf('2025-26'), codeDefaults, [], 0, '2025-08-29').rows.find((r) => r.provision === '6.2')!.evidence;

  it('keeps a closed complaint that was never acknowledged as late, and an open one past its date, but not one declined in time or not yet due', () => {
    expect(evidence?.summary).toBe('0 of 2 stage 1 complaints due an acknowledgement this year acknowledged within 5 working days; the 2 late or never acknowledged listed.');
    expect(evidence?.listed).toEqual([
      'closed-unacknowledged: received 2025-08-11, due 2025-08-18, not acknowledged',
      'overdue: received 2025-08-04, due 2025-08-11, not acknowledged',
    ]);
  });
});

describe('responses still owed', () => {
  it('lists under 6.3 a stage 1 response past the Code date with nothing sent, which CH02 cannot count', () => {
    const owed = [{ complaintRef: 'owed', events: [
      { type: 'received' as const, at: '2025-09-01T09:00:00+01:00' },
      { type: 'acknowledged' as const, at: '2025-09-02T09:00:00+01:00', complaintDefinition: 'No hot water.' },
    ] }];
    const { facts } = factsForComplaints(owed, codeDefaults, calendarForPolicy(codeDefaults));

    const evidence = selfAssessment(facts, yearOf('2025-26'), codeDefaults, [], 0, '2025-10-01').rows.find((r) => r.provision === '6.3')!.evidence;

    expect(evidence?.summary).toMatch(/^0 of 0 stage 1 responses .*; 1 still owed past the Code's date, listed\.$/);
    expect(evidence?.listed).toEqual(['owed: acknowledged 2025-09-02, due 2025-09-16, no response yet']);
  });
});

describe('restrictions on contact (Code 5.14, 5.15)', () => {
  const received = { type: 'received', at: '2025-05-01T09:00:00+01:00' } as const;
  const restricted = {
    type: 'contact-restricted', at: '2025-06-02T09:00:00+01:00', behaviour: 'Forty calls a week.', reasons: ['Takes the team\'s time.'],
    allowedChannels: ['email'], equalityAct: 'Proportionate: email suits the resident.', vulnerability: 'None known.', decidedBy: 'a.director', reviewOn: '2025-12-01',
  } as const;
  const complaints = [
    { complaintRef: 'reviewed-late', events: [received, restricted, { type: 'restriction-reviewed', at: '2025-12-10T09:00:00Z', outcome: 'continued', reasons: 'Still calling.', reviewedBy: 'a.director', nextReviewOn: '2026-05-01' }] },
    { complaintRef: 'never-reviewed', events: [received, { ...restricted, reasonableAdjustments: 'Large print.', warnedOn: '2025-05-20' }] },
  ];
  const { facts } = factsForComplaints(complaints.map((c) => ({ ...c, events: [...c.events] as never })), codeDefaults, calendarForPolicy(codeDefaults));
  const rows = selfAssessment(facts, yearOf('2025-26'), codeDefaults, [], 0, '2026-01-15').rows;

  it('lists a review made after its date and one still owed under 5.14', () => {
    expect(rows.find((r) => r.provision === '5.14')!.evidence).toEqual({
      summary: '2 restrictions on contact in force during the year (2 still in force), each with its reasons recorded; 0 of 1 review due this year made by the review date; 1 late and 1 still owed, listed.',
      listed: ['reviewed-late: review due 2025-12-01, made 2025-12-10 (continued)', 'never-reviewed: review due 2025-12-01, not yet made'],
    });
  });

  it('shows the Equality Act and vulnerability regard recorded for each under 5.15', () => {
    const evidence = rows.find((r) => r.provision === '5.15')!.evidence!;

    expect(evidence.summary).toBe('2 of 2 restrictions on contact in force during the year record the regard had to the Equality Act 2010 and whether the behaviour may come from a vulnerability; 1 record reasonable adjustments; 1 followed a warning; 0 appealed.');
    expect(evidence.listed[0]).toBe('reviewed-late: 2025-06-02 to review 2026-05-01; by email only; Equality Act 2010: Proportionate: email suits the resident.');
  });
});
