import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';
import { ARTEFACTS, launchChromium, seriousAxeViolations } from './browser.ts';

// An officer's morning in a real browser: sign in, find the complaint a resident just mailed in, acknowledge it with
// a complaint definition, extend it, answer stage 1, and print the response; read the messages waiting, make one a
// complaint; log a complaint taken by telephone and post its letter. Every page is checked with axe-core
// and kept as a screenshot in test/browser/artefacts/.
let h: Harness;
let browser: Browser;
let page: Page;
let caseRef: string;

beforeAll(async () => {
  [h, browser] = await Promise.all([openHarness({ workflow: undefined }), launchChromium()]);
  await h.sendRaw(
    residentMail({ from: 'Rita Resident <rita@example.com>', messageId: '<rita-1@example.com>', subject: 'Complaint: damp in the bedroom again', body: 'This is the third time I have reported the damp in the bedroom. Nobody came. I want to make a formal complaint.' }),
    { from: 'rita@example.com' },
  );
  // A message triage is unsure of (neither a complaint nor a request, at low confidence): it waits for a person.
  await h.sendRaw(residentMail({ from: 'Sam Tenant <sam@example.com>', messageId: '<sam-1@example.com>', subject: null, body: 'Hello, about the thing we discussed.' }), { from: 'sam@example.com' });
  const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<rita-1@example.com>');
  caseRef = message!.caseRef!;
  page = await (await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Checks the page with axe-core and keeps a screenshot of it. */
async function check(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
  expect(await seriousAxeViolations(page), `axe-core on ${name}`).toEqual([]);
}

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe('an officer works a mailed-in complaint in the console', () => {
  it('shows a visitor only the sign-in page, with a password field for the staff token', async () => {
    await page.goto(`${h.redress.url}/console/cases/${caseRef}`);

    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await page.getAttribute('#token', 'type')).toBe('password');
    expect(await page.content()).not.toContain(caseRef);
    await check('01-sign-in');
  });

  it('signs in with the keyboard alone and lists the complaint just mailed in, with what is due', async () => {
    const focused = () => page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null } | null } }).document.activeElement;
      return { id: active?.id ?? '', textContent: active?.textContent ?? '' };
    });
    const tabTo = async (found: (el: { id: string; textContent: string }) => boolean) => {
      for (let i = 0; i < 6 && !found(await focused()); i++) await page.keyboard.press('Tab');
    };
    await page.focus('#token');
    await page.keyboard.type('test-staff-token');
    await tabTo((el) => el.id === 'officer');
    await page.keyboard.press('ArrowDown');
    await tabTo((el) => el.textContent.trim() === 'Sign in');
    await Promise.all([page.waitForURL('**/console'), page.keyboard.press('Enter')]);

    const row = page.locator('tr', { has: page.locator(`a:has-text("${caseRef}")`) });
    expect(await row.textContent()).toContain('Stage 1: to acknowledge');
    expect(await page.textContent('body')).toContain('Signed in as complaints-manager@demo.redress.test');
    await check('02-work-queue');
  });

  it('opens the case from the queue: the stage, the due dates with their Code provisions, and the resident\'s message', async () => {
    await Promise.all([page.waitForURL(`**/console/cases/${caseRef}`), page.click(`a:has-text("${caseRef}")`)]);

    const text = await page.textContent('main');
    expect(text).toContain('Stage 1 acknowledgement');
    expect(text).toMatch(/Code \d\.\d+/);
    expect(text).toContain('third time I have reported the damp');
    await check('03-case');
  });

  it('acknowledges it with a complaint definition, and the resident is sent the acknowledgement', async () => {
    await Promise.all([page.waitForURL('**/act/acknowledge'), page.click('a:has-text("Acknowledge the complaint")')]);
    await check('04-acknowledge-form');
    await page.fill('#understanding', 'Damp in the bedroom reported three times and not put right.');
    await page.fill('#outcomesSought', 'The damp treated for good\nAn apology');
    await page.selectOption('#handler', 'complaints-manager@demo.redress.test');
    await Promise.all([page.waitForURL(/done=acknowledge/), page.click('button:has-text("Send the acknowledgement")')]);

    expect(await page.textContent('.govuk-notification-banner')).toContain('Acknowledge the complaint: done. The letter was sent.');
    expect(await page.textContent('main')).toContain('Damp in the bedroom reported three times');
    const letters = (await h.sentMail()).filter((m) => m.destination.to.includes('rita@example.com'));
    expect(letters.at(-1)!.body.text).toContain('Damp in the bedroom reported three times');
  });

  it('shows a refused extension\'s reason in words beside the field, keeping what the officer wrote', async () => {
    await page.goto(`${h.redress.url}/console/cases/${caseRef}/act/extend`);
    await page.fill('#extensionWorkingDays', '60');
    await page.fill('#reason', 'Waiting for the damp survey');
    await page.click('button:has-text("Send the extension letter")');

    expect(await page.textContent('#extensionWorkingDays-error')).toMatch(/more than/);
    expect(await page.inputValue('#reason')).toBe('Waiting for the damp survey');
    await check('05-extension-refused');
  });

  it('extends the response date within the policy', async () => {
    await page.fill('#extensionWorkingDays', '5');
    await Promise.all([page.waitForURL(/done=extend/), page.click('button:has-text("Send the extension letter")')]);

    expect(await page.textContent('main')).toMatch(/extended 5 working days/);
  });

  it('answers stage 1 with a decision, reasons, a remedy and an action with its date', async () => {
    await page.click('a:has-text("Send the response")');
    await page.check('#decision');
    await page.fill('#reasons', 'The damp was reported three times and not treated.');
    await page.fill('#remedy', 'A damp specialist will treat the wall.');
    await page.fill('[id="outstandingActions.1.action"]', 'Treat the bedroom wall');
    await page.fill('[id="outstandingActions.1.dueOn"]', inAMonth());
    await Promise.all([page.waitForURL(/done=respond/), page.click('button:has-text("Send the response")')]);

    const text = await page.textContent('main');
    expect(text).toContain('Stage 1: responded');
    expect(text).toContain('Treat the bedroom wall');
    await check('06-case-responded');
  });

  it('shows the response letter as filed, and prints it as a PDF', async () => {
    await page.click('a:has-text("stage 1 response")');
    await check('07-letter');
    const pdf = await page.request.get(`${page.url()}/pdf`);

    expect(await page.textContent('.redress-letter')).toContain('The damp was reported three times and not treated.');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lists a message triage was unsure of, quoting its reasons, until the officer says it is not for us', async () => {
    await page.click('a:has-text("Messages waiting")');
    const card = page.locator('.govuk-summary-card', { hasText: 'Hello' }).or(page.locator('.govuk-summary-card', { hasText: '(no subject)' }));

    expect(await card.textContent()).toMatch(/Triage was unsure \(other, confidence 0\.\d+\)/);
    expect(await card.textContent()).toContain('“wording the model has learnt');
    expect(await card.textContent()).toContain('Hello, about the thing we discussed.');
    await check('08-messages-waiting');
    await card.locator('label:has-text("Not for us")').click();
    await Promise.all([page.waitForURL('**/console/messages'), card.locator('button:has-text("Record")').click()]);

    expect(await page.textContent('main')).toContain('Nothing is waiting.');
    const [sam] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<sam-1@example.com>');
    expect(sam!.notes.at(-1)).toMatch(/complaints-manager@demo\.redress\.test on \d{4}-\d{2}-\d{2}: not for us/);
  });

  it('makes a waiting message a complaint, saying why, and its clock counts from when it was received', async () => {
    await h.sendRaw(residentMail({ from: 'Tom Tenant <tom@example.com>', messageId: '<tom-1@example.com>', subject: null, body: 'Hello, about what I said last week.' }), { from: 'tom@example.com' });
    await page.goto(`${h.redress.url}/console/messages`);
    const card = page.locator('.govuk-summary-card', { hasText: 'what I said last week' });
    await card.getByRole('radio', { name: 'It is a complaint', exact: true }).check();
    await card.locator('textarea[name="why"]').fill('He rang to say this is about the repair he is unhappy with.');
    await Promise.all([page.waitForURL(/done=reclassified/), card.locator('button:has-text("Record")').click()]);

    expect(await page.textContent('.govuk-notification-banner')).toContain('Recorded as a complaint');
    const [tom] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<tom-1@example.com>');
    expect(await h.redress.intake.cases.getCase(tom!.caseRef!)).toMatchObject({ kind: 'complaint', openedAt: tom!.receivedAt });
    await check('10-message-made-a-complaint');
  });

  it('logs a complaint a resident made by telephone, with the day they rang', async () => {
    await page.goto(`${h.redress.url}/console`);
    await Promise.all([page.waitForURL('**/console/log-complaint'), page.click('a:has-text("Log a complaint taken by telephone")')]);
    await check('11-log-complaint');
    await page.selectOption('#landlordId', 'demo');
    await page.check('#via');
    await page.fill('#receivedOn', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await page.fill('#summary', 'Rang about the broken lift at Elm Court');
    await page.fill('#name', 'Edna Jones');
    await page.fill('#phone', '07700 900123');
    await page.fill('#address', '4 Elm Court, Leeds LS1 4AA');
    await Promise.all([page.waitForURL(/done=logged/), page.click('button:has-text("Log the complaint")')]);

    expect(await page.textContent('.govuk-notification-banner')).toContain('The letter is listed to be posted.');
    expect(await page.textContent('h1')).toContain('Rang about the broken lift at Elm Court');
    await check('12-logged-complaint');
  });

  it('prints the telephone complaint\'s letter from "Letters to post", and marks it posted', async () => {
    await page.goto(`${h.redress.url}/console`);
    const row = page.locator('#letters-to-post + p + table tr', { hasText: 'Edna Jones' });
    expect(await row.textContent()).toContain('4 Elm Court, Leeds LS1 4AA');
    await check('13-letters-to-post');
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a:has-text("Print (PDF)")').click()]);
    const pdf = await download.createReadStream();
    const first = await new Promise<Buffer>((resolve) => pdf.once('data', (chunk: Buffer) => resolve(chunk)));
    pdf.destroy();
    await Promise.all([page.waitForURL(/posted=/), row.locator('button:has-text("Mark as posted")').click()]);

    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.textContent('.govuk-notification-banner')).toContain('marked as posted');
    expect(await page.locator('#letters-to-post ~ table', { hasText: 'Edna Jones' }).count()).toBe(0);
  });

  it('asks the handler to declare no conflict of interest before assigning them (Code 5.8)', async () => {
    await page.goto(`${h.redress.url}/console/cases/${caseRef}/act/assign`);
    await page.selectOption('#officer', 'complaints-manager@demo.redress.test');
    await page.click('button:has-text("Assign")');

    expect(await page.textContent('#noConflictOfInterest-error')).toContain('Code 5.8');
    await check('14-assign-refused');
  });

  it('restricts the resident\'s contact only with the Equality Act regard recorded, and shows the restriction at the top of the case (Code 5.14, 5.15)', async () => {
    await page.goto(`${h.redress.url}/console/cases/${caseRef}/act/restrict-contact`);
    await page.fill('#behaviour', 'Forty emails a day to every member of staff.');
    await page.fill('#reasons', 'The emails take the time the team needs for other residents.');
    await page.check('#allowedChannels');
    await page.fill('#vulnerability', 'None known; the resident named none when asked.');
    await page.click('button:has-text("Record the restriction")');

    expect(await page.textContent('#equalityAct-error')).toContain('Code 5.15');
    expect(await page.inputValue('#behaviour')).toBe('Forty emails a day to every member of staff.');
    await check('15-restriction-refused');
    await page.fill('#equalityAct', 'Proportionate: email stays open, and suits the resident.');
    await Promise.all([page.waitForURL(/done=restrict-contact/), page.click('button:has-text("Record the restriction")')]);

    expect(await page.textContent('#restriction')).toMatch(/The resident's contact is restricted: by email only\. Review by/);
    await check('16-case-restricted');
  });

  it('finds the case by the resident\'s email address', async () => {
    await page.goto(`${h.redress.url}/console/search?q=rita%40example.com`);

    expect(await page.textContent('main')).toContain(caseRef);
    await check('17-search');
  });
});
