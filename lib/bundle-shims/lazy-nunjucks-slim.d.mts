// lazy-nunjucks-slim.mjs stands in for nunjucks/browser/nunjucks-slim.js and has its shape.
import nunjucksRuntime from 'nunjucks/browser/nunjucks-slim.js';
export default nunjucksRuntime;
