import { describe, expect, it } from 'vitest';
import {
  ContactFormFields,
  answersFrom,
  formErrors,
  type ContactFormAnswers,
  type FormError,
} from '../../../src/http/contact-form/form-schema.ts';

const TOKEN = '3f1c2a9e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

const aGoodForm = (overrides: ContactFormAnswers = {}): ContactFormAnswers => ({
  wants: 'complaint',
  whatHappened: 'The boiler has been broken for three weeks.',
  outcomeWanted: '',
  name: 'Ann Example',
  email: 'ann@example.com',
  phone: '',
  addressOrTenancyReference: '12 Acacia Road',
  actingForYou: 'no',
  representativeName: '',
  representativeRelationship: '',
  adjustments: '',
  submissionToken: TOKEN,
  ...overrides,
});

const errorsFor = (answers: ContactFormAnswers): FormError[] => {
  const parsed = ContactFormFields.safeParse(answers);
  return parsed.success ? [] : formErrors(parsed.error);
};

const messageFor = (answers: ContactFormAnswers, field: FormError['field']) =>
  errorsFor(answers).find((e) => e.field === field)?.message;

describe('a complete form', () => {
  it('becomes a submission with the answers trimmed and empty optional answers as null', () => {
    const parsed = ContactFormFields.parse(
      aGoodForm({ name: '  Ann Example ', email: ' ann@example.com ', whatHappened: '\n The boiler broke. \n' }),
    );

    expect(parsed).toEqual({
      wants: 'complaint',
      whatHappened: 'The boiler broke.',
      outcomeWanted: null,
      name: 'Ann Example',
      email: 'ann@example.com',
      phone: null,
      addressOrTenancyReference: '12 Acacia Road',
      representative: null,
      adjustments: null,
      submissionToken: TOKEN,
    });
  });

  it('keeps the outcome the resident wants and the adjustments they asked for', () => {
    const parsed = ContactFormFields.parse(
      aGoodForm({ outcomeWanted: 'Fix the boiler and pay for the heater', adjustments: 'Large print letters please' }),
    );

    expect(parsed.outcomeWanted).toBe('Fix the boiler and pay for the heater');
    expect(parsed.adjustments).toBe('Large print letters please');
  });

  it("keeps the resident's line breaks as plain newlines", () => {
    const parsed = ContactFormFields.parse(aGoodForm({ whatHappened: 'First line\r\nSecond line' }));

    expect(parsed.whatHappened).toBe('First line\nSecond line');
  });

  it.each(['report-or-ask', 'complaint', 'feedback'] as const)('accepts %s as what the resident wants to do', (wants) => {
    expect(ContactFormFields.parse(aGoodForm({ wants })).wants).toBe(wants);
  });
});

describe('required answers', () => {
  it('names every missing answer, once each, in the order the questions are asked', () => {
    expect(errorsFor({})).toEqual([
      { field: 'wants', message: 'Select what you want to do' },
      { field: 'whatHappened', message: 'Enter what happened' },
      { field: 'name', message: 'Enter your name' },
      { field: 'email', message: 'Enter an email address or a phone number' },
      { field: 'addressOrTenancyReference', message: 'Enter your address or tenancy reference' },
      { field: 'actingForYou', message: 'Select yes if someone is acting for you' },
      {
        field: 'submissionToken',
        message: 'This form has expired or was not sent from our page. Check your answers and send the form again',
      },
    ]);
  });

  it('treats an answer of only spaces as no answer', () => {
    expect(messageFor(aGoodForm({ whatHappened: '   \r\n  ' }), 'whatHappened')).toBe('Enter what happened');
    expect(messageFor(aGoodForm({ name: '  ' }), 'name')).toBe('Enter your name');
  });

  it('refuses a choice that is not on the form', () => {
    expect(messageFor(aGoodForm({ wants: 'sue-you' }), 'wants')).toBe('Select what you want to do');
    expect(messageFor(aGoodForm({ actingForYou: 'maybe' }), 'actingForYou')).toBe(
      'Select yes if someone is acting for you',
    );
  });
});

describe('how long answers may be', () => {
  it('takes what happened up to 10,000 characters, counting a line break as one', () => {
    const lines = `${'x'.repeat(99)}\r\n`.repeat(100).trimEnd();

    expect(ContactFormFields.parse(aGoodForm({ whatHappened: 'y'.repeat(10_000) })).whatHappened).toHaveLength(10_000);
    expect(ContactFormFields.parse(aGoodForm({ whatHappened: lines })).whatHappened).toHaveLength(9_999);
    expect(messageFor(aGoodForm({ whatHappened: 'y'.repeat(10_001) }), 'whatHappened')).toBe(
      'What happened must be 10,000 characters or fewer',
    );
  });

  it('takes a name up to 200 characters', () => {
    expect(ContactFormFields.parse(aGoodForm({ name: 'n'.repeat(200) })).name).toHaveLength(200);
    expect(messageFor(aGoodForm({ name: 'n'.repeat(201) }), 'name')).toBe('Your name must be 200 characters or fewer');
  });
});

describe('how we can contact the resident', () => {
  it('takes a phone number without an email address', () => {
    const parsed = ContactFormFields.parse(aGoodForm({ email: '', phone: ' 07700 900 982 ' }));

    expect(parsed.email).toBeNull();
    expect(parsed.phone).toBe('07700 900 982');
  });

  it('takes both', () => {
    const parsed = ContactFormFields.parse(aGoodForm({ phone: '01632 960 001' }));

    expect([parsed.email, parsed.phone]).toEqual(['ann@example.com', '01632 960 001']);
  });

  it('asks for one of them when neither is given, against the email address', () => {
    expect(errorsFor(aGoodForm({ email: ' ', phone: '' }))).toEqual([
      { field: 'email', message: 'Enter an email address or a phone number' },
    ]);
  });

  it('says an email address is in the wrong format, and only that', () => {
    expect(errorsFor(aGoodForm({ email: 'ann.example.com' }))).toEqual([
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    ]);
  });

  it.each(['07700 900 982', '07700900982', '+44 808 157 0192', '(01632) 960 001', '01632-960-001', '+353 1 234 5678'])(
    'accepts the phone number %s',
    (phone) => {
      expect(ContactFormFields.parse(aGoodForm({ email: '', phone })).phone).toBe(phone);
    },
  );

  it.each([
    ['too few digits', '01632 960'],
    ['too many digits', '+44 7700 900 982 123 45'],
    ['letters', '0770O 900 982'],
    ['words', 'call my daughter'],
    ['a + in the middle', '07700 +900 982'],
  ])('refuses a phone number with %s', (_why, phone) => {
    expect(messageFor(aGoodForm({ email: '', phone }), 'phone')).toBe(
      'Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
    );
  });
});

describe('someone acting for the resident (Code 3.6)', () => {
  it('records the person and how they are related', () => {
    const parsed = ContactFormFields.parse(
      aGoodForm({ actingForYou: 'yes', representativeName: ' Bob Example ', representativeRelationship: 'My son' }),
    );

    expect(parsed.representative).toEqual({ name: 'Bob Example', relationship: 'My son' });
  });

  it('leaves the relationship out when not given', () => {
    const parsed = ContactFormFields.parse(aGoodForm({ actingForYou: 'yes', representativeName: 'Bob Example' }));

    expect(parsed.representative).toEqual({ name: 'Bob Example', relationship: null });
  });

  it('asks for their name when the resident says someone is acting for them', () => {
    expect(errorsFor(aGoodForm({ actingForYou: 'yes', representativeName: '  ' }))).toEqual([
      { field: 'representativeName', message: 'Enter the name of the person acting for you' },
    ]);
  });

  it('ignores what is in those fields when the answer is no, as it is without JavaScript', () => {
    const parsed = ContactFormFields.parse(
      aGoodForm({ actingForYou: 'no', representativeName: 'x'.repeat(500), representativeRelationship: 'x'.repeat(500) }),
    );

    expect(parsed.representative).toBeNull();
  });

  it('limits their name and relationship to 200 characters', () => {
    expect(
      errorsFor(
        aGoodForm({ actingForYou: 'yes', representativeName: 'b'.repeat(201), representativeRelationship: 'r'.repeat(201) }),
      ),
    ).toEqual([
      { field: 'representativeName', message: 'Their name must be 200 characters or fewer' },
      { field: 'representativeRelationship', message: 'How they are related to you must be 200 characters or fewer' },
    ]);
  });

  it('asks for their name alongside every other problem on the page', () => {
    const fields = errorsFor({ actingForYou: 'yes', email: 'ann@example.com' }).map((e) => e.field);

    expect(fields).toEqual(['wants', 'whatHappened', 'name', 'addressOrTenancyReference', 'representativeName', 'submissionToken']);
  });
});

describe('the submission token', () => {
  it('must be the token the form page made', () => {
    expect(messageFor(aGoodForm({ submissionToken: 'not-a-token' }), 'submissionToken')).toMatch(/^This form has expired/);
    expect(messageFor(aGoodForm({ submissionToken: TOKEN }), 'submissionToken')).toBeUndefined();
  });
});

describe('reading the posted fields', () => {
  it("takes the first value of each of the form's fields and nothing else", () => {
    const form = new URLSearchParams('name=Ann&name=Eve&isAdmin=true&email=a%40b.com&wants=complaint');

    expect(answersFrom(form)).toEqual({ name: 'Ann', email: 'a@b.com', wants: 'complaint' });
  });
});
