// Stands in for iconv-lite in the Lambda bundles (the alias in lib/bundling.ts). Everything is iconv-lite itself, but:
// - libmime 5 asks iconv-lite for the GBK codec when it is imported, only to learn which decoder class the double-byte
//   codecs share; building that codec reads and parses GBK's code page (tables/cp936.json, beside the bundle), 8-12 ms
//   of every mail intake cold start. Here the GBK codec is a stand-in that answers `decoder` with that shared class at
//   once, and builds the real codec the first time anything else is asked of it (a message in GBK or GB2312).
// - its list of encodings is given to it here (iconv-lite-encodings.mjs) rather than required by getCodec from its
//   encodings/index.js (left out of the bundle: lib/bundling.ts), so that the single-byte code pages generated from
//   tables (57 kB) are not part of the cold start: they are built beside the bundle (lazy/iconv-lite-sbcs.cjs) and
//   required the first time a mail names one of them (windows-1252, ISO-8859-1, us-ascii…). UTF-8 mail never does.
// Plain JavaScript, for esbuild; its types are iconv-lite's own.
// The real package by its path: by name, the alias would lead back here.
import iconv from '../../node_modules/iconv-lite/lib/index.js';
import dbcs from '../../node_modules/iconv-lite/encodings/dbcs-codec.js';
import { encodingsWith } from './iconv-lite-encodings.mjs';
import { onFirstUse } from '../../src/first-use.ts';

iconv.encodings = encodingsWith(onFirstUse(() => require('./lazy/iconv-lite-sbcs.cjs')));

const DBCS_DECODER = dbcs._dbcs.prototype.decoder;
let gbk;

function getCodec(encoding) {
  if (String(encoding).toLowerCase() !== 'gbk') return iconv.getCodec(encoding);
  gbk ??= new Proxy({}, { get: (_, key) => (key === 'decoder' ? DBCS_DECODER : iconv.getCodec('gbk')[key]) });
  return gbk;
}

export default new Proxy(iconv, { get: (target, key, receiver) => (key === 'getCodec' ? getCodec : Reflect.get(target, key, receiver)) });
