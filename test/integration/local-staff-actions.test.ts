import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';
import { runRedress } from '../support/run-redress.ts';

// The whole local stack with its real lifecycle: a mailed complaint, then an officer's actions over the staff API.
let h: Harness;
beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
});
afterAll(() => h.close());

describe('an officer works a complaint that came in by mail, on npm start', () => {
  it('acknowledges it with the complaint definition over the staff API, and the resident gets the stage 1 acknowledgement', async () => {
    await h.sendRaw(residentMail({ from: 'mo@example.com', messageId: '<mo@example.com>', body: 'Third time I have reported the damp. I want to make a complaint.' }), { from: 'mo@example.com' });
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<mo@example.com>');
    const caseRef = message!.caseRef!;

    const response = await fetch(`${h.redress.url}/api/cases/${caseRef}/acknowledge`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-staff-token', 'x-redress-officer': 'Sam Officer', 'content-type': 'application/json' },
      body: JSON.stringify({ understanding: 'Damp in the bedroom reported three times and not put right', outcomesSought: ['The damp treated'], handler: 'Sam Officer' }),
    });

    expect(response.status).toBe(200);
    const letters = (await h.sentMail()).filter((m) => m.destination.to.includes('mo@example.com'));
    expect(letters).toHaveLength(2);
    expect(letters.at(-1)!.subject).toContain('what we will look into');
    expect(letters.at(-1)!.body.text).toContain('Damp in the bedroom reported three times');
  });

  it('answers an action without the staff token with 401', async () => {
    const response = await fetch(`${h.redress.url}/api/cases/C-AAAAAAAA/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reason":"x"}' });

    expect(response.status).toBe(401);
  });

  it('shows the complaint file from the command line', async () => {
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<mo@example.com>');

    const run = await runRedress(['case', 'show', message!.caseRef!], '', { REDRESS_URL: h.redress.url, REDRESS_STAFF_TOKEN: 'test-staff-token' });

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(message!.caseRef!);
  });
});
