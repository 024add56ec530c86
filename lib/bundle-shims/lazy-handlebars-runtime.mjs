// Stands in for Handlebars' runtime in the Lambda bundles (LAZY_TEMPLATE_RUNTIMES in lib/bundling.ts). A function
// renders letters with it (src/letters/render.ts), but most of its cold starts send none. The real runtime is built
// beside the bundle, at lazy/handlebars-runtime.cjs, and required the first time a letter is rendered. Plain
// JavaScript, for esbuild; its types are lazy-handlebars-runtime.d.mts.
import { onFirstUse } from '../../src/first-use.ts';
import { deferredExports } from './deferred-exports.mjs';

export default deferredExports(onFirstUse(() => require('./lazy/handlebars-runtime.cjs')), ['create', 'template', 'VERSION']);
