// A deployed http-api renders the form and the console from views precompiled when it was bundled, with Nunjucks'
// runtime alone (lib/bundling.ts precompileViews, src/http/views.ts). This builds the real http-api bundle as the stack
// does, outside the project as on Lambda, sends its Lambda handler GET /contact and a console page, and checks that
// the pages come from the precompiled views, that it cannot compile one, and that Nunjucks' compiler is nowhere in it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_VIEW_DIRS, bundleFunction, precompileViews, runtimeFilesFor } from '../../lib/bundling.ts';
import { bundleInputs } from './bundle-inputs.ts';
import { PROJECT_ROOT, VALIDATED_POLICIES_FILE } from '../../src/config/files.ts';
import { PRECOMPILED_VIEWS_DIR } from '../../src/http/views.ts';

let dir: string;
let metafile: Metafile;

beforeAll(() => {
  // Outside the project, as on Lambda: no node_modules to find Nunjucks' compiler in.
  dir = mkdtempSync(join(tmpdir(), 'redress-views-bundle-'));
  metafile = bundleFunction('http-api', dir, {
    landlordFiles: [join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json')],
    templateFiles: [],
    runtimeFiles: runtimeFilesFor('http-api'),
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIRST_REQUEST = join(PROJECT_ROOT, 'bench', 'first-request.mjs');
const requested = (bundle: string, path: string) => spawnSync(process.execPath, [FIRST_REQUEST, bundle, path], { cwd: bundle, encoding: 'utf8' });
const response = (bundle: string, path: string) => {
  const run = requested(bundle, path);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { statusCode: number; body: string; functionsFromSource: number };
};

/** A copy of the bundle with its precompiled views removed, and so only their sources beside it. */
function withoutPrecompiled(): string {
  const copy = mkdtempSync(join(tmpdir(), 'redress-views-uncompiled-'));
  cpSync(dir, copy, { recursive: true });
  for (const views of BUNDLED_VIEW_DIRS) rmSync(join(copy, views, PRECOMPILED_VIEWS_DIR), { recursive: true, force: true });
  return copy;
}

describe("http-api's bundle", () => {
  it('serves the contact form from its precompiled views', () => {
    const page = response(dir, '/contact');

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Contact ');
    expect(page.body).toMatch(/<input type="hidden" name="submissionToken" value="[^"]+">/);
    // govuk-frontend's macros, reached through their own relative includes.
    expect(page.body).toContain('govuk-radios__input');
    expect(page.body).toContain('govuk-button');
  });

  it("runs with its landlords' profiles as validated when it was bundled", () => {
    const validated = JSON.parse(readFileSync(join(dir, 'landlords', VALIDATED_POLICIES_FILE), 'utf8')) as { landlordId: string; name: string }[];
    const page = response(dir, '/contact');

    expect(validated.map((p) => p.landlordId)).toContain('code-defaults');
    expect(page.body).toContain(`Contact ${validated.find((p) => p.landlordId === 'code-defaults')!.name}`);
  });

  it('imports and serves a page without compiling any parser: the bundle runs zod jitless (ZOD_JITLESS)', () => {
    expect(response(dir, '/contact').functionsFromSource).toBe(0);
  });

  it('serves a console page from its precompiled views', () => {
    const page = response(dir, '/console/auth/callback');

    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('Sign-in did not finish');
    // govuk-frontend's page template, which the console's layout extends.
    expect(page.body).toContain('govuk-template__body');
  });

  it('cannot compile a view: without its precompiled ones its pages fail, and the log says why', () => {
    const copy = withoutPrecompiled();
    try {
      const run = requested(copy, '/contact');

      expect(JSON.parse(run.stdout)).toMatchObject({ statusCode: 500 });
      // Powertools writes errors to stderr.
      expect(run.stderr).toContain('"errorMessage":"the views are not precompiled, and Nunjucks\' compiler is not installed to compile them"');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("carries Nunjucks' runtime beside it, loaded for the first page, and not its compiler, parser or lexer anywhere", () => {
    const { coldStart, everywhere: everything, lazyFile } = bundleInputs(metafile);

    expect(coldStart.filter((i) => i.startsWith('node_modules/nunjucks/'))).toEqual([]);
    expect(lazyFile('nunjucks-slim')).toContain('node_modules/nunjucks/browser/nunjucks-slim.js');
    expect(everything.filter((i) => i.startsWith('node_modules/nunjucks/') && i !== 'node_modules/nunjucks/browser/nunjucks-slim.js')).toEqual([]);
  });

  it("leaves the classifier and its model to a resident's first message: no page, console or API request needs them", () => {
    const { coldStart, everywhere } = bundleInputs(metafile);
    const classifier = ['src/core/triage/classify.ts', 'src/core/triage/cues.ts', 'src/core/triage/model/triage-model.json'];

    expect(coldStart.filter((input) => classifier.includes(input))).toEqual([]);
    expect(everywhere).toEqual(expect.arrayContaining(classifier));
  });

  it("leaves the console's routes, forms and views to the first request for it (a console page is served above)", () => {
    const { coldStart, everywhere } = bundleInputs(metafile);
    const consoleModules = ['src/http/console/console.ts', 'src/http/console/action-forms.ts', 'src/http/console/work-queue.ts'];

    expect(coldStart.filter((input) => consoleModules.includes(input))).toEqual([]);
    expect(everywhere).toEqual(expect.arrayContaining(consoleModules));
  });

  it('precompiles the same views to the same files, so the asset hash does not change from build to build', () => {
    const copy = withoutPrecompiled();
    try {
      precompileViews(copy);
      const precompiled = (root: string) =>
        BUNDLED_VIEW_DIRS.flatMap((views) => {
          const at = join(root, views, PRECOMPILED_VIEWS_DIR);
          return readdirSync(at, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()
            .map((file) => [relative(root, file), readFileSync(file, 'utf8')]);
        });

      expect(precompiled(copy)).toEqual(precompiled(dir));
      expect(precompiled(dir).map(([file]) => file)).toContain('node_modules/govuk-frontend/dist/precompiled/govuk/components/button/macro.njk.cjs');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
