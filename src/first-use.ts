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

/** The methods of a port that all answer with promises, so each can wait for its adapter. */
type AsyncMethods<P> = { [K in keyof P]: P[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/**
 * A port whose adapter is imported the first time one of its methods is called: each method waits for the adapter,
 * then calls it. For an adapter whose SDK client or library most of a function's cold starts never call (Step
 * Functions and EventBridge Scheduler in http-api, whose pages, texts and console reads start no clock and schedule no
 * survey; aws-jwt-verify, until an officer signs in).
 * @example const verifier = portOnFirstUse(() => import('./http/console/cognito-verifier.ts').then((m) => m.cognitoIdTokenVerifier(pool, client)), ['verify']);
 */
export function portOnFirstUse<P extends AsyncMethods<P>>(load: () => Promise<P>, methods: readonly (keyof P & string)[]): P {
  const adapter = onFirstUse(load);
  return Object.fromEntries(methods.map((method) => [method, async (...args: unknown[]) => {
    const loaded = await adapter();
    return (loaded[method] as (...a: unknown[]) => Promise<unknown>).apply(loaded, args);
  }])) as unknown as P;
}
