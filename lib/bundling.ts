// How every Lambda function is bundled: one set of esbuild options, used by the stack (NodejsFunction) and by
// bench/bundles.ts, so the sizes and import times the bench prints are those of what is deployed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { PROJECT_ROOT } from '../src/config/files.ts';

/** The Lambda runtime: Node 24 (supported until 2028; Node 20 is deprecated and Node 22 ends in 2027). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * The esbuild settings, in esbuild's own terms. ESM with the AWS SDK bundled (not taken from the runtime): in
 * FACTS.md §6 it imported fastest (one minified file parses quicker than many SDK files from node_modules), and the
 * deployed code runs the SDK versions the tests ran, not whatever the runtime ships that week.
 */
export const ESBUILD_SETTINGS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // mailparser, iconv-lite and friends are CommonJS and call require(): give ESM output a require.
  banner: "import{createRequire}from'module';const require=createRequire(import.meta.url);",
  external: [] as string[],
} as const;

/** The output file NodejsFunction writes for ESM. */
export const BUNDLE_FILE = 'index.mjs';

/** The functions Redress deploys, by folder under lambdas/ (each exports `handler` from handler.ts). */
export const FUNCTION_NAMES = ['receive-email', 'http-api', 'mail-events', 'case-step', 'send-digest', 'send-survey'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Where a function's entry file is. */
export function functionEntry(name: FunctionName, root: string = PROJECT_ROOT): string {
  return join(root, 'lambdas', name, 'handler.ts');
}

/** The functions whose entry file exists: NodejsFunction refuses an entry that does not. */
export function presentFunctions(root: string = PROJECT_ROOT): FunctionName[] {
  return FUNCTION_NAMES.filter((name) => existsSync(functionEntry(name, root)));
}

/**
 * What each bundle may weigh and how long a fresh `node` may take to import it. The reference points (FACTS.md §6,
 * `import * as z from 'zod'`, ESM, SDK bundled): a naive handler with the DynamoDB and SES clients, zod and
 * mailparser is about 1.6 MB and 150 ms; without mailparser about 0.5 MB. Only receive-email parses MIME, so only it
 * may carry mailparser; the HTTP API carries hono and the web form, the others little more than their clients.
 */
export const BUNDLE_BUDGETS: Readonly<Record<FunctionName, { bytes: number; importMs: number }>> = {
  'receive-email': { bytes: 1_400_000, importMs: 150 },
  'http-api': { bytes: 600_000, importMs: 120 },
  'mail-events': { bytes: 400_000, importMs: 100 },
  'case-step': { bytes: 600_000, importMs: 120 },
  'send-digest': { bytes: 500_000, importMs: 100 },
  'send-survey': { bytes: 500_000, importMs: 100 },
};

/** The only function allowed to bundle mailparser (and its MIME decoders). */
export const MAILPARSER_ALLOWED: readonly FunctionName[] = ['receive-email'];

/** Files copied next to the bundle, read at run time from /var/task. */
export interface BundledFiles {
  /** Landlord profiles deployed with this stage (absolute paths). */
  readonly landlordFiles: readonly string[];
  /** Letter templates (absolute paths to `*.hbs`). */
  readonly templateFiles: readonly string[];
}

/** Where the copied files sit inside a deployed function. */
export const DEPLOYED_LANDLORDS_DIR = '/var/task/landlords';
export const DEPLOYED_TEMPLATES_DIR = '/var/task/templates';

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** The shell commands that copy landlord profiles and templates into a bundle's output directory. */
export function copyCommands(outputDir: string, files: BundledFiles): string[] {
  const copy = (sources: readonly string[], dir: string) => [
    `mkdir -p ${shellQuote(join(outputDir, dir))}`,
    ...(sources.length > 0 ? [`cp ${sources.map(shellQuote).join(' ')} ${shellQuote(join(outputDir, dir))}/`] : []),
  ];
  return [...copy(files.landlordFiles, 'landlords'), ...copy(files.templateFiles, 'templates')];
}

/** NodejsFunction bundling options equal to ESBUILD_SETTINGS, plus the copy step. */
export function nodejsBundling(files: BundledFiles): nodejs.BundlingOptions {
  return {
    format: nodejs.OutputFormat.ESM,
    target: ESBUILD_SETTINGS.target,
    minify: ESBUILD_SETTINGS.minify,
    sourceMap: ESBUILD_SETTINGS.sourcemap,
    sourcesContent: ESBUILD_SETTINGS.sourcesContent,
    mainFields: [...ESBUILD_SETTINGS.mainFields],
    banner: ESBUILD_SETTINGS.banner,
    externalModules: [...ESBUILD_SETTINGS.external],
    bundleAwsSDK: true,
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir, outputDir) => copyCommands(outputDir, files),
    },
  };
}
