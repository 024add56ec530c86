import { describe, expect, it } from 'vitest';
import { classifyMessage, defaultTriageModel } from '../../../src/core/triage/classify.ts';
import { findCues } from '../../../src/core/triage/cues.ts';
import type { TriageModel } from '../../../src/core/triage/model.ts';
import type { TriageInput } from '../../../src/core/triage/triage-input.ts';

// Fresh messages written for these tests, one per hard case of corpus/LABELS.md; none is a corpus line.
const email = (body: string, more: Partial<TriageInput> = {}): TriageInput =>
  ({ channel: 'email', subject: null, body, context: null, ...more });
const sms = (body: string, more: Partial<TriageInput> = {}): TriageInput => email(body, { channel: 'sms', ...more });
const survey = (body: string): TriageInput => ({ channel: 'survey', subject: 'Repairs satisfaction survey', body, context: 'survey' });

describe('complaint or service request: a repair', () => {
  it('Code 1.4: a first report of a leak is a service request, however upset the resident is about the leak', () => {
    const result = classifyMessage(email("Water is pouring through my bathroom ceiling from the flat above and I'm in a real state. Please send a plumber today, I'm at 4 Elm Road."));

    expect(result.label).toBe('service_request');
    expect(result.reasons.join('\n')).toMatch(/asks for something to be done.*send a plumber/);
  });

  it('Code 1.5: chasing a leak reported three times, with nobody come, is a complaint', () => {
    const result = classifyMessage(email("This is the third time I've rung about the water coming through my bathroom ceiling. Nobody has come out and the ceiling is sagging now."));

    expect(result.label).toBe('complaint');
    expect(result.reasons).toContainEqual(expect.stringMatching(/^chasing something reported before: ".*third time I've rung/));
    expect(result.reasons).toContainEqual(expect.stringMatching(/^nobody responded, came or kept them informed: "Nobody has come out/));
  });

  it('Code 1.5: a broken promise in reply to our acknowledgement of a repair is a complaint', () => {
    const result = classifyMessage(sms('u said someone would come tues. its fri. still no hot water. sort it out', { context: 'service_request_ack' }));

    expect(result.label).toBe('complaint');
    expect(result.reasons[0]).toMatch(/reply to our acknowledgement of a service request/);
    expect(result.reasons.join('\n')).toMatch(/something promised did not happen: "u said someone would come tues"/);
  });

  it('Code 1.4: asking when the contractor is coming, with no dissatisfaction, is a service request', () => {
    const result = classifyMessage(sms('Can you tell me when the contractor is coming?'));

    expect(result).toMatchObject({ label: 'service_request', dissatisfaction: false });
  });

  it('Code 1.5: the same question is a complaint when intake knows the problem was reported three times before', () => {
    const question = sms('Hi, when is someone coming to look at my boiler?');

    const withoutHistory = classifyMessage(question);
    const withHistory = classifyMessage({ ...question, history: { timesSameProblemReported: 3 } });

    expect(withoutHistory.label).toBe('service_request');
    expect(withHistory.label).toBe('complaint');
    expect(withHistory.reasons.join('\n')).toMatch(/reported 3 times before/);
  });
});

describe('first reports that mention reporting', () => {
  it('Code 1.4: "I have not reported this before" is a first report, not chasing', () => {
    const result = classifyMessage(email('There is a crack running up the wall by my front door. I have not reported this before. Could someone look at it?'));

    expect(result.label).toBe('service_request');
    expect(result.reasons.join('\n')).not.toMatch(/chasing/);
  });
});

describe('negation ending in "n\'t"', () => {
  it('Code 1.4: "I haven\'t reported it before" is a first report, not chasing', () => {
    const result = classifyMessage(email("The extractor fan in my kitchen has stopped spinning. I haven't reported it before. Could someone come and look?"));

    expect(result.label).toBe('service_request');
    expect(result.reasons.join('\n')).not.toMatch(/chasing/);
  });
});

describe('complaint or service request: anti-social behaviour', () => {
  it('ASB policy: a first report of a noisy neighbour is a service request', () => {
    const result = classifyMessage(email("The people at number 12 have been playing loud music until 3am all week. I've never reported them before. Can you help?", { channel: 'web_form' }));

    expect(result.label).toBe('service_request');
    expect(result.reasons.join('\n')).toMatch(/anti-social behaviour/);
  });

  it('Code 1.2: unhappiness with how the landlord handled an ASB report is a complaint', () => {
    const result = classifyMessage(email("I reported the noise from number 12 in March and sent the diary sheets back. Since then I've heard nothing from the officer and the parties are still going on. I feel let down."));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/expresses dissatisfaction: "I feel let down"/);
  });

  it('Code 1.2: asking how to complain about a neighbour is not a complaint about the landlord', () => {
    const result = classifyMessage(email("How do I make a complaint about my neighbour's cat? It keeps getting into my kitchen."));

    expect(result.label).toBe('service_request');
    expect(result.asksToComplain).toBe(false);
  });
});

describe('a complaint need not use the word (Code 1.2)', () => {
  it('Code 1.2: rudeness by an operative, with an apology asked for, is a complaint without the word "complaint"', () => {
    const body = 'Your operative was rude to my elderly mother and left mud all over the carpet. I want an apology.';

    const result = classifyMessage(email(body));

    expect(body).not.toMatch(/complain/i);
    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/how staff or someone acting for the landlord behaved: "Your operative was rude/);
  });

  it('Code 1.2: feeling treated differently because of a disability is a complaint', () => {
    const result = classifyMessage(email("I asked for a ground floor flat because of my disability and I feel I've been treated differently from other applicants."));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/feels unfairly treated/);
  });

  it('Code 1.2: a service paid for and not provided is a complaint', () => {
    const result = classifyMessage(email("The grass on our estate hasn't been cut all summer and we pay for it in the service charge.", { channel: 'web_form' }));

    expect(result.label).toBe('complaint');
  });
});

describe('unfair treatment, access and the landlord\'s own mistakes (Code 1.2)', () => {
  it('Code 1.2: being turned away and told to use an app the resident cannot use is a complaint', () => {
    const result = classifyMessage(email('I am registered blind. Your office turned me away at the counter and told me to report the broken window on the website, which I cannot use.'));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/feels unfairly treated: ".*turned me away/);
  });

  it('Code 1.2: no interpreter arranged for a deaf resident, though asked for, is a complaint', () => {
    const result = classifyMessage(email('My brother is deaf. Nobody arranged a BSL interpreter for his rent meeting although we asked twice, so he understood none of it.'));

    expect(result.label).toBe('complaint');
    expect(result.dissatisfaction).toBe(true);
  });

  it('Code 1.2: a letter sent in error, with an explanation asked for, is dissatisfaction with the landlord', () => {
    const result = classifyMessage(email('I got a final demand for £300 of rechargeable repairs. It was sent in error: I moved in last month. I would like to know how this happened and the charge removed.'));

    expect(result.dissatisfaction).toBe(true);
    expect(result.reasons.join('\n')).toMatch(/the landlord lost or mishandled something: ".*sent in error/);
  });

  it('Code 1.2: damage left by a contractor, and the second time, is a complaint', () => {
    const result = classifyMessage(email('The plumber you sent scratched our new bath and left the bathroom covered in grit. It has happened twice now with your contractors.'));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/chasing something reported before: ".*happened twice/);
  });
});

describe('landlord\'s mistakes, charges and the standard of work (Code 1.2)', () => {
  it('Code 1.2: a recharge the resident says is not theirs to pay is a complaint, however politely put', () => {
    const result = classifyMessage(email("I've had a bill for £210 for the garden fence. It blew down in the storm in February, which I reported at the time. I don't see why I should pay for storm damage. Please could you look at it again.", { subject: 'Fence invoice' }));

    expect(result).toMatchObject({ label: 'complaint', dissatisfaction: true });
    expect(result.reasons.join('\n')).toMatch(/disputes a charge: ".*don't see why I should pay/);
  });

  it('Code 1.2: another tenant\'s details in the resident\'s letter is the landlord\'s mistake', () => {
    const result = classifyMessage(email("My rent letter arrived today with another tenant's name and balance printed on the back page. I'd like to know who has got mine."));

    expect(result.dissatisfaction).toBe(true);
    expect(result.reasons.join('\n')).toMatch(/the landlord lost or mishandled something: ".*another tenant's name/);
  });

  it('Code 1.2: new work already failing because it was not done properly is a complaint', () => {
    const result = classifyMessage(email('The guttering your contractor replaced in May was not fixed properly and one length has already come away from the wall.'));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/the work was not done properly: ".*not fixed properly/);
  });

  it('Code 1.2: "I don\'t like to complain, but" before a run of cancelled visits is a complaint', () => {
    const result = classifyMessage(email("I don't like to complain, but the damp survey has now been booked and called off three times. Could it go ahead next time?"));

    expect(result).toMatchObject({ label: 'complaint', dissatisfaction: true });
  });

  it('ASB policy: the same hedge before a first report about a neighbour is not dissatisfaction with the landlord', () => {
    const result = classifyMessage(email("I don't like to complain about my neighbours, but their dog has been howling every afternoon this week. Can you have a word?"));

    expect(result).toMatchObject({ label: 'service_request', dissatisfaction: false });
  });
});

describe('service requests that give details rather than ask', () => {
  it('Code 1.4: a reply to our acknowledgement with access details and a courtesy is a service request', () => {
    const result = classifyMessage(email("Thanks. I'm in from 9 on Fridays, and the engineer will need the side gate as the front is blocked by a skip. Ring me on 07700 900111.", { subject: 'Re: Repair request received', context: 'service_request_ack' }));

    expect(result.label).toBe('service_request');
    expect(result.reasons.join('\n')).toMatch(/sends details for a request/);
  });

  it('Code 1.4: a request signed off "thanks" with a name on the same line is not set aside as thanks', () => {
    const result = classifyMessage(sms('can u send the form for a new parking permit please. thanks. Dee flat 4 Ash Ct'));

    expect(result.label).toBe('service_request');
    expect(result.reasons.join('\n')).not.toMatch(/thanks or a compliment/);
  });
});

// A model that reads every message as a service request, to show what the rules decide on their own.
const modelThatSaysServiceRequest: TriageModel = { ...defaultTriageModel(), bias: [-5, 5, 0], weights: {} };

describe('polite dissatisfaction is still a complaint (Code 1.2)', () => {
  it('Code 1.2: rudeness by a call handler, signed off with thanks, is a complaint: the sign-off is courtesy, not praise', () => {
    const result = classifyMessage(email('I rang the repairs line on Tuesday. The lady I spoke to was very rude and put the phone down on me when I asked for a date.\n\nThanks,\nJoan Pike\n7 Marsh Lane'));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).not.toMatch(/thanks or a compliment/);
  });

  it('Code 1.5: a contractor who never turned up is a failure of service, even when the model reads a request to rebook', () => {
    const result = classifyMessage(sms('The contractor never turned up on Monday. Can you rebook for Thursday?'), modelThatSaysServiceRequest);

    expect(result).toMatchObject({ label: 'complaint', dissatisfaction: true });
    expect(result.reasons[0]).toMatch(/names a failure in the landlord's service.*Code 1\.2/);
    expect(result.reasons.join('\n')).toMatch(/a missed or cancelled appointment: "The contractor never turned up on Monday"/);
    expect(result.confidence).toBeLessThan(0.75);
  });

  it('Code 1.2: asking to make a complaint is a complaint, whatever the model reads', () => {
    const result = classifyMessage(email('Please log this as a complaint: the bin store has not been cleaned since the new contract began.'), modelThatSaysServiceRequest);

    expect(result).toMatchObject({ label: 'complaint', asksToComplain: true });
    expect(result.reasons[0]).toMatch(/asks in so many words to complain/);
    expect(result.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it('Code 1.5: a courteous letter asking why a repair reported several times has stalled is a complaint', () => {
    const result = classifyMessage(email('I would be grateful if you could look into the bathroom extractor fan. I have reported it and my husband has reported it, and two engineers have been out, but it still does not work. Could you let me know when it will be repaired?'));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/chasing something reported before: "I have reported it and my husband has reported it/);
  });
});

describe('replies to our letters', () => {
  it('Code 6: a reply to a stage 1 response saying the resident is not happy is a stage 2 request', () => {
    const result = classifyMessage(email("I'm not happy with your answer, I'd like it looked at again.", { context: 'stage1_response' }));

    expect(result).toMatchObject({ label: 'complaint', asksToEscalate: true });
    expect(result.reasons[0]).toBe('reply to a stage 1 response expressing dissatisfaction: a stage 2 request');
  });

  it('a reply to a stage 1 response accepting the outcome is not a complaint', () => {
    const result = classifyMessage(email('Thanks, happy with the outcome.', { context: 'stage1_response' }));

    expect(result.label).toBe('other');
  });

  it('accepting the stage 2 response, though it mentions stage 2 and not taking it further, is not a complaint', () => {
    const result = classifyMessage(email('Thanks for reviewing my case at stage 2. I accept your decision and the apology, and I do not want to take it any further.', { context: 'stage2_response' }));

    expect(result.label).toBe('other');
    expect(result.reasons.join('\n')).toMatch(/accepts the response/);
  });

  it('the subject of our own letter, echoed in a reply, is not the resident asking for stage 2', () => {
    const result = classifyMessage(email('Thank you for the final response, I am pleased with the new kitchen.', { subject: 'RE: Stage 2 final response', context: 'stage2_response' }));

    expect(result).toMatchObject({ label: 'other', asksToEscalate: false });
  });

  it('a reply to a complaint acknowledgement adding a new point is part of the complaint', () => {
    const result = classifyMessage(email('Thanks for logging it, but you have left out that the plumber also broke my tiles. Please add this to my complaint.', { context: 'complaint_ack' }));

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/adds to or corrects an open complaint/);
  });

  it('Code 1.4: thanks for our acknowledgement with a question about the visit is a service request', () => {
    const result = classifyMessage(sms('Thanks, can the electrician come after 2pm?', { context: 'service_request_ack' }));

    expect(result.label).toBe('service_request');
  });
});

describe('survey replies (Code 1.6)', () => {
  it('Code 1.6: a negative survey answer is survey feedback, not a complaint, and the reason says so', () => {
    const result = classifyMessage(survey('the repair took too long, 2/10'));

    expect(result).toMatchObject({ label: 'survey_feedback', dissatisfaction: true });
    expect(result.reasons[0]).toMatch(/feedback, not a complaint \(Code 1\.6\)/);
    expect(result.reasons[1]).toMatch(/says how to complain: "the repair took too long"/);
  });

  it('Code 1.6: a survey reply asking to make a complaint is a complaint', () => {
    const result = classifyMessage(survey('3/10. I want to make a complaint about the way the roofer left my garden.'));

    expect(result).toMatchObject({ label: 'complaint', asksToComplain: true });
  });

  it('Code 1.6: "no complaints" in a survey reply is not a request to complain', () => {
    const result = classifyMessage(survey('Fine, no complaints. 7'));

    expect(result).toMatchObject({ label: 'survey_feedback', asksToComplain: false, dissatisfaction: false });
  });
});

describe('negation', () => {
  it('"not unhappy" is not dissatisfaction', () => {
    const result = classifyMessage(email('Not unhappy with the work at all, just wondering when the painter will come back to do the skirting?'));

    expect(result).toMatchObject({ label: 'service_request', dissatisfaction: false });
  });
});

describe('other', () => {
  it('thanks to a tradesperson is neither a complaint nor a service request', () => {
    const result = classifyMessage(email('Thank you to the gas engineer who came today, very polite and tidy.'));

    expect(result.label).toBe('other');
  });

  it('a personal text meant for a friend is not a message to the landlord', () => {
    const result = classifyMessage(sms('hiya Jo its Priya, still on for the cinema later? x'));

    expect(result.label).toBe('other');
    expect(result.reasons.join('\n')).toMatch(/looks meant for someone else/);
  });

  it('a text meant for a family member is not a message to the landlord', () => {
    const result = classifyMessage(sms('Hiya mum, can you grab bread on your way back? x'));

    expect(result.label).toBe('other');
    expect(result.reasons.join('\n')).toMatch(/looks meant for someone else/);
  });

  it('a parcel redelivery-fee text is phishing, not a complaint about something returned', () => {
    const result = classifyMessage(sms('Parcelforce: your package is held. Pay the £2.99 redelivery fee at https://pf-redeliver.example to avoid it being returned.'));

    expect(result).toMatchObject({ label: 'other', dissatisfaction: false });
    expect(result.reasons[0]).toMatch(/marketing or phishing/);
  });

  it('marketing is recognised as not from a resident', () => {
    const result = classifyMessage(email('Limited offer! Get a free quote for double glazing for all your tenants. Click here to unsubscribe.'));

    expect(result.label).toBe('other');
    expect(result.reasons[0]).toMatch(/marketing or phishing/);
  });
});

describe('failures of service put plainly (Code 1.2)', () => {
  it('Code 1.2: long holds and being cut off, in a message that asks for something, is a complaint', () => {
    const result = classifyMessage(email('I have phoned three mornings running, waited on hold for over 30 minutes and then got cut off every time. I only want to ask about my rent statement.'), modelThatSaysServiceRequest);

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/could not get through to the landlord: ".*on hold for over 30 minutes/);
  });

  it("Code 1.2: the landlord's own inspection, proved wrong, is a complaint", () => {
    const result = classifyMessage(sms('ur engineer told me the boiler was safe on monday. it burst on wednesday and flooded the kitchen'), modelThatSaysServiceRequest);

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/was told by someone acting for the landlord that all was well, and it was not: "ur engineer told me the boiler was safe/);
  });

  it('Code 1.2: a contractor who blocks the resident in and will not move is a complaint about conduct', () => {
    const result = classifyMessage(sms('your scaffolders parked across my driveway and refused to move the lorry when I asked, so I missed work'), modelThatSaysServiceRequest);

    expect(result.label).toBe('complaint');
    expect(result.reasons.join('\n')).toMatch(/about how staff or someone acting for the landlord behaved/);
  });

  it('ASB policy: a neighbour who will not turn the music down is not staff conduct, though the message names an officer', () => {
    const cues = findCues(null, "My neighbour wouldn't turn his music down when I asked him. Could the housing officer have a word?");

    expect(cues.map((c) => c.id)).not.toContain('staff-conduct');
    expect(cues.map((c) => c.id)).toContain('neighbour-report');
  });

  it('a texted request to complain, without the "I", is a request to complain, also in a survey reply', () => {
    const result = classifyMessage(survey('2/10. the gate still wont shut after the so called repair. want to complain'));

    expect(result).toMatchObject({ label: 'complaint', asksToComplain: true });
  });

  it('Welsh "not happy" is dissatisfaction', () => {
    const cues = findCues(null, "Dw i ddim yn hapus. Mae'r gwres wedi torri eto.");

    expect(cues).toContainEqual(expect.objectContaining({ id: 'dissatisfaction', quote: 'Dw i ddim yn hapus' }));
  });
});

describe('first reports whose words only look like complaints', () => {
  it('"this is the first time I have reported it" is not chasing', () => {
    const cues = findCues(null, "The hall light flickers all evening. This is the first time I've reported it, can someone look?");

    expect(cues.map((c) => c.id)).not.toContain('repeat-report');
  });

  it('a resident who lost our letter is not the landlord losing something', () => {
    const cues = findCues(null, 'can u resend my tenancy agreement pls. lost the copy u gave me');

    expect(cues.map((c) => c.id)).not.toContain('mishandled');
    expect(findCues(null, 'You have lost my transfer form again.').map((c) => c.id)).toContain('mishandled');
  });

  it('asking whether a visit is still going ahead is not "still not put right"', () => {
    const cues = findCues(null, 'Could you let me know whether the damp survey is still going ahead on Friday?');

    expect(cues.map((c) => c.id)).not.toContain('still-not-fixed');
  });

  it('"not fixed to the wall" describes a thing, not a repair left undone', () => {
    const cues = findCues(null, 'Can I put up a freestanding bookcase? It is not fixed to the wall.');

    expect(cues.map((c) => c.id)).not.toContain('still-not-fixed');
  });

  it('"the man downstairs" is a neighbour, not someone acting for the landlord', () => {
    const cues = findCues(null, 'The man downstairs was rude and threatening to me on the stairs last night. I want to report it.');

    expect(cues.map((c) => c.id)).not.toContain('staff-conduct');
  });

  it('a long-standing problem the resident never thought to report is not a long wait on the landlord', () => {
    const cues = findCues(null, 'The skirting in the lounge has been loose for two years, I never thought much about it. Could someone fix it?');

    expect(cues.map((c) => c.id)).not.toContain('long-wait');
  });
});

describe('requests put indirectly', () => {
  it('Code 1.4: "it would be good if" asks for something', () => {
    expect(findCues(null, 'The hedge by the bus stop has grown across the path. It would be good if it could be trimmed.').map((c) => c.id)).toContain('request');
  });

  it('Code 1.4: "I\'d like to report" asks for something', () => {
    expect(findCues(null, "I'd like to report a broken paving slab outside number 6.").map((c) => c.id)).toContain('request');
  });

  it('Code 1.4: a texted question without a question mark is a question', () => {
    expect(findCues(null, 'is the rent office open on saturdays').map((c) => c.id)).toContain('question');
  });

  it('Code 1.4: what the resident forgot to say, in reply to our acknowledgement, is a service request however warmly put', () => {
    const result = classifyMessage(email('Thank you. I forgot to mention that the leak is under the kitchen sink, not the bathroom one.', { context: 'service_request_ack' }));

    expect(result.label).toBe('service_request');
    expect(result.reasons[0]).toMatch(/reply to our acknowledgement of a service request/);
  });

  it('accepting a stage 1 response and asking when the payment will arrive is a service request, not a complaint', () => {
    const result = classifyMessage(email('Thanks for your letter, I am happy with the outcome. When will the £50 be paid into my account?', { context: 'stage1_response' }));

    expect(result.label).toBe('service_request');
    expect(result.reasons[0]).toMatch(/accepts the response to the complaint and asks for something more/);
  });
});

describe('messages not meant for the landlord', () => {
  it('a letter addressed to an energy company is not a complaint to the landlord, whatever it disputes', () => {
    const result = classifyMessage(email('Dear EDF Energy, my last bill is far too high and I want a refund of the overcharge. Account 55120.'));

    expect(result.label).toBe('other');
    expect(result.reasons[0]).toMatch(/addressed by name to another organisation/);
    expect(result.dissatisfaction).toBe(true);
  });

  it('a resident who mentions an energy company is not writing to it', () => {
    expect(findCues(null, 'Hi british gas came today and said the flue needs replacing, can you arrange it?').map((c) => c.id)).not.toContain('addressed-elsewhere');
  });

  it('a firm selling to the landlord is marketing', () => {
    const result = classifyMessage(email("Hi, I'm reaching out from a software company that helps housing associations cut void times. Could I have 20 minutes in your diary next week?"));

    expect(result.label).toBe('other');
    expect(result.reasons[0]).toMatch(/marketing or phishing/);
  });

  it('a message signed off to family is meant for someone else', () => {
    const result = classifyMessage(email('Hi Tom, can you ring the bank for me tomorrow and check the direct debit went out? Love, Dad'));

    expect(result.label).toBe('other');
    expect(result.reasons.join('\n')).toMatch(/looks meant for someone else/);
  });
});

describe('every answer is explained and repeatable', () => {
  it('gives the same label, confidence and reasons for the same message', () => {
    const message = sms('Leak under the sink still not fixed, nobody came on Tuesday');

    expect(classifyMessage(message)).toEqual(classifyMessage(message));
  });

  it('gives at least one reason and a confidence between 0 and 1 even for an empty message', () => {
    const result = classifyMessage(sms(''));

    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });
});
