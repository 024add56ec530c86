// iconv-lite's list of encodings for the bundles' stand-in iconv-lite (iconv-lite.mjs), with its single-byte code
// pages generated from tables (windows-1252, ISO-8859-x, KOI8-R, Mac…: sbcs-data-generated, 57 kB) left out until a
// mail names one. Plain JavaScript, for esbuild; its types are iconv-lite-encodings.d.mts.
// The real modules by their paths: by name, the alias would lead back to the stand-in.
import dbcsCodec from '../../node_modules/iconv-lite/encodings/dbcs-codec.js';
import dbcsData from '../../node_modules/iconv-lite/encodings/dbcs-data.js';
import internal from '../../node_modules/iconv-lite/encodings/internal.js';
import sbcsCodec from '../../node_modules/iconv-lite/encodings/sbcs-codec.js';
import sbcsData from '../../node_modules/iconv-lite/encodings/sbcs-data.js';
import utf16 from '../../node_modules/iconv-lite/encodings/utf16.js';
import utf32 from '../../node_modules/iconv-lite/encodings/utf32.js';
import utf7 from '../../node_modules/iconv-lite/encodings/utf7.js';

/**
 * What iconv-lite's encodings/index.js gives, every encoding, alias and codec by name, but with the generated
 * single-byte code pages taken from `loadGenerated()` when a name is not among the rest: UTF-8, UTF-16, the
 * double-byte pages and the like are found without it. No name is in both (a test checks), so it makes no difference
 * that iconv-lite merges them in another order. Only names of the code pages' own (not inherited ones such as
 * `constructor`) are taken from them, as iconv-lite's list has no prototype.
 */
export function encodingsWith(loadGenerated) {
  const generated = new Proxy({}, {
    get(_, name) {
      const pages = loadGenerated();
      return Object.hasOwn(pages, name) ? pages[name] : undefined;
    },
  });
  return Object.setPrototypeOf(Object.assign({}, internal, utf32, utf16, utf7, sbcsCodec, sbcsData, dbcsCodec, dbcsData), generated);
}
