// Types of deferred-exports.mjs.
export declare function deferredExports<T extends object, K extends keyof T>(load: () => T, names: readonly K[]): Pick<T, K>;
