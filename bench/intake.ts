// npm run bench:intake [-- --mails 1000 --forms 1000 --concurrency 8]
// Sends mail over SMTP and form posts over HTTP to the local stack, and prints messages per second and the latency
// from receipt to stored-and-acknowledged (the SMTP 250 and the form's answer both come after the acknowledgement
// is sent). Beside it, the bare necessary work per message measured in the same run: parse + one store write + one
// SES send, with nothing else (no dedupe, triage, linking, case or letter records).
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { makeHandler as receiveEmailHandler, rawMailKey } from '../lambdas/receive-email/handler.ts';
import { startLocalRedress } from '../local/start.ts';
import { twilioSignature } from '../src/intake/twilio-signature.ts';
import type { CaseWorkflow } from '../src/ports-lifecycle.ts';

const { values } = parseArgs({ options: { mails: { type: 'string', default: '1000' }, forms: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' } } });
const MAILS = Number(values.mails);
const FORMS = Number(values.forms);
const CONCURRENCY = Number(values.concurrency);

const quiet = { info() {}, warn() {}, error() {} };
// The lifecycle is not part of intake's cost: count the starts, run nothing.
const starts: string[] = [];
const workflow: CaseWorkflow = {
  startComplaint: async ({ caseRef }) => (starts.push(caseRef), 'started'),
  followComplaint: async () => 'started',
  stopFollowing: async () => 'not-running',
};

const redress = await startLocalRedress({
  dataDir: null,
  settings: { REDRESS_HTTP_PORT: 0, REDRESS_SMTP_PORT: 0, REDRESS_SES_PORT: 0, REDRESS_STAFF_TOKEN: 'bench-staff-token', REDRESS_SMS_AUTH_TOKEN: 'bench-sms-token' },
  workflow: () => workflow,
  logger: quiet,
});

const BODIES = [
  'The kitchen tap is dripping, please can someone come and fix it.',
  'This is the third time I have reported the damp and nobody has come. I want to make a complaint.',
  'Thank you for fixing the door so quickly.',
  'My boiler is not working and I have a baby at home. Please send someone today.',
];
const mail = (i: number) =>
  [`From: resident${i}@example.com`, 'To: homes@demo.redress.test', `Subject: Message ${i}`, `Message-ID: <bench-${i}-${Date.now()}@example.com>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', BODIES[i % BODIES.length]].join('\r\n');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
async function run(label: string, count: number, one: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, count, perSecond: count / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

const transports = Array.from({ length: CONCURRENCY }, () => nodemailer.createTransport({ host: '127.0.0.1', port: redress.smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 }));
const smtp = await run('mail over SMTP, to 250', MAILS, async (i) => {
  await transports[i % CONCURRENCY]!.sendMail({ envelope: { from: `resident${i}@example.com`, to: ['homes@demo.redress.test'] }, raw: mail(i) });
});

const FORM = { wants: 'report-or-ask', whatHappened: 'The light in the stairwell is out.', outcomeWanted: '', name: 'Bench Resident', email: '', phone: '07700 900456', addressOrTenancyReference: '1 Bench Road', actingForYou: 'no', representativeName: '', representativeRelationship: '', adjustments: '' };
const forms = await run('web form POST, to the answer', FORMS, async (i) => {
  const response = await fetch(`${redress.url}/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // Each from its own resident: their own address and number.
    body: new URLSearchParams({ ...FORM, email: `former${i}@example.com`, phone: `07700 7${String(i).padStart(5, '0')}`, submissionToken: randomUUID() }).toString(),
  });
  if (response.status !== 200) throw new Error(`form answered ${response.status}`);
  await response.text();
});

// The bare necessary work, against the same twins: parse, one write, one send.
const { dynamo, ses, tableName } = redress.twins;
const bare = await run('bare: parse + 1 write + 1 send', MAILS, async (i) => {
  const parsed = await simpleParser(Buffer.from(mail(i)));
  await dynamo.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `BENCH#${i}` }, sk: { S: 'BARE' }, body: { S: parsed.text ?? '' } } }));
  await ses.send(new SendEmailCommand({ FromEmailAddress: 'homes@demo.redress.test', Destination: { ToAddresses: [`resident${i}@example.com`] }, Content: { Simple: { Subject: { Data: 'Thanks' }, Body: { Text: { Data: 'We have your message.' } } } } }));
});

// ---- Round trips: every call to the twins, one message at a time, by path ----------------------------------------
// Each SDK client gets a middleware that records when a call starts and ends; the workflow's start counts as a call
// too. Calls that overlap run in the same wave; the waves are what a resident waits through, one after the other.
interface Call { readonly service: string; readonly operation: string; readonly start: number; end: number; readonly what?: string }
let recording: Call[] | null = null;
for (const [service, client] of [['DynamoDB', redress.twins.dynamo], ['S3', redress.twins.s3], ['SES', redress.twins.ses]] as const) {
  (client.middlewareStack as { add: (m: unknown, o: unknown) => void }).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const call: Call = { service, operation: (context.commandName ?? 'call').replace(/Command$/, ''), start: performance.now(), end: 0, what: process.env.BENCH_TRACE ? whatIsWritten(args) : undefined };
      recording?.push(call);
      try {
        return await next(args);
      } finally {
        call.end = performance.now();
      }
    },
    { step: 'initialize', name: 'benchRoundTrips' },
  );
}
const originalStart = workflow.startComplaint;
workflow.startComplaint = async (input) => {
  const call: Call = { service: 'StepFunctions', operation: 'StartExecution', start: performance.now(), end: 0 };
  recording?.push(call);
  try {
    return await originalStart(input);
  } finally {
    call.end = performance.now() + 0.01;
  }
};

/** The calls grouped into waves: a call that starts before every earlier one has ended joins their wave. */
const wavesOf = (calls: readonly Call[]): Call[][] => {
  const waves: Call[][] = [];
  let until = -Infinity;
  for (const c of [...calls].sort((a, b) => a.start - b.start)) {
    if (c.start >= until) waves.push([]);
    waves.at(-1)!.push(c);
    until = Math.max(until, c.end);
  }
  return waves;
};
/** For BENCH_TRACE: what a DynamoDB call reads or writes (the sort key's prefix, its index, or how many items). */
const whatIsWritten = (args: unknown): string | undefined => {
  const input = (args as { input?: Record<string, unknown> }).input ?? {};
  const key = (input.Item ?? input.Key) as Record<string, { S?: string } | string> | undefined;
  const sk = key?.sk;
  const text = typeof sk === 'string' ? sk : sk?.S;
  const table = typeof input.TableName === 'string' && /idempotency/i.test(input.TableName) ? 'idempotency ' : '';
  if (text) return `(${table}${text.split(/[#:]/)[0]})`;
  if (typeof input.IndexName === 'string') return `(${input.IndexName})`;
  if (input.RequestItems) return `(${Object.values(input.RequestItems as Record<string, unknown[]>).flat().length} items)`;
  return table ? `(${table.trim()})` : undefined;
};
/** The calls wave by wave, one line each, for BENCH_TRACE. */
const traceByWave = (calls: readonly Call[]) =>
  wavesOf(calls).map((wave, n) => `  ${n + 1}. ${wave.map((c) => `${c.service === 'DynamoDB' ? '' : `${c.service} `}${c.operation}${c.what ? ` ${c.what}` : ''}`).join(' + ')}`).join('\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const PER_CALL_MS = Number(process.env.BENCH_AWS_CALL_MS ?? 8);

async function roundTrips(label: string, samples: number, one: (i: number) => Promise<void>, before?: (i: number) => Promise<void>) {
  const rows: { calls: number; waves: number; ms: number; byOperation: Map<string, number> }[] = [];
  for (let i = 0; i < samples; i++) {
    await before?.(100_000 + i);
    recording = [];
    const t = performance.now();
    await one(100_000 + i);
    const ms = performance.now() - t;
    const calls = recording;
    recording = null;
    if (process.env.BENCH_TRACE && i === 0) process.stdout.write(`${label}:\n${traceByWave(calls)}\n`);
    const byOperation = new Map<string, number>();
    for (const c of calls) byOperation.set(`${c.service} ${c.operation}`, (byOperation.get(`${c.service} ${c.operation}`) ?? 0) + 1);
    rows.push({ calls: calls.length, waves: wavesOf(calls).length, ms, byOperation });
  }
  const mid = rows.sort((a, b) => a.calls - b.calls)[Math.floor(rows.length / 2)]!;
  return { label, calls: median(rows.map((r) => r.calls)), waves: median(rows.map((r) => r.waves)), localMs: median(rows.map((r) => r.ms)), byOperation: mid.byOperation };
}

const sesEvent = JSON.parse(readFileSync(new URL('../test/fixtures/events/ses-receipt.json', import.meta.url), 'utf8'));
const sesEventFor = (messageId: string) => {
  const event = structuredClone(sesEvent);
  event.Records[0].ses.mail.messageId = messageId;
  event.Records[0].ses.mail.timestamp = new Date().toISOString();
  return event;
};
const receiveEmail = receiveEmailHandler(redress.intake);
// Each path has its own senders, so no message finds another path's case to join.
const replyTo = new Map<number, string>();
const oneMail = (path: string, body: string) => async (i: number, messageId?: string) => {
  const raw = mail(i).replace(BODIES[i % BODIES.length]!, body).replace(`resident${i}@`, `${path}${i}@`);
  await transports[0]!.sendMail({ envelope: { from: `${path}${i}@example.com`, to: ['homes@demo.redress.test'] }, raw: messageId ? raw.replace(/^Message-ID: .*$/m, `Message-ID: ${messageId}`) : raw });
};
const tripRows = [
  await roundTrips('email, a new complaint', 9, oneMail('tripcomplaint', BODIES[1]!)),
  // As on AWS: SES's S3 action keeps the raw mail (not counted: SES does it), then the receive-email function runs.
  await roundTrips('email, a new complaint, on AWS', 9, async (i) => {
    await receiveEmail(sesEventFor(`tripaws${i}`));
  }, async (i) => {
    const raw = mail(i).replace(BODIES[i % BODIES.length]!, BODIES[1]!).replace(`resident${i}@`, `tripaws${i}@`);
    await redress.intake.documents.put(rawMailKey(`tripaws${i}`), Buffer.from(raw), 'message/rfc822');
  }),
  await roundTrips('email, a new service request', 9, oneMail('triprequest', BODIES[0]!)),
  // A resident's reply quoting the reference of the complaint their first mail opened (the first mail not counted).
  await roundTrips('email, a reply to a complaint', 9, async (i) => {
    const reply = `Any news on ${replyTo.get(i) ?? 'my complaint'}? I sent photos of the damp last week.`;
    await oneMail('tripreply', reply)(i, `<reply-${i}-${Date.now()}@example.com>`);
  }, async (i) => {
    await oneMail('tripreply', BODIES[1]!)(i);
    replyTo.set(i, (await redress.intake.cases.senderHistory('demo', `tripreply${i}@example.com`)).cases[0]?.caseRef ?? '');
  }),
  await roundTrips('text, a new complaint', 9, async (i) => {
    const params = { MessageSid: `SMbench${i}${Date.now()}`.slice(0, 34), From: `07700 9${String(i).slice(-5)}`, To: '+447700900123', Body: BODIES[1]!, AccountSid: 'AC123' };
    const response = await fetch(`${redress.url}/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('bench-sms-token', `${redress.url}/sms/inbound`, params) },
      body: new URLSearchParams(params).toString(),
    });
    if (response.status !== 200) throw new Error(`the SMS webhook answered ${response.status}`);
    await response.text();
  }),
  await roundTrips('form, a new service request', 9, async (i) => {
    const response = await fetch(`${redress.url}/contact`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...FORM, email: `tripform${i}@example.com`, phone: `07700 8${String(i).padStart(5, '0')}`, submissionToken: randomUUID() }).toString(),
    });
    await response.text();
  }),
];

const kept = (await redress.intake.messages.listMessages('demo')).length;
process.stdout.write(`\nIntake on the local stack, ${CONCURRENCY} at a time (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n\n`);
process.stdout.write(`${'path'.padEnd(32)} ${'messages'.padStart(8)} ${'per second'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}\n`);
for (const r of [smtp, forms, bare]) {
  process.stdout.write(`${r.label.padEnd(32)} ${String(r.count).padStart(8)} ${r.perSecond.toFixed(1).padStart(11)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)}\n`);
}
process.stdout.write(`\nRound trips per message, one at a time (median of 9); modelled AWS p50 = waves x ${PER_CALL_MS} ms a call (BENCH_AWS_CALL_MS)\n\n`);
process.stdout.write(`${'path'.padEnd(32)} ${'calls'.padStart(6)} ${'waves'.padStart(6)} ${'local ms'.padStart(9)} ${'AWS p50 ms'.padStart(11)}\n`);
for (const r of tripRows) {
  process.stdout.write(`${r.label.padEnd(32)} ${String(r.calls).padStart(6)} ${String(r.waves).padStart(6)} ${r.localMs.toFixed(1).padStart(9)} ${String(r.waves * PER_CALL_MS).padStart(11)}\n`);
  process.stdout.write(`${''.padEnd(32)} ${[...r.byOperation].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ')}\n`);
}
process.stdout.write(`\nkept ${kept} messages, started ${starts.length} complaint workflows; Redress's full intake costs ${(bare.perSecond / smtp.perSecond).toFixed(1)}x the bare work per mail\n`);
for (const t of transports) t.close();
await redress.close();
