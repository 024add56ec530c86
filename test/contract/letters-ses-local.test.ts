// Proves that a letter renders the same when SES renders it (here aws-ses-v2-local, which uses Handlebars as SES
// does) as when Redress renders it to keep as evidence: same templates, same TemplateData, same words, and the
// same escaping, resident text with markup included.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateEmailTemplateCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import sesLocalModule from 'aws-ses-v2-local';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTER_NAMES, type LetterData, type LetterName } from '../../src/letters/catalogue.ts';
import { loadLetterTemplates, renderLetter, type RenderedLetter } from '../../src/letters/render.ts';
import { examples } from '../unit/letters/examples.ts';

const StoreSchema = z.object({
  templates: z.record(
    z.string(),
    z.object({ TemplateContent: z.object({ Subject: z.string(), Html: z.string(), Text: z.string() }) }),
  ),
  emails: z.array(
    z.object({
      messageId: z.string(),
      subject: z.string(),
      body: z.object({ text: z.string().optional(), html: z.string().optional() }),
      headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    }),
  ),
});

let server: Server;
let endpoint: string;
let ses: SESv2Client;

beforeAll(async () => {
  // CommonJS with `exports.default`: under ESM the function is one level down (FACTS.md §4).
  const sesLocal = (sesLocalModule as unknown as { default?: typeof sesLocalModule }).default ?? sesLocalModule;
  server = await sesLocal({ host: '127.0.0.1', port: 0 });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ses = new SESv2Client({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true }),
    maxAttempts: 1,
  });
  for (const [TemplateName, t] of loadLetterTemplates()) {
    await ses.send(new CreateEmailTemplateCommand({ TemplateName, TemplateContent: { Subject: t.subject, Html: t.html, Text: t.text } }));
  }
});

afterAll(async () => {
  ses?.destroy();
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

async function readStore() {
  const response = await fetch(`${endpoint}/store`);
  return StoreSchema.parse(await response.json());
}

/** Sends a rendered letter through SES by template, as the mailer does, and returns what SES made of it. */
async function sendThroughSes(letter: RenderedLetter) {
  const sent = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'complaints@riverside-coop.example',
      Destination: { ToAddresses: ['resident@example.com'] },
      Content: {
        Template: {
          TemplateName: letter.templateName,
          TemplateData: JSON.stringify(letter.templateData),
          Headers: [{ Name: 'Auto-Submitted', Value: 'auto-generated' }],
        },
      },
    }),
  );
  const email = (await readStore()).emails.find((e) => e.messageId === sent.MessageId);
  if (!email) throw new Error(`SES-local has no email ${sent.MessageId}`);
  return email;
}

const variant = <N extends LetterName>(label: string, name: N, data: LetterData<N>) => [label, name, data] as [string, LetterName, unknown];

// Every letter, then the other side of each branch its templates take.
const CASES = [
  ...LETTER_NAMES.map((name) => [name, name, examples[name]] as [string, LetterName, unknown]),
  variant('complaint-received, response counted from receipt', 'complaint-received', { ...examples['complaint-received'], respondCountedFrom: 'receipt', residentName: undefined, residentSubject: undefined }),
  variant('service-request-logged, no choice offered', 'service-request-logged', { ...examples['service-request-logged'], offerComplaintChoice: false }),
  variant('survey-feedback-thanks, with a reference', 'survey-feedback-thanks', { ...examples['survey-feedback-thanks'], caseRef: 'F-3M8K1Q2Z' }),
  variant('message-added-to-case, a service request', 'message-added-to-case', { ...examples['message-added-to-case'], caseKind: 'service-request', stage: undefined }),
  variant('stage-1-response, not upheld, no remedy, nothing outstanding', 'stage-1-response', { ...examples['stage-1-response'], decision: 'not-upheld', remedy: 'none', outstandingActions: [], escalation: {} }),
  variant('extension at stage 2 by one day', 'extension', { ...examples.extension, stage: 'stage-2', extensionWorkingDays: 1 }),
  variant('complaint-declined, stage 2 refused', 'complaint-declined', { ...examples['complaint-declined'], declined: 'stage-2-escalation-refused', whatWeWillDoInstead: undefined }),
  variant('survey-unhappy-outcome after stage 2', 'survey-unhappy-outcome', { ...examples['survey-unhappy-outcome'], stageReached: 'stage-2', stage2RequestBy: undefined }),
  variant('officer-reminder due today', 'officer-reminder', { ...examples['officer-reminder'], workingDaysLeft: 0, officerName: undefined, caseUrl: undefined }),
  variant('weekly-digest with nothing to report', 'weekly-digest', { ...examples['weekly-digest'], overdue: [], dueSoon: [], longOpenServiceRequests: [] }),
];

// What a resident might type: markup, an ampersand and both kinds of quote.
const HOSTILE = `<script>alert(1)</script> & "quotes" 'single'`;

// Hostile text in the fields resident letters and officer notices write it to, plain and in lists and rows.
const HOSTILE_CASES = [
  variant('complaint-received', 'complaint-received', { ...examples['complaint-received'], residentName: HOSTILE, residentSubject: HOSTILE }),
  variant('service-request-logged', 'service-request-logged', { ...examples['service-request-logged'], residentSubject: HOSTILE, requestSummary: HOSTILE }),
  variant('message-added-to-case', 'message-added-to-case', { ...examples['message-added-to-case'], residentSubject: HOSTILE }),
  variant('stage-1-acknowledgement', 'stage-1-acknowledgement', {
    ...examples['stage-1-acknowledgement'],
    complaintDefinition: { ...examples['stage-1-acknowledgement'].complaintDefinition, understanding: HOSTILE, outcomesSought: [HOSTILE], notResponsibleFor: [HOSTILE] },
    clarificationRequest: HOSTILE,
  }),
  variant('stage-1-response', 'stage-1-response', {
    ...examples['stage-1-response'],
    reasons: [HOSTILE],
    remedy: [HOSTILE],
    outstandingActions: [{ action: HOSTILE, dueOn: 'Friday 18 December 2026' }],
  }),
  variant('extension', 'extension', { ...examples.extension, reason: HOSTILE, signedBy: { name: HOSTILE, jobTitle: HOSTILE } }),
  variant('complaint-declined', 'complaint-declined', { ...examples['complaint-declined'], reasons: [HOSTILE], whatWeWillDoInstead: HOSTILE }),
  variant('officer-reminder', 'officer-reminder', { ...examples['officer-reminder'], officerName: HOSTILE }),
  variant('officer-reminder (an outstanding action)', 'officer-reminder', {
    ...examples['officer-reminder'], milestone: undefined, outstandingAction: { action: HOSTILE, stage: 'stage-1' },
  }),
  variant('milestone-overdue (an outstanding action)', 'milestone-overdue', {
    ...examples['milestone-overdue'], milestone: undefined, outstandingAction: { action: HOSTILE, stage: 'stage-2' }, handlerName: HOSTILE,
  }),
  variant('weekly-digest', 'weekly-digest', {
    ...examples['weekly-digest'],
    overdue: [{ caseRef: 'C-2D8F4J6K', summary: HOSTILE, milestone: 'stage 1 response', dueOn: 'Friday 4 December 2026' }],
  }),
];

describe('letters render the same on SES (aws-ses-v2-local) as in Redress', () => {
  it('SES holds every letter’s templates exactly as they are in templates/', async () => {
    const { templates } = await readStore();

    for (const [name, t] of loadLetterTemplates()) {
      expect(templates[name]?.TemplateContent, name).toEqual({ Subject: t.subject, Html: t.html, Text: t.text });
    }
  });

  it.each(CASES)('%s', async (_label, name, data) => {
    const ours = renderLetter(name, data as never);

    const theirs = await sendThroughSes(ours);

    expect(theirs.subject).toBe(ours.subject);
    expect(theirs.body.text).toBe(ours.text);
    expect(theirs.body.html).toBe(ours.html);
    expect(theirs.headers).toContainEqual({ name: 'Auto-Submitted', value: 'auto-generated' });
  });

  // aws-ses-v2-local 2.10.2 compiles with Handlebars' `noEscape`, so `{{x}}` would reach its HTML unescaped. The HTML
  // templates write only `{{{h.x}}}`, escaped by Redress before any renderer sees it, so resident text with markup,
  // ampersands and quotes renders byte for byte alike here too, and safely.
  it.each(HOSTILE_CASES)('%s, with hostile text, renders exactly alike and escaped', async (_label, name, data) => {
    const ours = renderLetter(name, data as never);

    const theirs = await sendThroughSes(ours);

    expect(theirs.subject).toBe(ours.subject);
    expect(theirs.body.text).toBe(ours.text);
    expect(theirs.body.html).toBe(ours.html);
    expect(theirs.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#x27;single&#x27;');
    expect(theirs.body.html).not.toContain('<script>');
    expect(theirs.body.text).toContain(HOSTILE);
  });
});
