/** The headers and envelope facts that tell a machine-written mail from a person's (RFC 3834, RFC 3464). */
export interface MailTraits {
  /** Header values by lower-case name (first value when repeated). */
  readonly headers: ReadonlyMap<string, string>;
  /** The SMTP envelope's MAIL FROM (the return path): empty string for the null sender `<>`. null when unknown. */
  readonly returnPath: string | null;
  readonly contentType: string | null;
  readonly subject: string | null;
}

export type AutomaticMail =
  | { readonly automatic: false }
  | { readonly automatic: true; readonly kind: 'delivery-report' | 'auto-reply' | 'bulk'; readonly reason: string };

const OUT_OF_OFFICE = /^\s*(auto(matic)?[ -]?reply|out of (the )?office|autoreply|away from (the )?office|on leave|abwesenheit)\b/i;
const BOUNCE_SUBJECT = /^\s*(undeliver(ed|able)|delivery (status notification|failure|has failed)|mail delivery failed|returned mail|failure notice)\b/i;

/**
 * Whether a mail was written by a machine and must never be answered or opened as a case (RFC 3834 §2, §5).
 * `Auto-Submitted: no` means a person wrote it, whatever else the mail says.
 */
export function detectAutomaticMail(mail: MailTraits): AutomaticMail {
  const header = (name: string) => mail.headers.get(name)?.trim() ?? null;
  const autoSubmitted = header('auto-submitted')?.toLowerCase() ?? null;
  const contentType = mail.contentType?.toLowerCase() ?? '';

  if (contentType.startsWith('multipart/report')) {
    return { automatic: true, kind: 'delivery-report', reason: `a delivery report (Content-Type ${contentType.split(';')[0]})` };
  }
  if (mail.returnPath === '' && BOUNCE_SUBJECT.test(mail.subject ?? '')) {
    return { automatic: true, kind: 'delivery-report', reason: 'a delivery failure notice from the null return path' };
  }
  if (autoSubmitted === 'no') return { automatic: false };
  if (autoSubmitted) return { automatic: true, kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ['x-autoreply', 'x-autorespond']) {
    const value = header(name);
    if (value) return { automatic: true, kind: 'auto-reply', reason: `${name}: ${value}` };
  }
  const precedence = header('precedence')?.toLowerCase();
  if (precedence && ['bulk', 'auto_reply', 'list', 'junk'].includes(precedence)) {
    return { automatic: true, kind: precedence === 'auto_reply' ? 'auto-reply' : 'bulk', reason: `Precedence: ${precedence}` };
  }
  if (header('list-id') || header('list-unsubscribe')) return { automatic: true, kind: 'bulk', reason: 'a mailing-list message (List-Id)' };
  if (mail.returnPath === '') return { automatic: true, kind: 'auto-reply', reason: 'sent from the null return path <>' };
  if (OUT_OF_OFFICE.test(mail.subject ?? '')) return { automatic: true, kind: 'auto-reply', reason: 'an out-of-office subject' };
  return { automatic: false };
}
