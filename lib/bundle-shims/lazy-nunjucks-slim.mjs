// Stands in for Nunjucks' runtime in the Lambda bundles (LAZY_TEMPLATE_RUNTIMES in lib/bundling.ts). http-api renders
// its pages with it (src/http/views.ts), but a cold start for a text or the staff API renders none. The real runtime
// is built beside the bundle, at lazy/nunjucks-slim.cjs, and required the first time a page's views are set up.
// Plain JavaScript, for esbuild; its types are lazy-nunjucks-slim.d.mts.
import { onFirstUse } from '../../src/first-use.ts';
import { deferredExports } from './deferred-exports.mjs';

export default deferredExports(onFirstUse(() => require('./lazy/nunjucks-slim.cjs')), ['Environment', 'Template', 'runtime', 'lib']);
