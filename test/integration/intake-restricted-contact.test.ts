import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The whole local stack: a complaint mailed in, its resident's contact restricted to letters to one officer over the
// staff API, then more mail from them over SMTP (Code 5.14; seed 002 §4.2, §4.4).
const RESIDENT = 'restricted.resident@example.com';
const OFFICER = 'sam.officer@demo.redress.test';
let h: Harness;
let caseRef: string;

const mail = async (messageId: string, subject: string, body: string) => {
  await h.sendRaw(residentMail({ from: RESIDENT, messageId: `<${messageId}@example.com>`, subject, body }), { from: RESIDENT });
  const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === `<${messageId}@example.com>`);
  return message!;
};

beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
  caseRef = (await mail('first', 'Damp again', 'Third time I have reported the damp in the bedroom. I want to make a complaint.')).caseRef!;
  const restricted = await fetch(`${h.redress.url}/api/cases/${caseRef}/restrict-contact`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-staff-token', 'x-redress-officer': 'a.director@demo.redress.test', 'content-type': 'application/json' },
    body: JSON.stringify({
      behaviour: 'Forty emails a week to every member of staff.', reasons: ['The emails take the time the team needs for other residents.'],
      allowedChannels: ['letter'], namedOfficer: OFFICER, equalityAct: 'Proportionate: the resident writes letters easily.', vulnerability: 'None known.',
    }),
  });
  if (restricted.status !== 200) throw new Error(`restrict-contact answered ${restricted.status}: ${await restricted.text()}`);
});
afterAll(() => h.close());

describe('a resident whose contact is restricted writes by email, which the restriction does not allow', () => {
  it('told them in writing why, what they may still do, the review date and how to appeal', async () => {
    const letter = (await h.sentMail()).find((m) => m.destination.to.includes(RESIDENT) && m.subject.startsWith('How you can contact us'));

    expect(letter?.body.text).toContain('From now on, please contact us by letter only, with sam.officer@demo.redress.test only.');
    expect(letter?.body.text).toMatch(/This does not stop you reporting an emergency repair or any other urgent repair, or making a new complaint/);
    expect(letter?.body.text).toMatch(/You can appeal against this decision at any time before .* Your appeal will be considered by the Senior Management Team, who will tell you the decision within 10 working days/s);
  });

  it('keeps a message about the complaint, adds it to the case, flags it, tells the named officer, and the receipt reminds them of the agreed way', async () => {
    const message = await mail('chaser', `Re: ${caseRef}`, `About ${caseRef}: I am still waiting and have emailed five times today.`);

    expect(message).toMatchObject({ outcome: 'joined-case', caseRef });
    expect(message.flags).toContainEqual(expect.stringContaining('outside the agreed way: by letter only'));
    const sent = await h.sentMail();
    expect(sent.find((m) => m.destination.to.includes(RESIDENT) && m.body.text?.includes('We have added it to your complaint'))?.body.text)
      .toContain('As we wrote to you, please contact us by letter only, with sam.officer@demo.redress.test only.');
    expect(sent.filter((m) => m.destination.to.includes(OFFICER)).map((m) => m.subject)).toContainEqual(`${caseRef}: a message from a resident whose contact is restricted, not the agreed way`);
  });

  it('still opens a service request for an urgent repair, with the usual receipt and no reminder of the restriction', async () => {
    const message = await mail('leak', 'Water coming through the ceiling', 'A pipe has burst under the bath and water is pouring through the kitchen ceiling. Please send someone today.');

    expect(message).toMatchObject({ outcome: 'opened-case', caseRef: expect.stringMatching(/^SR-/) });
    expect(message.notes).toContainEqual(expect.stringContaining('a new complaint or a service request is never restricted'));
    const receipt = (await h.sentMail()).find((m) => m.destination.to.includes(RESIDENT) && m.body.text?.includes(message.caseRef!) && !m.destination.to.includes(OFFICER));
    expect(receipt?.body.text).not.toContain('As we wrote to you');
    const notice = (await h.sentMail()).filter((m) => m.destination.to.includes(OFFICER)).at(-1);
    expect(notice?.body.text).toContain(`It was kept and handled as usual: opened service request ${message.caseRef}.`);
  });
});
