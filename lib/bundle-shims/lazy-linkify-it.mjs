// Stands in for linkify-it in the Lambda bundles (the alias in lib/bundling.ts). mailparser builds and configures its
// link finder when it is imported, which compiles linkify-it's patterns with the full list of top-level domains:
// 10-18 ms of every mail intake cold start. Mail intake never asks for links (skipTextLinks, skipTextToHtml), so
// here the calls that configure it are only written down, and replayed on a real linkify-it the first time anything
// else is asked of it. Plain JavaScript, for esbuild; its types are lazy-linkify-it.d.mts.
// The real package by its path: by name, the alias would lead back here.
import realLinkifyIt from '../../node_modules/linkify-it/index.mjs';

const CONFIGURING = new Set(['tlds', 'add', 'set']);

export default function lazyLinkifyIt(...args) {
  const calls = [];
  let real;
  const load = () => (real ??= calls.reduce((linkify, [method, callArgs]) => linkify[method](...callArgs), realLinkifyIt(...args)));
  const proxy = new Proxy({}, {
    get(_, key) {
      if (!real && CONFIGURING.has(key)) return (...callArgs) => (calls.push([key, callArgs]), proxy);
      const value = load()[key];
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
  return proxy;
}
