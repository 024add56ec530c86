// The stack bundles each function itself (lib/bundling.ts functionCode). CDK reuses a bundle whose folder and options
// it has seen before, so two functions must not come out with one bundle: they did, until their options differed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BUNDLE_FILE, functionCode, LAMBDA_RUNTIME, LAZY_FILES, runtimeFilesFor } from '../../lib/bundling.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';

describe("the stack's function bundles", () => {
  it('gives each function its own bundle', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'redress-function-code-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundles');
    const files = { landlordFiles: [join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json')], templateFiles: [] };
    for (const name of ['mail-events', 'case-step'] as const) {
      new lambda.Function(stack, name, { runtime: LAMBDA_RUNTIME, handler: 'index.handler', code: functionCode(name, files) });
    }

    const assembly = app.synth();

    const template = assembly.getStackByName('Bundles').template as { Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }> };
    const keys = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => r.Properties.Code.S3Key);
    expect(new Set(keys).size).toBe(2);
    const entries = keys.map((key) => readFileSync(join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, BUNDLE_FILE), 'utf8'));
    expect(entries[0] === entries[1]).toBe(false);
  }, 60_000);

  it('gives mail intake, and no other function, the files it requires on first use', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'redress-function-code-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({ outdir });
    const stack = new Stack(app, 'LazyFiles');
    const files = { landlordFiles: [join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json')], templateFiles: [] };
    for (const name of ['receive-email', 'mail-events'] as const) {
      new lambda.Function(stack, name, { runtime: LAMBDA_RUNTIME, handler: 'index.handler', code: functionCode(name, { ...files, runtimeFiles: runtimeFilesFor(name) }) });
    }

    const assembly = app.synth();

    const template = assembly.getStackByName('LazyFiles').template as { Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }> };
    const [receiveEmail, mailEvents] = ['receiveemail', 'mailevents'].map((id) => {
      const [, resource] = Object.entries(template.Resources).find(([logicalId, r]) => r.Type === 'AWS::Lambda::Function' && logicalId.startsWith(id))!;
      return join(assembly.directory, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    });
    expect(readdirSync(join(receiveEmail!, 'lazy')).filter((f) => f.endsWith('.cjs')).sort()).toEqual(Object.keys(LAZY_FILES).map((name) => `${name}.cjs`).sort());
    expect(existsSync(join(mailEvents!, 'lazy'))).toBe(false);
  }, 60_000);
});
