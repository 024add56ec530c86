// A deployed function renders letters from templates precompiled when it was bundled, with Handlebars' runtime alone
// (lib/bundling.ts precompileLetters, src/letters/render.ts). This bundles a fixture that renders a letter, as the
// stack bundles a function, runs it outside the project as Lambda would, and checks the letter is the one the tests
// render locally and that Handlebars' compiler is nowhere in the bundle.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleEntry } from '../../lib/bundling.ts';
import { bundleInputs } from './bundle-inputs.ts';
import { readLetterTemplates } from '../../lib/letter-templates.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { PRECOMPILED_DIR, renderLetter } from '../../src/letters/render.ts';
import { examples } from '../unit/letters/examples.ts';

let dir: string;
let metafile: Metafile;

beforeAll(() => {
  // Outside the project, as on Lambda: no node_modules to find Handlebars' compiler in.
  dir = mkdtempSync(join(tmpdir(), 'redress-letters-'));
  metafile = bundleEntry(join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'render-letter.ts'), dir, {
    landlordFiles: [],
    templateFiles: readLetterTemplates(join(PROJECT_ROOT, 'templates')).flatMap((t) => t.files),
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const renderedByBundle = (bundle: string, letter: string) =>
  spawnSync(process.execPath, [join(bundle, BUNDLE_FILE), join(bundle, 'templates'), letter], { cwd: bundle, encoding: 'utf8' });

describe("a function's bundle", () => {
  it.each(['extension', 'weekly-digest', 'stage-1-response'] as const)('renders %s as the tests do, from its precompiled templates', (name) => {
    const run = renderedByBundle(dir, name);
    expect(run.stderr).toBe('');

    const byBundle = JSON.parse(run.stdout) as { subject: string; html: string; text: string };
    const local = renderLetter(name, examples[name] as never);

    expect([byBundle.subject, byBundle.html, byBundle.text]).toEqual([local.subject, local.html, local.text]);
  });

  it('says what it rendered, word for word', () => {
    const letter = JSON.parse(renderedByBundle(dir, 'extension').stdout) as { subject: string; text: string };

    expect(letter.subject).toBe('We need more time to respond to your complaint (reference C-7K2M9Q4T)');
    expect(letter.text).toContain('Dear Ms Okafor,');
  });

  it('carries Handlebars\' runtime beside it, loaded for the first letter, and not its compiler anywhere', () => {
    const { coldStart, everywhere: everything, lazyFile } = bundleInputs(metafile);

    expect(coldStart.filter((i) => i.startsWith('node_modules/handlebars/'))).toEqual([]);
    expect(lazyFile('handlebars-runtime')).toContain('node_modules/handlebars/dist/cjs/handlebars/runtime.js');
    expect(everything.filter((i) => i.includes('node_modules/handlebars/dist/cjs/handlebars/compiler/'))).toEqual([]);
    expect(everything.filter((i) => i.includes('node_modules/handlebars/lib/') || i.includes('node_modules/source-map/'))).toEqual([]);
  });

  it('cannot compile a template: without its precompiled ones it refuses to render, and says why', () => {
    const withoutPrecompiled = mkdtempSync(join(tmpdir(), 'redress-letters-uncompiled-'));
    try {
      cpSync(dir, withoutPrecompiled, { recursive: true });
      rmSync(join(withoutPrecompiled, 'templates', PRECOMPILED_DIR), { recursive: true });

      const run = renderedByBundle(withoutPrecompiled, 'extension');

      expect(run.status).not.toBe(0);
      // Minified, the class prints as `<short name> [LetterTemplateError]: …`.
      expect(run.stderr).toMatch(/LetterTemplateError\]?: the letter templates are not precompiled, and Handlebars' compiler is not installed/);
    } finally {
      rmSync(withoutPrecompiled, { recursive: true, force: true });
    }
  });
});
