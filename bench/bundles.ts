// Benchmark, run on demand (`npm run bench:bundles`), never in the tests: each Lambda function's bundle size and cold
// import time, built with the stack's own esbuild settings (lib/bundling.ts) and the same copy step, against the
// budgets in lib/bundling.ts. Exits 1 when a function is over a budget or carries mailparser without leave.
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  BUNDLE_BUDGETS, BUNDLE_FILE, copyCommands, DEPLOYED_LANDLORDS_DIR, DEPLOYED_TEMPLATES_DIR, ESBUILD_SETTINGS, FUNCTION_NAMES,
  functionEntry, MAILPARSER_ALLOWED, presentFunctions, runtimeFilesFor,
} from '../lib/bundling.ts';
import { readLetterTemplates } from '../lib/letter-templates.ts';
import { PROJECT_ROOT } from '../src/config/files.ts';

const SAMPLES = 5;
const MIME_PACKAGES = ['mailparser', 'iconv-lite', 'libmime', 'encoding-japanese'];

// What the deployed functions find in their environment, with made-up names: enough for module initialisation.
const environment = (dir: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench-only-not-a-secret',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_OPTIONS: '--enable-source-maps',
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
  // Deployed, these are /var/task/landlords and /var/task/templates; here, the bundle's own copies.
  REDRESS_LANDLORDS_DIR: join(dir, DEPLOYED_LANDLORDS_DIR.replace('/var/task/', '')),
  REDRESS_TEMPLATES_DIR: join(dir, DEPLOYED_TEMPLATES_DIR.replace('/var/task/', '')),
});

/** One fresh `node` importing the bundle; the milliseconds the import took, or the error it threw. */
function importOnce(file: string, env: NodeJS.ProcessEnv): number | Error {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) return new Error(run.stderr.trim().split('\n').slice(0, 4).join(' | ') || `exit ${run.status}`);
  return Number(run.stdout);
}

/** The packages (or source folders) that weigh most in a bundle, for the report on a function over budget. */
function heaviestParts(metafile: Metafile, count = 5): string {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  const parts = new Map<string, number>();
  for (const [file, input] of Object.entries(output.inputs)) {
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

try {
  for (const name of present) {
    const dir = join(work, name);
    const started = performance.now();
    const result = await build({ ...ESBUILD_SETTINGS, mainFields: [...ESBUILD_SETTINGS.mainFields], external: [...ESBUILD_SETTINGS.external],
      banner: { js: ESBUILD_SETTINGS.banner }, entryPoints: [functionEntry(name)], outfile: join(dir, BUNDLE_FILE), metafile: true, logLevel: 'error' });
    const buildMs = performance.now() - started;
    execSync(copyCommands(dir, { landlordFiles, templateFiles, runtimeFiles: runtimeFilesFor(name) }).join(' && '), { shell: '/bin/sh' });
    const bytes = statSync(join(dir, BUNDLE_FILE)).size;
    const mapBytes = statSync(join(dir, `${BUNDLE_FILE}.map`)).size;
    const heaviest = heaviestParts(result.metafile);
    const mime = MIME_PACKAGES.filter((p) => Object.keys(result.metafile.inputs).some((i) => i.includes(`node_modules/${p}/`)));

    const samples: number[] = [];
    let failure: Error | undefined;
    for (let i = 0; i < SAMPLES && !failure; i++) {
      const sample = importOnce(join(dir, BUNDLE_FILE), environment(dir));
      if (sample instanceof Error) failure = sample;
      else samples.push(sample);
    }
    const budget = BUNDLE_BUDGETS[name];
    const importMs = failure ? undefined : median(samples);
    const over: string[] = [];
    if (bytes > budget.bytes) over.push(`size ${kb(bytes)} > ${kb(budget.bytes)}`);
    if (importMs !== undefined && importMs > budget.importMs) over.push(`import ${importMs.toFixed(0)} ms > ${budget.importMs} ms`);
    if (mime.length > 0 && !MAILPARSER_ALLOWED.includes(name)) over.push(`carries ${mime.join(', ')} (only ${MAILPARSER_ALLOWED.join(', ')} may)`);
    if (failure) over.push(`import failed: ${failure.message}`);
    if (over.length > 0) problems.push(`${name}: ${over.join('; ')}\n      heaviest: ${heaviest}`);
    rows.push([
      name, kb(bytes), kb(budget.bytes), kb(mapBytes),
      importMs === undefined ? 'failed' : `${importMs.toFixed(0)} ms`, `${budget.importMs} ms`,
      importMs === undefined ? '' : `${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)}`,
      mime.length > 0 ? 'yes' : 'no', `${buildMs.toFixed(0)} ms`, over.length > 0 ? 'OVER' : 'ok',
    ]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const header = ['function', 'bundle', 'budget', 'source map', `import (median of ${SAMPLES})`, 'budget', 'range ms', 'mailparser', 'esbuild', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`Lambda bundles: esbuild ${ESBUILD_SETTINGS.format}, ${ESBUILD_SETTINGS.target}, minified, AWS SDK bundled; node ${process.version}, fresh process per import\n`);
console.log(line(header));
for (const row of rows) console.log(line(row));
if (missing.length > 0) console.log(`\nnot measured (no lambdas/<name>/handler.ts yet): ${missing.join(', ')}`);
if (problems.length > 0) {
  console.log(`\nover budget:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nevery function is within its budget');
}
