// What the bundle tests ask of a built bundle's metafile: which source files end up where.
import type { Metafile } from 'esbuild';
import { bundleWeight, isJavaScript } from '../../lib/bundling.ts';

/**
 * The source files (esbuild's inputs) in a bundle: those its cold start loads (index.mjs and the chunks it imports
 * statically), those in any of its JavaScript, and those in one file required on first use, `lazy/<name>.cjs`.
 */
export function bundleInputs(metafile: Metafile) {
  const inputsOf = (files: readonly string[]) => files.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
  const outputs = Object.keys(metafile.outputs);
  return {
    coldStart: inputsOf(bundleWeight(metafile).coldStartFiles),
    everywhere: inputsOf(outputs.filter(isJavaScript)),
    lazyFile: (name: string) => inputsOf(outputs.filter((file) => file.endsWith(`/lazy/${name}.cjs`))),
  };
}
