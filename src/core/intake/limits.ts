// What one message may carry inline. DynamoDB refuses an item over 400 KB (dynalite enforces it too), so a message
// item is kept well under: anything longer is cut to an excerpt here and its whole text kept as a document.

/** The bounds a channel holds a message to before it is kept. */
export const MESSAGE_LIMITS = {
  /** A body up to this many UTF-8 bytes is kept in the message itself. */
  inlineBodyBytes: 64 * 1024,
  /** A longer body keeps this much in the message, and the whole text as a document. */
  excerptBytes: 32 * 1024,
  /** RFC 5322 §2.1.1: a header line is at most 998 characters. */
  headerChars: 998,
  nameChars: 200,
  filenameChars: 200,
  /** Message-IDs kept from In-Reply-To and References: the nearest ones are the ones that link a reply. */
  repliesTo: 20,
  /** Attachments listed on the message; the raw mail keeps any more. */
  attachments: 100,
} as const;

const encoder = new TextEncoder();

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text with any lone surrogate replaced by U+FFFD, so it encodes as UTF-8 (String#toWellFormed, ES2024). */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** The number of UTF-8 bytes a text takes. */
export const utf8Bytes = (text: string): number => encoder.encode(text).byteLength;

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** A text cut to `maxChars` characters (never splitting a surrogate pair), with lone surrogates made whole. */
export function clip(text: string, maxChars: number): string {
  const whole = wellFormed(text);
  if (whole.length <= maxChars) return whole;
  const cut = /[\uD800-\uDBFF]/.test(whole[maxChars - 1] ?? '') ? maxChars - 1 : maxChars;
  return whole.slice(0, cut);
}

/** A body as kept in a message: whole when short, else an excerpt (`cut` true) with the whole kept elsewhere. */
export function bodyExcerpt(body: string): { readonly text: string; readonly cut: boolean } {
  const whole = wellFormed(body);
  if (whole.length <= MESSAGE_LIMITS.inlineBodyBytes / 3 || utf8Bytes(whole) <= MESSAGE_LIMITS.inlineBodyBytes) return { text: whole, cut: false };
  return { text: utf8Prefix(whole, MESSAGE_LIMITS.excerptBytes), cut: true };
}

// RFC 2045 §5.1: type "/" subtype, each a token.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The type a part is kept under when the mail gives none that can be read (RFC 2046 §4.5.1). */
export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** A media type as a mail parser reported it, when it is one: lower-case `type/subtype`, else null. */
export function mediaTypeOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const type = value.trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : null;
}
