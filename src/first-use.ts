/**
 * Something loaded the first time it is asked for (a module imported with `import()`, so that a Lambda function's
 * cold start does not carry it) and then kept. A load that failed is forgotten, so the next call tries again rather
 * than failing until Lambda replaces the function.
 * @example const loadVerifier = onFirstUse(() => import('./http/console/cognito-verifier.ts'));
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
