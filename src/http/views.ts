// The Nunjucks environments that render the HTTP pages: the contact form's and the console's views, with
// govuk-frontend's templates and macros.
//
// A deployed function renders them with Nunjucks' runtime alone, the templates compiled to JavaScript when it was
// bundled (lib/bundling.ts precompileViews): compiling the form's views and the govuk-frontend macros they import
// took about 190 ms of the first GET /contact after a cold start, and the compiler is most of Nunjucks' weight.
// Locally (npm start, the tests) nothing is precompiled, and the full package is loaded on first use to compile them.
// Either way the templates are compiled by the same Nunjucks with the same options and run by the same runtime code:
// test/integration/views-precompiled.test.ts renders every view both ways.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import type nunjucks from 'nunjucks';
import nunjucksRuntime from 'nunjucks/browser/nunjucks-slim.js';

/**
 * The options every view is rendered with. Autoescape is what keeps residents' answers as text: every value is escaped
 * unless marked safe. (None of these changes what a template compiles to, only how it runs.)
 */
export const VIEW_OPTIONS: nunjucks.ConfigureOptions = { autoescape: true, throwOnUndefined: false };

/**
 * The folder inside a directory of views that holds them precompiled: `<name>.cjs` for the view `<name>`, a CommonJS
 * module exporting its compiled code. They are code, loaded with require(): trusted as the bundle is.
 */
export const PRECOMPILED_VIEWS_DIR = 'precompiled';

/** The full Nunjucks, loaded on first use so that a bundle never carries its compiler (esbuild sees no import). */
function nunjucksCompiler(): typeof nunjucks {
  try {
    return createRequire(import.meta.url)('nunjucks') as typeof nunjucks;
  } catch (cause) {
    throw new Error('the views are not precompiled, and Nunjucks\' compiler is not installed to compile them', { cause });
  }
}

/**
 * An environment rendering the views found in `searchPaths`, first match first, as FileSystemLoader looks for them:
 * precompiled when the first path (the views' own) has them, else compiled from their sources.
 */
export function viewEnvironment(searchPaths: readonly string[]): nunjucks.Environment {
  if (searchPaths.length > 0 && existsSync(join(searchPaths[0]!, PRECOMPILED_VIEWS_DIR))) {
    return new nunjucksRuntime.Environment(precompiledLoader(searchPaths), VIEW_OPTIONS);
  }
  const full = nunjucksCompiler();
  return new full.Environment(new full.FileSystemLoader([...searchPaths]), VIEW_OPTIONS);
}

/**
 * Serves each view's precompiled code from `<path>/precompiled/<name>.cjs`, a file per view so that a page loads only
 * the views and macros it uses. A view's name is the one templates ask for (`govuk/components/button/macro.njk`), and
 * a relative one (govuk-frontend's `./template.njk`) is taken from the directory of the view that asks.
 */
function precompiledLoader(searchPaths: readonly string[]): nunjucks.ILoader & { isRelative(name: string): boolean; resolve(from: string, to: string): string } {
  return {
    getSource(name) {
      for (const path of searchPaths) {
        const file = join(path, PRECOMPILED_VIEWS_DIR, `${name}.cjs`);
        if (!existsSync(file)) continue;
        // The runtime takes compiled code where the types say a source string.
        const src = { type: 'code', obj: createRequire(file)(file) } as unknown as string;
        return { src, path: name, noCache: false };
      }
      // Nunjucks then says "template not found: <name>".
      return null as unknown as nunjucks.LoaderSource;
    },
    isRelative: (name) => name.startsWith('./') || name.startsWith('../'),
    resolve: (from, to) => posix.join(posix.dirname(from), to),
  };
}

/**
 * One view's precompiled code, as `<path>/precompiled/<name>.cjs` holds it (lib/bundling.ts writes it, then minifies
 * it): the view whose source is given, compiled under its `name` with {@link VIEW_OPTIONS}.
 */
export function precompiledView(source: string, name: string): string {
  const full = nunjucksCompiler();
  return full.precompileString(source, {
    name,
    env: new full.Environment([], VIEW_OPTIONS),
    // One template in, one out (the types say an object where nunjucks passes a list). Its code ends by returning the
    // template's root and blocks, which the runtime takes as a compiled template.
    wrapper: (templates) => `module.exports = (function () {\n${(templates as unknown as { template: string }[])[0]!.template}\n})();\n`,
  });
}
