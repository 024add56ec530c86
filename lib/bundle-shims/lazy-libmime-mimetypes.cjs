// Stands in for libmime's table of MIME types and file extensions (dist/cjs/mimetypes.js, 70 kB) in the Lambda
// bundles: the plugin in lib/bundle-plugins/libmime-mimetypes.mjs leads libmime's `require('./mimetypes.js')` here.
// libmime reads the table only to guess an attachment's type from its file name (one sent as
// application/octet-stream, or with no Content-Type), yet it was part of every mail intake cold start. The real table
// is built beside the bundle, at lazy/libmime-mimetypes.cjs (LAZY_FILES in lib/bundling.ts), and required the first
// time `list`, `extensions` or `default` is read. CommonJS, as libmime's own, so that each export can be a getter.
'use strict';

let mimetypes;
const load = () => (mimetypes ??= require('./lazy/libmime-mimetypes.cjs'));

// The table's own shape: `list` and `extensions`, and a `default` that is not enumerable.
Object.defineProperty(exports, '__esModule', { value: true });
for (const name of ['list', 'extensions']) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });
Object.defineProperty(exports, 'default', { enumerable: false, get: () => load().default });
