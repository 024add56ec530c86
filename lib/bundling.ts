// How every Lambda function is bundled (bundleEntry: esbuild, the files built beside the bundle, the templates and views
// precompiled, the configuration validated), used by the stack (its own local bundling, lib/constructs/
// redress-function.ts) and by bench/bundles.ts, so the sizes and import times the bench prints are those of what is
// deployed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync, transformSync, type BuildOptions, type Metafile } from 'esbuild';
import { BANK_HOLIDAYS_FILE, PROJECT_ROOT, readBankHolidays, writeValidatedLandlordPolicies } from '../src/config/files.ts';
import { LETTER_NAMES } from '../src/letters/catalogue.ts';
import { letterTemplateFileNames, PRECOMPILED_DIR, precompiledLetter } from '../src/letters/render.ts';
import { PRECOMPILED_VIEWS_DIR, precompiledView } from '../src/http/views.ts';

/**
 * Packages required on first use: mail intake's decoders that only some mail needs, which its cold start neither reads
 * nor compiles. Each is built, with its own dependencies, into one CommonJS file beside index.mjs at
 * `lazy/<name>.cjs`; in the bundle its name leads to a stand-in, lib/bundle-shims/lazy-<name>.mjs, whose exports
 * require() that file the first time they are used, so mailparser calls them in place as before, only later.
 * - he: mailparser escapes every mail's addresses into HTML with he.encode, which the stand-in does itself (with
 *   he's default options it needs none of he's tables); the real he is loaded only for textAsHtml, which intake never
 *   asks for.
 * - html-to-text: a mail whose body is HTML with no plain text alternative.
 * - encoding-japanese: libmime's decoder for ISO-2022-JP, EUC-JP and JIS, which iconv-lite lacks.
 * A bundle gets the side files of the stand-ins it reaches (bundleEntry): only mail intake's does.
 */
export const LAZY_PACKAGES = ['he', 'html-to-text', 'encoding-japanese'] as const;

/**
 * The template runtimes, required on first use by their file's name (`lazy/<name>.cjs`), each in the bundle through a
 * stand-in (lib/bundle-shims/lazy-<name>.mjs) for the module named here: Handlebars' runtime is needed only when a
 * function first renders a letter, and Nunjucks' only when http-api first renders a page (not for a text, the staff
 * API, or a form's post that is refused before its page): 18 and 39 kB that most cold starts never run.
 */
export const LAZY_TEMPLATE_RUNTIMES = { 'handlebars-runtime': 'handlebars/runtime', 'nunjucks-slim': 'nunjucks/browser/nunjucks-slim.js' } as const;

/**
 * Everything built beside a bundle to be required on first use, by the name of its file (`lazy/<name>.cjs`): what
 * esbuild builds into it. The packages above; iconv-lite's single-byte code pages generated from tables, which the
 * stand-in iconv-lite (lib/bundle-shims/iconv-lite.mjs) requires when a mail names one; libmime's table of MIME types,
 * which its stand-in (lib/bundle-shims/lazy-libmime-mimetypes.cjs, where lib/bundle-plugins/libmime-mimetypes.mjs
 * leads libmime) requires when an attachment's type is guessed from its file name.
 */
export const LAZY_FILES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(LAZY_PACKAGES.map((name) => [name, name])),
  ...LAZY_TEMPLATE_RUNTIMES,
  'iconv-lite-sbcs': 'iconv-lite/encodings/sbcs-data-generated.js',
  // By its path: libmime exports no such name, and the bundles use its CommonJS build.
  'libmime-mimetypes': join(PROJECT_ROOT, 'node_modules', 'libmime', 'dist', 'cjs', 'mimetypes.js'),
};

/** Where a file required on first use is built to, relative to index.mjs; its stand-in require()s this path. */
export const lazyFile = (name: string) => `./lazy/${name}.cjs`;

/** The Lambda runtime: Node 24 (supported until 2028; Node 20 is deprecated and Node 22 ends in 2027). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * Lambda functions run zod jitless. zod compiles a parser for each object schema the first time that schema parses
 * (generated code through `new Function`, which V8 then compiles): a cost that pays back over many parses of one
 * schema in a long-lived process. A function parses most of its schemas a few times between cold starts, and its
 * first request parses many for the first time: there the interpreted parser is faster. Measured (issue 17): 6–10 ms
 * less at each function's import, and the landlord policy's first parse 8.6 → 4.2 ms (warm, 32 → 26 µs). Parse
 * results and errors are the same either way. zod keeps its settings in `globalThis.__zod_globalConfig` (its
 * `z.config()` writes there; test/unit/zod-jitless.test.ts fails if a zod upgrade moves them), which this, in the
 * banner of every output file, sets before any bundled module runs.
 */
export const ZOD_JITLESS = '(globalThis.__zod_globalConfig??={}).jitless=true;';

/**
 * The esbuild settings, in esbuild's own terms. ESM with the AWS SDK bundled (not taken from the runtime): in
 * FACTS.md §6 it imported fastest (one minified file parses quicker than many SDK files from node_modules), and the
 * deployed code runs the SDK versions the tests ran, not whatever the runtime ships that week.
 *
 * Split into chunks: what a function reaches only through `await import()` (pdf-lib for a printed letter, the SSM
 * client for the SMS token, the credential providers Lambda never needs, …) is a file of its own, which a cold start
 * neither reads nor compiles. Chunks sit beside index.mjs, not in a folder, because bundled code finds its files
 * relative to its own file (iconv-lite's `./tables/`, the form's `./views/`).
 */
export const ESBUILD_SETTINGS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' } as Record<string, string>,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // mailparser, iconv-lite and friends are CommonJS and call require(): give ESM output a require.
  // And zod jitless (ZOD_JITLESS), in every output file so that it holds before the first schema is built in any of
  // them: with splitting, a chunk shared with a lazily imported one is evaluated before the entry's own modules, so a
  // setting made by the first module the handler imports came too late for the schemas in such a chunk.
  banner: `import{createRequire}from'module';const require=createRequire(import.meta.url);${ZOD_JITLESS}`,
  // Left out of the bundle, on purpose:
  // - `./tables/*`: iconv-lite's double-byte code pages (Shift-JIS, GBK, Big5, EUC-KR…, about 420 kB), which it
  //   require()s only when a message arrives in one of them. They ship as files beside the bundle (runtimeFilesFor),
  //   so mail intake neither downloads nor parses them at a cold start.
  // - `./lazy/*`: what is required on first use (LAZY_FILES), each built into a file of its own beside the bundle,
  //   which its stand-in require()s when first used.
  // - iconv-lite's list of encodings (encodings/index.js), which its getCodec() requires if it has none: the stand-in
  //   iconv-lite gives it one that leaves out the generated single-byte code pages until needed, so it is never
  //   required, and bundled it would only bring those pages back into the cold start. Named by its absolute path,
  //   which esbuild matches after resolving an import, so that no other package's `../encodings` is left out.
  //   (What was required is left in the bundle as a path that leads nowhere on Lambda: it is never called.)
  // `source-map` needs no entry: only Handlebars' compiler asked for it, and bundles carry no compiler (letters are
  // precompiled; test/infra/bundle-letters.test.ts fails if either comes back).
  external: ['./tables/*', './lazy/*', join(PROJECT_ROOT, 'node_modules', 'iconv-lite', 'encodings', 'index.js')] as string[],
  // mailparser's ESM build imports libmime's ESM build while mailsplit require()s its CommonJS build: without this
  // both copies (about 95 kB) went into mail intake's bundle. Both now get the CommonJS one.
  // linkify-it and iconv-lite: stand-ins in lib/bundle-shims that put off work done at import (mailparser's link
  // finder, libmime's GBK codec) and code pages until they are needed.
  // he, html-to-text and encoding-japanese: stand-ins that require() the real package, built beside the bundle, on
  // first use (LAZY_PACKAGES); and so for Handlebars' and Nunjucks' runtimes (LAZY_TEMPLATE_RUNTIMES).
  alias: {
    libmime: join(PROJECT_ROOT, 'node_modules', 'libmime', 'dist', 'cjs', 'libmime.js'),
    'linkify-it': join(PROJECT_ROOT, 'lib', 'bundle-shims', 'lazy-linkify-it.mjs'),
    'iconv-lite': join(PROJECT_ROOT, 'lib', 'bundle-shims', 'iconv-lite.mjs'),
    ...Object.fromEntries(LAZY_PACKAGES.map((name) => [name, join(PROJECT_ROOT, 'lib', 'bundle-shims', `lazy-${name}.mjs`)])),
    ...Object.fromEntries(Object.entries(LAZY_TEMPLATE_RUNTIMES).map(([name, module]) => [module, join(PROJECT_ROOT, 'lib', 'bundle-shims', `lazy-${name}.mjs`)])),
  } as Record<string, string>,
} as const;

/** The entry file of every bundle: Lambda's handler is `index.handler`. */
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
 * What each function's cold start may load and how long a fresh `node` may take to import it (`npm run bench:bundles`):
 * the bytes are index.mjs and the chunks it imports statically, about 10% above what they weigh (chunks and files
 * loaded only when needed are not counted: a cold start never reads them); the times are the quiet-machine medians
 * under Node 20 with `--enable-source-maps` (as CI runs the bench, and as the stack sets it) plus the 20-25% that this
 * machine's runs swing by from hour to hour (compare builds interleaved in one run, not across runs), so that a new
 * dependency or work added at import shows up as OVER. Neither is ever above issue 17's targets: mail intake 1.2 MB and
 * 120 ms, every other function 600 kB and 100 ms. Measured on 3 December 2026, median of 15 fresh processes,
 * "Node 20 / Node 20 without source maps / Node 24" (Node 24 is Lambda's runtime). The README ("Lambda bundles") has
 * the figures before this work and what each step took.
 */
export const BUNDLE_BUDGETS: Readonly<Record<FunctionName, { bytes: number; importMs: number }>> = {
  // mailparser with its decoders (those only some mail needs are beside the bundle: LAZY_FILES, iconv-lite's tables),
  // the S3, SES and DynamoDB clients, the classifier and its model, the case rules and the calendar. Not at its cold
  // start: Handlebars' runtime (the first letter), Step Functions (the first complaint). 908 kB; 112 / 99 / 103 ms.
  'receive-email': { bytes: 1_000_000, importMs: 120 },
  // The form and the SMS webhook on hono, the staff API's reads, intake, the case rules and the calendar. Not at its
  // cold start: Nunjucks' runtime and the views (the first page), the console, the lifecycle's actions and the survey
  // page (the first request for each), the classifier (a resident's first message), Step Functions and Scheduler (the
  // first complaint started or survey scheduled), Handlebars' runtime (the first letter), pdf-lib (a printed letter),
  // the SSM client (the first text), aws-jwt-verify (the first sign-in). 588 kB; 92 / 83 / 84 ms.
  'http-api': { bytes: 600_000, importMs: 100 },
  // DynamoDB only: a bounce or complaint about one of our letters is written to its case. 381 kB; 71 / 64 / 68 ms.
  'mail-events': { bytes: 420_000, importMs: 90 },
  // DynamoDB and SES clients, the case rules and the calendar; Step Functions, Scheduler and Handlebars' runtime on
  // first use. 457-488 kB; 76-79 / 69-71 / 72-73 ms.
  'case-step': { bytes: 540_000, importMs: 95 },
  'send-digest': { bytes: 505_000, importMs: 100 },
  'send-survey': { bytes: 540_000, importMs: 100 },
};

/** The only function allowed to bundle mailparser (and its MIME decoders). */
export const MAILPARSER_ALLOWED: readonly FunctionName[] = ['receive-email'];

/** Files copied next to the bundle, read at run time from /var/task. */
export interface BundledFiles {
  /** Landlord profiles deployed with this stage (absolute paths). */
  readonly landlordFiles: readonly string[];
  /** Letter templates (absolute paths to `*.hbs`). */
  readonly templateFiles: readonly string[];
  /** Other files the function reads at run time, each with its path inside the bundle. */
  readonly runtimeFiles?: readonly RuntimeFile[];
}

/** A file a bundle needs beside index.mjs. */
export interface RuntimeFile {
  /** Absolute path in the repository. */
  readonly source: string;
  /** Path inside the bundle directory (/var/task on Lambda). */
  readonly dest: string;
}

/** Where the copied files sit inside a deployed function. */
export const DEPLOYED_LANDLORDS_DIR = '/var/task/landlords';
export const DEPLOYED_TEMPLATES_DIR = '/var/task/templates';

const filesUnder = (dir: string, keep: (file: string) => boolean): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter(keep)
    .sort();

/**
 * Files a function reads from beside its bundle. The contact form (http-api) finds its Nunjucks views and script
 * at `new URL('./views/' | './static/', import.meta.url)`, the console its views at `./views/console/`, and govuk-frontend through
 * `require.resolve('govuk-frontend/package.json')`: so its views, its script, and govuk-frontend's templates, CSS
 * and JS (not its fonts, images or Sass) go into the bundle at the same relative places. The views and templates are
 * then precompiled there (precompileViews), and the function renders those; their sources stay beside them, as the
 * letters' do.
 */
export function runtimeFilesFor(name: FunctionName, root: string = PROJECT_ROOT): RuntimeFile[] {
  if (name === 'receive-email') return iconvTables(root);
  if (name !== 'http-api') return [];
  const form = join(root, 'src', 'http', 'contact-form');
  const govuk = join(root, 'node_modules', 'govuk-frontend');
  const under = (dir: string, keep: (f: string) => boolean, destDir: string) =>
    existsSync(dir) ? filesUnder(dir, keep).map((source) => ({ source, dest: join(destDir, relative(dir, source)) })) : [];
  return [
    ...under(join(form, 'views'), (f) => f.endsWith('.njk'), 'views'),
    ...under(join(root, 'src', 'http', 'console', 'views', 'console'), (f) => f.endsWith('.njk'), 'views/console'),
    ...under(join(form, 'static'), () => true, 'static'),
    ...(existsSync(govuk) ? [{ source: join(govuk, 'package.json'), dest: 'node_modules/govuk-frontend/package.json' }] : []),
    ...under(join(govuk, 'dist', 'govuk'), (f) => f.endsWith('.njk') || /govuk-frontend\.min\.(css|js)$/.test(f), 'node_modules/govuk-frontend/dist/govuk'),
  ];
}

/** iconv-lite's double-byte code pages, at `tables/` beside index.mjs where its `require('./tables/…')` looks. */
function iconvTables(root: string): RuntimeFile[] {
  const dir = join(root, 'node_modules', 'iconv-lite', 'encodings', 'tables');
  return existsSync(dir) ? filesUnder(dir, (f) => f.endsWith('.json')).map((source) => ({ source, dest: join('tables', relative(dir, source)) })) : [];
}

const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** The shell commands that copy landlord profiles, templates and runtime files into a bundle's output directory. */
export function copyCommands(outputDir: string, files: BundledFiles): string[] {
  const all: RuntimeFile[] = [
    ...files.landlordFiles.map((source) => ({ source, dest: join('landlords', source.slice(source.lastIndexOf('/') + 1)) })),
    ...files.templateFiles.map((source) => ({ source, dest: join('templates', source.slice(source.lastIndexOf('/') + 1)) })),
    ...(files.runtimeFiles ?? []),
  ];
  const byDir = new Map<string, string[]>();
  for (const f of all) byDir.set(dirname(f.dest), [...(byDir.get(dirname(f.dest)) ?? []), f.source]);
  // Both directories always exist, so REDRESS_LANDLORDS_DIR and REDRESS_TEMPLATES_DIR always name a directory.
  for (const dir of ['landlords', 'templates']) if (!byDir.has(dir)) byDir.set(dir, []);
  return [...byDir].sort(([a], [b]) => a.localeCompare(b)).flatMap(([dir, sources]) => {
    const target = shellQuote(join(outputDir, dir));
    return [`mkdir -p ${target}`, ...(sources.length > 0 ? [`cp ${sources.map(shellQuote).join(' ')} ${target}/`] : [])];
  });
}

/**
 * The directories of views in a bundle, relative to index.mjs, where runtimeFilesFor copies them: the form's, the
 * console's (inside the form's, so its names are its own), and govuk-frontend's, whose templates are named from
 * `dist/` (`govuk/components/button/macro.njk`) as the views import them.
 */
export const BUNDLED_VIEW_DIRS = ['views', 'views/console', 'node_modules/govuk-frontend/dist'] as const;

/** Writes a precompiled template's module, minified as the bundle is, making its folder when needed. */
function writeMinified(file: string, source: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, transformSync(source, { loader: 'js', minify: true, target: ESBUILD_SETTINGS.target }).code);
}

/**
 * Compiles the views in a bundle's view directories (BUNDLED_VIEW_DIRS) to `precompiled/<name>.cjs` in each, minified,
 * so that the function renders them with Nunjucks' runtime alone (src/http/views.ts). A directory's own views only:
 * not those of a view directory inside it, nor anything already precompiled. A bundle without views gets nothing.
 */
export function precompileViews(outputDir: string): void {
  const viewDirs = BUNDLED_VIEW_DIRS.map((dir) => join(outputDir, dir));
  for (const dir of viewDirs.filter((d) => existsSync(d))) {
    const inside = viewDirs.map((d) => join(d, '/')).filter((d) => d.startsWith(join(dir, '/')) && d !== join(dir, '/'));
    const outDir = join(dir, PRECOMPILED_VIEWS_DIR);
    const views = filesUnder(dir, (f) => f.endsWith('.njk') && !f.startsWith(join(outDir, '/')) && !inside.some((d) => f.startsWith(d)));
    for (const file of views) {
      const name = relative(dir, file);
      writeMinified(join(outDir, `${name}.cjs`), precompiledView(readFileSync(file, 'utf8'), name));
    }
  }
}

/** The child process that runs esbuild with plugins (see bundleEntry). */
const ESBUILD_CHILD = join(PROJECT_ROOT, 'lib', 'esbuild-child.mjs');

/**
 * Compiles the letters in a bundle's templates directory to `precompiled/<letter>.cjs` there, minified, so that the
 * function renders them with Handlebars' runtime alone (src/letters/render.ts). A file per letter: the first letter a
 * function sends loads only its own templates. A letter with none of its files here is left out (a bundle given no
 * templates still gets the folder, so it never looks for the compiler); one with only some of them is refused.
 */
export function precompileLetters(templatesDir: string): void {
  const outDir = join(templatesDir, PRECOMPILED_DIR);
  mkdirSync(outDir, { recursive: true });
  for (const name of LETTER_NAMES) {
    if (!letterTemplateFileNames(name).some((file) => existsSync(join(templatesDir, file)))) continue;
    writeMinified(join(outDir, `${name}.cjs`), precompiledLetter(templatesDir, name));
  }
}

/**
 * Bundles one entry file into `outputDir` (index.mjs, its chunks and their source maps) with ESBUILD_SETTINGS, builds
 * what it requires on first use (LAZY_FILES) into `lazy/` beside it, then copies the files it reads at run time beside
 * it and precompiles the letter templates and views among them. The configuration it carries is validated here, so
 * that its cold start need not: the landlords' profiles, written parsed to landlords/validated/ (the function reads
 * them with validatedLandlordPolicies), and the GOV.UK bank holidays when the bundle imports them. Synchronous,
 * because CDK's local bundling is: esbuild runs with its plugins (lib/bundle-plugins) in a child process,
 * lib/esbuild-child.mjs, which this waits for. The metafile is the bundle's and its files required on first use
 * together.
 */
export function bundleEntry(entry: string, outputDir: string, files: BundledFiles): Metafile {
  const options: BuildOptions = {
    ...ESBUILD_SETTINGS, mainFields: [...ESBUILD_SETTINGS.mainFields], external: [...ESBUILD_SETTINGS.external],
    banner: { js: ESBUILD_SETTINGS.banner }, entryPoints: { index: entry }, outdir: outputDir, absWorkingDir: PROJECT_ROOT, logLevel: 'error',
  };
  const metafile = JSON.parse(execFileSync(process.execPath, [ESBUILD_CHILD], { input: JSON.stringify(options), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as Metafile;
  const lazy = buildLazyFiles(metafile, outputDir);
  execFileSync('/bin/sh', ['-c', copyCommands(outputDir, files).join(' && ')]);
  precompileLetters(join(outputDir, 'templates'));
  precompileViews(outputDir);
  writeValidatedLandlordPolicies(join(outputDir, 'landlords'));
  if (relative(PROJECT_ROOT, BANK_HOLIDAYS_FILE) in metafile.inputs) readBankHolidays(BANK_HOLIDAYS_FILE);
  return { inputs: { ...metafile.inputs, ...lazy.inputs }, outputs: { ...metafile.outputs, ...lazy.outputs } };
}

/**
 * Builds each file required on first use (LAZY_FILES) that the bundle require()s, a stand-in having been reached, into
 * one CommonJS file, its dependencies inside, at `lazy/<name>.cjs` in `outputDir`. CommonJS, because the stand-in
 * loads it with a synchronous require(): mailparser and libmime call these in the middle of their streams. No
 * plugins are needed here (they are for the AWS SDK), so esbuild's synchronous API builds them.
 */
function buildLazyFiles(bundle: Metafile, outputDir: string): Metafile {
  const required = new Set(Object.values(bundle.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path)));
  const wanted = Object.entries(LAZY_FILES).filter(([name]) => required.has(lazyFile(name)));
  if (wanted.length === 0) return { inputs: {}, outputs: {} };
  // Entry points as imports, resolved from the project as the bundle's are: the packages' ESM builds, which esbuild
  // can shake (html-to-text's CommonJS build pulled in 45 kB more).
  return buildSync({
    bundle: true, platform: 'node', format: 'cjs', target: ESBUILD_SETTINGS.target, minify: true, sourcemap: true, sourcesContent: false,
    mainFields: [...ESBUILD_SETTINGS.mainFields], outExtension: { '.js': '.cjs' }, entryPoints: Object.fromEntries(wanted),
    outdir: join(outputDir, 'lazy'), absWorkingDir: PROJECT_ROOT, metafile: true, logLevel: 'error',
  }).metafile;
}

/** Bundles one function: see {@link bundleEntry}. */
export function bundleFunction(name: FunctionName, outputDir: string, files: BundledFiles, root: string = PROJECT_ROOT): Metafile {
  return bundleEntry(functionEntry(name, root), outputDir, files);
}

/** What a bundle weighs: the files a cold start reads (index.mjs and the chunks it imports statically) and all of it. */
export interface BundleWeight {
  /** Bytes of JavaScript a cold start loads: the entry and, transitively, its static imports. */
  readonly coldStartBytes: number;
  /**
   * Bytes of JavaScript on disk, lazily imported chunks and files required on first use (lazy/*.cjs) included (not
   * source maps or copied files).
   */
  readonly totalBytes: number;
  /** The output files a cold start loads, relative to the project (esbuild's working directory). */
  readonly coldStartFiles: readonly string[];
}

/** Whether a bundle's output file is JavaScript: index.mjs, a chunk, or a package required on first use (`.cjs`). */
export const isJavaScript = (file: string) => file.endsWith('.mjs') || file.endsWith('.cjs');

/** Weighs a bundle from esbuild's metafile. */
export function bundleWeight(metafile: Metafile): BundleWeight {
  const js = Object.entries(metafile.outputs).filter(([file]) => isJavaScript(file));
  // Every dynamically imported module is an entry point too: the function's own is index.mjs.
  const entry = js.find(([file]) => file.endsWith(`/${BUNDLE_FILE}`) || file === BUNDLE_FILE)!;
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entry[0]);
  return {
    coldStartBytes: [...loaded].reduce((sum, f) => sum + metafile.outputs[f]!.bytes, 0),
    totalBytes: js.reduce((sum, [, o]) => sum + o.bytes, 0),
    coldStartFiles: [...loaded],
  };
}

/**
 * The asset for one function: CDK's local bundling (no Docker) running {@link bundleFunction}. NodejsFunction cannot
 * split (it passes esbuild --outfile), so the stack bundles for itself. The asset's hash is that of the output, as
 * NodejsFunction's is; a stack synthesised with bundling skipped ('aws:cdk:bundling-stacks': [], the stack tests)
 * never calls it.
 */
export function functionCode(name: FunctionName, files: BundledFiles, root: string = PROJECT_ROOT): lambda.Code {
  return lambda.Code.fromAsset(root, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: local bundling always succeeds or throws. CDK requires an image all the same.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
      // CDK reuses a bundle whose source folder and bundling options it has seen (it cannot see into tryBundle), so
      // what makes each function's bundle its own is spelled out here: without it every function got the first one's.
      environment: { REDRESS_FUNCTION: name, REDRESS_BUNDLED_FILES: createHash('sha256').update(JSON.stringify(files)).digest('hex') },
      local: {
        tryBundle(outputDir) {
          bundleFunction(name, outputDir, files, root);
          return true;
        },
      },
    },
  });
}
