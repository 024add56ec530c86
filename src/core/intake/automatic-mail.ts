/** The headers and envelope facts that tell a machine-written mail from a person's (RFC 3834, RFC 3464, RFC 2369). */
export interface MailTraits {
  /** Header values by lower-case name (first value when repeated), as written in the mail, not as a parser folds them. */
  readonly headers: ReadonlyMap<string, string>;
  /** The SMTP envelope's MAIL FROM (the return path): empty string for the null sender `<>`. null when unknown. */
  readonly returnPath: string | null;
  /** The address in `From`, if one could be read. */
  readonly from: string | null;
  /** The addresses in `Reply-To`. */
  readonly replyTo: readonly string[];
  readonly contentType: string | null;
  readonly subject: string | null;
  /** The media types of the mail's MIME parts, lower-case (`message/delivery-status` marks a delivery report). */
  readonly partTypes: readonly string[];
}

export type AutomaticMail =
  | { readonly automatic: false }
  | { readonly automatic: true; readonly kind: AutomaticKind; readonly reason: string };

/**
 * `delivery-report`: a bounce or delay notice (RFC 3464 or an MTA's own text); `report`: another machine report
 * (abuse feedback, RFC 5965; read receipts, RFC 8098); `auto-reply`: an out-of-office or autoresponder (RFC 3834);
 * `bulk`: list mail, newsletters and notifications from addresses that take no replies.
 */
export type AutomaticKind = 'delivery-report' | 'report' | 'auto-reply' | 'bulk';

const OUT_OF_OFFICE = /^\s*(auto(matic)?[ -]?(reply|response)|out of (the )?office|autoreply|away from (the )?office|on leave|on holiday|abwesenheit|r[ée]ponse automatique|absence)\b/i;
const BOUNCE_SUBJECT =
  /^\s*(undeliver(ed|able)|delivery (status notification|failure|has failed|notification|problem|delayed)|mail delivery (failed|failure|system|problem)|returned mail|failure notice|message (not delivered|delivery failure)|non[- ]?delivery|could not send message|delivery report|warning: could not send|nondeliverable|mail system error|returned to sender)/i;

/** Local parts of the addresses mail systems send their notices from (RFC 5321 §4.5.1, RFC 2142). */
const MAIL_SYSTEM = /^(mailer-daemon|mail-daemon|maildaemon|postmaster|mail-delivery-system|mailerdaemon|bounces?)$/i;
/** Local parts of addresses that say they take no replies. */
const NO_REPLY = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|noreply|no[-_.]?respon[sd]e?)([-_.+].*)?$/i;

/** The local part of an address, lower-case, or null when it has none. */
const localPart = (address: string | null): string | null => {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at > 0 ? address.slice(0, at).toLowerCase().replace(/^"|"$/g, '') : null;
};

/** Whether an address belongs to a mail system (MAILER-DAEMON, postmaster) rather than a person. */
export const isMailSystemAddress = (address: string | null): boolean => MAIL_SYSTEM.test(localPart(address) ?? '');

/** Whether an address says it takes no replies (noreply@, no-reply@, donotreply@ and the like). */
export const isNoReplyAddress = (address: string | null): boolean => NO_REPLY.test(localPart(address) ?? '');

/**
 * List headers (RFC 2369, RFC 2919, RFC 8058) and the older ones ezmlm and other list managers write. A post that a
 * list relays carries at least one, whichever the list software.
 */
const LIST_HEADERS = [
  'list-id', 'list-unsubscribe', 'list-post', 'list-help', 'list-subscribe', 'list-owner', 'list-archive',
  'list-unsubscribe-post', 'mailing-list', 'x-mailing-list', 'x-list', 'x-ml-name', 'x-loop',
] as const;

const REPORT_KINDS: Record<string, { kind: AutomaticKind; what: string }> = {
  'delivery-status': { kind: 'delivery-report', what: 'a delivery report' },
  'feedback-report': { kind: 'report', what: 'an abuse feedback report (ARF)' },
  'disposition-notification': { kind: 'report', what: 'a read receipt' },
};

/**
 * Whether a mail was written by a machine and must never be answered or opened as a case (RFC 3834 §2, §5).
 * `Auto-Submitted: no` means a person wrote it, unless the mail is a delivery report, a list post or comes from an
 * address that takes no replies.
 */
export function detectAutomaticMail(mail: MailTraits): AutomaticMail {
  const header = (name: string) => mail.headers.get(name)?.trim() || null;
  const autoSubmitted = header('auto-submitted')?.toLowerCase() ?? null;
  const contentType = mail.contentType?.toLowerCase() ?? '';
  const subject = mail.subject ?? '';
  const fromMailSystem = isMailSystemAddress(mail.returnPath) || isMailSystemAddress(mail.from);

  if (contentType.startsWith('multipart/report')) {
    const reportType = /report-type\s*=\s*"?([a-z-]+)/.exec(contentType)?.[1] ?? 'delivery-status';
    const known = REPORT_KINDS[reportType] ?? { kind: 'report' as const, what: `a ${reportType} report` };
    return { automatic: true, kind: known.kind, reason: `${known.what} (Content-Type multipart/report)` };
  }
  if (mail.partTypes.includes('message/delivery-status')) {
    return { automatic: true, kind: 'delivery-report', reason: 'a delivery report (a message/delivery-status part)' };
  }
  if (mail.partTypes.includes('message/feedback-report')) {
    return { automatic: true, kind: 'report', reason: 'an abuse feedback report (a message/feedback-report part)' };
  }
  if ((mail.returnPath === '' || fromMailSystem) && BOUNCE_SUBJECT.test(subject)) {
    return { automatic: true, kind: 'delivery-report', reason: 'a delivery failure notice from a mail system' };
  }
  // MAILER-DAEMON only speaks for the mail system; postmaster is sometimes a person, so it needs a bounce subject.
  if ([mail.returnPath, mail.from].some((a) => /^(mailer-?daemon|mail-daemon)$/i.test(localPart(a) ?? ''))) {
    return { automatic: true, kind: 'delivery-report', reason: 'sent by a mail system (MAILER-DAEMON)' };
  }
  // A website's form relays a resident's words From its no-reply address with the resident in Reply-To: a person's
  // message. With no one to reply to, a no-reply sender is a notification.
  const relayedFor = mail.replyTo.some((a) => !isNoReplyAddress(a) && !isMailSystemAddress(a));
  if (isNoReplyAddress(mail.from) && !relayedFor) return { automatic: true, kind: 'bulk', reason: 'sent from an address that takes no replies' };
  // A list post is a person's words, but an answer would go to the list (many lists set Reply-To to themselves).
  const list = LIST_HEADERS.find((name) => header(name));
  if (list) return { automatic: true, kind: 'bulk', reason: `a mailing-list message (${list})` };
  if (autoSubmitted === 'no') return { automatic: false };
  if (autoSubmitted) return { automatic: true, kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted.slice(0, 40)}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(name);
    if (value) return { automatic: true, kind: 'auto-reply', reason: `${name}: ${value.slice(0, 40)}` };
  }
  const suppress = header('x-auto-response-suppress')?.toLowerCase() ?? '';
  if (/\b(all|oof|autoreply)\b/.test(suppress) && OUT_OF_OFFICE.test(subject)) {
    return { automatic: true, kind: 'auto-reply', reason: 'an Exchange automatic reply' };
  }
  const precedence = header('precedence')?.toLowerCase();
  if (precedence && ['bulk', 'auto_reply', 'list', 'junk'].includes(precedence)) {
    return { automatic: true, kind: precedence === 'auto_reply' ? 'auto-reply' : 'bulk', reason: `Precedence: ${precedence}` };
  }
  if (mail.returnPath === '') return { automatic: true, kind: 'auto-reply', reason: 'sent from the null return path <>' };
  if (OUT_OF_OFFICE.test(subject)) return { automatic: true, kind: 'auto-reply', reason: 'an out-of-office subject' };
  return { automatic: false };
}
