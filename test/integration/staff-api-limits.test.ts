// Issue 14, item 6: the staff API answers a caller's mistake with a clear 4xx, never a 500, and logs its own faults as
// one structured line.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFields } from '../../src/adapters/logging/error-fields.ts';
import { answerErrors } from '../../src/http/errors.ts';
import { MemoryLogger, openHarness, residentMail, type Harness } from '../support/local-redress.ts';

let h: Harness;
let caseRef: string;
beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
  await h.sendRaw(residentMail({ from: 'nia@example.com', body: 'Third time I have reported the damp. I want to make a complaint.' }), { from: 'nia@example.com' });
  caseRef = (await h.redress.intake.messages.listMessages('demo'))[0]!.caseRef!;
});
afterAll(() => h.close());

const act = (ref: string, action: string, body: unknown) =>
  fetch(`${h.redress.url}/api/cases/${ref}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.redress.staffToken}`, 'x-redress-officer': 'Sam Officer', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the staff API with a signed-in caller\'s bad request', () => {
  it('answers a case reference thousands of characters long with 400, without echoing it', async () => {
    const ref = `C-${'A'.repeat(5000)}`;

    const action = await act(ref, 'close', { reason: 'duplicate' });
    const file = await fetch(`${h.redress.url}/api/cases/${ref}/file`, { headers: { authorization: `Bearer ${h.redress.staffToken}` } });

    expect(action.status).toBe(400);
    expect(file.status).toBe(400);
    const text = await action.text();
    expect(text).toContain('not a case reference');
    expect(text.length).toBeLessThan(200);
  });

  it('answers a message reference thousands of characters long with 400', async () => {
    const response = await fetch(`${h.redress.url}/api/messages/M-${'A'.repeat(5000)}/complaint`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.redress.staffToken}`, 'x-redress-officer': 'Sam Officer', 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not a message reference');
  });

  it('answers an extension of a billion working days with 422 naming the calendar\'s years', async () => {
    const response = await act(caseRef, 'extend', { extensionWorkingDays: 1_000_000_000, reason: 'waiting for a contractor' });

    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toContain('outside the years the working-day calendar covers');
  });

  it('still takes a well-formed action after all that', async () => {
    const response = await act(caseRef, 'assign', { officer: 'Sam Officer', noConflictOfInterest: true });

    expect(response.status).toBe(200);
  });

  // Last: the server answers 413 without reading the rest, and closes the connection the client was still sending on.
  it('answers a body with a 1 MB text field with 413 and changes nothing', async () => {
    const response = await act(caseRef, 'close', { reason: 'x'.repeat(1024 * 1024) });

    expect(response.status).toBe(413);
    expect((await h.redress.intake.cases.getCase(caseRef))?.state).toBe('open');
  });
});

describe('faults the API did not expect', () => {
  it('are logged as one structured line with the error\'s message, addresses masked, and answered 500', async () => {
    const logger = new MemoryLogger();
    const app = new Hono();
    app.onError(answerErrors(logger));
    app.get('/boom', () => {
      throw new TypeError('cannot read the case for ann@example.com\n    at somewhere (file.ts:1:1)');
    });

    const response = await app.request('/boom');

    expect(response.status).toBe(500);
    expect(logger.lines).toEqual([{ level: 'error', message: 'request failed', fields: { error: 'TypeError', errorMessage: 'cannot read the case for <address> at somewhere (file.ts:1:1)', method: 'GET', route: '/boom' } }]);
  });

  it('masks phone numbers and keeps a message to one bounded line', () => {
    const fields = errorFields(new Error(`no landlord for +44 7700 900123\n${'x'.repeat(1000)}`));

    expect(fields.errorMessage).toContain('no landlord for <number>');
    expect(fields.errorMessage).not.toContain('\n');
    expect(fields.errorMessage.length).toBeLessThanOrEqual(301);
  });
});
