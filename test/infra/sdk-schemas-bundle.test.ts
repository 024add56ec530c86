// The Lambda bundles rewrite each AWS SDK client's schema module so that esbuild can drop the shapes no command we
// send uses (lib/bundle-plugins/sdk-schema-keys.mjs). This builds a bundle of S3 and SES calls through Redress's own
// adapters with the real settings, outside the project as on Lambda, and runs it against the local twins of
// DynamoDB, S3 and SES: a conditional write, a document and a letter still go through, and what was dropped is gone.
// It also starts a state machine, its Step Functions adapter and client imported on first use, against a stand-in
// endpoint that answers as Step Functions documents.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { BUNDLE_FILE, bundleEntry } from '../../lib/bundling.ts';
import { bundleInputs } from './bundle-inputs.ts';
import { literalSchemaKeys } from '../../lib/bundle-plugins/sdk-schema-keys.mjs';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { startTwins, type LocalTwins } from '../../local/twins.ts';

let dir: string;
let twins: LocalTwins;
let metafile: Metafile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redress-sdk-schemas-'));
  metafile = bundleEntry(join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'sdk-round-trip.ts'), dir, { landlordFiles: [], templateFiles: [] });
  twins = await startTwins({ dataDir: null });
}, 60_000);
afterAll(async () => {
  await twins?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bundleText = () => readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

describe('SDK schema keys', () => {
  it('writes a computed key whose name is a string constant as that string, and leaves any other as it is', () => {
    const source = 'const _h = "http";\nconst _hQ = "httpQuery";\nexport var A$ = [9, n0, _A, { [_h]: ["GET", "/a", 200] }, 0, 0];\nvar B = { [other]: 1, [_hQ]: "x" };\n';
    expect(literalSchemaKeys(source)).toBe(
      'const _h = "http";\nconst _hQ = "httpQuery";\nexport var A$ = [9, n0, _A, { "http": ["GET", "/a", 200] }, 0, 0];\nvar B = { [other]: 1, "httpQuery": "x" };\n',
    );
  });
});

/** Answers StartExecution as Step Functions documents it: a new name starts, a name used before is ExecutionAlreadyExists. */
function stepFunctionsEndpoint(started: { target: string; name: string }[]): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const { name, stateMachineArn } = JSON.parse(body) as { name: string; stateMachineArn: string };
      const used = started.some((s) => s.name === name);
      started.push({ target: String(req.headers['x-amz-target']), name });
      res.writeHead(used ? 400 : 200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(used ? { __type: 'ExecutionAlreadyExists', message: `Execution Already Exists: ${name}` } : { executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`, startDate: Date.now() / 1000 }));
    });
  });
}

describe('a bundle of S3, SES and Step Functions calls', () => {
  it('refuses a second conditional write to DynamoDB, keeps and reads back a document in S3, sends a templated letter through SES, and starts a state machine once', async () => {
    const starts: { target: string; name: string }[] = [];
    const sfn = stepFunctionsEndpoint(starts);
    await new Promise<void>((resolve) => sfn.listen(0, '127.0.0.1', resolve));
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, BUNDLE_FILE)], {
      cwd: dir,
      env: {
        PATH: process.env.PATH, DYNAMO_ENDPOINT: twins.dynamoEndpoint, TABLE: twins.tableName, S3_ENDPOINT: twins.s3Endpoint, SES_ENDPOINT: twins.sesEndpoint, BUCKET: twins.bucket,
        STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:111111111111:stateMachine:redress-test', AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(sfn.address() as AddressInfo).port}`,
        AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    }).finally(() => new Promise((resolve) => sfn.close(resolve)));
    const result = JSON.parse(stdout) as { secondWrite: string; document: string; sent: { providerMessageId: string }; started: string[] };
    expect(result.started).toEqual(['started', 'already-started']);
    expect(starts).toEqual([{ target: 'AWSStepFunctions.StartExecution', name: 'C-7K2M9Q4T' }, { target: 'AWSStepFunctions.StartExecution', name: 'C-7K2M9Q4T' }]);
    expect(result.secondWrite).toBe('ConditionalCheckFailedException');
    expect(result.document).toBe('Dear resident, your repair is booked.');
    expect(result.sent.providerMessageId).toMatch(/\S/);
    const store = (await (await fetch(`${twins.sesEndpoint}/store`)).json()) as { emails: unknown[] };
    expect(store.emails).toEqual([expect.objectContaining({
      messageId: result.sent.providerMessageId, subject: 'Your case C-7K2M9Q4T', body: { text: 'Case C-7K2M9Q4T is open.', html: '<p>Case C-7K2M9Q4T is open.</p>' },
      destination: expect.objectContaining({ to: ['resident@example.com'] }), headers: [{ name: 'Auto-Submitted', value: 'auto-generated' }],
    })]);
  }, 30_000);

  it('imports the Step Functions adapter and client on the first start, not at its cold start', () => {
    const { coldStart, everywhere } = bundleInputs(metafile);
    const sfn = (input: string) => input.includes('node_modules/@aws-sdk/client-sfn/') || input === 'src/adapters/sfn/sfn-workflow.ts';

    expect(coldStart.filter(sfn)).toEqual([]);
    expect(everywhere.some(sfn)).toBe(true);
  });

  it('carries the shapes of the commands it sends and none of those it never sends', () => {
    const bundle = bundleText();
    for (const used of ['"/v2/email/outbound-emails"', '"/v2/email/templates"', '"GetObject"', '"PutObject"']) expect(bundle).toContain(used);
    for (const unused of ['"BlacklistEntry"', '"/v2/email/contact-lists/{ContactListName}"', '"PutBucketLifecycleConfiguration"']) expect(bundle).not.toContain(unused);
  });
});
