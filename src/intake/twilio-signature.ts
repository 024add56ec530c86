import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's webhook signature: base64 HMAC-SHA1, keyed with the account's auth token, over the public URL followed by
 * each POST parameter's name and value in name order. Written here (a dozen lines on node:crypto) rather than
 * bundling the whole Twilio SDK into the HTTP function; the tests check it against the SDK's own.
 */
export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const payload = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/** Whether a request really came from Twilio: compared in constant time. */
export function isValidTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Readonly<Record<string, string>>): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
