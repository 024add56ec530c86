import iconv from 'iconv-lite';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { detectAutomaticMail } from '../core/intake/automatic-mail.ts';
import { sha256Hex } from '../core/intake/identity.ts';
import { bodyExcerpt, clip, DEFAULT_MEDIA_TYPE, MESSAGE_LIMITS, mediaTypeOf, utf8Bytes, wellFormed } from '../core/intake/limits.ts';
import { chooseReplyAddress } from '../core/intake/reply-address.ts';
import type { Attachment } from '../core/intake/message.ts';
import type { Documents } from '../ports.ts';
import { receiveMessage, type Arrival, type IntakeDeps, type IntakeResult, type SettledOutcome } from './receive-message.ts';

/** Mail intake needs, besides intake's, where raw mail and attachments are kept. */
export type MailIntakeDeps = IntakeDeps & { readonly documents: Documents };

/** An inbound mail as the transport hands it over: SES (receipt rule + S3) on AWS, smtp-server locally. */
export interface InboundMail {
  readonly raw: Uint8Array;
  /** The SMTP envelope: MAIL FROM ('' for the null sender) and the landlord addresses it was accepted for. */
  readonly mailFrom: string | null;
  readonly recipients: readonly string[];
  readonly receivedAt: string;
  /** Where the raw bytes are already kept. */
  readonly rawDocumentKey: string;
  /** Identifies this delivery: the SES message id, or the SMTP transaction. */
  readonly deliveryId: string;
  /** SES's spam and virus verdicts, when SES scanned it. */
  readonly verdicts?: { readonly spam: string; readonly virus: string };
  /** Set when the transport took it in but it is over Redress's limit (AWS: SES accepts up to 40 MB). */
  readonly tooLarge?: boolean;
}

/** Limits for what is kept of a mail. */
export interface MailLimits {
  /** Attachments larger than this are listed but not kept. */
  readonly maxAttachmentBytes: number;
}

export const DEFAULT_MAIL_LIMITS: MailLimits = { maxAttachmentBytes: 10 * 1024 * 1024 };

const firstAddress = (value: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } => {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const first = list.flatMap((a) => a.value)[0];
  const address = first?.address?.trim() || null;
  return {
    address: address && address.length <= MESSAGE_LIMITS.headerChars ? address : null,
    name: clip(first?.name?.trim() ?? '', MESSAGE_LIMITS.nameChars) || null,
  };
};

/** Every address in an address header, in order. */
const addressesIn = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value).map((a) => a.address?.trim() ?? '').filter((a) => a.length > 0);

/**
 * Headers by lower-case name as the mail wrote them (first value when repeated), unfolded. mailparser's own map folds
 * List-Id, List-Unsubscribe and the other list headers under one `list` key, so it cannot be asked for them by name.
 */
function headersAsWritten(lines: readonly { key: string; line: string }[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (headers.has(name)) continue;
    headers.set(name, clip(line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]*/g, ' ').trim(), MESSAGE_LIMITS.headerChars));
  }
  return headers;
}

/** The media types of the MIME parts, from the part headers in the raw text and what the parser kept as attachments. */
function partTypesIn(rawText: string, parsed: ParsedMail): string[] {
  const types = new Set<string>();
  for (const match of rawText.matchAll(/^content-type:[ \t]*([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)/gim)) types.add(match[1]!.toLowerCase());
  for (const a of parsed.attachments) {
    const type = mediaTypeOf(a.contentType);
    if (type) types.add(type);
  }
  return [...types];
}

/** The Message-IDs a mail replies to: In-Reply-To, then the nearest References, bounded. */
function repliesTo(parsed: ParsedMail): string[] {
  const references = idsIn(parsed.references).reverse();
  const ids = [...new Set([...idsIn(parsed.inReplyTo), ...references])];
  return ids.filter((id) => id.length <= MESSAGE_LIMITS.headerChars).slice(0, MESSAGE_LIMITS.repliesTo);
}

/**
 * Keeps a long body and any HTML as documents, so the message item stays under DynamoDB's 400 KB. The writes are
 * added to `puts`, to go in one wave with the attachments'.
 */
function keepLongParts(deps: MailIntakeDeps, prefix: string, body: string, html: string | null, puts: Promise<void>[]) {
  const excerpt = bodyExcerpt(body);
  const bodyDocumentKey = excerpt.cut ? `${prefix}/body.txt` : null;
  if (bodyDocumentKey) puts.push(deps.documents.put(bodyDocumentKey, Buffer.from(wellFormed(body), 'utf8'), 'text/plain; charset=utf-8'));
  const htmlDocumentKey = html ? `${prefix}/body.html` : null;
  if (htmlDocumentKey && html) puts.push(deps.documents.put(htmlDocumentKey, Buffer.from(wellFormed(html), 'utf8'), 'text/html; charset=utf-8'));
  return { body: excerpt.text, bodyDocumentKey, htmlDocumentKey };
}

const idsIn = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map((v) => v.trim()).filter((v) => v.length > 0);

/**
 * How intake asks mailparser to read a mail: for the text and the HTML, never textAsHtml, so no links are looked for
 * and the text is not written as HTML (in the bundle, mailparser's link finder and he are loaded only if asked:
 * lib/bundle-shims).
 */
export const MAIL_PARSER_OPTIONS = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true } as const;

/** Charsets named in the mail that the decoder does not know: the text was read as Latin-1 and may be wrong. */
function unknownCharsets(raw: string): string[] {
  const named = [...raw.matchAll(/charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/gi)].map((m) => m[1]!.toLowerCase());
  const unknown: string[] = [...new Set(named)].filter((c) => !iconv.encodingExists(c));
  return unknown.slice(0, 5).map((c) => c.slice(0, 40));
}

const safeName = (name: string | null, index: number) => `${index + 1}-${(name ?? 'attachment').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}`;

/**
 * Reads one inbound mail and hands it to intake once per landlord it was sent to. The raw bytes are already kept;
 * nothing here can lose the message: a mail that cannot be read is kept as `unreadable` for a person.
 */
export async function receiveEmail(deps: MailIntakeDeps, mail: InboundMail, limits: MailLimits = DEFAULT_MAIL_LIMITS): Promise<IntakeResult[]> {
  const landlords = [...new Set(mail.recipients.map((r) => deps.landlords.forAddress(r)).filter((p) => p !== undefined))];
  if (landlords.length === 0) throw new Error('the mail is for no landlord address: the transport should have refused it');
  const rawSha256 = sha256Hex(mail.raw);
  const rawText = Buffer.from(mail.raw).toString('latin1');

  let parsed: ParsedMail | null = null;
  let parseError: string | null = null;
  try {
    parsed = await simpleParser(Buffer.from(mail.raw), MAIL_PARSER_OPTIONS);
  } catch (error) {
    parseError = error instanceof Error ? error.message : String(error);
  }
  if (parsed && parsed.headers.size === 0) {
    parseError = 'no mail headers could be read';
    parsed = null;
  }

  const results: IntakeResult[] = [];
  for (const policy of landlords) {
    const to = mail.recipients.find((r) => deps.landlords.forAddress(r) === policy) ?? policy.contact.complaintsEmail;
    results.push(await receiveParsed(deps, mail, policy.landlordId, to, parsed, parseError, rawSha256, rawText, limits));
  }
  return results;
}

async function receiveParsed(
  deps: MailIntakeDeps,
  mail: InboundMail,
  landlordId: string,
  to: string,
  parsed: ParsedMail | null,
  parseError: string | null,
  rawSha256: string,
  rawText: string,
  limits: MailLimits,
): Promise<IntakeResult> {
  const base = {
    landlordId,
    channel: 'email' as const,
    receivedAt: mail.receivedAt,
    to,
    rawSha256,
    rawDocumentKey: mail.rawDocumentKey,
    deliveryId: mail.deliveryId,
    form: null,
  };
  // Kept as the raw mail alone, for a person: nothing a parser made of it goes into the store.
  const keepUnreadable = (why: string) =>
    receiveMessage(deps, {
      ...base,
      from: null,
      fromName: null,
      subject: null,
      body: '',
      externalId: null,
      contentSha256: rawSha256,
      attachments: [],
      repliesTo: [],
      flags: [`${clip(why, 400)}: the raw message is kept for a person to read`],
      settled: { outcome: 'unreadable' },
    });
  if (!parsed) return keepUnreadable(`could not read the mail (${parseError ?? 'no reason given'})`);

  const sender = firstAddress(parsed.from);
  const headers = headersAsWritten(parsed.headerLines);
  const flags: string[] = [];
  const notes: string[] = [];
  const hasTextPart = /content-type:\s*text\/plain/i.test(rawText) || !/content-type:/i.test(rawText);
  if (parsed.html && !hasTextPart) notes.push('an HTML-only mail: the text was made from its HTML');
  const wholeBody = (parsed.text ?? '').trim();
  if (wholeBody.includes('\uFFFD')) flags.push('the mail had characters that could not be read (invalid encoding): check the raw message');
  const unknown = unknownCharsets(rawText);
  if (unknown.length > 0) flags.push(`unknown character set ${unknown.join(', ')}: the text was read as Latin-1 and may be wrong`);

  const messageKey = rawSha256.slice(0, 16);
  // Beside the attachments, under the one prefix the receive-email role may write (attachment names start with a digit).
  // The documents (a long body, the HTML, the attachments) are written at once: one wave however many there are.
  const puts: Promise<void>[] = [];
  const kept = keepLongParts(deps, `attachments/${landlordId}/${messageKey}`, wholeBody, parsed.html || null, puts);
  if (kept.bodyDocumentKey) notes.push(`a long mail (${utf8Bytes(wholeBody)} bytes of text): the message keeps its first ${MESSAGE_LIMITS.excerptBytes} bytes and the whole text is kept as a document`);

  const attachments: Attachment[] = [];
  for (const [index, a] of parsed.attachments.slice(0, MESSAGE_LIMITS.attachments).entries()) {
    const filename = typeof a.filename === 'string' ? clip(a.filename, MESSAGE_LIMITS.filenameChars) : null;
    const reported = mediaTypeOf(a.contentType);
    if (!reported) flags.push(`attachment ${index + 1} had no readable content type: kept as ${DEFAULT_MEDIA_TYPE}`);
    const contentType = reported ?? DEFAULT_MEDIA_TYPE;
    const keep = a.size <= limits.maxAttachmentBytes;
    const documentKey = keep ? `attachments/${landlordId}/${messageKey}/${safeName(filename, index)}` : null;
    if (documentKey) puts.push(deps.documents.put(documentKey, a.content, contentType));
    else flags.push(`attachment ${index + 1} (${a.size} bytes) is over the ${limits.maxAttachmentBytes}-byte limit: listed, not kept; the raw mail has it`);
    attachments.push({ filename, contentType, sizeBytes: a.size, documentKey });
  }
  if (parsed.attachments.length > MESSAGE_LIMITS.attachments) {
    flags.push(`${parsed.attachments.length} attachments: the first ${MESSAGE_LIMITS.attachments} are listed and kept; the raw mail has the rest`);
  }
  await Promise.all(puts);

  const contentSha256 = sha256Hex(
    JSON.stringify([sender.address, parsed.subject ?? null, wholeBody, parsed.html || null, attachments.map((a) => [a.filename, a.sizeBytes])]),
  );
  const replyTo = addressesIn(parsed.replyTo);
  const automatic = detectAutomaticMail({
    headers,
    returnPath: mail.mailFrom,
    from: sender.address,
    replyTo,
    contentType: headers.get('content-type') ?? null,
    subject: parsed.subject ?? null,
    partTypes: partTypesIn(rawText, parsed),
  });
  const bounceOf = automatic.automatic && automatic.kind === 'delivery-report' ? await bouncedLetter(deps, rawText, landlordId) : null;

  let settled: Arrival['settled'];
  if (mail.tooLarge) settled = { outcome: 'too-large' };
  else if (mail.verdicts?.virus === 'FAIL') settled = { outcome: 'virus' };
  else if (mail.verdicts?.spam === 'FAIL') settled = { outcome: 'spam' };
  else if (bounceOf) settled = { outcome: 'bounce', caseRef: bounceOf.caseRef };
  else if (automatic.automatic) settled = { outcome: 'automatic' };
  const why: Record<SettledOutcome, string> = {
    'too-large': 'over the size limit: recorded, not handled',
    virus: 'SES found a virus: kept, not opened or answered',
    spam: 'SES judged it spam: kept, not answered',
    bounce: `a bounce of our letter ${bounceOf?.letterId ?? ''}: staff must reach the resident another way`,
    automatic: `written by a machine (${automatic.automatic ? automatic.reason : ''}): kept, never answered (RFC 3834)`,
    unreadable: 'could not be read',
  };
  if (settled) notes.push(why[settled.outcome]);
  const reply = chooseReplyAddress({ replyTo, from: sender.address, ownAddresses: new Set(deps.landlords.addresses()) });
  if (!settled && reply.address === null) flags.push(`no letter can be sent by mail: ${reply.why}; reach the resident another way`);
  if (!settled && reply.address !== null && reply.header === 'reply-to') notes.push('letters go to the Reply-To address the resident gave (RFC 5322)');
  if (settled?.outcome === 'bounce') flags.push('a letter to the resident bounced: reach them another way');
  if (settled?.outcome === 'spam' || settled?.outcome === 'virus') flags.push(`SES ${settled.outcome} verdict: a person may release it`);

  let result: IntakeResult;
  try {
    result = await receiveMessage(deps, {
      ...base,
      from: sender.address,
      fromName: sender.name,
      replyTo: reply.address,
      subject: clip(parsed.subject?.trim() ?? '', MESSAGE_LIMITS.headerChars) || null,
      body: kept.body,
      bodyDocumentKey: kept.bodyDocumentKey,
      htmlDocumentKey: kept.htmlDocumentKey,
      externalId: parsed.messageId ? clip(parsed.messageId, MESSAGE_LIMITS.headerChars) : null,
      contentSha256,
      attachments,
      repliesTo: repliesTo(parsed),
      flags,
      notes,
      ...(settled ? { settled } : {}),
    });
  } catch (error) {
    // The store refused what the parser made of this mail (a shape no test foresaw), or cannot read the copy an older
    // version kept: keep the raw mail for a person rather than ask the sender to retry for ever.
    if (!(error instanceof Error) || !RECORD_REFUSALS.includes(error.name)) throw error;
    deps.logger.warn('mail kept as unreadable: the store refused its parsed record', { landlordId, error: error.name });
    return keepUnreadable(`the mail was read but could not be kept as read (${error.message})`);
  }
  if (result.outcome === 'bounce' && bounceOf) {
    await deps.letters.markLetterBounced(bounceOf.letterId);
    if (bounceOf.caseRef) {
      const at = mail.receivedAt;
      await deps.cases.appendEvent(bounceOf.caseRef, {
        recordedAt: at,
        by: 'redress',
        event: { type: 'letter-bounced', at, letterId: bounceOf.letterId, messageRef: result.messageRef, detail: 'a delivery report came back for this letter' },
      });
    }
    deps.logger.warn('a letter bounced', { messageRef: result.messageRef, landlordId, caseRef: bounceOf.caseRef, letterId: bounceOf.letterId });
  }
  return result;
}

/**
 * What the message log throws for a record it will not write, or an earlier copy it cannot read (MessageLog): matched
 * by name, the port's contract.
 */
const RECORD_REFUSALS = ['InvalidRecordError', 'RecordTooLargeError', 'UnreadableRecordError'];

/** How many ids in a delivery report are looked up: a report quoting a huge list mail must not cost a read each. */
const MAX_BOUNCE_LOOKUPS = 20;

/** The first few distinct captures of a pattern in a text. */
const firstDistinct = (text: string, pattern: RegExp, max: number): string[] => {
  const found = new Set<string>();
  for (const match of text.matchAll(pattern)) {
    found.add(match[1]!);
    if (found.size === max) break;
  }
  return [...found];
};

/** Finds which of our letters a delivery report is about: our own header first, then the mail service's ids. */
async function bouncedLetter(deps: IntakeDeps, rawText: string, landlordId: string): Promise<{ letterId: string; caseRef: string | null } | null> {
  for (const letterId of firstDistinct(rawText, /X-Redress-Letter:\s*([A-Za-z0-9._-]{1,200})/gi, MAX_BOUNCE_LOOKUPS)) {
    const letter = await deps.letters.getLetter(letterId);
    if (letter && letter.landlordId === landlordId) return { letterId: letter.letterId, caseRef: letter.caseRef };
  }
  for (const providerId of firstDistinct(rawText, /<([^<>@\s]{1,200})@[^<>\s]+>/g, MAX_BOUNCE_LOOKUPS)) {
    const letter = await deps.letters.letterByProviderMessageId(providerId);
    if (letter && letter.landlordId === landlordId) return { letterId: letter.letterId, caseRef: letter.caseRef };
  }
  return null;
}
