// HTML escaping done by Redress, before any renderer sees the data. SES, aws-ses-v2-local (which compiles with
// Handlebars' `noEscape`) and Redress's own Handlebars do not agree on whether `{{x}}` escapes, so HTML templates
// output only `{{{h.x}}}`: text escaped here once, written as it is by every renderer.

// The characters Handlebars' escapeExpression replaces, with the entities it writes.
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/**
 * Text made safe to write into HTML, between tags or inside a quoted attribute, exactly as Handlebars' `{{x}}` would.
 * @example escapeHtml('Smith & Jones <b>') // 'Smith &amp; Jones &lt;b&gt;'
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`=]/g, (c) => ENTITIES[c]!);

/** The shape of `htmlEscaped(value)`: the same fields, every string escaped. */
export type HtmlEscaped<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? HtmlEscaped<U>[]
    : T extends object
      ? { [K in keyof T]: HtmlEscaped<T[K]> }
      : T;

/**
 * A deep copy of letter data with every string HTML-escaped; arrays and objects copied, anything else (numbers,
 * booleans, undefined) as it is. The input is not changed.
 * @example htmlEscaped({ reasons: ['a < b'], days: 3 }) // { reasons: ['a &lt; b'], days: 3 }
 */
export function htmlEscaped<T>(value: T): HtmlEscaped<T> {
  return escapeDeep(value) as HtmlEscaped<T>;
}

function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeHtml(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, escapeDeep(v)]));
  }
  return value;
}
