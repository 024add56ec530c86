// nunjucks ships no types for its runtime-only build (src/http/views.ts); it is the full package's runtime half.
declare module 'nunjucks/browser/nunjucks-slim.js' {
  import type nunjucks from 'nunjucks';
  /** Renders precompiled templates only: it has no compiler, parser or file loaders. */
  const runtime: Pick<typeof nunjucks, 'Environment' | 'Template' | 'Loader' | 'runtime' | 'lib'>;
  export default runtime;
}
