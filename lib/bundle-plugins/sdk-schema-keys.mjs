// An esbuild plugin for the Lambda bundles (lib/esbuild-child.mjs). Each AWS SDK client describes its whole API in one
// module, dist-es/schemas/schemas_0.js, whose operation and member shapes are object literals keyed through constants:
// `{ [_h]: ["POST", "/v2/email/outbound-emails", 200] }` with `const _h = "http"`. esbuild cannot prove a computed key
// free of side effects, so it keeps every such shape, and every shape those reach, though a function sends one or two
// commands: 48 kB of SES v2's API and 69 kB of S3's in each bundle that carries them. Written with the constant's own
// string, `{ "http": [...] }` is the same object, and esbuild drops what nothing uses. Plain JavaScript, because the
// child process that runs esbuild's plugin API is plain node (lib/bundling.ts); its types are sdk-schema-keys.d.mts.
import { readFile } from 'node:fs/promises';

/** The modules rewritten: each SDK client's schemas. */
export const SDK_SCHEMA_MODULE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/**
 * The same module with each computed key `[_x]:` whose `_x` is a top-level `const _x = "…";` written as that string.
 * Anything else (a key that is not such a constant) is left as it is.
 */
export function literalSchemaKeys(source) {
  const strings = new Map([...source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)].map((m) => [m[1], m[2]]));
  return source.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key));
}

/** The plugin: SDK schema modules are loaded through {@link literalSchemaKeys}. */
export const sdkSchemaKeys = {
  name: 'redress-sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMA_MODULE }, async ({ path }) => ({ contents: literalSchemaKeys(await readFile(path, 'utf8')), loader: 'js' }));
  },
};
