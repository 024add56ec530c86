import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file served under /assets/. */
export interface Asset {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  /** A strong validator: the first 16 hex digits of the SHA-256 of the body, quoted. */
  readonly etag: string;
}

/** Where govuk-frontend's compiled files are: `node_modules/govuk-frontend/dist`. */
export const GOVUK_FRONTEND_DIST = join(
  dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')),
  'dist',
);

const GOVUK = join(GOVUK_FRONTEND_DIST, 'govuk');
const STATIC = fileURLToPath(new URL('./static/', import.meta.url));

/**
 * govuk-frontend's compiled CSS without the GDS Transport font. The font is licensed for GOV.UK alone and a
 * landlord's form is not on GOV.UK, so the font stack falls back to Arial, as the Design System asks of
 * services elsewhere. Compiling the Sass with `$govuk-font-family: arial, sans-serif` gives the same result.
 */
export function cssWithoutGovUkFont(css: string): string {
  const without = css
    .replace(/@font-face\{font-family:"?GDS Transport"?;[^}]*\}/g, '')
    .replaceAll('GDS Transport,', '')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '');
  // A new govuk-frontend that writes the font differently must fail here, not ship the font quietly.
  if (without.includes('GDS Transport')) throw new Error('govuk-frontend CSS still names GDS Transport');
  return without;
}

const withoutSourceMap = (js: string) => js.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');

const asset = (text: string, contentType: string): Asset => {
  const body = new TextEncoder().encode(text);
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
};

/**
 * The files the contact form's pages use, read once, by their path under /assets/. Only these are served:
 * no path from a request ever reaches the disk. The GOV.UK crown icons and fonts are left out (see above).
 */
export function loadAssets(): ReadonlyMap<string, Asset> {
  // Read once per process, when the form or the console first renders a page or serves an asset (about 3 ms).
  loaded ??= readAssets();
  return loaded;
}

let loaded: ReadonlyMap<string, Asset> | undefined;

function readAssets(): ReadonlyMap<string, Asset> {
  const read = (path: string) => readFileSync(path, 'utf8');
  const css = 'text/css; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  return new Map([
    ['govuk-frontend.min.css', asset(cssWithoutGovUkFont(read(join(GOVUK, 'govuk-frontend.min.css'))), css)],
    ['govuk-frontend.min.js', asset(withoutSourceMap(read(join(GOVUK, 'govuk-frontend.min.js'))), js)],
    ['contact-form.mjs', asset(read(join(STATIC, 'contact-form.mjs')), js)],
  ]);
}

/** A short fingerprint of all the assets, put in their URLs so a new release is fetched afresh. */
export function assetVersion(assets: ReadonlyMap<string, Asset>): string {
  return createHash('sha256')
    .update([...assets.values()].map((a) => a.etag).join())
    .digest('hex')
    .slice(0, 10);
}
