// Stands in for html-to-text in the Lambda bundles (LAZY_PACKAGES in lib/bundling.ts). mailparser converts HTML to text
// only for a mail with no plain-text body, yet importing html-to-text and its HTML parser (htmlparser2, entities,
// selderee…: about 180 kB) was part of every cold start. The real package is built beside the bundle, at
// lazy/html-to-text.cjs, and required the first time one of these is called. Named exports, as the package's own:
// esbuild links mailparser's `import { htmlToText }` straight to them. Plain JavaScript, for esbuild; its types are
// lazy-html-to-text.d.mts.
import { onFirstUse } from '../../src/first-use.ts';

const real = onFirstUse(() => require('./lazy/html-to-text.cjs'));

export const compile = (...args) => real().compile(...args);
export const convert = (...args) => real().convert(...args);
export const htmlToText = (...args) => real().htmlToText(...args);
