// The bundles' stand-in iconv-lite gives iconv-lite its list of encodings (lib/bundle-shims/iconv-lite-encodings.mjs)
// with the generated single-byte code pages loaded only when a name needs them. The list must answer every name as
// iconv-lite's own does, and load those pages for none but theirs.
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { encodingsWith } from '../../lib/bundle-shims/iconv-lite-encodings.mjs';

const require = createRequire(import.meta.url);
const ownList = require('iconv-lite/encodings') as Record<string, unknown>;
const generated = require('iconv-lite/encodings/sbcs-data-generated') as Record<string, unknown>;
const rest = Object.keys(ownList).filter((name) => !Object.hasOwn(generated, name));

describe("the bundles' list of iconv-lite encodings", () => {
  it("answers every name as iconv-lite's own list does, the generated code pages' once they are loaded", () => {
    const loadGenerated = vi.fn(() => generated);
    const encodings = encodingsWith(loadGenerated);

    for (const name of rest) expect(encodings[name], name).toBe(ownList[name]);
    expect(loadGenerated).not.toHaveBeenCalled();
    for (const name of Object.keys(generated)) expect(encodings[name], name).toBe(ownList[name]);
    expect(loadGenerated).toHaveBeenCalled();
  });

  it('loads the generated code pages for a name of theirs only', () => {
    const loadGenerated = vi.fn(() => generated);
    const encodings = encodingsWith(loadGenerated);

    expect(['utf8', 'utf16le', 'utf7', 'base64', 'shiftjis', 'gbk', 'big5', 'euckr', 'maccenteuro'].map((name) => typeof encodings[name])).not.toContain('undefined');
    expect(loadGenerated).not.toHaveBeenCalled();
    expect(encodings.windows1252).toBe(generated.windows1252);
  });

  it('has no name both among the generated code pages and elsewhere, so the order they are merged in does not matter', () => {
    const elsewhere = ['internal', 'utf32', 'utf16', 'utf7', 'sbcs-codec', 'sbcs-data', 'dbcs-codec', 'dbcs-data']
      .flatMap((file) => Object.keys(require(`iconv-lite/encodings/${file}`) as object));

    expect(elsewhere.filter((name) => Object.hasOwn(generated, name))).toEqual([]);
    expect(new Set([...elsewhere, ...Object.keys(generated)])).toEqual(new Set(Object.keys(ownList)));
  });

  it('knows no inherited names, as iconv-lite’s own list has no prototype', () => {
    const encodings = encodingsWith(() => generated);

    for (const name of ['constructor', 'tostring', 'valueof', 'hasownproperty', '__proto__']) expect(encodings[name], name).toBeUndefined();
  });
});
