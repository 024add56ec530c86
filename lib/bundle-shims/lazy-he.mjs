// Stands in for he in the Lambda bundles (LAZY_PACKAGES in lib/bundling.ts). mailparser uses he to escape text into
// the HTML it writes: textAsHtml and its links (which mail intake never asks for, src/intake/email.ts), and the
// addresses' and an attached message's headers, for every mail. Importing he compiled its 87 kB of named character
// references at every cold start, though those HTML escapes only ever use he.encode's default options, which need
// no table: `"&'<>\`` and every character outside printable ASCII (bar NUL, line breaks and the C1 controls HTML
// reads as Windows-1252) as hexadecimal references. So encode() without options escapes here; anything else (other
// options, decode, escape, unescape) requires the real he, built beside the bundle at lazy/he.cjs, on first use.
// Plain JavaScript, for esbuild; its types are lazy-he.d.mts.
import { onFirstUse } from '../../src/first-use.ts';
import { deferredExports } from './deferred-exports.mjs';

const real = onFirstUse(() => require('./lazy/he.cjs'));

// What he.encode(text) escapes; the `u` flag takes an astral character, or a lone surrogate, as one code point.
const ESCAPED = /["&'<>`]|[^\0\n\r\x20-\x7E\x80\x82-\x8C\x8E\x91-\x9C\x9E\x9F]/gu;

/** he.encode(text) with its default options: the same string, without loading he. */
export function encodeAsHe(text) {
  return text.replace(ESCAPED, (character) => `&#x${character.codePointAt(0).toString(16).toUpperCase()};`);
}

const he = deferredExports(real, ['version', 'decode', 'escape', 'unescape']);
he.encode = (text, options) => (options === undefined ? encodeAsHe(text) : real().encode(text, options));

export default he;
