import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeContactForm, type FormReceipt } from '../../src/http/contact-form/contact-form.ts';
import type { ContactFormSubmission } from '../../src/http/contact-form/form-schema.ts';

// The form mounted as the lead mounts it: beside a JSON route, on a real HTTP server, driven by fetch.

const NOW = new Date('2026-11-23T10:15:00Z');
const MAX_BODY_BYTES = 8 * 1024;
const LANDLORDS = {
  default: { landlordId: 'chs-coop-procedure-a', name: 'Coop Homes', acknowledgeComplaintWithinWorkingDays: 5 },
  riverside: { landlordId: 'example-housing-association', name: 'Riverside & Vale Housing' },
};

interface Sent {
  readonly landlordId: string;
  readonly submission: ContactFormSubmission;
  readonly receivedAt: Date;
}
let sent: Sent[] = [];
let receipt: FormReceipt | Error = { reference: 'CHS-2026-00042', kind: 'complaint', duplicate: false };
let intakeFaults: unknown[] = [];

let url = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const app = new Hono();
  app.get('/api/ping', (c) => c.json({ ok: true }));
  app.route(
    '/',
    makeContactForm({
      landlordForForm: (slug) => (slug === undefined ? LANDLORDS.default : slug === 'riverside' ? LANDLORDS.riverside : null),
      submit: async (landlordId, submission, receivedAt) => {
        sent.push({ landlordId, submission, receivedAt });
        if (receipt instanceof Error) throw receipt;
        return receipt;
      },
      now: () => NOW,
      maxBodyBytes: MAX_BODY_BYTES,
      intakeFailed: (error) => intakeFaults.push(error),
    }),
  );
  await new Promise<void>((ready) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      url = `http://127.0.0.1:${info.port}`;
      close = () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done())));
      ready();
    });
  });
});
afterAll(() => close());
beforeEach(() => {
  sent = [];
  intakeFaults = [];
  receipt = { reference: 'CHS-2026-00042', kind: 'complaint', duplicate: false };
});

const TOKEN = '0b6f1d2e-3c4a-4b5d-8e6f-7a8b9c0d1e2f';
const goodAnswers = (overrides: Record<string, string> = {}) => ({
  wants: 'complaint',
  whatHappened: 'The boiler has been broken since 2 November.',
  outcomeWanted: 'Fix it and refund the heater I bought',
  name: 'Ann Example',
  email: 'ann@example.com',
  phone: '',
  addressOrTenancyReference: 'Flat 3, 12 Acacia Road',
  actingForYou: 'yes',
  representativeName: 'Bob Example',
  representativeRelationship: 'My son',
  adjustments: 'Please phone after 4pm',
  submissionToken: TOKEN,
  ...overrides,
});

const postForm = (path: string, answers: Record<string, string>) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(answers).toString(),
  });

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const labelFors = (html: string) => [...html.matchAll(/<label class="govuk-label[^"]*" for="([^"]+)"/g)].map((m) => m[1]);
const tokenIn = (html: string) => /<input type="hidden" name="submissionToken" value="([^"]*)">/.exec(html)?.[1];
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
/** The tag (possibly across lines) of the element with this id. */
const tagWithId = (html: string, id: string) => new RegExp(`<(input|textarea)\\b[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('the form page', () => {
  it('labels every field, says whose form it is and carries a fresh submission token', async () => {
    const response = await fetch(`${url}/contact`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<h1 class="govuk-heading-l">Contact Coop Homes</h1>');
    expect(labelFors(html)).toEqual([
      'wants',
      'wants-2',
      'wants-3',
      'whatHappened',
      'outcomeWanted',
      'name',
      'email',
      'phone',
      'addressOrTenancyReference',
      'actingForYou',
      'representativeName',
      'representativeRelationship',
      'actingForYou-2',
      'adjustments',
    ]);
    for (const field of labelFors(html)) expect(ids(html)).toContain(field);
    expect(html).toContain('What do you want to do?');
    expect(html).toContain('How can we contact you?');
    expect(html).toContain('Is someone acting for you?');
    expect(tokenIn(html)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives each showing of the form its own token', async () => {
    const first = tokenIn(await (await fetch(`${url}/contact`)).text());
    const second = tokenIn(await (await fetch(`${url}/contact`)).text());

    expect(first).not.toBe(second);
  });

  it("shows the named landlord's form at its own address, posting back to it", async () => {
    const html = await (await fetch(`${url}/contact/riverside`)).text();

    expect(html).toContain('Contact Riverside &amp; Vale Housing');
    expect(html).toContain('<form method="post" action="/contact/riverside" novalidate>');
  });

  it('works without JavaScript: the fields for someone acting for the resident are in the page', async () => {
    const html = await (await fetch(`${url}/contact`)).text();

    // govuk-frontend hides them only once its script has marked the page as supported.
    expect(html).toMatch(/class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-actingForYou"/);
    expect(html).toContain('id="representativeName"');
    expect(html).not.toContain('govuk-frontend-supported"'); // not put in the markup by the server
  });

  it('says page not found for a landlord it does not know', async () => {
    const response = await fetch(`${url}/contact/nobody`);
    const html = await response.text();

    expect(response.status).toBe(404);
    expect(html).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
    expect(html).toContain('govuk-frontend.min.css');
  });

  it('refuses to post to a landlord it does not know', async () => {
    const response = await postForm('/contact/nobody', goodAnswers());

    expect(response.status).toBe(404);
    expect(sent).toEqual([]);
  });
});

describe('a form with problems', () => {
  it("is shown again with status 400, the resident's answers, an error summary linking to each field and inline errors", async () => {
    const response = await postForm('/contact', goodAnswers({ name: '', email: 'ann.example.com', representativeName: '' }));
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(titleOf(html)).toBe('Error: Contact us – Coop Homes');
    expect(html).toContain('There is a problem');
    const summaryLinks = [...html.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(summaryLinks).toEqual([
      ['name', 'Enter your name'],
      ['email', 'Enter an email address in the correct format, like name@example.com'],
      ['representativeName', 'Enter the name of the person acting for you'],
    ]);
    for (const [id] of summaryLinks) expect(ids(html)).toContain(id);
    expect(tagWithId(html, 'email')).toMatch(/aria-describedby="email-error"/);
    expect(html).toMatch(/<p id="email-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Enter an email address in the correct format/);
    expect(tagWithId(html, 'email')).toContain('value="ann.example.com"');
    expect(html).toContain('The boiler has been broken since 2 November.</textarea>');
    expect(tagWithId(html, 'actingForYou')).toContain('checked');
    expect(tagWithId(html, 'wants-2')).toContain('checked');
    expect(sent).toEqual([]);
  });

  it('keeps its submission token, so the corrected form sent twice is still one form', async () => {
    const html = await (await postForm('/contact', goodAnswers({ name: '' }))).text();

    expect(tokenIn(html)).toBe(TOKEN);
  });

  it('gets a fresh token when the one sent was not ours, and says the form must be sent again', async () => {
    const html = await (await postForm('/contact', goodAnswers({ submissionToken: 'forged' }))).text();

    expect(tokenIn(html)).toMatch(/^[0-9a-f-]{36}$/);
    expect(html).toContain('This form has expired or was not sent from our page');
  });

  it('shows what the resident typed as text, never as markup', async () => {
    const attack = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const response = await postForm(
      '/contact',
      goodAnswers({ name: '', whatHappened: attack, email: `"><svg onload=alert(2)>`, representativeName: '</textarea><b>bold</b>' }),
    );
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(tagWithId(html, 'email')).toContain('value="&quot;&gt;&lt;svg onload=alert(2)&gt;"');
  });
});

describe('a good form', () => {
  it('goes to intake parsed, with when it was received, and the resident sees the reference and what happens next', async () => {
    const response = await postForm('/contact', goodAnswers({ name: '  Ann Example ' }));
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(sent).toEqual([
      {
        landlordId: 'chs-coop-procedure-a',
        receivedAt: NOW,
        submission: {
          wants: 'complaint',
          whatHappened: 'The boiler has been broken since 2 November.',
          outcomeWanted: 'Fix it and refund the heater I bought',
          name: 'Ann Example',
          email: 'ann@example.com',
          phone: null,
          addressOrTenancyReference: 'Flat 3, 12 Acacia Road',
          representative: { name: 'Bob Example', relationship: 'My son' },
          adjustments: 'Please phone after 4pm',
          submissionToken: TOKEN,
        },
      },
    ]);
    expect(titleOf(html)).toBe('Complaint received – Coop Homes');
    expect(html).toMatch(/<h1 class="govuk-panel__title">\s*Complaint received\s*<\/h1>/);
    expect(html).toContain('<strong>CHS-2026-00042</strong>');
    expect(html).toContain('We will acknowledge your complaint within 5 working days.');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it("goes to the named landlord's intake, and says what happens next without a timescale it does not know", async () => {
    const html = await (await postForm('/contact/riverside', goodAnswers())).text();

    expect(sent.map((s) => s.landlordId)).toEqual(['example-housing-association']);
    expect(html).toContain('We will acknowledge your complaint in writing.');
  });

  it('says what happens to a service request, and that the resident can complain about how it is handled', async () => {
    receipt = { reference: 'M-0123456789AB', kind: 'service-request', duplicate: false };

    const html = await (await postForm('/contact', goodAnswers({ wants: 'report-or-ask' }))).text();

    expect(html).toMatch(/Request received/);
    expect(html).toContain('<strong>M-0123456789AB</strong>');
    expect(html).toContain('If you are unhappy with how we deal with it, you can make a complaint.');
  });

  it('tells the resident when intake already had the same form', async () => {
    receipt = { reference: 'CHS-2026-00042', kind: 'complaint', duplicate: true };

    const html = await (await postForm('/contact', goodAnswers())).text();

    expect(html).toContain('You had already sent us this form, so we have not recorded it twice.');
    expect(html).toContain('<strong>CHS-2026-00042</strong>');
  });

  it('is shown again with its answers when intake fails, and the failure is reported', async () => {
    receipt = new Error('table unavailable');

    const response = await postForm('/contact', goodAnswers());
    const html = await response.text();

    expect(response.status).toBe(500);
    expect(html).toContain('your form was not sent');
    expect(tokenIn(html)).toBe(TOKEN);
    expect(tagWithId(html, 'name')).toContain('value="Ann Example"');
    expect(intakeFaults).toEqual([receipt]);
  });
});

describe('bodies the form will not read', () => {
  it('refuses a body over the limit with 413, by its Content-Length', async () => {
    const response = await postForm('/contact', goodAnswers({ whatHappened: 'x'.repeat(MAX_BODY_BYTES) }));
    const html = await response.text();

    expect(response.status).toBe(413);
    expect(html).toContain('Your answers are too long');
    expect(sent).toEqual([]);
  });

  it('refuses a body over the limit with 413 when it comes without a length, by the bytes read', async () => {
    const chunk = new TextEncoder().encode(`whatHappened=${'x'.repeat(1024)}&`);
    let chunksLeft = 12;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (chunksLeft-- > 0) controller.enqueue(chunk);
        else controller.close();
      },
    });

    const response = await fetch(`${url}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(sent).toEqual([]);
  });

  it('refuses a body that is not a form with 415', async () => {
    const response = await fetch(`${url}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(goodAnswers()),
    });

    expect(response.status).toBe(415);
    expect(await response.text()).toContain('We could not read your form');
    expect(sent).toEqual([]);
  });

  it('reads a form whose content type names its character set', async () => {
    const response = await fetch(`${url}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: new URLSearchParams(goodAnswers({ name: 'Siân Ó Briain' })).toString(),
    });

    expect(response.status).toBe(200);
    expect(sent.map((s) => s.submission.name)).toEqual(['Siân Ó Briain']);
  });
});

describe('security headers', () => {
  it('allow only our own scripts, and the template’s one inline script by its nonce', async () => {
    const response = await fetch(`${url}/contact`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];

    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect([...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1])).toEqual([` nonce="${nonce}"`]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('give every page its own nonce', async () => {
    const nonceOf = async () => (await fetch(`${url}/contact`)).headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];

    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  it('leave the routes beside the form alone', async () => {
    const response = await fetch(`${url}/api/ping`);

    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});

describe('assets', () => {
  it('serves the stylesheet the page links to, as CSS, cacheable, without the GOV.UK-only font', async () => {
    const page = await (await fetch(`${url}/contact`)).text();
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1] ?? '';

    const response = await fetch(`${url}${href}`);
    const css = await response.text();

    expect(href).toMatch(/^\/assets\/govuk-frontend\.min\.css\?v=/);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(css).toContain('.govuk-button{');
    expect(css).toContain('font-family:arial,sans-serif');
    expect(css).not.toContain('GDS Transport');
  });

  it('answers 304 when the browser already has the file', async () => {
    const first = await fetch(`${url}/assets/govuk-frontend.min.css`);
    await first.arrayBuffer();

    const again = await fetch(`${url}/assets/govuk-frontend.min.css`, {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });

    expect(again.status).toBe(304);
  });

  it('serves the scripts the page loads as JavaScript', async () => {
    const page = await (await fetch(`${url}/contact`)).text();
    const src = /<script type="module" src="([^"]+)">/.exec(page)?.[1] ?? '';

    const init = await fetch(`${url}${src}`);
    const govuk = await fetch(`${url}/assets/govuk-frontend.min.js`);

    expect(init.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await init.text()).toContain("import { initAll } from './govuk-frontend.min.js'");
    expect(govuk.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await govuk.text()).toContain('initAll');
  });

  it('serves nothing else', async () => {
    const responses = await Promise.all(
      ['/assets/fonts/bold-b542beb274-v2.woff2', '/assets/../package.json', '/assets/%2e%2e%2fpackage.json', '/assets/'].map((p) =>
        fetch(`${url}${p}`),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404]);
  });
});
