import { describe, expect, it } from 'vitest';
import {
  ComplaintCommandSchema, decideComplaintChange, describeChangeRefusal, type ComplaintChange, type ComplaintChangeRefusal, type ComplaintCommandInput,
} from '../../../src/core/case/complaint-change.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { weeklyDigest } from '../../../src/core/case/digest.ts';
import { howIntakeHonours, restrictionFor, restrictionSummary, type SenderRestriction } from '../../../src/core/case/restriction.ts';
import type { Result } from '../../../src/core/result.ts';
import { association, cal, changeOf, decisionsBy } from './association-decisions.ts';

const DIRECTOR = 'director@association.example';
const MANAGER = association.digest.recipients[0]!;
const SMT = 'Senior Management Team';

// A complaint answered at stage 1 in November 2026; the resident then calls many times a day.
const answered: ComplaintEvent[] = [
  { type: 'received', at: '2026-11-23T09:15:00Z', via: 'email' },
  { type: 'acknowledged', at: '2026-11-24T10:00:00Z', complaintDefinition: 'Damp not treated.' },
  { type: 'stage-1-response-sent', at: '2026-12-02T15:00:00Z', officer: 'asha.patel', decision: 'not-upheld', reasons: ['Treated.'] },
];

const restrict = {
  action: 'restrict-contact',
  behaviour: 'Forty telephone calls a week since October, several an hour.',
  reasons: ['The calls take the time the team needs for other residents.', 'Asked in writing on 2 November to keep to one call a week; the calls went on.'],
  allowedChannels: ['email'],
  namedOfficer: 'Sam Hughes',
  equalityAct: 'No protected characteristic bears on the calls; email is accessible to the resident, who uses it daily.',
  vulnerability: 'None known; asked on 2 November and the resident named none.',
  warnedOn: '2026-11-02',
} as const satisfies ComplaintCommandInput;

const { decide, added } = decisionsBy(DIRECTOR);
const refusalOf = (r: Result<ComplaintChange, ComplaintChangeRefusal>) => (r.ok ? null : describeChangeRefusal(r.error));

describe('restricting a resident’s contact (Code 5.14, 5.15; seed 002 §4)', () => {
  it('records the restriction with a review six months ahead, writes to the resident, and keeps the state machine watching', () => {
    const decided = decide(answered, restrict, '2026-12-07T10:00:00Z');

    expect(decided).toMatchObject({ ok: true, value: { stateMachine: 'watch', nextDueOn: '2027-06-07' } });
    expect(changeOf(decided).timeline.restrictions).toEqual([expect.objectContaining({
      imposedOn: '2026-12-07', reviewOn: '2027-06-07', decidedBy: DIRECTOR, terms: { allowedChannels: ['email'], namedOfficer: 'Sam Hughes' }, warnedOn: '2026-11-02',
    })]);
    expect(changeOf(decided).letters).toEqual([expect.objectContaining({
      template: 'contact-restriction', to: { kind: 'resident', email: 'sam@example.org', name: 'Sam Resident' },
      data: expect.objectContaining({ allowed: 'by email only, with Sam Hughes only', reviewOn: 'Monday 7 June 2027', appeal: { to: 'the Senior Management Team', decidedWithinWorkingDays: 10 } }),
    })]);
  });

  it('refuses a review date more than six months ahead, in the officer’s words', () => {
    const decided = decide(answered, { ...restrict, reviewOn: '2027-06-08' }, '2026-12-07T10:00:00Z');

    expect(refusalOf(decided)).toBe('a restriction is reviewed within 6 months: the review date must be on or before 2027-06-07, not 2027-06-08');
    expect(decide(answered, { ...restrict, reviewOn: '2027-06-07' }, '2026-12-07T10:00:00Z').ok).toBe(true);
  });

  it.each([
    ['no reasons', { reasons: [' '] }, /give the reasons the behaviour is unreasonable/],
    ['no regard to the Equality Act', { equalityAct: undefined }, /Equality Act 2010.*Code 5\.15/],
    ['no thought to vulnerability', { vulnerability: '' }, /vulnerability or disability/],
    ['nothing the resident may still do', { allowedChannels: undefined, namedOfficer: undefined }, /say what the resident may still do/],
    ['a review date already come', { reviewOn: '2026-12-07' }, /give a date after today/],
  ])('refuses a restriction with %s', (_what, change, words) => {
    expect(refusalOf(decide(answered, { ...restrict, ...change }, '2026-12-07T10:00:00Z'))).toMatch(words);
  });

  it('refuses a second restriction while one is in force', () => {
    const restricted = added(answered, restrict, '2026-12-07T10:00:00Z');

    expect(refusalOf(decide(restricted, restrict, '2026-12-08T10:00:00Z'))).toMatch(/^a restriction recorded on 2026-12-07 is in force until its review on 2027-06-07/);
  });

  it('reminds the director of the review, then marks it overdue to the managers and puts it in the digest', () => {
    const restricted = added(answered, { ...restrict, reviewOn: '2027-01-15' }, '2026-12-07T10:00:00Z');
    const reminded = decide(restricted, { action: 'review' }, '2027-01-13T08:00:00Z');

    expect(changeOf(reminded).letters.map((l) => [l.template, l.to])).toEqual([['officer-reminder', { kind: 'staff', email: DIRECTOR }]]);
    expect(changeOf(reminded).letters[0]!.data).toMatchObject({ restrictionDuty: { duty: 'review' }, dueOn: 'Friday 15 January 2027' });
    const late = decide([...restricted, ...changeOf(reminded).events], { action: 'review' }, '2027-01-16T08:00:00Z');
    expect(changeOf(late).letters.map((l) => [l.template, l.to])).toEqual([
      ['milestone-overdue', { kind: 'staff', email: DIRECTOR }], ['milestone-overdue', { kind: 'staff', email: MANAGER }],
    ]);
    const digest = weeklyDigest([{ caseRef: 'C-7K2M9Q4T', kind: 'complaint', summary: 'Damp', openedAt: '2026-11-23T09:15:00Z', state: 'open', events: restricted }], association, cal, '2027-01-18T08:00:00Z');
    expect(digest.overdue).toContainEqual(expect.objectContaining({ what: 'review of the restriction on contact (Code 5.14)', dueOn: '2027-01-15' }));
  });

  it('continues a restriction to a new date within six months of the review, varies it, and lifts it', () => {
    const restricted = added(answered, restrict, '2026-12-07T10:00:00Z');
    const continued = decide(restricted, { action: 'review-restriction', outcome: 'continued', reasons: 'Still most days.' }, '2027-06-01T10:00:00Z');

    expect(changeOf(continued).timeline.restrictions[0]).toMatchObject({ reviewOn: '2027-12-01', reviews: [{ on: '2027-06-01', dueOn: '2027-06-07', outcome: 'continued' }] });
    expect(changeOf(continued).letters[0]).toMatchObject({ template: 'contact-restriction-reviewed', data: { outcome: 'continued', nextReviewOn: 'Wednesday 1 December 2027' } });
    expect(refusalOf(decide(restricted, { action: 'review-restriction', outcome: 'varied', reasons: 'Fewer calls.' }, '2027-06-01T10:00:00Z'))).toMatch(/say what the resident may still do/);
    const varied = decide(restricted, { action: 'review-restriction', outcome: 'varied', reasons: 'Fewer calls.', allowedChannels: ['email', 'telephone'] }, '2027-06-01T10:00:00Z');
    expect(changeOf(varied).timeline.restrictions[0]!.terms).toEqual({ allowedChannels: ['email', 'telephone'] });
    const lifted = decide(restricted, { action: 'review-restriction', outcome: 'lifted', reasons: 'No calls since March.' }, '2027-06-01T10:00:00Z');
    expect(changeOf(lifted).timeline.restrictions[0]!.liftedOn).toBe('2027-06-01');
    expect(changeOf(lifted).letters[0]).toMatchObject({ template: 'contact-restriction-reviewed', data: { outcome: 'lifted' } });
    expect(restrictionSummary(changeOf(lifted).timeline)).toBeNull();
  });

  it('sets the appeal decision 10 working days after it came, reminds it, and an appeal upheld lifts the restriction', () => {
    const restricted = added(answered, restrict, '2026-12-07T10:00:00Z');
    const appealed = added(restricted, { action: 'record-restriction-appeal', receivedOn: '2026-12-09' }, '2026-12-10T10:00:00Z');

    expect(changeOf(decide(appealed, { action: 'review' }, '2026-12-10T11:00:00Z')).nextDueOn).toBe('2026-12-23');
    // The resident is told the appeal came, who decides it and by when, and that the restriction stands meanwhile.
    expect(changeOf(decide(restricted, { action: 'record-restriction-appeal', receivedOn: '2026-12-09' }, '2026-12-10T10:00:00Z')).letters).toEqual([expect.objectContaining({
      template: 'restriction-appeal-received',
      data: expect.objectContaining({ receivedOn: 'Wednesday 9 December 2026', appealTo: 'the Senior Management Team', decideBy: 'Wednesday 23 December 2026', allowed: expect.stringContaining('by email') }),
    })]);
    expect(refusalOf(decide(appealed, { action: 'record-restriction-appeal' }, '2026-12-11T10:00:00Z'))).toMatch(/an appeal against this restriction was received on 2026-12-09/);
    const upheld = decide(appealed, { action: 'decide-restriction-appeal', outcome: 'upheld', reasons: 'The warning letter went to an old address.', decidedBy: SMT }, '2026-12-18T10:00:00Z');
    expect(changeOf(upheld).timeline.restrictions[0]).toMatchObject({ liftedOn: '2026-12-18', appeals: [{ outcome: 'upheld', decidedOn: '2026-12-18' }] });
    expect(changeOf(upheld).letters[0]).toMatchObject({ template: 'restriction-appeal-outcome', data: { outcome: 'upheld', appealTo: 'the Senior Management Team' } });
    expect(refusalOf(decide(restricted, { action: 'decide-restriction-appeal', outcome: 'upheld', reasons: 'x' }, '2026-12-18T10:00:00Z'))).toMatch(/record the appeal first/);
  });
});

describe('appeals against a restriction (seed 002 §4.6)', () => {
  it('takes one appeal against each decision: a second waits until a review keeps the restriction', () => {
    const restricted = added(answered, restrict, '2026-12-07T10:00:00Z');
    const decided = added(added(restricted, { action: 'record-restriction-appeal' }, '2026-12-08T10:00:00Z'),
      { action: 'decide-restriction-appeal', outcome: 'not-upheld', reasons: 'Email is open at any time.', decidedBy: SMT }, '2026-12-15T10:00:00Z');

    expect(refusalOf(decide(decided, { action: 'record-restriction-appeal' }, '2026-12-16T10:00:00Z'))).toMatch(/decided on 2026-12-15: the resident may appeal again once a review keeps the restriction/);
    const continued = added(decided, { action: 'review-restriction', outcome: 'continued', reasons: 'Still most days.' }, '2027-06-01T10:00:00Z');
    const again = decide(continued, { action: 'record-restriction-appeal' }, '2027-06-02T10:00:00Z');
    expect(changeOf(again).timeline.restrictions[0]!.appeals.map((a) => [a.receivedOn, a.outcome ?? 'open'])).toEqual([['2026-12-08', 'not-upheld'], ['2027-06-02', 'open']]);
  });
});

describe('who decides a restriction, and its appeal (seed 002 §4.2, §4.6)', () => {
  it('refuses an appeal decided by whoever decided the restriction, by id or address however written', () => {
    const appealed = added(added(answered, restrict, '2026-12-07T10:00:00Z'), { action: 'record-restriction-appeal' }, '2026-12-08T10:00:00Z');

    expect(refusalOf(decide(appealed, { action: 'decide-restriction-appeal', outcome: 'upheld', reasons: 'x' }, '2026-12-15T10:00:00Z')))
      .toBe(`${DIRECTOR} decided the restriction, so cannot decide the appeal against it: the Senior Management Team does (policy §4.6)`);
    expect(refusalOf(decide(appealed, { action: 'decide-restriction-appeal', outcome: 'upheld', reasons: 'x', decidedBy: ` ${DIRECTOR.toUpperCase()}` }, '2026-12-15T10:00:00Z'))).toMatch(/cannot decide the appeal/);
    expect(decide(appealed, { action: 'decide-restriction-appeal', outcome: 'upheld', reasons: 'x', decidedBy: SMT }, '2026-12-15T10:00:00Z').ok).toBe(true);
  });

  it('takes a restriction only from those the policy names, when it names them', () => {
    // The director by id in the list, and known by name and address too (as 6.13 knows an officer).
    const named = {
      ...association, officers: [{ id: 'd.jones', name: 'Dana Jones', email: DIRECTOR }],
      contactRestrictions: { ...association.contactRestrictions, deciders: ['d.jones'] },
    };
    const decideUnder = (policy: typeof association, by: string, decidedBy?: string) => decideComplaintChange({
      events: answered, policy, cal, at: '2026-12-07T10:00:00Z', actor: by, caseRef: 'C-7K2M9Q4T', resident: { name: 'Sam Resident', email: 'sam@example.org' }, summary: 'Damp',
    }, ComplaintCommandSchema.parse({ ...restrict, ...(decidedBy ? { decidedBy } : {}) }));

    expect(refusalOf(decideUnder(named, 'asha.patel'))).toBe("the landlord's policy names who may decide a restriction (a Director), and asha.patel is not among them: say who decided");
    expect(decideUnder(named, 'asha.patel', DIRECTOR).ok).toBe(true);
    expect(decideUnder(named, 'asha.patel', 'DANA JONES').ok).toBe(true);
    expect(decideUnder(named, DIRECTOR.toUpperCase()).ok).toBe(true);
    // A policy that names no one takes the officer's word.
    expect(decideUnder(association, 'asha.patel').ok).toBe(true);
  });
});

describe('intake honours a restriction without ever stopping a message', () => {
  const found: SenderRestriction = {
    caseRef: 'C-7K2M9Q4T', lapsed: false,
    restriction: { imposedOn: '2026-12-07', reviewOn: '2027-06-07', allowedChannels: ['email'], namedOfficer: 'Sam Hughes' },
  };
  const bySms = { channel: 'sms', to: '+447700900000' } as const;

  it('finds the latest restriction on the sender’s cases, and one past its review date as lapsed', () => {
    const cases = [{ caseRef: 'SR-1', restriction: null }, { caseRef: 'C-7K2M9Q4T', restriction: found.restriction }];

    expect(restrictionFor(cases, '2026-12-10T10:00:00Z')).toEqual(found);
    expect(restrictionFor(cases, '2027-06-08T10:00:00Z')).toMatchObject({ lapsed: true });
    expect(restrictionFor([{ caseRef: 'SR-1' }], '2026-12-10T10:00:00Z')).toBeNull();
  });

  it('notes and flags a message that came another way, tells the named officer, and has the agreed way to remind the resident of', () => {
    const honouring = howIntakeHonours(found, bySms);

    expect(honouring).toMatchObject({ byAgreedRoute: false, tellOfficer: 'Sam Hughes', remindOfAgreedRoute: 'by email only, with Sam Hughes only' });
    expect(honouring.flag).toMatch(/outside the agreed way/);
    expect(honouring.note).toMatch(/this came by text message, outside the agreed way; kept and handled as usual: a new complaint or a service request is never restricted/);
  });

  it('judges the one address too: mail to another address is outside the agreed way', () => {
    const toOne: SenderRestriction = { ...found, restriction: { ...found.restriction, allowedChannels: undefined, contactAddress: 'sam.hughes@association.example' } };

    expect(howIntakeHonours(toOne, { channel: 'email', to: 'Sam.Hughes@association.example ' }).byAgreedRoute).toBe(true);
    expect(howIntakeHonours(toOne, { channel: 'email', to: 'homes@association.example' }).byAgreedRoute).toBe(false);
  });

  it('lets a message the agreed way through with only a note, and applies no restriction past its review date', () => {
    expect(howIntakeHonours(found, { channel: 'email', to: 'homes@association.example' })).toMatchObject({ byAgreedRoute: true, flag: null, remindOfAgreedRoute: null });
    expect(howIntakeHonours({ ...found, lapsed: true }, bySms)).toMatchObject({ byAgreedRoute: true, flag: null, tellOfficer: null, note: expect.stringMatching(/has not been reviewed: not applied/) });
  });
});
