import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';
import { ARTEFACTS, launchChromium, seriousAxeViolations } from './browser.ts';

// An officer's morning in a real browser: sign in, find the complaint a resident just mailed in, acknowledge it with
// a complaint definition, extend it, answer stage 1, and print the response. Every page is checked with axe-core
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

  it('finds the case by the resident\'s email address', async () => {
    await page.goto(`${h.redress.url}/console/search?q=rita%40example.com`);

    expect(await page.textContent('main')).toContain(caseRef);
    await check('09-search');
  });
});
