// Each function's role allows only what its code calls. The calls are read from the code itself: every AWS SDK
// command constructed in the files the handler imports (followed through relative imports), plus the commands of
// the libraries it uses that make calls of their own. A grant with no such call fails.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { testApp } from './app.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionName, functionEntry, presentFunctions } from '../../lib/bundling.ts';
import { deployableLandlords } from '../../lib/landlord-config.ts';
import { RedressStack } from '../../lib/redress-stack.ts';
import { shippedLandlordPolicies } from '../../src/config/files.ts';

/** The IAM actions each SDK command needs. A command missing here fails the test: add it with its actions. */
const COMMAND_ACTIONS: Record<string, readonly string[]> = {
  GetCommand: ['dynamodb:GetItem'], GetItemCommand: ['dynamodb:GetItem'],
  PutCommand: ['dynamodb:PutItem'], PutItemCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'], UpdateItemCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'], DeleteItemCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'], ScanCommand: ['dynamodb:Scan'],
  BatchGetCommand: ['dynamodb:BatchGetItem'], BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  DescribeTableCommand: ['dynamodb:DescribeTable'], CreateTableCommand: ['dynamodb:CreateTable'],
  GetObjectCommand: ['s3:GetObject'], PutObjectCommand: ['s3:PutObject'], DeleteObjectCommand: ['s3:DeleteObject'],
  SendEmailCommand: ['ses:SendEmail'], CreateEmailTemplateCommand: ['ses:CreateEmailTemplate'],
  StartExecutionCommand: ['states:StartExecution'], StopExecutionCommand: ['states:StopExecution'],
  CreateScheduleCommand: ['scheduler:CreateSchedule', 'iam:PassRole'], DeleteScheduleCommand: ['scheduler:DeleteSchedule'],
  GetParameterCommand: ['ssm:GetParameter'],
  PutMetricDataCommand: ['cloudwatch:PutMetricData'],
};

/** Libraries that make SDK calls themselves, by the import that brings the calls in (none since round 2). */
const LIBRARY_CALLS: Record<string, readonly string[]> = {};

/** Grants every function has that are not calls of its code: writing its logs, encrypting through a service. */
const PLUMBING = new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'sqs:SendMessage']);

/** What the contract with the handler authors gives each function (CDK tests the code never asks for more). */
const CONTRACT: Record<FunctionName, readonly string[]> = {
  'receive-email': ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 's3:GetObject', 's3:PutObject', 'ses:SendEmail', 'states:StartExecution', 'states:StopExecution'],
  'http-api': ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'ses:SendEmail', 'ssm:GetParameter', 'states:StartExecution', 'states:StopExecution'],
  'mail-events': ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  'case-step': ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'iam:PassRole', 'scheduler:CreateSchedule', 'ses:SendEmail'],
  // The contract said read-only, but every letter, the digest included, is claimed and marked in the table (sendLetter).
  'send-digest': ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'ses:SendEmail'],
  'send-survey': ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'ses:SendEmail'],
};

const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const COMMAND = /\bnew\s+([A-Z][A-Za-z0-9]*Command)\s*\(/g;

/** The IAM actions the code reachable from `entry` can call, and the SDK commands with no known actions. */
function callsFrom(entry: string): { actions: Set<string>; unknown: Set<string>; files: number } {
  const seen = new Set<string>();
  const actions = new Set<string>();
  const unknown = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, command] of source.matchAll(COMMAND)) {
      const mapped = COMMAND_ACTIONS[command!];
      if (mapped) for (const a of mapped) actions.add(a);
      else unknown.add(command!);
    }
    for (const [, spec] of [...source.matchAll(IMPORT), ...source.matchAll(DYNAMIC_IMPORT)]) {
      if (spec!.startsWith('.')) {
        const target = resolve(dirname(file), spec!);
        if (/\.(ts|js|mjs)$/.test(target) && existsSync(target)) visit(target);
      } else {
        for (const a of LIBRARY_CALLS[spec!] ?? []) actions.add(a);
      }
    }
  };
  visit(entry);
  return { actions, unknown, files: seen.size };
}

interface Statement { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const present = presentFunctions();
let resources: Resources;

beforeAll(() => {
  const app = testApp();
  const stack = new RedressStack(app, 'Redress-iam', {
    stage: 'iam',
    landlords: deployableLandlords(shippedLandlordPolicies(), ['code-defaults']),
    env: { account: '111111111111', region: 'eu-west-2' },
  });
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
}, 60_000);

/** The statements of the role the function `name` runs as. */
function statementsOf(name: FunctionName): Statement[] {
  const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === `Redress ${name}`)!;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = resources[roleId]!;
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as Array<{ Ref: string }>).some((ref) => ref.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (statements: Statement[]) => [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();

describe('each function may call only what its code calls', () => {
  it('wires every function whose handler exists', () => {
    const described = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Description);

    expect(present.map((name) => described.includes(`Redress ${name}`))).toEqual(present.map(() => true));
  });

  it.each(present)('%s: every grant is a call its code makes, and the grants are the contract\'s', (name) => {
    const calls = callsFrom(functionEntry(name));
    const statements = statementsOf(name);
    const granted = actionsOf(statements).filter((a) => !PLUMBING.has(a));

    expect([...calls.unknown], 'SDK commands with no IAM mapping in this test').toEqual([]);
    expect(granted.filter((a) => !calls.actions.has(a)), `granted to ${name} but never called (read ${calls.files} files)`).toEqual([]);
    expect(granted).toEqual([...CONTRACT[name]].sort());
  });

  it.each(present)('%s: no statement allows every resource, and KMS is usable only through the service that needs it', (name) => {
    const statements = statementsOf(name);

    expect(statements.filter((s) => JSON.stringify(s.Resource) === '"*"')).toEqual([]);
    expect(statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('kms:')) && !JSON.stringify(s.Condition ?? {}).includes('kms:ViaService'))).toEqual([]);
    expect(statements.every((s) => s.Effect === 'Allow' && actionsOf([s]).every((a) => !a.includes('*')))).toBe(true);
  });
});

describe('every call the case store makes at run time is granted', () => {
  // The other way round from the test above, for the one adapter every function shares: a function that writes to the
  // table may make each call the store's code makes (a letter's pointers are one BatchWriteItem). Scan is left out:
  // only `reindexWork` scans, run by an operator from the CLI after a deployment, never by a function.
  const storeCalls = [...readFileSync(join(import.meta.dirname, '../../src/adapters/dynamodb/redress-store.ts'), 'utf8').matchAll(COMMAND)]
    .flatMap(([, command]) => COMMAND_ACTIONS[command!] ?? [`unknown ${command}`])
    .filter((a) => a !== 'dynamodb:Scan');

  it.each(present.filter((name) => CONTRACT[name].includes('dynamodb:PutItem')))('%s', (name) => {
    const granted = actionsOf(statementsOf(name));

    expect([...new Set(storeCalls)].filter((a) => !granted.includes(a))).toEqual([]);
  });
});

describe('grants are on the right resources', () => {
  const resourcesOf = (statements: Statement[], action: string) => statements.filter((s) => [s.Action].flat().includes(action)).map((s) => JSON.stringify(s.Resource));

  it.runIf(present.includes('receive-email'))('receive-email reads raw mail under inbound/ and writes attachments under attachments/ only', () => {
    const statements = statementsOf('receive-email');

    expect(resourcesOf(statements, 's3:GetObject')).toEqual([expect.stringContaining('/inbound/*')]);
    expect(resourcesOf(statements, 's3:PutObject')).toEqual([expect.stringContaining('/attachments/*')]);
  });

  it.runIf(present.includes('receive-email'))('receive-email deletes nothing, and queries the table and its indexes', () => {
    const statements = statementsOf('receive-email');

    expect(resourcesOf(statements, 'dynamodb:DeleteItem')).toEqual([]);
    expect(resourcesOf(statements, 'dynamodb:Query').join()).toMatch(/index\/gsi1.*index\/gsi2/);
  });

  it.runIf(present.includes('http-api'))('http-api reads the one SSM parameter holding the SMS auth token', () => {
    expect(resourcesOf(statementsOf('http-api'), 'ssm:GetParameter')).toEqual([expect.stringContaining(':parameter/redress/iam/sms-auth-token')]);
  });

  it.runIf(present.includes('case-step'))('case-step creates schedules in the stage\'s group only, passing only the scheduler role to Scheduler', () => {
    const statements = statementsOf('case-step');

    expect(resourcesOf(statements, 'scheduler:CreateSchedule')).toEqual([expect.stringContaining(':schedule/redress-iam/*')]);
    expect(statements.find((s) => s.Action === 'iam:PassRole')?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
  });

  it.runIf(present.some((n) => CONTRACT[n].includes('ses:SendEmail')))('mail is sent only from the landlords\' identities, through the stage\'s configuration set and Redress templates', () => {
    const senders = present.filter((n) => CONTRACT[n].includes('ses:SendEmail'));
    for (const name of senders) {
      const [allowed] = resourcesOf(statementsOf(name), 'ses:SendEmail');
      expect(allowed).toContain('identity/landlord.example');
      expect(allowed).toContain('identity/homes@landlord.example');
      expect(allowed).toContain('configuration-set/redress-iam');
      expect(allowed).toContain('template/redress-');
      expect(allowed).not.toMatch(/identity\/\*|template\/\*/);
    }
  });
});
