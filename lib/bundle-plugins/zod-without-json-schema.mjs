// An esbuild plugin for the Lambda bundles (lib/esbuild-child.mjs). zod's classic schemas can each convert themselves to
// JSON Schema: every schema's constructor sets a closure calling that type's JSON Schema "processor", so esbuild keeps
// every processor, and the conversion code they call, though nothing in Redress converts a schema to JSON Schema:
// about 19 kB in every function's cold start. In the bundles these two modules keep what parsing can reach (the
// checks' aggregation behind a schema's `.minLength`, `.format` and the like) and give, for each conversion function,
// one that says it is left out. The module is read and cut where the processors begin; if a zod upgrade moves them,
// the build fails here rather than shipping a cut in the wrong place. Plain JavaScript, for the child process that runs
// esbuild's plugin API; its types are zod-without-json-schema.d.mts.
import { readFile } from 'node:fs/promises';

/** zod's JSON Schema processors and the conversion they use (its ESM build, which the bundles take). */
export const ZOD_JSON_SCHEMA_MODULE = /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;

/** The message a left-out conversion throws with. */
export const LEFT_OUT = "zod's JSON Schema conversion is left out of Redress's Lambda bundles (lib/bundle-plugins/zod-without-json-schema.mjs)";

/** The names a module's source exports: `export function|const|class name` and `export { a, b as c }`. */
function exportedNames(source) {
  const declared = [...source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) (\w+)/gm)].map((m) => m[1]);
  const listed = [...source.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) => m[1].split(',').map((part) => part.trim().split(/\s+as\s+/).pop()).filter(Boolean));
  return [...declared, ...listed];
}

const stubs = (names) => [
  `const leftOut = (name) => function leftOutOfBundle() { throw new Error(${JSON.stringify(LEFT_OUT)} + ": " + name); };`,
  ...names.map((name) => `export const ${name} = leftOut(${JSON.stringify(name)});`),
].join('\n');

/**
 * The module as bundled. to-json-schema.js: every export left out. json-schema-processors.js: its source up to the
 * first processor (`export const stringProcessor`), which holds aggregateChecks and what it uses, then every later
 * export left out.
 */
export function withoutJsonSchema(file, source) {
  if (file === 'to-json-schema') return stubs(exportedNames(source));
  const cut = source.indexOf('\nexport const stringProcessor');
  const aggregate = source.indexOf('\nexport function aggregateChecks');
  if (cut < 0 || aggregate < 0 || aggregate > cut) {
    throw new Error('zod-without-json-schema: zod\'s json-schema-processors.js no longer has aggregateChecks before stringProcessor; look again at what to keep');
  }
  return `${source.slice(0, cut)}\n${stubs(exportedNames(source.slice(cut)))}\n`;
}

/** The plugin: zod's JSON Schema modules are loaded through {@link withoutJsonSchema}. */
export const zodWithoutJsonSchema = {
  name: 'redress-zod-without-json-schema',
  setup(build) {
    build.onLoad({ filter: ZOD_JSON_SCHEMA_MODULE }, async ({ path }) => ({
      contents: withoutJsonSchema(ZOD_JSON_SCHEMA_MODULE.exec(path)[1], await readFile(path, 'utf8')),
      loader: 'js',
    }));
  },
};
