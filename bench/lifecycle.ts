// Benchmark, run on demand (`npx tsx bench/lifecycle.ts`), never in the tests: for each complaint lifecycle, the
// state transitions Step Functions would bill and the AWS API calls Redress makes, and what 1,000 such complaints
// cost at list prices. The same ASL runs on aws-local-stepfunctions with its Wait cut to 0 ms while a virtual clock
// jumps to each wake; the Task runs the case-step code against the store on dynalite; staff act through the same
// application service the staff API calls; intake is the real intake.
import { createHash } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { S3Documents } from '../src/adapters/s3/s3-documents.ts';
import { DynamoLifecycleStore } from '../src/adapters/dynamodb/lifecycle-store.ts';
import { DynamoRedressStore } from '../src/adapters/dynamodb/redress-store.ts';
import { complaintCaseDefinition, REVIEW_STATE } from '../src/adapters/sfn/definition.ts';
import '../src/adapters/sfn/local-workflow.ts'; // the Promise.withResolvers polyfill for Node 20
import type { LifecycleDeps } from '../src/case-handling/lifecycle-deps.ts';
import { reviewCase, ReviewCaseInput } from '../src/case-handling/review-case.ts';
import { takeStaffAction, type StaffActionRequest } from '../src/case-handling/staff-actions.ts';
import { answerSurvey, sendSurvey } from '../src/case-handling/survey.ts';
import { readBankHolidays, shippedLandlordPolicies } from '../src/config/files.ts';
import type { FormDetails } from '../src/core/intake/message.ts';
import { LandlordDirectory } from '../src/intake/landlords.ts';
import { receiveMessage, type Arrival } from '../src/intake/receive-message.ts';
import type { CaseWorkflow, SurveyRequest, SurveySchedules } from '../src/ports-lifecycle.ts';
import type { Logger, Mailer, OutboundMail } from '../src/ports.ts';
import { startTwins } from '../local/twins.ts';

/** List prices, US East (N. Virginia), as written on the AWS pricing pages; checked November 2026. */
const PRICES = {
  asOf: 'November 2026 (AWS list prices, us-east-1; eu-west-2 London is within a few per cent)',
  stepFunctionsPerTransition: 0.025 / 1000,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaPerGbSecond: 0.0000166667,
  dynamoPerWriteUnit: 0.625 / 1_000_000,
  dynamoPerReadUnit: 0.125 / 1_000_000,
  schedulerPerInvocation: 1 / 1_000_000,
  sesPerMail: 0.1 / 1000,
} as const;
/** What a Lambda invocation is assumed to take: the stack's default memory, and a generous average duration. */
const LAMBDA = { memoryGb: 0.5, seconds: 0.3 };

type Counts = Record<string, number>;
const counts: Counts = {};
const count = (name: string, n = 1) => { counts[name] = (counts[name] ?? 0) + n; };

// ---- the local world, with a virtual clock

const twins = await startTwins({ dataDir: null });
twins.dynamo.middlewareStack.add((next, context) => async (args) => {
  const input = args.input as Record<string, unknown>;
  if (!('TableName' in input) || context.commandName === 'DescribeTableCommand') return next(args);
  input.ReturnConsumedCapacity = 'TOTAL';
  const result = await next(args);
  const consumed = (result.output as { ConsumedCapacity?: { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number } }).ConsumedCapacity;
  count(`DynamoDB ${String(context.commandName).replace(/Command$/, '')}`);
  const write = /Put|Update|Delete|BatchWrite/.test(String(context.commandName));
  const units = consumed?.CapacityUnits ?? (write ? consumed?.WriteCapacityUnits : consumed?.ReadCapacityUnits) ?? 1;
  count(write ? 'dynamo write units' : 'dynamo read units', units);
  return result;
}, { step: 'initialize', name: 'countCalls' });

const store = new DynamoRedressStore(twins.dynamo, twins.tableName);
const surveys = new DynamoLifecycleStore(twins.dynamo, twins.tableName);
let now = Date.parse('2026-11-23T09:15:00Z');
const clock = { now: () => new Date(now) };
const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const mailer: Mailer = {
  async send(mail: OutboundMail) {
    count('SES SendEmail');
    count(mail.template === 'officer-reminder' || mail.template === 'milestone-overdue' ? 'mails to staff' : 'mails to residents');
    return { providerMessageId: `bench-${counts['SES SendEmail']}` };
  },
};
const shipped = shippedLandlordPolicies();
const policies = new Map(['code-defaults', 'example-housing-association'].map((id) => [id, shipped.get(id)!]));
const govUk = readBankHolidays();

// One virtual timeline: staff actions from the script, fired schedules, and each run's next wake, taken in time
// order; a run's Task waits for the driver to reach its wake, and the driver waits for every run to be quiet.
type Due = { at: number; run: () => Promise<void> };
let agenda: Due[] = [];
interface BenchRun { name: string; wake: { at: number; resume: () => void } | null; ended: boolean; result: Promise<unknown>; abort: () => void }
const runs: BenchRun[] = [];
const transitions = new Map<string, number>();
const failures: unknown[] = [];

const isQuiet = () => runs.every((r) => r.ended || r.wake !== null);
async function quiet(): Promise<void> {
  for (let stable = 0, rounds = 0; stable < 3; rounds += 1) {
    if (rounds > 100_000) throw new Error('a run never came to rest');
    await new Promise((resolve) => setTimeout(resolve, 0));
    stable = isQuiet() ? stable + 1 : 0;
  }
}

/** Runs the timeline until nothing is left on it. */
async function drive(): Promise<void> {
  for (;;) {
    await quiet();
    agenda.sort((a, b) => a.at - b.at);
    const item = agenda[0];
    const waking = runs.filter((r) => r.wake).sort((a, b) => a.wake!.at - b.wake!.at)[0];
    if (!item && !waking) return;
    if (waking && (!item || waking.wake!.at <= item.at)) {
      const { at, resume } = waking.wake!;
      waking.wake = null;
      now = Math.max(now, at);
      resume();
      continue;
    }
    agenda.shift();
    now = Math.max(now, item!.at);
    await item!.run();
  }
}

const machine = new StateMachine(complaintCaseDefinition(), { validationOptions: { checkPaths: true, checkArn: true } });
const workflow: CaseWorkflow = {
  startComplaint: (input) => workflow.followComplaint({ ...input, run: input.caseRef }),
  async followComplaint(input) {
    count('Step Functions StartExecution');
    let wakeAt: number | null = null;
    const run: BenchRun = { name: input.run, wake: null, ended: false, result: Promise.resolve(), abort: () => undefined };
    const execution = machine.run({ caseRef: input.caseRef, landlordId: input.landlordId }, {
      overrides: {
        taskResourceLocalHandlers: {
          [REVIEW_STATE]: async (task) => {
            const at = wakeAt;
            if (at !== null) await new Promise<void>((resume) => { run.wake = { at, resume }; });
            count('Lambda case-step');
            try {
              const output = await reviewCase(deps, ReviewCaseInput.parse(task));
              wakeAt = output.wakeAt ? Date.parse(output.wakeAt) : null;
              return { ...output };
            } catch (error) {
              failures.push(error);
              throw error;
            }
          },
        },
        waitTimeOverrides: { 'Wait for the next reminder or due time': 0 },
        retryIntervalOverrides: { [REVIEW_STATE]: 0 },
      },
      context: { Execution: { Name: input.run, Id: `bench:${input.run}`, StartTime: new Date(now).toISOString(), Input: {} } },
      noThrowOnAbort: true,
    });
    run.abort = execution.abort;
    run.result = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') transitions.set(input.caseRef, (transitions.get(input.caseRef) ?? 0) + 1);
      }
      await execution.result.catch((error: unknown) => failures.push(error));
      run.ended = true;
    })();
    runs.push(run);
    return 'started';
  },
  async stopFollowing(input) {
    const run = runs.find((r) => r.name === input.run && !r.ended);
    if (!run) return 'not-running';
    count('Step Functions StopExecution');
    run.wake = null;
    run.ended = true;
    run.abort();
    return 'stopped';
  },
};
const surveySchedules: SurveySchedules = {
  async scheduleSurvey(request: SurveyRequest) {
    count('Scheduler CreateSchedule');
    agenda.push({ at: Date.parse(request.sendAt), run: async () => {
      count('Scheduler invocation');
      count('Lambda send-survey');
      await sendSurvey(deps, request);
    } });
    return 'scheduled';
  },
};
const deps: LifecycleDeps = {
  messages: store, cases: store, letters: store, mailer, clock, logger: silentLogger, policies, govUk,
  workflow, surveySchedules, surveys, publicUrl: 'https://redress.example',
};
const intake = {
  ...deps, documents: new S3Documents(twins.s3, twins.bucket), landlords: new LandlordDirectory(policies, 'code-defaults'),
};

// ---- the lifecycles

let serial = 0;
async function complain(landlordId: string, form: Partial<FormDetails> = {}): Promise<string> {
  const details: FormDetails = {
    wants: 'complaint', whatHappened: 'The boiler has failed three times since October and the repair is still not done.',
    outcomeWanted: 'A working boiler', name: 'Ann Resident', email: `resident${++serial}@example.com`, phone: null,
    addressOrTenancyReference: '12 Acacia Avenue', representative: null, adjustments: null, ...form,
  };
  count('Lambda http-api');
  const policy = policies.get(landlordId)!;
  const arrival: Arrival = {
    landlordId, channel: 'web_form', receivedAt: new Date(now).toISOString(), from: details.email, fromName: details.name || null,
    to: policy.contact.complaintsEmail, subject: null, body: details.whatHappened, externalId: `bench-${serial}`,
    contentSha256: createHash('sha256').update(`bench-${serial}`).digest('hex'), rawSha256: null, rawDocumentKey: null,
    attachments: [], repliesTo: [], form: details, deliveryId: `bench-${serial}`,
  };
  const result = await receiveMessage(intake, arrival);
  if (!result.caseRef) throw new Error('the bench complaint opened no case');
  return result.caseRef;
}

const day = (iso: string) => Date.parse(iso);
const act = (at: string, caseRef: () => string, officer: string, request: StaffActionRequest): Due => ({
  at: day(at),
  run: async () => {
    count('Lambda http-api');
    const result = await takeStaffAction(deps, caseRef(), officer, request);
    if (!result.ok) throw new Error(`bench action ${request.action} refused: ${JSON.stringify(result.error)}`);
  },
});
const definition = { understanding: 'The boiler has failed three times and is not repaired.', outcomesSought: ['A working boiler'] };
const H1 = 'asha.patel@landlord.example';
const H2 = 'tom.okafor@landlord.example';
const respond = (decision: 'upheld' | 'partly-upheld' | 'not-upheld'): StaffActionRequest => ({ action: 'respond', decision, reasons: ['The repair took too long.'], remedy: ['An apology'] });

interface Lifecycle {
  readonly name: string;
  readonly landlordId: string;
  readonly form?: Partial<FormDetails>;
  readonly script: (ref: () => string) => Due[];
}

const lifecycles: Lifecycle[] = [
  { name: 'answered on time', landlordId: 'code-defaults', script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-04T15:00:00Z', ref, H1, respond('upheld')),
    act('2026-12-04T15:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
  ] },
  { name: 'answered late', landlordId: 'code-defaults', script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-11T12:00:00Z', ref, H1, respond('partly-upheld')),
    act('2026-12-11T12:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
  ] },
  { name: 'extended', landlordId: 'code-defaults', script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-03T10:00:00Z', ref, H1, { action: 'extend', extensionWorkingDays: 10, reason: 'Waiting for the engineer’s report.' }),
    act('2026-12-18T12:00:00Z', ref, H1, respond('upheld')),
    act('2026-12-18T12:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
  ] },
  { name: 'escalated, answered at stage 2', landlordId: 'code-defaults', script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-02T10:00:00Z', ref, H1, respond('not-upheld')),
    act('2026-12-07T10:00:00Z', ref, H2, { action: 'escalate', via: 'email', handler: H2 }),
    act('2026-12-08T10:00:00Z', ref, H2, { action: 'acknowledge', understanding: 'Unhappy that no compensation was offered.', outcomesSought: ['Compensation'] }),
    act('2026-12-22T10:00:00Z', ref, H2, respond('upheld')),
    act('2026-12-22T10:05:00Z', ref, H2, { action: 'close', reason: 'Final response sent.' }),
  ] },
  { name: 'declined', landlordId: 'example-housing-association', script: (ref) => [
    act('2026-11-23T11:00:00Z', ref, H1, { action: 'decline', reason: 'A disrepair claim about the same boiler is before the court.', exclusions: ['legal-proceedings-started'] }),
  ] },
  { name: 'anonymous', landlordId: 'code-defaults', form: { name: '', email: null, addressOrTenancyReference: '' }, script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-04T15:00:00Z', ref, H1, respond('upheld')),
    act('2026-12-04T15:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
  ] },
  { name: 'by a representative', landlordId: 'code-defaults', form: { representative: { name: 'Jo Advocate', relationship: 'adviser' } }, script: (ref) => [
    act('2026-11-23T12:00:00Z', ref, H1, { action: 'record-representative', name: 'Jo Advocate', relationship: 'adviser', email: 'jo@advice.example', consentConfirmed: true }),
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-04T15:00:00Z', ref, H1, respond('upheld')),
    act('2026-12-04T15:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
  ] },
  { name: 'resident writes during stage 1', landlordId: 'code-defaults', script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    { at: day('2026-11-27T11:00:00Z'), run: async () => {
      count('Lambda receive-email');
      const record = (await store.getCase(ref()))!;
      await receiveMessage(intake, {
        landlordId: record.landlordId, channel: 'email', receivedAt: new Date(now).toISOString(), from: record.resident.email, fromName: 'Ann Resident',
        to: policies.get(record.landlordId)!.contact.complaintsEmail, subject: `Re: Your complaint ${ref()}`, body: 'Also the bedroom radiator is cold now.',
        externalId: `<reply-${ref()}@example.com>`, contentSha256: createHash('sha256').update(`reply-${ref()}`).digest('hex'), rawSha256: null,
        rawDocumentKey: null, attachments: [], repliesTo: [], form: null, deliveryId: `reply-${ref()}`,
      });
    } },
    act('2026-12-04T15:00:00Z', ref, H1, respond('upheld')),
    act('2026-12-04T15:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
  ] },
  { name: 'surveyed a month after closure', landlordId: 'example-housing-association', script: (ref) => [
    act('2026-11-24T10:00:00Z', ref, H1, { action: 'acknowledge', ...definition, handler: H1 }),
    act('2026-12-03T15:00:00Z', ref, H1, respond('upheld')),
    act('2026-12-03T15:05:00Z', ref, H1, { action: 'close', reason: 'Responded.' }),
    { at: day('2027-01-05T12:00:00Z'), run: async () => {
      const sent = (await store.events(ref())).map((e) => e.event).find((e) => e.type === 'survey-sent');
      if (!sent || sent.type !== 'survey-sent') throw new Error('the survey was not sent');
      count('Lambda http-api');
      await answerSurvey(deps, sent.surveyId, { handling: 'satisfied', outcome: 'satisfied' }, 'survey-page');
    } },
  ] },
];

// ---- run each lifecycle, one complaint at a time

interface Row { name: string; transitions: number; counts: Counts }
const rows: Row[] = [];
for (const lifecycle of lifecycles) {
  for (const key of Object.keys(counts)) delete counts[key];
  transitions.clear();
  agenda = [];
  runs.length = 0;
  now = day('2026-11-23T09:15:00Z');
  let caseRef = '';
  const ref = () => caseRef;
  agenda.push(...lifecycle.script(ref));
  caseRef = await complain(lifecycle.landlordId, lifecycle.form);
  await drive();
  if (failures.length > 0) throw new AggregateError(failures, `the lifecycle "${lifecycle.name}" failed`);
  rows.push({ name: lifecycle.name, transitions: transitions.get(caseRef) ?? 0, counts: { ...counts } });
}
await twins.close();

// ---- report

const c = (row: Row, key: string) => row.counts[key] ?? 0;
const lambdaCalls = (row: Row) => Object.entries(row.counts).filter(([k]) => k.startsWith('Lambda ')).reduce((s, [, n]) => s + n, 0);
const dynamoCalls = (row: Row) => Object.entries(row.counts).filter(([k]) => k.startsWith('DynamoDB ')).reduce((s, [, n]) => s + n, 0);
const costPer1000 = (row: Row) => {
  const lambda = lambdaCalls(row) * (PRICES.lambdaPerRequest + LAMBDA.memoryGb * LAMBDA.seconds * PRICES.lambdaPerGbSecond);
  const parts = {
    stepFunctions: row.transitions * PRICES.stepFunctionsPerTransition,
    lambda,
    dynamo: c(row, 'dynamo write units') * PRICES.dynamoPerWriteUnit + c(row, 'dynamo read units') * PRICES.dynamoPerReadUnit,
    scheduler: c(row, 'Scheduler invocation') * PRICES.schedulerPerInvocation,
    ses: c(row, 'SES SendEmail') * PRICES.sesPerMail,
  };
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v * 1000])) as typeof parts;
};
const usd = (n: number) => `$${n.toFixed(4)}`;

console.log('Complaint lifecycles: per complaint, then the cost of 1,000 such complaints');
console.log(`Prices: ${PRICES.asOf}. Step Functions Standard $0.025 per 1,000 transitions; Lambda $0.20 per million requests and`);
console.log(`$0.0000166667 per GB-second (assumed ${LAMBDA.memoryGb * 1024} MB, ${LAMBDA.seconds * 1000} ms each); DynamoDB on-demand $0.625 per million write units,`);
console.log('$0.125 per million read units; EventBridge Scheduler $1.00 per million invocations; SES $0.10 per 1,000 mails.');
console.log('The weekly digest is per landlord, not per complaint, and is left out; so are storage, logs and data transfer.\n');
const header = ['lifecycle', 'transitions', 'Lambda', 'DynamoDB', '(WRU/RRU)', 'SFN calls', 'Sched', 'SES', 'SFN $', 'Lambda $', 'DDB $', 'Sched $', 'all but SES $', 'SES $'];
console.log(header.map((h, i) => (i === 0 ? h.padEnd(32) : h.padStart(i >= 8 ? 13 : 10))).join(''));
for (const row of rows) {
  const cost = costPer1000(row);
  const allButSes = cost.stepFunctions + cost.lambda + cost.dynamo + cost.scheduler;
  console.log([
    row.name.padEnd(32),
    String(row.transitions).padStart(10),
    String(lambdaCalls(row)).padStart(10),
    String(dynamoCalls(row)).padStart(10),
    `${Math.round(c(row, 'dynamo write units'))}/${Math.round(c(row, 'dynamo read units'))}`.padStart(10),
    String(c(row, 'Step Functions StartExecution') + c(row, 'Step Functions StopExecution')).padStart(10),
    String(c(row, 'Scheduler CreateSchedule') + c(row, 'Scheduler invocation')).padStart(10),
    String(c(row, 'SES SendEmail')).padStart(10),
    usd(cost.stepFunctions).padStart(13), usd(cost.lambda).padStart(13), usd(cost.dynamo).padStart(13), usd(cost.scheduler).padStart(13),
    usd(allButSes).padStart(13), usd(cost.ses).padStart(13),
  ].join(''));
}
const onTime = rows.find((r) => r.name === 'answered on time')!;
const worst = Math.max(...rows.map((r) => { const x = costPer1000(r); return x.stepFunctions + x.lambda + x.dynamo + x.scheduler; }));
console.log(`\nOn time: ${onTime.transitions} transitions (target at most 20). Dearest lifecycle, all but SES: ${usd(worst)} per 1,000 complaints (target under $0.50).`);
console.log('\nDynamoDB calls per lifecycle, by operation:');
for (const row of rows) {
  const ops = Object.entries(row.counts).filter(([k]) => k.startsWith('DynamoDB ')).map(([k, n]) => `${k.slice(9)} ${n}`).join(', ');
  console.log(`  ${row.name.padEnd(32)} ${ops}`);
}

// ---- fixed cost and cost per complaint, years one to three, read from the stack as synthesized

/**
 * Prices for what a stage costs whether or not anyone complains, as written on the AWS pricing pages (us-east-1 list
 * prices, USD, before VAT; eu-west-2 London is within a few per cent), checked 3 December 2026.
 */
const FIXED_PRICES = {
  asOf: '3 December 2026 (AWS list prices, us-east-1, USD, before VAT)',
  /** KMS: $1 a month a customer-managed key, and $1 a month more for each of its first two rotations (later ones free). */
  kmsKeyPerMonth: 1, kmsPerRotationPerMonth: 1, kmsRotationsCharged: 2,
  /** CloudWatch: $0.10 an alarm metric a month (standard resolution); the first 10 in an account are free. */
  alarmMetricPerMonth: 0.1, freeAlarmMetrics: 10,
  /** Cognito user pools, Plus plan (threat protection): $0.02 a monthly active user; Plus has no free allowance. */
  cognitoPlusPerMau: 0.02,
  /** S3 Standard, then Glacier Instant Retrieval after 180 days; DynamoDB storage (25 GB free) and PITR per GB-month. */
  s3StandardPerGbMonth: 0.023, s3GlacierIrPerGbMonth: 0.004, dynamoPerGbMonth: 0.25, dynamoFreeGb: 25, pitrPerGbMonth: 0.2,
  /** SES receiving: $0.10 per 1,000 mails and $0.09 per 1,000 incoming 256 KB chunks. */
  sesInPerMail: 0.1 / 1000, sesInPerChunk: 0.09 / 1000,
} as const;

/** A 50-home co-op: what it sends and keeps each month. */
const COOP = { homes: 50, staff: 3, complaintsPerMonth: 3, messagesInPerMonth: 20, rawMailKb: 60, caseKb: 30 };

const { App } = await import('aws-cdk-lib');
const { Template } = await import('aws-cdk-lib/assertions');
const { RedressStack } = await import('../lib/redress-stack.ts');
const { readFileSync } = await import('node:fs');
const cdkContext = (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;
const stackApp = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
const stage = new RedressStack(stackApp, 'Redress-bench', { stage: 'bench', landlords: [policies.get('code-defaults')!], env: { account: '111111111111', region: 'eu-west-2' } });
const synthesized = Template.fromStack(stage).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const ofType = (type: string) => Object.values(synthesized).filter((r) => r.Type === type);
const keys = ofType('AWS::KMS::Key').map((k) => ({ rotationDays: k.Properties.EnableKeyRotation ? Number(k.Properties.RotationPeriodInDays ?? 365) : Infinity }));
const alarmMetrics = ofType('AWS::CloudWatch::Alarm').reduce((n, a) => n + ((a.Properties.Metrics as Array<{ MetricStat?: unknown }> | undefined)?.filter((q) => q.MetricStat).length ?? 1), 0);

/** The stage's fixed cost in month `month` (0 = the first month after deploying). */
const fixedInMonth = (month: number) => {
  const days = month * 30.44;
  const kms = keys.reduce((sum, k) => sum + FIXED_PRICES.kmsKeyPerMonth + FIXED_PRICES.kmsPerRotationPerMonth * Math.min(FIXED_PRICES.kmsRotationsCharged, Math.floor(days / k.rotationDays)), 0);
  const alarms = Math.max(0, alarmMetrics - FIXED_PRICES.freeAlarmMetrics) * FIXED_PRICES.alarmMetricPerMonth;
  const cognito = COOP.staff * FIXED_PRICES.cognitoPlusPerMau;
  // What has been kept by then: raw mail (Standard for 180 days, then Glacier IR) and case records (DynamoDB + PITR).
  const mailGb = (m: number) => (m * COOP.messagesInPerMonth * COOP.rawMailKb) / 1024 / 1024;
  const recent = mailGb(Math.min(month + 1, 6));
  const archived = mailGb(month + 1) - recent;
  const tableGb = ((month + 1) * COOP.messagesInPerMonth * COOP.caseKb) / 1024 / 1024;
  const storage = recent * FIXED_PRICES.s3StandardPerGbMonth + archived * FIXED_PRICES.s3GlacierIrPerGbMonth
    + Math.max(0, tableGb - FIXED_PRICES.dynamoFreeGb) * FIXED_PRICES.dynamoPerGbMonth + tableGb * FIXED_PRICES.pitrPerGbMonth;
  return { kms, alarms, cognito, storage, total: kms + alarms + cognito + storage };
};
const yearAverage = (year: number) => {
  const months = Array.from({ length: 12 }, (_, i) => fixedInMonth((year - 1) * 12 + i));
  const mean = (key: keyof ReturnType<typeof fixedInMonth>) => months.reduce((s, m) => s + m[key], 0) / 12;
  return { kms: mean('kms'), alarms: mean('alarms'), cognito: mean('cognito'), storage: mean('storage'), total: mean('total') };
};
const onTimeCost = costPer1000(onTime);
const perComplaint = (onTimeCost.stepFunctions + onTimeCost.lambda + onTimeCost.dynamo + onTimeCost.scheduler + onTimeCost.ses) / 1000
  + FIXED_PRICES.sesInPerMail + FIXED_PRICES.sesInPerChunk;

console.log(`\nFixed cost of one stage for a ${COOP.homes}-home co-op (${COOP.staff} staff, ${COOP.messagesInPerMonth} messages in a month), read from the synthesized stack:`);
console.log(`${keys.length} customer-managed KMS key(s) rotating every ${keys.map((k) => k.rotationDays).join(', ')} days; ${alarmMetrics} alarm metrics (${FIXED_PRICES.freeAlarmMetrics} free per account).`);
console.log(`Prices: ${FIXED_PRICES.asOf}. KMS $1 a key a month plus $1 for each of its first two rotations; CloudWatch $0.10 an`);
console.log('alarm metric beyond 10; Cognito Plus $0.02 a monthly active user; S3 $0.023/GB-month (Glacier IR $0.004); DynamoDB $0.25/GB-month');
console.log('beyond 25 GB, PITR $0.20/GB-month; SES receiving $0.10 per 1,000 mails and $0.09 per 1,000 chunks. Per complaint: the "answered on');
console.log('time" lifecycle above with its letters, and the mail that started it. Lambda, Step Functions, Scheduler, SQS and SNS stay in their free tiers at this size.\n');
console.log(['year', 'KMS', 'alarms', 'Cognito', 'storage', 'fixed a month', 'per complaint'].map((h, i) => (i === 0 ? h.padEnd(6) : h.padStart(14))).join(''));
for (const year of [1, 2, 3]) {
  const y = yearAverage(year);
  console.log([String(year).padEnd(6), ...[y.kms, y.alarms, y.cognito, y.storage, y.total].map((v) => `$${v.toFixed(2)}`.padStart(14)), `$${perComplaint.toFixed(4)}`.padStart(14)].join(''));
}
const worstYear = Math.max(...[1, 2, 3].map((y) => yearAverage(y).total));
console.log(`\nDearest year, fixed: $${worstYear.toFixed(2)} a month (target at most $2.00).`);
const secondStage = keys.length * FIXED_PRICES.kmsKeyPerMonth + Math.min(alarmMetrics, alarmMetrics * 2 - FIXED_PRICES.freeAlarmMetrics) * FIXED_PRICES.alarmMetricPerMonth;
console.log(`A second stage in the same account (dev beside prod) adds about $${secondStage.toFixed(2)} a month in year one: its own key, and its ${alarmMetrics} alarm metrics beyond the free ${FIXED_PRICES.freeAlarmMetrics}.`);
