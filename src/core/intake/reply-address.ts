import { isMailSystemAddress, isNoReplyAddress } from './automatic-mail.ts';

/** Where a letter answering a mail goes, or why it goes nowhere. */
export type ReplyAddress =
  | { readonly address: string; readonly header: 'reply-to' | 'from' }
  | { readonly address: null; readonly why: string };

// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address at most 254.
const MAX_ADDRESS_LENGTH = 254;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/** Why an address cannot be written to, or null when a letter can go there. */
export function cannotReceive(address: string, ownAddresses: ReadonlySet<string>): string | null {
  if (address.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(address) || /[\u0000-\u001f\u007f-\u009f]/.test(address)) {
    return 'not a deliverable address';
  }
  if (isNoReplyAddress(address)) return 'an address that takes no replies';
  if (isMailSystemAddress(address)) return 'a mail system address';
  // Our own addresses: a letter there would come straight back in and could loop.
  if (ownAddresses.has(address.toLowerCase())) return "one of the landlords' own addresses";
  return null;
}

/**
 * Whom to answer (RFC 5322 §3.6.2): the first `Reply-To` address that can receive mail, else the `From` address,
 * else nobody. The envelope's return path is for bounces (RFC 5321 §4.5.5), never for letters.
 * @example chooseReplyAddress({ replyTo: ['ann@example.com'], from: 'ann@work.example', ownAddresses: new Set() })
 */
export function chooseReplyAddress(mail: { replyTo: readonly string[]; from: string | null; ownAddresses: ReadonlySet<string> }): ReplyAddress {
  const refused: string[] = [];
  for (const address of mail.replyTo) {
    const why = cannotReceive(address, mail.ownAddresses);
    if (!why) return { address, header: 'reply-to' };
    refused.push(`Reply-To is ${why}`);
  }
  if (mail.from) {
    const why = cannotReceive(mail.from, mail.ownAddresses);
    if (!why) return { address: mail.from, header: 'from' };
    refused.push(`From is ${why}`);
  } else {
    refused.push('there is no From address');
  }
  return { address: null, why: refused.join('; ') };
}
