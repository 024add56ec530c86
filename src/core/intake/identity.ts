import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** SHA-256 in hex: the fingerprint of a message's bytes. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** `length` Crockford base-32 characters taken from a hash of the parts: readable over the phone, no I/O/L/O/U. */
export function referenceCode(length: number, ...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === length) break;
  }
  return out;
}

/**
 * What makes two deliveries the same message: the same Message-ID to the same landlord address; with no Message-ID,
 * the same bytes. For SMS the provider's message id; for the form, the token in the page the resident submitted.
 */
export function deliveryIdentity(input: { landlordId: string; channel: string; to: string; externalId: string | null; contentSha256: string }): string {
  const id = input.externalId ? `id:${input.externalId}` : `bytes:${input.contentSha256}`;
  return [input.landlordId, input.channel, input.to.toLowerCase(), id].join('|');
}

/** The message reference for a delivery identity: `M-` and twelve characters, the same on every retry. */
export const messageRefFor = (identity: string): string => `M-${referenceCode(12, identity)}`;

/** A complaint or service request reference, derived from the message that opened it, so a retry makes the same one. */
export const caseRefFor = (kind: 'complaint' | 'service-request', openingMessageRef: string): string =>
  `${kind === 'complaint' ? 'C' : 'SR'}-${referenceCode(8, kind, openingMessageRef)}`;

/** Case references quoted in a subject or body, in the order they appear, without repeats. */
export function caseRefsIn(...texts: readonly (string | null)[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const match of (text ?? '').toUpperCase().matchAll(/\b(C|SR)-([0-9A-HJKMNP-TV-Z]{8})\b/g)) {
      const ref = `${match[1]}-${match[2]}`;
      if (!found.includes(ref)) found.push(ref);
    }
  }
  return found;
}

/**
 * One key per resident address or number: e-mail addresses lower-cased; UK numbers in +44 form, so a text from
 * 07700 900123 and a form giving +44 7700 900123 are the same person.
 */
export function senderKey(raw: string): string {
  const text = raw.trim();
  if (text.includes('@')) return text.toLowerCase();
  const digits = text.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+44${digits.slice(1)}`;
  return digits;
}
