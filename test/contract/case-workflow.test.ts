// One contract for the complaint state machine's two adapters: Step Functions (through the real SDK, against an
// endpoint that answers as AWS documents StartExecution and StopExecution) and the local twin on
// aws-local-stepfunctions. A retried start must read `already-started` on both, so a retried intake never records
// the machine's start twice. The Step Functions adapter is also run as a function wires it (workflowFromSettings), its
// adapter and SDK client imported on the first call, the client finding the endpoint as the SDK documents
// (AWS_ENDPOINT_URL_SFN).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalWorkflow } from '../../src/adapters/sfn/local-workflow.ts';
import { StepFunctionsWorkflow } from '../../src/adapters/sfn/sfn-workflow.ts';
import type { CaseWorkflow } from '../../src/ports-lifecycle.ts';
import { AwsSettings, workflowFromSettings } from '../../src/wiring.ts';

const ARN = 'arn:aws:states:eu-west-2:123456789012:stateMachine:redress-dev-complaint-case';

// StartExecution is idempotent for the same name and input (it answers with the first start's date); a different
// input under a used name is ExecutionAlreadyExists; StopExecution of an unknown execution is ExecutionDoesNotExist.
function stepFunctionsEndpoint(): Server {
  const executions = new Map<string, { input: string; startDate: number; status: 'RUNNING' | 'ABORTED' }>();
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').split('.').pop();
      const request = JSON.parse(body || '{}') as { name?: string; input?: string; executionArn?: string };
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(payload));
      };
      if (target === 'StartExecution') {
        const arn = `${ARN.replace(':stateMachine:', ':execution:')}:${request.name}`;
        const found = executions.get(arn);
        if (found && found.input !== request.input) return reply(400, { __type: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${arn}'` });
        if (!found) executions.set(arn, { input: request.input ?? '{}', startDate: Date.now() - 0, status: 'RUNNING' });
        return reply(200, { executionArn: arn, startDate: executions.get(arn)!.startDate / 1000 });
      }
      if (target === 'StopExecution') {
        const found = request.executionArn ? executions.get(request.executionArn) : undefined;
        if (!found) return reply(400, { __type: 'ExecutionDoesNotExist', message: 'Execution Does Not Exist' });
        found.status = 'ABORTED';
        return reply(200, { stopDate: Date.now() / 1000 });
      }
      return reply(400, { __type: 'UnknownOperationException' });
    });
  });
}

let server: Server;
let sfn: StepFunctionsWorkflow;
let wired: CaseWorkflow;
const ENV = ['AWS_ENDPOINT_URL_SFN', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const envBefore = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
const local = new LocalWorkflow({ reviewCase: async () => ({ done: false, wakeAt: new Date(Date.now() + 86_400_000).toISOString(), sent: 0 }), retryIntervalMs: 0 });

beforeAll(async () => {
  server = stepFunctionsEndpoint();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new SFNClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'eu-west-2',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1,
  });
  sfn = new StepFunctionsWorkflow(client, ARN);
  Object.assign(process.env, { AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  wired = workflowFromSettings(AwsSettings.parse({ REDRESS_TABLE_NAME: 'redress-test', REDRESS_STATE_MACHINE_ARN: ARN }));
});
afterAll(async () => {
  for (const name of ENV) {
    if (envBefore[name] === undefined) delete process.env[name];
    else process.env[name] = envBefore[name];
  }
  local.stop();
  await new Promise((resolve) => server.close(resolve));
});

describe.each([
  ['Step Functions', () => sfn, 'STEPF'],
  ['Step Functions, as a function wires it', () => wired, 'WIRED'],
  ['the local twin', () => local, 'LOCAL'],
] as const)('CaseWorkflow on %s', (_name, workflow: () => CaseWorkflow, refPart) => {
  const caseRef = `C-${refPart}123`;

  it('starts a complaint once: a retried start is already-started', async () => {
    expect(await workflow().startComplaint({ caseRef, landlordId: 'demo' })).toBe('started');
    expect(await workflow().startComplaint({ caseRef, landlordId: 'demo' })).toBe('already-started');
  });

  it('follows a reopened complaint with a new run, once', async () => {
    expect(await workflow().followComplaint({ caseRef, landlordId: 'demo', run: `${caseRef}-r7` })).toBe('started');
    expect(await workflow().followComplaint({ caseRef, landlordId: 'demo', run: `${caseRef}-r7` })).toBe('already-started');
  });

  it('stops a run, and says when there is none to stop', async () => {
    expect(await workflow().stopFollowing({ caseRef, run: `${caseRef}-r7` })).toBe('stopped');
    expect(await workflow().stopFollowing({ caseRef, run: `${caseRef}-r99` })).toBe('not-running');
  });
});
