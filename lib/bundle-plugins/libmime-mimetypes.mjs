// An esbuild plugin for the Lambda bundles (lib/esbuild-child.mjs): libmime's `require('./mimetypes.js')` leads to the
// stand-in lib/bundle-shims/lazy-libmime-mimetypes.cjs, which requires the table on first use. The alias setting
// cannot do this, as it applies to package names, not to a path inside a package. Plain JavaScript, because the child
// process that runs esbuild's plugin API is plain node (lib/bundling.ts); its types are libmime-mimetypes.d.mts.
import { fileURLToPath } from 'node:url';

/** libmime's CommonJS build, the one the bundles use (the alias in lib/bundling.ts). */
const LIBMIME = /[\\/]node_modules[\\/]libmime[\\/]dist[\\/]cjs[\\/]libmime\.js$/;
const STAND_IN = fileURLToPath(new URL('../bundle-shims/lazy-libmime-mimetypes.cjs', import.meta.url));

/** The plugin: libmime's table of MIME types is its stand-in; any other `./mimetypes.js` is left alone. */
export const libmimeMimetypes = {
  name: 'redress-libmime-mimetypes',
  setup(build) {
    build.onResolve({ filter: /^\.\/mimetypes\.js$/ }, ({ importer }) => (LIBMIME.test(importer) ? { path: STAND_IN } : undefined));
  },
};
