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

type FunctionName = Parameters<typeof functionCode>[0];
const landlordFiles = [join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json')];

/** Synthesises a stack of the named functions, bundled as the stack bundles them: each one's asset key and folder. */
function synthesised(stackName: string, names: readonly FunctionName[], runtimeFiles: (name: FunctionName) => ReturnType<typeof runtimeFilesFor> = () => []) {
  const outdir = mkdtempSync(join(tmpdir(), 'redress-function-code-'));
  onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir });
  const stack = new Stack(app, stackName);
  for (const name of names) {
    new lambda.Function(stack, name, { runtime: LAMBDA_RUNTIME, handler: 'index.handler', code: functionCode(name, { landlordFiles, templateFiles: [], runtimeFiles: runtimeFiles(name) }) });
  }
  const assembly = app.synth();
  const template = assembly.getStackByName(stackName).template as { Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }> };
  return names.map((name) => {
    const [, resource] = Object.entries(template.Resources).find(([logicalId, r]) => r.Type === 'AWS::Lambda::Function' && logicalId.startsWith(name.replaceAll('-', '')))!;
    const key = resource.Properties.Code.S3Key;
    return { key, dir: join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`) };
  });
}

describe("the stack's function bundles", () => {
  it('gives each function its own bundle', () => {
    const assets = synthesised('Bundles', ['mail-events', 'case-step']);

    expect(new Set(assets.map((a) => a.key)).size).toBe(2);
    const entries = assets.map((a) => readFileSync(join(a.dir, BUNDLE_FILE), 'utf8'));
    expect(entries[0] === entries[1]).toBe(false);
  }, 60_000);

  it('gives mail intake the files it requires on first use, its decoders and the letters\' runtime, and a function that needs none none', () => {
    const [receiveEmail, mailEvents] = synthesised('LazyFiles', ['receive-email', 'mail-events'], runtimeFilesFor);
    // Nunjucks' runtime is http-api's, for its pages.
    const mailIntakes = Object.keys(LAZY_FILES).filter((name) => name !== 'nunjucks-slim');

    expect(readdirSync(join(receiveEmail!.dir, 'lazy')).filter((f) => f.endsWith('.cjs')).sort()).toEqual(mailIntakes.map((name) => `${name}.cjs`).sort());
    expect(existsSync(join(mailEvents!.dir, 'lazy'))).toBe(false);
  }, 60_000);
});
