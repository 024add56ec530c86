import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The console over plain HTTP, without a browser: sign-in, the session, cross-site protection and a refusal that keeps
// the officer's input. The browser tests (test/browser) walk the same pages in Chromium.
let h: Harness;
let caseRef: string;
beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
  await h.sendRaw(residentMail({ from: 'lee@example.com', messageId: '<lee@example.com>', subject: 'Complaint about the boiler', body: 'Third time the boiler has failed. I want to make a formal complaint.' }), { from: 'lee@example.com' });
  const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<lee@example.com>');
  caseRef = message!.caseRef!;
});
afterAll(() => h.close());

const OFFICER = 'complaints-manager@demo.redress.test';
const at = (path: string) => `${h.redress.url}${path}`;
const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', origin: h.redress.url, body: new URLSearchParams(fields).toString() });

async function signIn(): Promise<string> {
  const { body, ...headers } = form({ token: 'test-staff-token', officer: OFFICER });
  const response = await fetch(at('/console/sign-in'), { method: 'POST', headers, body, redirect: 'manual' });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe('the console, signed in or not', () => {
  it('shows a visitor no case and no resident, only the way to sign in', async () => {
    const queue = await fetch(at('/console'), { redirect: 'manual' });
    const casePage = await fetch(at(`/console/cases/${caseRef}`), { redirect: 'manual' });

    expect([queue.status, casePage.status]).toEqual([302, 302]);
    expect(casePage.headers.get('location')).toBe('/console/sign-in');
    const signInPage = await (await fetch(at('/console/sign-in'))).text();
    expect(signInPage).toContain('type="password"');
    expect(signInPage).not.toContain(caseRef);
  });

  it('refuses a wrong staff token, and keeps the session in a signed HttpOnly SameSite cookie', async () => {
    const { body, ...headers } = form({ token: 'not-the-token', officer: OFFICER });
    const wrong = await fetch(at('/console/sign-in'), { method: 'POST', headers, body, redirect: 'manual' });
    const good = await fetch(at('/console/sign-in'), { method: 'POST', ...(() => { const f = form({ token: 'test-staff-token', officer: OFFICER }); return { headers: { 'content-type': f['content-type'], origin: f.origin }, body: f.body }; })(), redirect: 'manual' });

    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Enter the staff token');
    expect(good.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(good.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
  });

  it('lists the mailed complaint in the work queue, with what is due and the Code provision', async () => {
    const cookie = await signIn();

    const response = await fetch(at('/console'), { headers: { cookie } });
    const queue = await response.text();

    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(queue).toContain(caseRef);
    expect(queue).toContain('Stage 1: to acknowledge');
    expect(queue).toMatch(/Stage 1 acknowledgement by \w{3} \d{1,2} \w{3} \d{4}/);
  });

  it('finds the case by its reference typed in lower case, and by a word of it among the cases being worked on', async () => {
    const cookie = await signIn();
    const search = async (q: string) => (await fetch(at(`/console/search?${new URLSearchParams({ q })}`), { headers: { cookie } })).text();

    expect(await search(caseRef.toLowerCase())).toContain(`/console/cases/${caseRef}`);
    expect(await search('BOILER')).toContain(`/console/cases/${caseRef}`);
    expect(await search('no such words')).toContain('0 cases found');
  });

  it('refuses a form without the session\'s token, and one posted from another site', async () => {
    const cookie = await signIn();
    const { body, ...headers } = form({ reason: 'Resolved' });

    const noToken = await fetch(at(`/console/cases/${caseRef}/act/close`), { method: 'POST', headers: { ...headers, cookie }, body });
    const crossSite = await fetch(at(`/console/cases/${caseRef}/act/close`), { method: 'POST', headers: { ...headers, cookie, origin: 'https://evil.example' }, body });

    expect(noToken.status).toBe(403);
    expect(crossSite.status).toBe(403);
    expect((await h.redress.intake.cases.events(caseRef)).some((e) => e.event.type === 'closed')).toBe(false);
  });

  it('shows a refusal\'s reason beside its field, with the officer\'s words kept', async () => {
    const cookie = await signIn();
    const page = await (await fetch(at(`/console/cases/${caseRef}/act/extend`), { headers: { cookie } })).text();
    const acknowledge = form({ csrf: csrfOf(page), understanding: 'The boiler has failed three times', outcomesSought: 'A working boiler\nCompensation' });
    const acknowledged = await fetch(at(`/console/cases/${caseRef}/act/acknowledge`), { method: 'POST', headers: { 'content-type': acknowledge['content-type'], origin: acknowledge.origin, cookie }, body: acknowledge.body, redirect: 'manual' });
    expect(acknowledged.status).toBe(303);
    const { body, ...headers } = form({ csrf: csrfOf(page), extensionWorkingDays: '40', reason: 'Waiting for the contractor\'s report' });

    const refused = await fetch(at(`/console/cases/${caseRef}/act/extend`), { method: 'POST', headers: { ...headers, cookie }, body });

    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('id="extensionWorkingDays-error"');
    expect(html).toContain('Waiting for the contractor&#39;s report');
    expect(html).toMatch(/There is a problem/);
    expect(html).toMatch(/extensionWorkingDays-error[^<]*<span[^>]*>Error:<\/span>[^<]*more than/);
  });
});
