// The Lambda bundles rewrite each AWS SDK client's schema module so that esbuild can drop the shapes no command we
// send uses (lib/bundle-plugins/sdk-schema-keys.mjs). This builds a bundle of S3 and SES calls through Redress's own
// adapters with the real settings, outside the project as on Lambda, and runs it against the local twins of
// DynamoDB, S3 and SES: a conditional write, a document and a letter still go through, and what was dropped is gone.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleEntry } from '../../lib/bundling.ts';
import { literalSchemaKeys } from '../../lib/bundle-plugins/sdk-schema-keys.mjs';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { startTwins, type LocalTwins } from '../../local/twins.ts';

let dir: string;
let twins: LocalTwins;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redress-sdk-schemas-'));
  bundleEntry(join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'sdk-round-trip.ts'), dir, { landlordFiles: [], templateFiles: [] });
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

describe('a bundle of S3 and SES calls', () => {
  it('refuses a second conditional write to DynamoDB, keeps and reads back a document in S3, and sends a templated letter through SES', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, BUNDLE_FILE)], {
      cwd: dir,
      env: { PATH: process.env.PATH, DYNAMO_ENDPOINT: twins.dynamoEndpoint, TABLE: twins.tableName, S3_ENDPOINT: twins.s3Endpoint, SES_ENDPOINT: twins.sesEndpoint, BUCKET: twins.bucket, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const result = JSON.parse(stdout) as { secondWrite: string; document: string; sent: { providerMessageId: string } };
    expect(result.secondWrite).toBe('ConditionalCheckFailedException');
    expect(result.document).toBe('Dear resident, your repair is booked.');
    expect(result.sent.providerMessageId).toMatch(/\S/);
    const store = (await (await fetch(`${twins.sesEndpoint}/store`)).json()) as { emails: unknown[] };
    expect(store.emails).toEqual([expect.objectContaining({
      messageId: result.sent.providerMessageId, subject: 'Your case C-7K2M9Q4T', body: { text: 'Case C-7K2M9Q4T is open.', html: '<p>Case C-7K2M9Q4T is open.</p>' },
      destination: expect.objectContaining({ to: ['resident@example.com'] }), headers: [{ name: 'Auto-Submitted', value: 'auto-generated' }],
    })]);
  }, 30_000);

  it('carries the shapes of the commands it sends and none of those it never sends', () => {
    const bundle = bundleText();
    for (const used of ['"/v2/email/outbound-emails"', '"/v2/email/templates"', '"GetObject"', '"PutObject"']) expect(bundle).toContain(used);
    for (const unused of ['"BlacklistEntry"', '"/v2/email/contact-lists/{ContactListName}"', '"PutBucketLifecycleConfiguration"']) expect(bundle).not.toContain(unused);
  });
});
