/**
 * A zod schema built the first time anything touches it (a parse, `.shape`, `.optional()`, `instanceof`, its use inside
 * another schema's parse), not when its module is imported. Every function's bundle imports the modules that define
 * the case commands, the letters, the console's forms and the report shapes, and building all their schemas took a
 * large part of each cold start although a function parses with few of them (issue 17).
 *
 * `lazySchema(() => z.object({ … }))` has the schema's own type, so `z.infer<typeof X>`, `X.shape`, `X.extend(…)` and
 * `X.parse(…)` read as before. It is a Proxy in front of the schema: after the first use each property access costs a
 * trap call, a few nanoseconds. Leave a schema eager when its module's import parses with it anyway.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The target is only a stand-in: every trap answers from the built schema. It stays an empty, extensible object, so
  // no Proxy invariant ties the answers to it (getOwnPropertyDescriptor reports configurable for the same reason).
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
  });
}
