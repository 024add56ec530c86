// The smoke test an operator runs after deploying a stage (docs/operator.md, "After deploying: the smoke test"), and
// against `npm start` to see it work. It does what a resident, the SMS provider and a member of staff do, checks
// what the local twins cannot (the schedule's role, the alarm topic), prints what passed and failed, and cleans up.
//   npx tsx scripts/smoke-stage.ts --local [--url http://127.0.0.1:3000 --smtp 2525 --ses http://127.0.0.1:8005]
//   npx tsx scripts/smoke-stage.ts --stack Redress-prod --from smoke@complaints.coophomes.coop
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { parseArgs } from 'node:util';
import { sesTemplateName } from '../src/adapters/ses/ses-mailer.ts';
import { sesTemplateData } from '../src/adapters/ses/template-data.ts';
import { renderLetter } from '../src/letters/render.ts';

/** One line of the report. */
export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** A letter as the mail service rendered it. */
export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** A case the smoke run opened, as the stage reports it. */
export interface SmokeCase {
  readonly caseRef: string;
  readonly workflowStarted: boolean;
  /** How it came in: `email`, `sms`, `web_form`. */
  readonly channel?: string;
}

/** What the smoke test needs from a stage: the same checks run against `npm start` and against AWS. */
export interface SmokeTarget {
  readonly label: string;
  /** Where residents and staff go: the form, the SMS webhook, the console. */
  readonly publicUrl: string;
  /** A complaints address the stage takes mail for, and the text number its landlord's SMS arrives at. */
  readonly complaintsAddress: string;
  readonly textNumber: string;
  smsAuthToken(): Promise<string>;
  /** Sends a resident's mail to the complaints address. */
  sendMail(mail: { from: string; subject: string; body: string; messageId: string }): Promise<void>;
  /** The acknowledgement the stage sent `to`, as the mail service rendered it, once it has (null if none in time). */
  acknowledgementTo(to: string, subject: string): Promise<RenderedMail | null>;
  /** The cases opened from these senders' mail, form and text. */
  casesFrom(senders: readonly string[]): Promise<SmokeCase[]>;
  /** Undoes what the run made: withdraws its complaints (kept as records), stops their workflows. One line per thing. */
  cleanUp(cases: readonly SmokeCase[]): Promise<SmokeCheck[]>;
  /** What only the real account can show (schedules, their role, the alarm topic); none locally. */
  accountChecks(): Promise<SmokeCheck[]>;
}

/** X-Twilio-Signature: base64 HMAC-SHA1 over the URL and the sorted parameters, as the provider signs. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The resident's words every letter must carry as text, never as markup. */
export const HOSTILE_WORDS = '<b>&</b>';

const poll = async <T>(attempt: () => Promise<T | null>, timeoutMs: number, everyMs = 250): Promise<T | null> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== null || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
};

const check = async (name: string, run: () => Promise<string>): Promise<SmokeCheck> => {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
};

/** Runs every check against `target` and cleans up; never throws, every failure is a line of the report. */
export async function runSmoke(target: SmokeTarget, options: { waitMs?: number } = {}): Promise<SmokeCheck[]> {
  const waitMs = options.waitMs ?? 60_000;
  const run = randomBytes(4).toString('hex');
  const mailSender = `smoke-mail-${run}@example.com`;
  const formSender = `smoke-form-${run}@example.com`;
  const smsSender = `+4477009${String(parseInt(run, 16) % 100_000).padStart(5, '0')}`;
  const subject = `Smoke test ${run}: heating ${HOSTILE_WORDS} hot water`;
  const results: SmokeCheck[] = [];

  results.push(await check('mail in: a complaint sent to the complaints address', async () => {
    await target.sendMail({ from: mailSender, subject, messageId: `<smoke-${run}@example.com>`, body: `I want to make a complaint. The boiler has failed again ${HOSTILE_WORDS} nobody came. (Redress smoke test ${run})` });
    return `sent to ${target.complaintsAddress} from ${mailSender}`;
  }));

  const acknowledgement = await target.acknowledgementTo(mailSender, subject).catch(() => null);
  results.push({ name: 'mail in: its receipt (the acknowledgement letter)', ok: acknowledgement !== null, detail: acknowledgement ? `"${acknowledgement.subject}"` : `none within ${waitMs / 1000} s` });
  results.push(await check(`letter: the resident's "${HOSTILE_WORDS}" is text in HTML and as written in plain text`, async () => {
    if (!acknowledgement) throw new Error('no letter to read');
    if (acknowledgement.html.includes(HOSTILE_WORDS)) throw new Error(`the HTML carries ${HOSTILE_WORDS} as markup`);
    if (!acknowledgement.html.includes('&lt;b&gt;&amp;&lt;/b&gt;')) throw new Error('the HTML does not show the words escaped once');
    if (!acknowledgement.text.includes(HOSTILE_WORDS) || acknowledgement.text.includes('&amp;')) throw new Error('the plain text does not show the words as written');
    return 'escaped once in HTML, as written in text';
  }));

  results.push(await check('form: a complaint posted to /contact', async () => {
    const page = await fetch(`${target.publicUrl}/contact`);
    const token = /name="submissionToken" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!page.ok || !token) throw new Error(`GET /contact answered ${page.status}${token ? '' : ' without a submission token'}`);
    const fields = {
      wants: 'complaint', whatHappened: `Smoke test ${run}: the window repair failed.`, outcomeWanted: 'Fix it', name: 'Smoke Test',
      email: formSender, phone: '', addressOrTenancyReference: 'Smoke test', actingForYou: 'no', adjustments: '', submissionToken: token,
    };
    const posted = await fetch(`${target.publicUrl}/contact`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
    if (posted.status >= 400) throw new Error(`POST /contact answered ${posted.status}`);
    return `answered ${posted.status}`;
  }));

  results.push(await check('SMS: a signed text to /sms/inbound, and an unsigned one refused', async () => {
    const url = `${target.publicUrl}/sms/inbound`;
    const params = { MessageSid: `SM${run.padEnd(32, '0')}`, AccountSid: 'ACsmoke', From: smsSender, To: target.textNumber, Body: `Smoke test ${run}: I want to complain about the lift.` };
    const body = new URLSearchParams(params).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const unsigned = await fetch(url, { method: 'POST', headers, body });
    const signed = await fetch(url, { method: 'POST', headers: { ...headers, 'x-twilio-signature': twilioSignature(await target.smsAuthToken(), url, params) }, body });
    if (unsigned.ok) throw new Error(`an unsigned text was accepted (${unsigned.status})`);
    if (!signed.ok) throw new Error(`the signed text answered ${signed.status}`);
    return `signed ${signed.status}, unsigned ${unsigned.status}`;
  }));

  results.push(await check('console: /console answers', async () => {
    const response = await fetch(`${target.publicUrl}/console`, { redirect: 'manual' });
    if (response.status >= 400) throw new Error(`answered ${response.status}`);
    return `answered ${response.status}${response.headers.get('location') ? ` to ${response.headers.get('location')}` : ''}`;
  }));

  const cases = (await poll(async () => {
    const found = await target.casesFrom([mailSender, formSender, smsSender]).catch(() => []);
    return found.length >= 3 && found.every((c) => c.workflowStarted) ? found : null;
  }, waitMs)) ?? (await target.casesFrom([mailSender, formSender, smsSender]).catch(() => []));
  results.push({ name: 'cases: one opened for each of mail, form and text', ok: cases.length === 3, detail: `${cases.length} opened${cases.length ? `: ${cases.map((c) => c.caseRef).join(', ')}` : ''}` });
  results.push({ name: 'workflow: the state machine started for each', ok: cases.length > 0 && cases.every((c) => c.workflowStarted), detail: `${cases.filter((c) => c.workflowStarted).length} of ${cases.length}` });

  results.push(...(await target.accountChecks().catch((e: unknown) => [{ name: 'account checks', ok: false, detail: String(e) }])));
  results.push(...(await target.cleanUp(cases).catch((e: unknown) => [{ name: 'clean up', ok: false, detail: String(e) }])));
  return results;
}

/** The report: one line a check, then the count. */
export function formatReport(label: string, results: readonly SmokeCheck[]): string {
  const lines = results.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  return [`Redress smoke test against ${label}`, ...lines, `${results.length - failed} passed, ${failed} failed`].join('\n');
}

// ---- npm start ----

/** Sends raw mail over plain SMTP, as the mail server in front of the local inbox would. */
async function sendSmtp(host: string, port: number, from: string, to: string, raw: string): Promise<void> {
  const socket = createConnection({ host, port });
  socket.setEncoding('utf8');
  let buffer = '';
  const reply = () => new Promise<string>((resolve, reject) => {
    const onData = () => {
      const complete = /(^|\r\n)\d{3} [^\r\n]*\r\n$/.exec(buffer);
      if (!complete) return;
      socket.off('data', onData);
      const line = buffer.trim().split('\r\n').pop()!;
      buffer = '';
      if (!/^[23]/.test(line)) reject(new Error(`SMTP: ${line}`));
      else resolve(line);
    };
    socket.on('data', (chunk: string) => { buffer += chunk; onData(); });
    socket.once('error', reject);
  });
  const say = async (line: string) => { socket.write(`${line}\r\n`); return reply(); };
  try {
    await reply();
    await say('EHLO smoke.redress.test');
    await say(`MAIL FROM:<${from}>`);
    await say(`RCPT TO:<${to}>`);
    await say('DATA');
    await say(`${raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.`);
    await say('QUIT');
  } finally {
    socket.destroy();
  }
}

interface StaffCase { caseRef: string; channel?: string; stateMachine?: { following: boolean; run: string } | null }

/** The stage `npm start` runs (or a test's harness): SMTP in, the SES twin's store out, the staff API for cases. */
export function localTarget(settings: { url: string; smtpPort: number; sesUrl: string; staffToken: string; smsAuthToken: string; complaintsAddress: string; textNumber: string; waitMs?: number }): SmokeTarget {
  const staff = { authorization: `Bearer ${settings.staffToken}` };
  const waitMs = settings.waitMs ?? 60_000;
  return {
    label: `the local stack at ${settings.url}`,
    publicUrl: settings.url,
    complaintsAddress: settings.complaintsAddress,
    textNumber: settings.textNumber,
    smsAuthToken: async () => settings.smsAuthToken,
    sendMail: (mail) => sendSmtp('127.0.0.1', settings.smtpPort, mail.from, settings.complaintsAddress, [
      `From: ${mail.from}`, `To: ${settings.complaintsAddress}`, `Subject: ${mail.subject}`, `Message-ID: ${mail.messageId}`,
      `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', mail.body,
    ].join('\r\n')),
    acknowledgementTo: (to, subject) => poll(async () => {
      const { emails } = (await (await fetch(`${settings.sesUrl}/store`)).json()) as { emails: Array<{ destination: { to: string[] }; subject: string; body: { html?: string; text?: string } }> };
      const letter = emails.find((e) => e.destination.to.includes(to) && e.subject.includes(subject.slice(0, 20)))
        ?? emails.find((e) => e.destination.to.includes(to));
      return letter ? { subject: letter.subject, html: letter.body.html ?? '', text: letter.body.text ?? '' } : null;
    }, waitMs),
    async casesFrom(senders) {
      const response = await fetch(`${settings.url}/api/cases`, { headers: staff });
      if (!response.ok) throw new Error(`GET /api/cases answered ${response.status}`);
      const { cases } = (await response.json()) as { cases: StaffCase[] };
      return cases
        // The resident's address or number is on the case (and on the letters to them): the run's own senders.
        .filter((c) => senders.some((s) => JSON.stringify(c).includes(s)))
        .map((c) => ({ caseRef: c.caseRef, workflowStarted: c.stateMachine?.following === true, ...(c.channel ? { channel: c.channel } : {}) }));
    },
    async cleanUp(cases) {
      // Withdrawn, as a resident withdraws a complaint (through the channel it came by): the stage ends without a
      // response, the workflow stops, and the record stays, as every case's does.
      return Promise.all(cases.map((c) => check(`clean up: withdraw ${c.caseRef}`, async () => {
        const response = await fetch(`${settings.url}/api/cases/${c.caseRef}/withdraw`, {
          method: 'POST', headers: { ...staff, 'content-type': 'application/json', 'x-redress-officer': 'redress-smoke-test' },
          body: JSON.stringify({ reason: 'Smoke test by the operator, not a resident\'s complaint.', via: c.channel ?? 'email' }),
        });
        if (!response.ok) throw new Error(`the withdraw action answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        return 'withdrawn (the record is kept, as every case is)';
      })));
    },
    accountChecks: async () => [],
  };
}

// ---- a deployed stage, through the AWS CLI the operator deploys with ----

const aws = (args: string[]): unknown => JSON.parse(execFileSync('aws', [...args, '--output', 'json'], { encoding: 'utf8' }) || '{}');

/** A deployed stage, found from its CloudFormation outputs. Not runnable here (no AWS account): docs/operator.md. */
export function awsTarget(options: { stack: string; from: string; stage: string; waitMs?: number }): SmokeTarget {
  const { Stacks } = aws(['cloudformation', 'describe-stacks', '--stack-name', options.stack]) as { Stacks: Array<{ Outputs: Array<{ OutputKey: string; OutputValue: string }> }> };
  const out = Object.fromEntries(Stacks[0]!.Outputs.map((o) => [o.OutputKey, o.OutputValue]));
  const startedAt = new Date();
  const executionsSince = () => {
    const { executions } = aws(['stepfunctions', 'list-executions', '--state-machine-arn', out.StateMachineArn!]) as { executions: Array<{ executionArn: string; startDate: string; status: string }> };
    return executions.filter((e) => new Date(e.startDate) >= startedAt);
  };
  return {
    label: `stack ${options.stack}`,
    publicUrl: out.PublicUrl!,
    complaintsAddress: out.ComplaintsAddress!,
    textNumber: out.TextNumber ?? '',
    smsAuthToken: async () => (aws(['ssm', 'get-parameter', '--name', out.SmsAuthTokenParameter!, '--with-decryption']) as { Parameter: { Value: string } }).Parameter.Value,
    async sendMail(mail) {
      aws(['sesv2', 'send-email', '--from-email-address', options.from, '--destination', `ToAddresses=${out.ComplaintsAddress}`,
        '--content', JSON.stringify({ Simple: { Subject: { Data: mail.subject }, Body: { Text: { Data: mail.body } } } })]);
    },
    // The acknowledgement goes to a mailbox this script cannot read, so the letter is rendered by SES itself from the
    // data the mailer would send, and compared by the caller as the local one is.
    async acknowledgementTo() {
      const data = renderLetter('complaint-received', {
        caseRef: 'C-SMOKE0001', landlord: { name: 'Smoke', complaintsEmail: out.ComplaintsAddress! }, receivedOn: 'Monday 7 December 2026',
        residentSubject: `heating ${HOSTILE_WORDS} hot water`, acknowledgeWithinWorkingDays: 5, acknowledgeBy: 'Monday 14 December 2026',
        respondWithinWorkingDays: 10, respondCountedFrom: 'acknowledgement',
        ombudsman: { name: 'Housing Ombudsman Service', website: 'https://www.housing-ombudsman.org.uk', telephone: '0300 111 3000', email: 'info@housing-ombudsman.org.uk' },
      });
      const { RenderedTemplate } = aws(['sesv2', 'test-render-email-template', '--template-name', sesTemplateName('complaint-received', out.ConfigurationSet),
        '--template-data', JSON.stringify(sesTemplateData('complaint-received', data.templateData))]) as { RenderedTemplate: string };
      const html = /Content-Type: text\/html[\s\S]*?\r?\n\r?\n([\s\S]*?)(\r?\n--|$)/.exec(RenderedTemplate)?.[1] ?? '';
      const text = /Content-Type: text\/plain[\s\S]*?\r?\n\r?\n([\s\S]*?)(\r?\n--|$)/.exec(RenderedTemplate)?.[1] ?? '';
      return html || text ? { subject: data.subject, html, text } : null;
    },
    async casesFrom() {
      return poll(async () => {
        const started = executionsSince();
        return started.length >= 3 ? started.map((e) => ({ caseRef: e.executionArn.split(':').pop()!, workflowStarted: true })) : null;
      }, options.waitMs ?? 120_000).then((found) => found ?? executionsSince().map((e) => ({ caseRef: e.executionArn.split(':').pop()!, workflowStarted: true })));
    },
    async cleanUp() {
      return executionsSince().filter((e) => e.status === 'RUNNING').map((e) => {
        aws(['stepfunctions', 'stop-execution', '--execution-arn', e.executionArn, '--cause', 'Redress smoke test']);
        return { name: `clean up: stop ${e.executionArn.split(':').pop()}`, ok: true, detail: 'stopped; its case stays in the table as a record' };
      });
    },
    async accountChecks() {
      return [
        await check('schedules: the weekly digest schedule exists in the stage\'s group', async () => {
          const { Schedules: schedules } = aws(['scheduler', 'list-schedules', '--group-name', out.ScheduleGroup!]) as { Schedules: Array<{ Name: string }> };
          if (schedules.length === 0) throw new Error(`no schedule in ${out.ScheduleGroup}`);
          return schedules.map((s) => s.Name).join(', ');
        }),
        await check('schedules: their role trusts EventBridge Scheduler for this group', async () => {
          const role = out.SchedulerRoleArn!.split('/').pop()!;
          const { Role } = aws(['iam', 'get-role', '--role-name', role]) as { Role: { AssumeRolePolicyDocument: unknown } };
          const trust = JSON.stringify(Role.AssumeRolePolicyDocument);
          if (!trust.includes(`schedule-group/${out.ScheduleGroup}`)) throw new Error(`the trust policy names no schedule-group/${out.ScheduleGroup}`);
          return 'aws:SourceArn is the schedule group';
        }),
        await check('alarms: CloudWatch can publish to the alarm topic', async () => {
          const alarm = `${options.stack}-smoke-${Date.now()}`;
          const { Alarms = [] } = aws(['cloudwatch', 'describe-alarms', '--alarm-name-prefix', options.stack, '--max-records', '1']) as { Alarms?: Array<{ AlarmName: string }> };
          const name = Alarms[0]?.AlarmName ?? alarm;
          aws(['cloudwatch', 'set-alarm-state', '--alarm-name', name, '--state-value', 'ALARM', '--state-reason', 'Redress smoke test: checking the topic takes alarms']);
          const history = await poll(async () => {
            const { AlarmHistoryItems } = aws(['cloudwatch', 'describe-alarm-history', '--alarm-name', name, '--history-item-type', 'Action', '--max-records', '5']) as { AlarmHistoryItems: Array<{ HistorySummary: string; Timestamp: string }> };
            const recent = AlarmHistoryItems.find((i) => new Date(i.Timestamp) >= startedAt);
            return recent ? recent.HistorySummary : null;
          }, 60_000, 2_000);
          aws(['cloudwatch', 'set-alarm-state', '--alarm-name', name, '--state-value', 'OK', '--state-reason', 'Redress smoke test done']);
          if (!history?.startsWith('Successfully executed action')) throw new Error(history ?? 'no action in the alarm history within a minute');
          return `${name}: ${history}`;
        }),
      ];
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false }, url: { type: 'string', default: 'http://127.0.0.1:3000' }, smtp: { type: 'string', default: '2525' },
      ses: { type: 'string', default: 'http://127.0.0.1:8005' }, stack: { type: 'string' }, from: { type: 'string' }, stage: { type: 'string', default: 'dev' },
      to: { type: 'string', default: 'homes@demo.redress.test' }, text: { type: 'string', default: '+447700900123' },
    },
  });
  const target = values.local
    ? localTarget({
      url: values.url, smtpPort: Number(values.smtp), sesUrl: values.ses, complaintsAddress: values.to, textNumber: values.text,
      staffToken: process.env.REDRESS_STAFF_TOKEN ?? '', smsAuthToken: process.env.REDRESS_SMS_AUTH_TOKEN ?? '',
    })
    : awsTarget({ stack: values.stack ?? `Redress-${values.stage}`, from: values.from ?? '', stage: values.stage });
  const results = await runSmoke(target);
  console.log(formatReport(target.label, results));
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
