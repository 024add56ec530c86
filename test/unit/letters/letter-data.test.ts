import { describe, expect, it } from 'vitest';
import { formatLetterDate, LETTER_NAMES, type LetterName } from '../../../src/letters/catalogue.ts';
import { InvalidLetterDataError, letterTemplateData, renderLetter } from '../../../src/letters/render.ts';
import { examples } from './examples.ts';

/** Renders with data the type system would refuse, as data from a queue or a database might be. */
const renderUnchecked = (name: LetterName, data: unknown) => renderLetter(name, data as never);

function problemsOf(name: LetterName, data: unknown): readonly string[] {
  try {
    renderUnchecked(name, data);
  } catch (error) {
    if (error instanceof InvalidLetterDataError) return error.problems;
    throw error;
  }
  return [];
}

const without = (data: object, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));

describe('a letter is never rendered from data that does not fit it', () => {
  it.each(['stage', 'complaintDefinition', 'decision', 'reasons', 'remedy', 'outstandingActions', 'escalation', 'ombudsman', 'landlord', 'caseRef'])(
    'the stage 1 response refuses data without %s (Code 6.9)',
    (key) => {
      expect(problemsOf('stage-1-response', without(examples['stage-1-response'], key))).toEqual([
        expect.stringMatching(new RegExp(`^${key}: `)),
      ]);
    },
  );

  it.each(['stage', 'complaintDefinition', 'decision', 'reasons', 'remedy', 'outstandingActions', 'escalation', 'ombudsman'])(
    'the stage 2 response refuses data without %s (Code 6.19)',
    (key) => {
      expect(problemsOf('stage-2-response', without(examples['stage-2-response'], key))).toEqual([
        expect.stringMatching(new RegExp(`^${key}: `)),
      ]);
    },
  );

  it('a stage 1 response cannot be sent as the stage 2 response', () => {
    expect(problemsOf('stage-2-response', { ...examples['stage-2-response'], stage: 'stage-1' })).toEqual([
      expect.stringMatching(/^stage: /),
    ]);
  });

  it('a response needs at least one reason and a remedy that is either "none" or something offered', () => {
    const data = examples['stage-1-response'];

    expect(problemsOf('stage-1-response', { ...data, reasons: [] })).toEqual([expect.stringMatching(/^reasons: /)]);
    expect(problemsOf('stage-1-response', { ...data, remedy: [] })).toEqual([expect.stringMatching(/^remedy: /)]);
    expect(problemsOf('stage-1-response', { ...data, remedy: 'none' })).toEqual([]);
  });

  it('an outstanding action needs its date (6.9 (f))', () => {
    const data = { ...examples['stage-1-response'], outstandingActions: [{ action: 'Fit a new boiler' }] };

    expect(problemsOf('stage-1-response', data)).toEqual([expect.stringMatching(/^outstandingActions\.0\.dueOn: /)]);
  });

  it('the complaint definition needs the outcomes the resident wants (Code 5.6)', () => {
    const data = examples['stage-1-acknowledgement'];
    const definition = { ...data.complaintDefinition, outcomesSought: [] };

    expect(problemsOf('stage-1-acknowledgement', { ...data, complaintDefinition: definition })).toEqual([
      expect.stringMatching(/^complaintDefinition\.outcomesSought: /),
    ]);
  });

  it.each(['extension', 'complaint-declined', 'complaint-received', 'stage-1-acknowledgement', 'survey-unhappy-outcome'] as const)(
    'the %s letter refuses to go without the Ombudsman’s details',
    (name) => {
      expect(problemsOf(name, without(examples[name], 'ombudsman'))).toEqual([expect.stringMatching(/^ombudsman: /)]);
    },
  );

  it('the Ombudsman’s details need a telephone number, an email address and a website', () => {
    const { telephone: _t, email: _e, ...rest } = examples.extension.ombudsman;

    expect(problemsOf('extension', { ...examples.extension, ombudsman: { ...rest, website: 'not a url' } })).toEqual([
      expect.stringMatching(/^ombudsman\.website: /),
      expect.stringMatching(/^ombudsman\.telephone: /),
      expect.stringMatching(/^ombudsman\.email: /),
    ]);
  });

  it('an extension needs its reason, its new date and its length in working days (Code 6.4)', () => {
    const { reason: _r, respondBy: _d, ...rest } = examples.extension;

    expect(problemsOf('extension', { ...rest, extensionWorkingDays: 0 })).toEqual([
      expect.stringMatching(/^reason: /),
      expect.stringMatching(/^respondBy: /),
      expect.stringMatching(/^extensionWorkingDays: /),
    ]);
  });

  it('a date must be written for a resident, and the problem says how', () => {
    const problems = problemsOf('extension', { ...examples.extension, respondBy: '2027-01-08' });

    expect(problems).toEqual([expect.stringContaining('respondBy: a date written like "Monday 7 December 2026" (use formatLetterDate)')]);
  });

  it('a field the letter does not know is refused, so a misspelt optional field is not silently dropped', () => {
    expect(problemsOf('stage-1-acknowledgement', { ...examples['stage-1-acknowledgement'], clarificationRequested: 'Which dates?' })).toEqual([
      expect.stringContaining('clarificationRequested'),
    ]);
  });

  it('a complaint needs its stage when a message is added to it, and a service request has none', () => {
    const data = examples['message-added-to-case'];

    expect(problemsOf('message-added-to-case', { ...data, stage: undefined })).toEqual([expect.stringMatching(/^stage: /)]);
    expect(problemsOf('message-added-to-case', { ...data, caseKind: 'service-request' })).toEqual([expect.stringMatching(/^stage: /)]);
  });

  it('a resident who has had a stage 2 response is not given a date to ask for stage 2', () => {
    const data = { ...examples['survey-unhappy-outcome'], stageReached: 'stage-2' };

    expect(problemsOf('survey-unhappy-outcome', data)).toEqual([expect.stringMatching(/^stage2RequestBy: /)]);
  });

  it('the survey link must be a web address', () => {
    expect(problemsOf('satisfaction-survey', { ...examples['satisfaction-survey'], surveyUrl: 'javascript:alert(1)' })).toEqual([
      expect.stringMatching(/^surveyUrl: /),
    ]);
  });

  it('a case reference that could break a subject line is refused', () => {
    expect(problemsOf('complaint-received', { ...examples['complaint-received'], caseRef: 'C-1\r\nBcc: x@example.com' })).toEqual([
      expect.stringMatching(/^caseRef: /),
    ]);
  });

  it('the error lists every problem by field and never quotes the data, which may be personal', () => {
    const data = { ...examples['complaint-received'], residentName: 42, acknowledgeBy: 'Ms Okafor’s birthday', landlord: {} };

    let error: unknown;
    try {
      renderUnchecked('complaint-received', data);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(InvalidLetterDataError);
    const invalid = error as InvalidLetterDataError;
    expect(invalid.name).toBe('InvalidLetterDataError');
    expect(invalid.letterName).toBe('complaint-received');
    expect(invalid.problems.map((p) => p.split(':')[0])).toEqual([
      'residentName',
      'landlord.name',
      'landlord.complaintsEmail',
      'acknowledgeBy',
    ]);
    expect(invalid.message).not.toContain('Okafor');
  });

  it.each(LETTER_NAMES)('the example data for %s fits its letter', (name) => {
    expect(problemsOf(name, examples[name])).toEqual([]);
  });

  it('the template data sent to SES is the data given, checked, with the flags the templates need', () => {
    const data = letterTemplateData('extension', { ...examples.extension, stage: 'stage-2' });

    expect(data).toMatchObject({
      caseRef: 'C-7K2M9Q4T',
      stage: 'stage-2',
      stageLabel: 'stage 2',
      stageIs: { stage1: false, stage2: true },
      extensionWorkingDaysText: '10 working days',
    });
    expect(data.ombudsman).not.toHaveProperty('scheme');
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe('formatLetterDate', () => {
  it.each([
    ['2026-12-07', 'Monday 7 December 2026'],
    ['2026-11-23', 'Monday 23 November 2026'],
    ['2027-03-28', 'Sunday 28 March 2027'], // the clocks go forward
    ['2026-10-25', 'Sunday 25 October 2026'], // the clocks go back
    ['2028-02-29', 'Tuesday 29 February 2028'],
    ['2027-01-01', 'Friday 1 January 2027'],
  ])('writes %s as %s', (calendarDate, written) => {
    expect(formatLetterDate(calendarDate)).toBe(written);
  });

  it('writes dates every letter accepts', () => {
    const respondBy = formatLetterDate('2027-01-08');

    expect(renderLetter('extension', { ...examples.extension, respondBy }).text).toContain('We will now respond by Friday 8 January 2027');
  });

  it.each(['2026-02-29', '2026-13-01', '7 December 2026', '2026-12-07T09:00:00Z', ''])('refuses %j', (notADate) => {
    expect(() => formatLetterDate(notADate)).toThrow(RangeError);
  });
});

describe('a contact restriction that stands is written with its terms and its review date', () => {
  it.each([
    ['contact-restriction-reviewed', 'allowed'],
    ['contact-restriction-reviewed', 'nextReviewOn'],
    ['restriction-appeal-outcome', 'allowed'],
    ['restriction-appeal-outcome', 'reviewOn'],
  ] as const)('%s refuses a restriction that stands without %s, naming the rule rather than failing in its template', (name, key) => {
    expect(problemsOf(name, without(examples[name], key)).join('; ')).toMatch(/continued or varied has its terms and next review date|not upheld gives the restriction that stands and its review date/);
  });

  it.each([
    ['contact-restriction-reviewed', { outcome: 'lifted' }],
    ['restriction-appeal-outcome', { outcome: 'upheld' }],
  ] as const)('%s writes a restriction that ends without terms or a review date', (name, outcome) => {
    const ended = { ...without(without(without(examples[name], 'allowed'), 'nextReviewOn'), 'reviewOn'), ...outcome };
    expect(problemsOf(name, ended)).toEqual([]);
  });
});
