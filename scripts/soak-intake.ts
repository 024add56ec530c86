// npm run soak:intake [-- --messages 200 --copies 3 --same-instant 0.5 --kills 10 --seed 1]
//
// Races copies of the same messages over every channel (mail over SMTP, signed texts, the web form) at the whole
// local stack running as its own process (`local/start.ts`, as `npm start` runs it), and kills that process with
// SIGKILL at random moments, restarting it on the same data. Each copy is delivered the way its sender would: again
// and again until it is accepted (an SMTP 250, an HTTP 200). Then it reads everything back and checks the promises:
// nothing lost, no doubled case or receipt, no case the rules refuse, every duplicate recorded. It prints what it
// tried and what broke, and exits non-zero on any break.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import twilio from 'twilio';
import { readBankHolidays } from '../src/config/files.ts';
import { complaintEventsOf, type CaseEventRecord } from '../src/core/case/case-record.ts';
import { complaintTimeline } from '../src/core/case/complaint.ts';
import { calendarForPolicy } from '../src/core/code/deadlines.ts';
import { demoLandlord } from '../local/start.ts';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '200' },
    copies: { type: 'string', default: '3' },
    'same-instant': { type: 'string', default: '0.5' },
    kills: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
  },
});
const MESSAGES = Number(args.messages);
const COPIES = Number(args.copies);
const SAME_INSTANT = Number(args['same-instant']);
const KILLS = Number(args.kills);
const CONCURRENCY = Number(args.concurrency);
const STAFF_TOKEN = 'soak-staff-token';
const SMS_TOKEN = 'soak-sms-auth-token';
const LEASE_MS = 3_000;

// A small seeded generator, so a run can be repeated.
let state = Number(args.seed) >>> 0 || 1;
const random = () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'redress-soak-'));
const [httpPort, smtpPort, sesPort] = [await freePort(), await freePort(), await freePort()];
const url = `http://127.0.0.1:${httpPort}`;
const env = {
  ...process.env, REDRESS_HTTP_PORT: String(httpPort), REDRESS_SMTP_PORT: String(smtpPort), REDRESS_SES_PORT: String(sesPort),
  REDRESS_DATA_DIR: dataDir, REDRESS_STAFF_TOKEN: STAFF_TOKEN, REDRESS_SMS_AUTH_TOKEN: SMS_TOKEN, REDRESS_PUBLIC_URL: url,
  REDRESS_LEASE_MS: String(LEASE_MS), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

let stack: ChildProcess | null = null;
const startFailures: string[] = [];
// Starts the stack, trying again while a killed one's ports and files are let go.
async function startStack(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce();
    } catch (error) {
      startFailures.push(error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error));
      if (attempt === 8) throw error;
      await sleep(1_000);
    }
  }
}
async function startStackOnce(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  stack = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let up = false;
    const timer = setTimeout(() => reject(new Error(`the stack did not start: ${out.slice(-500)}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!up && out.includes('Redress is running')) {
        up = true;
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.once('exit', (code) => {
      if (up) return;
      clearTimeout(timer);
      writeFileSync(join(tmpdir(), 'redress-soak-start-failure.log'), out);
      const firstError = out.split('\n').filter((l) => /Error|error|message|name/.test(l) && !/^\s+at /.test(l)).slice(0, 4).join(' | ') || out.slice(-300);
      reject(new Error(`the stack exited (${code}) while starting: ${firstError.trim().slice(0, 300)}`));
    });
  });
}
async function killStack(): Promise<void> {
  const child = stack;
  if (!child) return;
  stack = null;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

type Channel = 'email' | 'sms' | 'form';
interface Message { readonly i: number; readonly channel: Channel; readonly externalId: string; readonly email: string | null }
const BODIES = [
  'This is the third time I have reported the damp in the bedroom and nobody has come. I want to make a complaint.',
  'Please can someone come and fix the dripping kitchen tap when you have time.',
  'The lift has been broken for three weeks and my mother cannot get out. This is not good enough, I am complaining.',
];
const uuidFor = (i: number) => {
  const h = createHash('sha256').update(`soak-${args.seed}-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const messages: Message[] = Array.from({ length: MESSAGES }, (_, i) => {
  const channel = (['email', 'sms', 'form'] as const)[i % 3]!;
  const tag = `${args.seed}x${i}`;
  return channel === 'email' ? { i, channel, externalId: `<soak-${tag}@example.com>`, email: `soak-${tag}@example.com` }
    : channel === 'sms' ? { i, channel, externalId: `SM${createHash('sha256').update(tag).digest('hex').slice(0, 32)}`, email: null }
    : { i, channel, externalId: `form:${uuidFor(i)}`, email: `soak-form-${tag}@example.com` };
});

const tried = { deliveries: 0, attempts: 0, refusedByStack: 0, connectionErrors: 0 };
const smsReplies = new Map<string, number>();

// Delivers one copy as its sender would: until it is accepted.
async function deliver(m: Message): Promise<void> {
  tried.deliveries += 1;
  const body = BODIES[m.i % BODIES.length]!;
  for (;;) {
    tried.attempts += 1;
    try {
      if (m.channel === 'email') {
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: false });
        const raw = [`From: ${m.email}`, 'To: homes@demo.redress.test', `Subject: Soak ${m.i}`, `Message-ID: ${m.externalId}`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
        const info = await transport.sendMail({ envelope: { from: m.email!, to: ['homes@demo.redress.test'] }, raw }).finally(() => transport.close());
        if (/^250/.test(info.response)) return;
      } else if (m.channel === 'sms') {
        const params = { MessageSid: m.externalId, From: `+4477009${String(m.i).padStart(5, '0')}`, To: '+447700900123', Body: body, AccountSid: 'AC123' };
        const signature = twilio.getExpectedTwilioSignature(SMS_TOKEN, `${url}/sms/inbound`, params);
        const response = await fetch(`${url}/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
        const text = await response.text();
        if (response.status === 200) {
          if (text.includes('<Message>')) smsReplies.set(m.externalId, (smsReplies.get(m.externalId) ?? 0) + 1);
          return;
        }
      } else {
        const form = new URLSearchParams({
          wants: m.i % 2 === 0 ? 'complaint' : 'report-or-ask', whatHappened: body, outcomeWanted: 'Put it right', name: `Resident ${m.i}`, email: m.email!,
          phone: '', addressOrTenancyReference: `Flat ${m.i}`, actingForYou: 'no', representativeName: '', representativeRelationship: '', adjustments: '', submissionToken: m.externalId.slice('form:'.length),
        });
        const response = await fetch(`${url}/contact`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
        await response.text();
        if (response.status === 200) return;
      }
      tried.refusedByStack += 1;
    } catch {
      tried.connectionErrors += 1;
    }
    await sleep(150 + random() * 350);
  }
}

async function deliverAll(): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let m = messages[next++]; m; m = messages[next++]) {
      if (m.i < MESSAGES * SAME_INSTANT) {
        await Promise.all(Array.from({ length: COPIES }, () => deliver(m!)));
      } else {
        for (let c = 0; c < COPIES; c++) {
          await deliver(m);
          await sleep(random() * 200);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const started = Date.now();
await startStack();
let kills = 0;
let delivering = true;
const killer = (async () => {
  while (delivering && kills < KILLS) {
    await sleep(200 + random() * 700);
    if (!delivering) break;
    await killStack();
    kills += 1;
    await startStack();
  }
})();
await deliverAll();
delivering = false;
await killer;
// Deliveries can finish before every kill: the rest kill and restart the idle stack, which must still come back whole.
const killsDuringDelivery = kills;
while (kills < KILLS) {
  await killStack();
  kills += 1;
  await startStack();
  await sleep(200 + random() * 700);
}

// Let any lease a kill left behind lapse, then read everything back through the staff API.
await sleep(LEASE_MS + 500);
interface Row { caseRef: string; kind: string; messages: { messageRef: string; externalId?: string | null }[]; letters: { template: string; status: string }[]; events: (CaseEventRecord['event'] & { seq: number })[] }
interface Loose { messageRef: string; outcome: string; externalId?: string | null; duplicateOf?: string | null; caseRef: string | null }
const cases: Row[] = [];
const loose: Loose[] = [];
for (let after: string | null = null, first = true; first || after; first = false) {
  const response = await fetch(`${url}/api/cases?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
  const page = (await response.json()) as { cases: Row[]; messagesWithoutCase: Loose[]; next: string | null };
  cases.push(...page.cases);
  loose.push(...page.messagesWithoutCase);
  after = page.next;
}
await killStack();

const policy = demoLandlord(url);
const cal = calendarForPolicy(policy, readBankHolidays());
const problems = { lost: 0, doubledCases: 0, doubledReceipts: 0, missingReceipts: 0, refusedCases: 0, missingDuplicates: 0, doubledSmsReplies: 0 };
const details: string[] = [];
const RECEIPTS = new Set(['complaint-received', 'service-request-logged']);
for (const m of messages) {
  const handledIn = cases.filter((c) => c.messages.some((x) => x.externalId === m.externalId));
  const duplicates = loose.filter((x) => x.externalId === m.externalId && x.outcome === 'duplicate');
  if (handledIn.length === 0) problems.lost += 1;
  if (handledIn.length > 1) {
    problems.doubledCases += 1;
    details.push(`doubled: ${m.channel} message ${m.i} is in ${handledIn.map((c) => `${c.caseRef} (${c.kind}, events ${c.events.map((e) => e.type).join(' ')})`).join(' and ')}`);
  }
  if (duplicates.length < COPIES - 1) problems.missingDuplicates += 1;
  if ((smsReplies.get(m.externalId) ?? 0) > 1) problems.doubledSmsReplies += 1;
  for (const c of handledIn) {
    const receipts = c.letters.filter((l) => RECEIPTS.has(l.template)).length;
    if (m.email && receipts > 1) problems.doubledReceipts += 1;
    if (m.email && receipts === 0) problems.missingReceipts += 1;
    if (c.kind === 'complaint' && !complaintTimeline(complaintEventsOf(c.events.map((event) => ({ caseRef: c.caseRef, seq: event.seq, recordedAt: event.at, by: 'x', event }))), policy, cal).ok) problems.refusedCases += 1;
  }
}
rmSync(dataDir, { recursive: true, force: true });

const broke = Object.values(problems).reduce((a, b) => a + b, 0);
process.stdout.write([
  `soak:intake  ${MESSAGES} messages x ${COPIES} copies (${Math.round(SAME_INSTANT * 100)}% at the same instant), ${kills} kills (SIGKILL; ${killsDuringDelivery} while delivering), seed ${args.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  `tried        ${tried.deliveries} deliveries in ${tried.attempts} attempts: ${tried.refusedByStack} asked to retry (451/5xx), ${tried.connectionErrors} connection errors (the stack was down)`,
  ...(startFailures.length > 0 ? [`restarts    ${startFailures.length} failed and were tried again: ${startFailures[0]}`] : []),
  `found        ${cases.length} cases, ${loose.filter((x) => x.outcome === 'duplicate').length} duplicates recorded`,
  `broke        ${Object.entries(problems).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ...details.slice(0, 10),
  broke === 0 ? 'PASS' : 'FAIL',
  '',
].join('\n'));
process.exit(broke === 0 ? 0 : 1);
