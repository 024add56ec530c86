// The bundles' stand-ins for the packages required on first use (LAZY_PACKAGES in lib/bundling.ts, the stand-ins in
// lib/bundle-shims): each has the real package's (or libmime table's) exports, loads nothing until one is used, and
// he's stand-in escapes as he.encode does. That they load the real thing, built beside the bundle, is
// bundle-code-pages.test.ts's part.
import { createRequire } from 'node:module';
import Encoding from 'encoding-japanese';
import he from 'he';
import * as htmlToText from 'html-to-text';
import { describe, expect, it, vi } from 'vitest';
import lazyEncodingJapanese from '../../lib/bundle-shims/lazy-encoding-japanese.mjs';
import lazyHe, { encodeAsHe } from '../../lib/bundle-shims/lazy-he.mjs';
import * as lazyHtmlToText from '../../lib/bundle-shims/lazy-html-to-text.mjs';
import { deferredExports } from '../../lib/bundle-shims/deferred-exports.mjs';
import { LAZY_PACKAGES } from '../../lib/bundling.ts';

describe('deferredExports', () => {
  it('reads each property from the loaded module when it is read, and loads nothing before', () => {
    const real = { version: '1.0.0', double: (n: number) => n * 2 };
    const load = vi.fn(() => real);

    const standIn = deferredExports(load, ['version', 'double']);

    expect(Object.keys(standIn)).toEqual(['version', 'double']);
    expect(load).not.toHaveBeenCalled();
    expect(standIn.double).toBe(real.double);
    expect(standIn.double(21)).toBe(42);
    expect(standIn.version).toBe('1.0.0');
  });
});

describe("the bundles' stand-ins", () => {
  it('stand in for every package required on first use, each with its exports', () => {
    expect([...LAZY_PACKAGES].sort()).toEqual(['encoding-japanese', 'he', 'html-to-text']);
    expect(Object.keys(lazyHe).sort()).toEqual(Object.keys(he).sort());
    expect(Object.keys(lazyHtmlToText).sort()).toEqual(Object.keys(htmlToText).filter((k) => k !== 'default').sort());
    expect(Object.keys(lazyEncodingJapanese).sort()).toEqual(Object.keys(Encoding).sort());
  });

  it("stands in for libmime's table of MIME types with its exports, each a getter that loads nothing until read", () => {
    const require = createRequire(import.meta.url);
    const standIn = require('../../lib/bundle-shims/lazy-libmime-mimetypes.cjs') as Record<string, unknown>;
    const table = require('libmime/lib/mimetypes.js') as Record<string, unknown>;

    expect(standIn.__esModule).toBe(true);
    expect(Object.keys(standIn).sort()).toEqual(Object.keys(table).sort());
    expect(Object.getOwnPropertyNames(standIn).sort()).toEqual(Object.getOwnPropertyNames(table).sort());
    for (const name of ['list', 'extensions', 'default']) expect(Object.getOwnPropertyDescriptor(standIn, name)?.get, name).toBeTypeOf('function');
  });

  it("escapes as he.encode does with its default options, every character alone and together", () => {
    const everyCodeUnit = Array.from({ length: 0x10000 }, (_, unit) => String.fromCharCode(unit)).join('');
    const mismatches: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      const character = String.fromCodePoint(codePoint);
      if (encodeAsHe(character) !== he.encode(character)) mismatches.push(codePoint.toString(16));
    }

    expect(mismatches).toEqual([]);
    expect(encodeAsHe(everyCodeUnit)).toBe(he.encode(everyCodeUnit));
    expect(lazyHe.encode('Ann "O\'Brien" <ann@example.org> & `x` 😀 \uD800x é\r\n\t')).toBe(he.encode('Ann "O\'Brien" <ann@example.org> & `x` 😀 \uD800x é\r\n\t'));
  });
});
