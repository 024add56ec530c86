// Stands in for encoding-japanese in the Lambda bundles (LAZY_PACKAGES in lib/bundling.ts). libmime decodes with it only
// the Japanese charsets iconv-lite lacks (ISO-2022-JP, EUC-JP, JIS), yet importing it built its 89 kB of conversion
// tables at every cold start. The real package is built beside the bundle, at lazy/encoding-japanese.cjs, and
// required the first time one of its exports is read. Plain JavaScript, for esbuild; its types are
// lazy-encoding-japanese.d.mts.
import { onFirstUse } from '../../src/first-use.ts';
import { deferredExports } from './deferred-exports.mjs';

export default deferredExports(onFirstUse(() => require('./lazy/encoding-japanese.cjs')), [
  'version', 'orders', 'detect', 'convert', 'urlEncode', 'urlDecode', 'base64Encode', 'base64Decode', 'codeToString', 'stringToCode',
  'toHankakuCase', 'toZenkakuCase', 'toHiraganaCase', 'toKatakanaCase', 'toHankanaCase', 'toZenkanaCase', 'toHankakuSpace', 'toZenkakuSpace',
]);
