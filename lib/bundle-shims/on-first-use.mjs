// What the stand-ins for packages required on first use (LAZY_PACKAGES in lib/bundling.ts) are made of. Plain
// JavaScript, for esbuild; its types are on-first-use.d.mts.

/** A function returning what load() returns, calling load() the first time only; a load that throws is tried again. */
export function onFirstUse(load) {
  let loaded;
  return () => (loaded ??= load());
}

/**
 * An object with the named properties of the module load() returns, each read from that module whenever it is read:
 * nothing is loaded until a property is. For a package whose export is one object (he, encoding-japanese); its
 * functions are the real ones, so `standIn.encode === real.encode` once loaded.
 */
export function deferredExports(load, names) {
  return Object.defineProperties({}, Object.fromEntries(names.map((name) => [name, { get: () => load()[name], enumerable: true }])));
}
