import { describe, expect, it } from 'vitest';
import type { LetterData } from '../../../src/letters/catalogue.ts';
import { renderLetter, type RenderedLetter } from '../../../src/letters/render.ts';
import { examples, landlord, ombudsman } from './examples.ts';
import { positionsOf, readBothParts } from './read-letter.ts';

function expectBothPartsToSay(letter: RenderedLetter, phrases: readonly string[]): void {
  const { text, html } = readBothParts(letter);
  for (const phrase of phrases) {
    expect(text, `the text part says "${phrase}"`).toContain(phrase);
    expect(html, `the HTML part says "${phrase}"`).toContain(phrase);
  }
}

function expectNeitherPartToSay(letter: RenderedLetter, phrases: readonly string[]): void {
  const { text, html } = readBothParts(letter);
  for (const phrase of phrases) {
    expect(text).not.toContain(phrase);
    expect(html).not.toContain(phrase);
  }
}

const OMBUDSMAN_DETAILS = [ombudsman.name, ombudsman.telephone, ombudsman.email, ombudsman.website, ombudsman.onlineForm, ombudsman.post];
const LANDLORD_CONTACTS = [landlord.complaintsEmail, landlord.telephone, landlord.textNumber, landlord.complaintForm];

describe('intake acknowledgements (issue 5)', () => {
  it('the complaint received letter gives the reference, the acknowledgement date, the response timescale and the Ombudsman (Code 5, 6.2, 6.3)', () => {
    const letter = renderLetter('complaint-received', examples['complaint-received']);

    expect(letter.subject).toBe('We have your complaint (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'Dear Ms Okafor,',
      'We received your complaint on Monday 23 November 2026.',
      '“Boiler broken again, third time since September”',
      'Your reference is C-7K2M9Q4T.',
      'By Monday 30 November 2026 (within 5 working days) we will write to acknowledge your complaint',
      'our understanding of it, and what you would like us to do to put things right',
      'within 10 working days of acknowledging it',
      'at any stage of your complaint',
      ...OMBUDSMAN_DETAILS,
      'Riverside Co-op Homes',
    ]);
  });

  it('the complaint received letter counts the response from receipt when the policy does', () => {
    const letter = renderLetter('complaint-received', { ...examples['complaint-received'], respondCountedFrom: 'receipt' });

    expectBothPartsToSay(letter, ['within 10 working days of receiving your complaint']);
    expectNeitherPartToSay(letter, ['of acknowledging it']);
  });

  it('the service request letter says it is not a complaint and offers the choice to complain when the resident sounds unhappy (Code 1.3)', () => {
    const letter = renderLetter('service-request-logged', examples['service-request-logged']);

    expect(letter.subject).toBe('We have logged your request (reference SR-4H7N2P8W)');
    expectBothPartsToSay(letter, [
      'have logged it as a service request',
      'Repair to a dripping kitchen tap at Flat 3',
      'It is not a complaint.',
      'It sounds like you may be unhappy with our service. If you want us to treat your message as a complaint, reply to this email with the word “complaint” or use our complaint form at https://riverside-coop.example/complain',
      'If you are unhappy with how we handle your request',
      'You can make a complaint at any time.',
      ...LANDLORD_CONTACTS,
    ]);
  });

  it('the service request letter leaves out the choice when the resident does not sound unhappy, but still says how to complain', () => {
    const letter = renderLetter('service-request-logged', { ...examples['service-request-logged'], offerComplaintChoice: false });

    expectNeitherPartToSay(letter, ['It sounds like you may be unhappy', 'Do you want to make a complaint?']);
    expectBothPartsToSay(letter, ['You can make a complaint at any time.', landlord.complaintsEmail]);
  });

  it('the survey feedback letter says feedback is not a complaint and how to complain (Code 1.6)', () => {
    const letter = renderLetter('survey-feedback-thanks', examples['survey-feedback-thanks']);

    expect(letter.subject).toBe('Thank you for your feedback');
    expectBothPartsToSay(letter, [
      'Thank you for your feedback, which we received on Wednesday 25 November 2026.',
      'Feedback given in a survey is not treated as a complaint',
      'If you are unhappy with our service and want us to put something right, you can make a complaint.',
      ...LANDLORD_CONTACTS,
    ]);
  });

  it('the survey feedback letter quotes a reference when the feedback was logged under one', () => {
    const letter = renderLetter('survey-feedback-thanks', { ...examples['survey-feedback-thanks'], caseRef: 'F-3M8K1Q2Z' });

    expect(letter.subject).toBe('Thank you for your feedback (reference F-3M8K1Q2Z)');
    expectBothPartsToSay(letter, ['with the reference F-3M8K1Q2Z']);
  });

  it('the stage 2 request letter says what happens next and that someone new reviews it (Code 6.11, 6.13)', () => {
    const letter = renderLetter('stage-2-request-received', examples['stage-2-request-received']);

    expect(letter.subject).toBe('We have your request to take your complaint to stage 2 (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'We received your request on Monday 4 January 2027 to take your complaint to stage 2',
      'Stage 2 is our final stage.',
      'By Monday 11 January 2027 (within 5 working days) we will write to acknowledge your request.',
      'Someone who was not involved in your complaint at stage 1 will review it.',
      'our final response within 20 working days of acknowledging it',
      ...OMBUDSMAN_DETAILS,
    ]);
  });

  it('the message added letter tells a resident at stage 1 that their points are added to the complaint (Code 6.8)', () => {
    const letter = renderLetter('message-added-to-case', examples['message-added-to-case']);

    expect(letter.subject).toBe('We have added your message to your complaint (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'Thank you for your message of Thursday 3 December 2026.',
      '“Still no hot water”',
      'We have added it to your complaint, reference C-7K2M9Q4T.',
      'Your complaint is at stage 1 of our complaints process.',
      'If it is about your complaint, they will consider it and include it in their response.',
      'If it is about something new, we may log it as a new complaint',
    ]);
  });

  it('the message added letter for a service request says how to complain instead', () => {
    const data: LetterData<'message-added-to-case'> = {
      ...examples['message-added-to-case'],
      caseRef: 'SR-4H7N2P8W',
      caseKind: 'service-request',
      stage: undefined,
    };
    const letter = renderLetter('message-added-to-case', data);

    expect(letter.subject).toBe('We have added your message to your request (reference SR-4H7N2P8W)');
    expectBothPartsToSay(letter, ['We have added it to your service request, reference SR-4H7N2P8W.', 'you can make a complaint']);
    expectNeitherPartToSay(letter, ['stage 1']);
  });
});

describe('lifecycle letters (issue 6)', () => {
  const DEFINITION = [
    'Your boiler has broken down three times since September.',
    'Replace the boiler',
    'Pay for the electric heaters you bought',
    'Tell you why the appointments were missed',
  ];

  it('the stage 1 acknowledgement sets out the complaint definition and what the landlord is and is not responsible for (Code 5.6, 5.7, 6.2)', () => {
    const letter = renderLetter('stage-1-acknowledgement', examples['stage-1-acknowledgement']);

    expect(letter.subject).toBe('Your complaint: what we will look into (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'This letter acknowledges it at stage 1 of our complaints process',
      'Our understanding of your complaint',
      ...DEFINITION,
      'What we are responsible for',
      'Booking and keeping repair appointments',
      'What we are not responsible for',
      'Your energy supplier’s charges',
      'Please tell us the dates of the missed appointments, if you have them.',
      'If we have misunderstood your complaint, please tell us',
      'We will send you our stage 1 response by Monday 14 December 2026 (within 10 working days).',
      ...OMBUDSMAN_DETAILS,
      'Sam Hughes',
      'Complaints Officer',
    ]);
  });

  it('the stage 1 acknowledgement leaves out the clarification and responsibility sections when there are none', () => {
    const data = examples['stage-1-acknowledgement'];
    const letter = renderLetter('stage-1-acknowledgement', {
      ...data,
      clarificationRequest: undefined,
      complaintDefinition: { understanding: 'Your boiler keeps breaking down.', outcomesSought: ['Replace the boiler'] },
    });

    expectNeitherPartToSay(letter, ['Please tell us more', 'What we are responsible for', 'What we are not responsible for']);
    expectBothPartsToSay(letter, ['Your boiler keeps breaking down.', 'Replace the boiler']);
  });

  it('the stage 2 acknowledgement defines the complaint and gives the final response date (Code 5.6, 6.11, 6.13)', () => {
    const letter = renderLetter('stage-2-acknowledgement', examples['stage-2-acknowledgement']);

    expect(letter.subject).toBe('Your complaint at stage 2: what we will look into (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'This letter acknowledges it at stage 2 of our complaints process',
      ...DEFINITION,
      'Someone who was not involved in your complaint at stage 1 will review it.',
      'We will send you our final response by Monday 8 February 2027 (within 20 working days).',
      ...OMBUDSMAN_DETAILS,
    ]);
  });

  it('the stage 1 response carries 6.9 (a) to (g), in that order', () => {
    const letter = renderLetter('stage-1-response', examples['stage-1-response']);
    const sections = [
      /* (a) the stage */ 'This is our stage 1 response to your complaint.',
      /* (b) the complaint definition */ 'Your boiler has broken down three times since September.',
      /* (c) the decision */ 'We have partly upheld your complaint.',
      /* (d) the reasons */ 'Our records show two appointments on 2 and 9 October were not kept.',
      /* (e) the remedy */ 'Pay you £85 towards the cost of running electric heaters',
      /* (f) outstanding actions, each with its date */ 'Fit a new boiler: by Friday 18 December 2026',
      /* (g) how to escalate: to stage 2 */ 'You can ask us to take your complaint to stage 2',
    ];

    expect(letter.subject).toBe('Our stage 1 response to your complaint (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      ...sections,
      'The third breakdown, on 16 November, was repaired the next working day',
      'Pay £85 into your bank account: by Monday 21 December 2026',
      'Please ask by Monday 11 January 2027.',
      ...LANDLORD_CONTACTS,
      ...OMBUDSMAN_DETAILS,
    ]);
    for (const part of Object.values(readBothParts(letter))) {
      const at = positionsOf(part, sections);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });

  it('the stage 2 response carries 6.19 (a) to (g), with the route to the Ombudsman, in that order', () => {
    const letter = renderLetter('stage-2-response', examples['stage-2-response']);
    const sections = [
      /* (a) */ 'This is our stage 2 response to your complaint. It is our final response',
      /* (b) */ 'Your boiler has broken down three times since September.',
      /* (c) */ 'We have upheld your complaint.',
      /* (d) */ 'The heaters you bought cost more to run than the £85 we offered allowed for.',
      /* (e) */ 'Pay you a further £60 for the cost of running the heaters',
      /* (f) */ 'There is nothing outstanding.',
      /* (g) */ 'You can ask the Housing Ombudsman Service to investigate your complaint.',
    ];

    expect(letter.subject).toBe('Our stage 2 response to your complaint: our final response (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [...sections, ...OMBUDSMAN_DETAILS]);
    expectNeitherPartToSay(letter, ['take your complaint to stage 2']);
    for (const part of Object.values(readBothParts(letter))) {
      const at = positionsOf(part, sections);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });

  it.each([
    ['upheld', 'We have upheld your complaint.'],
    ['partly-upheld', 'We have partly upheld your complaint.'],
    ['not-upheld', 'We have not upheld your complaint.'],
  ] as const)('a response decided %s says so in one sentence (6.9 (c))', (decision, sentence) => {
    const letter = renderLetter('stage-1-response', { ...examples['stage-1-response'], decision });

    const { text } = readBothParts(letter);
    expectBothPartsToSay(letter, [sentence]);
    expect(text.match(/We have (partly upheld|upheld|not upheld) your complaint\./g)).toHaveLength(1);
  });

  it('a response with no remedy and nothing outstanding says both plainly (6.9 (e), (f))', () => {
    const letter = renderLetter('stage-1-response', {
      ...examples['stage-1-response'],
      decision: 'not-upheld',
      remedy: 'none',
      outstandingActions: [],
      escalation: {},
    });

    expectBothPartsToSay(letter, [
      'We are not offering a remedy for this complaint.',
      'There is nothing outstanding.',
      'You can ask us to take your complaint to stage 2',
    ]);
    expectNeitherPartToSay(letter, ['To put things right, we will:', 'Please ask by']);
  });

  it('the extension letter gives the stage, the reason, the new date, the working days and the Ombudsman (Code 6.5)', () => {
    const letter = renderLetter('extension', examples.extension);

    expect(letter.subject).toBe('We need more time to respond to your complaint (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'we need more time to send you our stage 1 response',
      'We said we would respond by Monday 14 December 2026.',
      'We will now respond by Friday 8 January 2027, which is 10 working days later.',
      'We are waiting for our heating contractor’s report on the missed appointments.',
      ...OMBUDSMAN_DETAILS,
    ]);
  });

  it('the extension letter at stage 2 names stage 2, and says "1 working day" for one day (Code 6.16)', () => {
    const letter = renderLetter('extension', { ...examples.extension, stage: 'stage-2', extensionWorkingDays: 1 });

    expectBothPartsToSay(letter, ['our stage 2 response', 'which is 1 working day later', ombudsman.telephone]);
  });

  it('the declined letter gives the reasons and the right to take the decision to the Ombudsman (Code 2.4, 2.5)', () => {
    const letter = renderLetter('complaint-declined', examples['complaint-declined']);

    expect(letter.subject).toBe('We cannot accept your complaint (reference C-9X3B6V1L)');
    expectBothPartsToSay(letter, [
      'we cannot accept it under our complaints policy',
      'more than 12 months before you told us about it',
      'We have logged the broken fence as a repair',
      'You have the right to ask the Housing Ombudsman Service to look at our decision.',
      ...OMBUDSMAN_DETAILS,
    ]);
  });

  it('the declined letter for a refused stage 2 request says so, with the reasons and the Ombudsman (Code 5.11)', () => {
    const letter = renderLetter('complaint-declined', {
      ...examples['complaint-declined'],
      declined: 'stage-2-escalation-refused',
      whatWeWillDoInstead: undefined,
      reasons: ['You told us you are happy with the repair and have no new points.'],
    });

    expect(letter.subject).toBe('We cannot take your complaint to stage 2 (reference C-9X3B6V1L)');
    expectBothPartsToSay(letter, [
      'we cannot take your complaint to stage 2',
      'You told us you are happy with the repair and have no new points.',
      'You have the right to ask the Housing Ombudsman Service to look at our decision.',
    ]);
    expectNeitherPartToSay(letter, ['we cannot accept it', 'What we will do instead']);
  });

  it('the satisfaction survey asks about handling and outcome separately, and nothing is sent until the resident submits', () => {
    const letter = renderLetter('satisfaction-survey', examples['satisfaction-survey']);

    expect(letter.subject).toBe('How did we handle your complaint? (reference C-7K2M9Q4T)');
    expectBothPartsToSay(letter, [
      'We closed your complaint “Boiler broken again, third time since September” on Friday 8 January 2027.',
      'How satisfied you are with how we handled your complaint',
      'How satisfied you are with the outcome of your complaint.',
      'https://redress.riverside-coop.example/survey/s-5f2a9c',
      'Nothing is sent until you choose “Submit” on the page.',
      'Or reply to this email with your answers.',
    ]);
    expect(letter.html).toContain('<a href="https://redress.riverside-coop.example/survey/s-5f2a9c">');
  });

  it('a resident unhappy with a stage 1 outcome is offered stage 2 and the Ombudsman (seed 002, 7.5)', () => {
    const letter = renderLetter('survey-unhappy-outcome', examples['survey-unhappy-outcome']);

    expectBothPartsToSay(letter, [
      'You told us you are unhappy with the outcome of your complaint.',
      'You can ask us to take it to stage 2',
      'Please ask by Friday 5 March 2027.',
      ...OMBUDSMAN_DETAILS,
    ]);
  });

  it('a resident unhappy with a stage 2 outcome is pointed to the Ombudsman, not offered stage 2 again (seed 002, 7.5)', () => {
    const letter = renderLetter('survey-unhappy-outcome', {
      ...examples['survey-unhappy-outcome'],
      stageReached: 'stage-2',
      stage2RequestBy: undefined,
    });

    expectBothPartsToSay(letter, [
      'our stage 2 response was our final response',
      'You can ask the Housing Ombudsman Service to investigate your complaint.',
      ...OMBUDSMAN_DETAILS,
    ]);
    expectNeitherPartToSay(letter, ['take it to stage 2']);
  });
});

describe('letters to staff', () => {
  it('the officer reminder names the milestone, the case, the due date and the working days left (Code 6.3)', () => {
    const letter = renderLetter('officer-reminder', examples['officer-reminder']);

    expect(letter.subject).toBe('C-7K2M9Q4T: stage 1 response due Monday 14 December 2026');
    expectBothPartsToSay(letter, [
      'Hello Sam Hughes,',
      'The stage 1 response for case C-7K2M9Q4T is due on Monday 14 December 2026 (Complaint Handling Code 6.3).',
      'You have 2 working days left.',
      'https://redress.riverside-coop.example/cases/C-7K2M9Q4T',
      'record an extension and its reason',
    ]);
  });

  it('the officer reminder on the day says "today"', () => {
    const letter = renderLetter('officer-reminder', { ...examples['officer-reminder'], milestone: 'stage-2-acknowledgement', workingDaysLeft: 0 });

    expect(letter.subject).toBe('C-7K2M9Q4T: stage 2 acknowledgement due today');
    expectBothPartsToSay(letter, ['(Complaint Handling Code 6.11)', 'That is today.']);
    expectNeitherPartToSay(letter, ['working days left']);
  });

  it('the overdue notice names the missed milestone, its date and who has the case (Code 6.2)', () => {
    const letter = renderLetter('milestone-overdue', examples['milestone-overdue']);

    expect(letter.subject).toBe('Overdue: stage 1 acknowledgement for C-7K2M9Q4T was due Monday 30 November 2026');
    expectBothPartsToSay(letter, [
      'The stage 1 acknowledgement for case C-7K2M9Q4T was due on Monday 30 November 2026 (Complaint Handling Code 6.2).',
      'now 1 working day overdue',
      'The case is with Sam Hughes.',
    ]);
  });

  it('the overdue notice says when no officer is assigned', () => {
    const letter = renderLetter('milestone-overdue', { ...examples['milestone-overdue'], handlerName: undefined, workingDaysOverdue: 3 });

    expectBothPartsToSay(letter, ['No officer is assigned to the case.', 'now 3 working days overdue']);
  });

  it('asks the officer who dealt with a complaint to contact a resident unhappy with its handling by a date, passing on what they wrote (seed 002, 7.3, 7.4)', () => {
    const letter = renderLetter('survey-handling-follow-up', examples['survey-handling-follow-up']);

    expect(letter.subject).toBe('C-7K2M9Q4T: the resident is unhappy with how their complaint was handled; contact them by Monday 1 February 2027');
    expectBothPartsToSay(letter, [
      'Hello Sam Hughes,',
      'Ms Okafor answered the satisfaction survey for case',
      'very dissatisfied with the way the complaint was handled, and satisfied with its outcome.',
      'Nobody called me back for three weeks.',
      'Please contact them by',
      'apologise if that is right, and explain how the way we handle complaints may change',
    ]);
  });

  it('a reminder about an outstanding action names it and asks for it to be done, not for an extension (Code 6.6)', () => {
    const letter = renderLetter('officer-reminder', {
      ...examples['officer-reminder'], milestone: undefined, outstandingAction: { action: 'Fit a new boiler', stage: 'stage-1' },
    });

    expect(letter.subject).toBe('C-7K2M9Q4T: outstanding action “Fit a new boiler” due Monday 14 December 2026');
    expectBothPartsToSay(letter, [
      'The outstanding action “Fit a new boiler” for case C-7K2M9Q4T is due on Monday 14 December 2026 (Complaint Handling Code 6.6).',
      'When it is done, mark it done on the case.',
      'keep them updated until it is',
    ]);
    expectNeitherPartToSay(letter, ['record an extension']);
  });

  it('an overdue notice about a stage 2 outstanding action cites 6.17 and asks for it to be done', () => {
    const letter = renderLetter('milestone-overdue', {
      ...examples['milestone-overdue'], milestone: undefined, outstandingAction: { action: 'Pay £150 compensation', stage: 'stage-2' },
    });

    expect(letter.subject).toBe('Overdue: outstanding action “Pay £150 compensation” for C-7K2M9Q4T was due Monday 30 November 2026');
    expectBothPartsToSay(letter, ['(Complaint Handling Code 6.17)', 'Please see that it is done as soon as you can']);
    expectNeitherPartToSay(letter, ['Please send it']);
  });

  it('a notice is about a milestone or an outstanding action, never both or neither', () => {
    const action = { action: 'Fit a new boiler', stage: 'stage-1' } as const;

    expect(() => renderLetter('milestone-overdue', { ...examples['milestone-overdue'], outstandingAction: action })).toThrow(/not both/);
    expect(() => renderLetter('officer-reminder', { ...examples['officer-reminder'], milestone: undefined })).toThrow(/not both/);
  });

  it('reminds the owner of a learning action what it is, that it is a service improvement, and how to end it (Code 9.1)', () => {
    const learningAction = { action: 'Retrain the repairs team on damp surveys', owner: 'Maintenance manager' };

    const letter = renderLetter('officer-reminder', { ...examples['officer-reminder'], milestone: undefined, learningAction });

    const { text } = readBothParts(letter);
    expect(letter.subject).toContain('learning action “Retrain the repairs team on damp surveys”');
    expect(text).toContain('(Complaint Handling Code 9.1)');
    expect(text).toContain('owned by Maintenance manager');
    expect(text).toContain('mark it dropped and say why');
    expect(text).not.toContain('extension');
  });

  it('the weekly digest lists overdue, due soon, extensions and long-open service requests, each row with its date', () => {
    const letter = renderLetter('weekly-digest', examples['weekly-digest']);

    expect(letter.subject).toBe('Complaints digest for Riverside Co-op Homes: week of Monday 7 December 2026');
    const { text } = readBothParts(letter);
    expect(text).toContain('Overdue - C-2D8F4J6K (Damp in back bedroom): stage 1 response due Friday 4 December 2026');
    expect(text).toContain('Due within 3 working days - C-7K2M9Q4T (Boiler breakdowns and missed appointments): stage 1 response due Wednesday 9 December 2026');
    expect(text).toContain('C-5T1R8Y3U (Noise from communal door): stage 2 acknowledgement due Thursday 10 December 2026');
    expect(text).toContain('Extensions granted None.');
    expect(text).toContain('Service requests open longer than 20 working days - SR-4H7N2P8W (Dripping kitchen tap): service request due Tuesday 1 December 2026');
    expect(letter.html).toContain('<td style="padding: 4px 8px 4px 0;">C-2D8F4J6K</td><td style="padding: 4px 8px 4px 0;">Damp in back bedroom</td>');
    expect(letter.html.match(/<tr><td/g)).toHaveLength(4);
  });

  it('the weekly digest with nothing to report says so', () => {
    const letter = renderLetter('weekly-digest', {
      ...examples['weekly-digest'],
      overdue: [],
      dueSoon: [],
      extensionsGranted: [],
      longOpenServiceRequests: [],
    });

    expectBothPartsToSay(letter, ['Nothing is overdue or due soon, no extensions were granted']);
    expect(letter.html).not.toContain('<table');
  });
});
