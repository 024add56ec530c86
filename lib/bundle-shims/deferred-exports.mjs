// Part of the stand-ins for packages required on first use (LAZY_PACKAGES in lib/bundling.ts), which load them with
// onFirstUse (src/first-use.ts). Plain JavaScript, for esbuild; its types are deferred-exports.d.mts.

/**
 * An object with the named properties of the module load() returns, each read from that module whenever it is read:
 * nothing is loaded until a property is. For a package whose export is one object (he, encoding-japanese); its
 * functions are the real ones, so `standIn.encode === real.encode` once loaded.
 */
export function deferredExports(load, names) {
  return Object.defineProperties({}, Object.fromEntries(names.map((name) => [name, { get: () => load()[name], enumerable: true }])));
}
