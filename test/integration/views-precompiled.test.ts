// A deployed http-api renders its views precompiled, with Nunjucks' runtime alone; npm start and the tests compile
// them from their sources (src/http/views.ts). Both must give the same pages. The form and the console are driven
// through the local app as a resident and an officer use them, every render recorded (view, context, HTML); then the
// same view is rendered with the same context from views precompiled as lib/bundling.ts precompiles them for a bundle.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type nunjucks from 'nunjucks';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { copyCommands, precompileViews, runtimeFilesFor } from '../../lib/bundling.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { viewEnvironment } from '../../src/http/views.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The package that compiles the views locally, as src/http/views.ts loads it.
const full = createRequire(import.meta.url)('nunjucks') as typeof nunjucks;

const FORM_VIEWS = join(PROJECT_ROOT, 'src', 'http', 'contact-form', 'views');
const CONSOLE_VIEWS = join(PROJECT_ROOT, 'src', 'http', 'console', 'views', 'console');
/** The views a page renders (layout.njk is only extended). */
const pagesIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.njk') && f !== 'layout.njk').sort();

interface Render { readonly env: nunjucks.Environment; readonly name: string; readonly context: object; readonly html: string }

let h: Harness;
let bundle: string;
let renders: Render[] = [];
let spy: MockInstance;

const OFFICER = 'complaints-manager@demo.redress.test';
const at = (path: string) => `${h.redress.url}${path}`;
const post = (path: string, fields: Record<string, string>, cookie = '') =>
  fetch(at(path), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.redress.url, cookie }, body: new URLSearchParams(fields).toString() });
const get = async (path: string, cookie = '') => (await fetch(at(path), { headers: { cookie } })).text();

beforeAll(async () => {
  // The views as a bundle carries them, precompiled beside it.
  bundle = mkdtempSync(join(tmpdir(), 'redress-views-'));
  execFileSync('/bin/sh', ['-c', copyCommands(bundle, { landlordFiles: [], templateFiles: [], runtimeFiles: runtimeFilesFor('http-api') }).join(' && ')]);
  precompileViews(bundle);

  h = await openHarness({ workflow: undefined });
  await h.sendRaw(residentMail({ from: 'lee@example.com', messageId: '<lee@example.com>', subject: 'Complaint about the <boiler>', body: 'Third time the boiler has failed. I want to make a formal complaint & a refund.' }), { from: 'lee@example.com' });
  const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<lee@example.com>');
  const caseRef = message!.caseRef!;

  // Every page rendered from here on is recorded, as compiled from its sources.
  spy = vi.spyOn(full.Environment.prototype, 'render');

  // The resident's form: blank, refused with errors, sent, and a landlord that has none.
  const form = await get('/contact');
  const token = /name="submissionToken" value="([^"]+)"/.exec(form)![1]!;
  await post('/contact', { wants: 'complaint', whatHappened: '', name: '<script>x</script>', submissionToken: token });
  await post('/contact', { wants: 'complaint', whatHappened: 'The boiler is broken & cold.', outcomeWanted: 'Fix it', name: 'Ann "Example"', email: 'ann@example.com', phone: '', addressOrTenancyReference: 'Flat 3', actingForYou: 'no', submissionToken: token });
  await get('/contact/no-such-landlord');

  // The officer's console: sign-in, refused then signed in, and every page from the queue to a sent letter.
  await get('/console/sign-in');
  await post('/console/sign-in', { token: 'wrong', officer: '' });
  const cookie = (await post('/console/sign-in', { token: 'test-staff-token', officer: OFFICER })).headers.get('set-cookie')!.split(';')[0]!;
  await get('/console', cookie);
  await get('/console/messages', cookie);
  await get('/console/search?q=boiler', cookie);
  const casePage = await get(`/console/cases/${caseRef}`, cookie);
  const csrf = /name="csrf" value="([^"]+)"/.exec(casePage)![1]!;
  await get(`/console/cases/${caseRef}/act/acknowledge`, cookie);
  await post(`/console/cases/${caseRef}/act/acknowledge`, { csrf, understanding: '' }, cookie);
  await post(`/console/cases/${caseRef}/act/acknowledge`, { csrf, understanding: 'The boiler <failed> three times.', outcomesSought: 'A working boiler\nAn apology', handler: OFFICER }, cookie);
  const letterId = /\/letters\/([^/"]+)"/.exec(await get(`/console/cases/${caseRef}`, cookie))![1]!;
  await get(`/console/cases/${caseRef}/letters/${letterId}`, cookie);
  await get('/console/log-complaint', cookie);
  await post('/console/log-complaint', { csrf, summary: '' }, cookie);
  await get('/console/cases/C-00000000', cookie);

  renders = spy.mock.calls.map(([name, context], i) => ({ env: spy.mock.contexts[i] as nunjucks.Environment, name: name as string, context: context as object, html: spy.mock.results[i]!.value as string }));
}, 60_000);
afterAll(async () => {
  spy?.mockRestore();
  await h?.close();
  rmSync(bundle, { recursive: true, force: true });
});

/** Where an environment compiling from the sources finds its views: its FileSystemLoader's search paths. */
const searchPathsOf = (env: nunjucks.Environment) => (env as unknown as { loaders: { searchPaths: string[] }[] }).loaders[0]!.searchPaths;
const isFormEnv = (env: nunjucks.Environment) => searchPathsOf(env)[0]!.replace(/\/$/, '') === FORM_VIEWS;
const isConsoleEnv = (env: nunjucks.Environment) => searchPathsOf(env)[0]!.replace(/\/$/, '') === CONSOLE_VIEWS;

/** The same views precompiled in the bundle, with the filters the app added to the compiling environment. */
function precompiledTwin(env: nunjucks.Environment): nunjucks.Environment {
  const views = join(bundle, isFormEnv(env) ? 'views' : 'views/console');
  const twin = viewEnvironment([views, join(bundle, 'node_modules', 'govuk-frontend', 'dist')]);
  const own = (e: nunjucks.Environment) => (e as unknown as { filters: Record<string, (...args: unknown[]) => unknown> }).filters;
  for (const [name, filter] of Object.entries(own(env))) if (!(name in own(twin))) twin.addFilter(name, filter);
  return twin;
}

describe('the HTTP views', () => {
  it('render every page of the form and the console the tests reach', () => {
    const names = (keep: (env: nunjucks.Environment) => boolean) => [...new Set(renders.filter((r) => keep(r.env)).map((r) => r.name))].sort();

    expect(names(isFormEnv)).toEqual(pagesIn(FORM_VIEWS));
    expect(names(isConsoleEnv)).toEqual(pagesIn(CONSOLE_VIEWS));
    expect(renders.every((r) => r.env instanceof full.Environment)).toBe(true);
  });

  it('render the same precompiled, with Nunjucks\' runtime alone, as compiled from their sources', () => {
    const twins = new Map<nunjucks.Environment, nunjucks.Environment>();
    for (const { env, name, context, html } of renders) {
      if (!twins.has(env)) twins.set(env, precompiledTwin(env));
      const twin = twins.get(env)!;
      // Nunjucks' runtime-only build, not the package that compiles.
      expect(twin).not.toBeInstanceOf(full.Environment);
      expect({ name, html: twin.render(name, context) }).toEqual({ name, html });
    }
    expect(twins.size).toBe(2);
  });

  it('escape what a resident typed, precompiled as compiled', () => {
    const refused = renders.find((r) => r.name === 'form.njk' && r.html.includes('There is a problem'))!;

    expect(refused.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(precompiledTwin(refused.env).render('form.njk', refused.context)).not.toContain('<script>x</script>');
  });
});
