/**
 * Something loaded the first time it is asked for and then kept: a module imported with `import()` so that a Lambda
 * function's cold start does not carry it (the SSM client, the Cognito verifier, the classifier), or a file a bundle's
 * stand-in require()s (lib/bundle-shims). A load that fails is forgotten, whether it throws or its promise rejects,
 * so the next call tries again rather than failing until Lambda replaces the function.
 * @example const loadVerifier = onFirstUse(() => import('./http/console/cognito-verifier.ts'));
 */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    if (loaded) return loaded.value;
    const value = load();
    const kept = value instanceof Promise
      ? (value.catch((error: unknown) => {
          loaded = undefined;
          throw error;
        }) as T)
      : value;
    loaded = { value: kept };
    return kept;
  };
}
