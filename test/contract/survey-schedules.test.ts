// One contract for the satisfaction survey's two schedulers: EventBridge Scheduler (through the real SDK, against an
// endpoint that answers CreateSchedule as AWS documents: 200, or 409 ConflictException for a name already used) and
// the local scheduler twin, which keeps its schedules in the store on dynalite. A retried schedule is
// `already-scheduled` on both, so a retried review never schedules a survey twice. EventBridge Scheduler is also run as
// a function wires it (lifecycleDepsFromEnv), its adapter and SDK client imported on the first schedule, the client
// finding the endpoint as the SDK documents (AWS_ENDPOINT_URL_SCHEDULER).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLifecycleStore } from '../../src/adapters/dynamodb/lifecycle-store.ts';
import { EventBridgeSurveySchedules } from '../../src/adapters/scheduler/eventbridge-survey-schedules.ts';
import { LocalScheduler } from '../../src/adapters/scheduler/local-scheduler.ts';
import type { SurveySchedules } from '../../src/ports-lifecycle.ts';
import { lifecycleDepsFromEnv } from '../../src/lifecycle-wiring.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { openLocalStore } from '../support/store.ts';

function schedulerEndpoint(created: Map<string, unknown>): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const name = decodeURIComponent(/^\/schedules\/([^?]+)/.exec(req.url ?? '')?.[1] ?? '');
      if (req.method !== 'POST' || !name) {
        res.writeHead(400, { 'x-amzn-errortype': 'ValidationException', 'content-type': 'application/json' });
        return res.end(JSON.stringify({ Message: 'unexpected request' }));
      }
      if (created.has(name)) {
        res.writeHead(409, { 'x-amzn-errortype': 'ConflictException', 'content-type': 'application/json' });
        return res.end(JSON.stringify({ Message: `Schedule ${name} already exists.` }));
      }
      created.set(name, JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ScheduleArn: `arn:aws:scheduler:eu-west-2:123456789012:schedule/redress-dev/${name}` }));
    });
  });
}

const created = new Map<string, unknown>();
let server: Server;
let eventBridge: EventBridgeSurveySchedules;
let local: LocalScheduler;
let wired: SurveySchedules;
let landlordsDir: string;
const ENV = ['AWS_ENDPOINT_URL_SCHEDULER', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const envBefore = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
let closeStore: () => Promise<void>;

beforeAll(async () => {
  server = schedulerEndpoint(created);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  eventBridge = new EventBridgeSurveySchedules(
    new SchedulerClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'eu-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 }),
    { groupName: 'redress-dev', roleArn: 'arn:aws:iam::123456789012:role/scheduler', surveyFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:send-survey', deadLetterQueueArn: 'arn:aws:sqs:eu-west-2:123456789012:dlq' },
  );
  Object.assign(process.env, { AWS_ENDPOINT_URL_SCHEDULER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  // One landlord, as a deployed stage has.
  landlordsDir = mkdtempSync(join(tmpdir(), 'redress-landlords-'));
  copyFileSync(join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json'), join(landlordsDir, 'code-defaults.json'));
  wired = lifecycleDepsFromEnv({
    REDRESS_LANDLORDS_DIR: landlordsDir, REDRESS_TABLE_NAME: 'redress-test', REDRESS_PUBLIC_URL: 'https://redress.example', REDRESS_SCHEDULE_GROUP: 'redress-dev',
    REDRESS_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler', REDRESS_SURVEY_FUNCTION_ARN: 'arn:aws:lambda:eu-west-2:123456789012:function:send-survey',
    REDRESS_SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-2:123456789012:dlq',
  }, { dynamo: new DynamoDBClient({}), ses: new SESv2Client({}) }).surveySchedules;
  const { twins, close } = await openLocalStore();
  closeStore = close;
  local = new LocalScheduler({ store: new DynamoLifecycleStore(twins.dynamo, twins.tableName), targets: { 'send-survey': async () => undefined, 'send-digest': async () => undefined } });
});
afterAll(async () => {
  for (const name of ENV) {
    if (envBefore[name] === undefined) delete process.env[name];
    else process.env[name] = envBefore[name];
  }
  rmSync(landlordsDir, { recursive: true, force: true });
  local.stop();
  await closeStore();
  await new Promise((resolve) => server.close(resolve));
});

describe.each([
  ['EventBridge Scheduler', () => eventBridge, 'C-SURVEY01'],
  ['EventBridge Scheduler, as a function wires it', () => wired, 'C-SURVEY02'],
  ['the local scheduler twin', () => local, 'C-SURVEY01'],
] as const)('SurveySchedules on %s', (_name, schedules: () => SurveySchedules, caseRef) => {
  const survey = { caseRef, landlordId: 'demo', closedAt: '2026-12-01T10:00:00.000Z', sendAt: '2027-01-01T10:00:00.000Z' };

  it('schedules a survey once per closure: a retry is already-scheduled', async () => {
    expect(await schedules().scheduleSurvey(survey)).toBe('scheduled');
    expect(await schedules().scheduleSurvey(survey)).toBe('already-scheduled');
  });

  it('schedules another for a later closure of the same complaint (closed again after stage 2)', async () => {
    expect(await schedules().scheduleSurvey({ ...survey, closedAt: '2027-02-01T10:00:00.000Z', sendAt: '2027-03-01T10:00:00.000Z' })).toBe('scheduled');
  });
});

it('asks EventBridge Scheduler for a one-time schedule in UTC that deletes itself and has a dead-letter queue', () => {
  expect([...created.values()][0]).toMatchObject({
    ScheduleExpression: 'at(2027-01-01T10:00:00)', ScheduleExpressionTimezone: 'UTC', ActionAfterCompletion: 'DELETE', GroupName: 'redress-dev',
    Target: { DeadLetterConfig: { Arn: expect.stringContaining(':dlq') } },
  });
});
