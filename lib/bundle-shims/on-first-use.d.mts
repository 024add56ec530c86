// Types of on-first-use.mjs.
export declare function onFirstUse<T>(load: () => T): () => T;
export declare function deferredExports<T extends object, K extends keyof T>(load: () => T, names: readonly K[]): Pick<T, K>;
