import { renderLetter, type RenderedLetter } from '../letters/render.ts';
import type { LetterData, LetterName } from '../letters/catalogue.ts';
import type { CaseStore, Clock, LetterLog, LetterRecord, Mailer } from '../ports.ts';
import { waitWhileHeld } from '../services/wait-while-held.ts';

/** What sending a letter needs. */
export interface LetterDeps {
  readonly letters: LetterLog;
  readonly cases: CaseStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** Where the templates are: the repository's `templates/` by default, the bundle's copy on Lambda. */
  readonly templatesDir?: string;
  /** How long a claim to send a letter holds; `LETTER_LEASE_MS` unless a soak test shortens it. */
  readonly letterLeaseMs?: number;
}

export interface LetterRequest<N extends LetterName> {
  /** Stable for one purpose (`ack-<messageRef>`, `stage-1-response-<caseRef>`), so a retry never sends twice. */
  readonly letterId: string;
  readonly landlordId: string;
  readonly caseRef: string | null;
  readonly inReplyToMessageRef: string | null;
  /** The resident's own Message-ID, so the letter threads under their mail. */
  readonly inReplyToMessageId?: string | null;
  readonly from: string;
  readonly to: string;
  readonly letter: N;
  readonly data: LetterData<N>;
  /** The case's last event number when the caller knows it (a case it has just opened): saves looking it up. */
  readonly caseLastSeq?: number;
}

/**
 * Keeps a letter for a resident with no email address: rendered once, filed as `to-post` on the case (the console
 * lists it until an officer marks it posted). The filed copy is the copy posted. A retry finds it filed.
 */
export async function fileLetterToPost<N extends LetterName>(
  deps: LetterDeps,
  request: Omit<LetterRequest<N>, 'to'>,
): Promise<{ status: 'to-post' | 'sent-before'; rendered: RenderedLetter<N> }> {
  const rendered = renderLetter(request.letter, request.data, deps.templatesDir);
  const at = deps.clock.now().toISOString();
  const claim = await claimOnce(deps, request.letterId, {
    letterId: request.letterId, landlordId: request.landlordId, caseRef: request.caseRef, inReplyToMessageRef: request.inReplyToMessageRef,
    template: request.letter, from: request.from, to: 'post', subject: rendered.subject, text: rendered.text, html: rendered.html,
    status: 'to-post', claimedAt: at, sentAt: null, providerMessageId: null,
  });
  if (claim === 'sent-before') return { status: 'sent-before', rendered };
  if (request.caseRef) {
    await deps.cases.appendEvent(request.caseRef, { recordedAt: at, by: 'redress', event: { type: 'letter-to-post', at, letterId: request.letterId, template: request.letter } });
  }
  return { status: 'to-post', rendered };
}

/** How long a claim to send a letter holds before another attempt may take it over (longer than any send takes). */
export const LETTER_LEASE_MS = 90_000;
/** How long an attempt waits for another's claim to finish before giving up for a retry. */
const LETTER_WAIT_MS = 15_000;

// Claims the letter once. While another attempt holds it (two copies of one message at the same instant), waits for
// that attempt to finish, then reads it as sent before; a claim that lapses meanwhile is taken over.
async function claimOnce(deps: LetterDeps, letterId: string, letter: LetterRecord): Promise<'claimed' | 'sent-before'> {
  return waitWhileHeld(async () => {
    const claim = await deps.letters.claimLetter({ ...letter, claimedAt: deps.clock.now().toISOString() }, deps.letterLeaseMs ?? LETTER_LEASE_MS);
    return claim === 'in-flight' ? 'held' : claim;
  }, LETTER_WAIT_MS, `letter ${letterId}`);
}

// A Message-ID taken from a resident's mail goes into our headers only when it looks like one: no line breaks.
const SAFE_MESSAGE_ID = /^<[^<>\s]{1,250}>$/;

/**
 * Renders a letter from `templates/`, keeps the copy, sends it by SES template with `Auto-Submitted: auto-generated`
 * (RFC 3834: so auto-responders do not answer it), and records it on the case. Claimed first: a retry finds it sent.
 */
export async function sendLetter<N extends LetterName>(deps: LetterDeps, request: LetterRequest<N>): Promise<{ status: 'sent' | 'sent-before'; rendered: RenderedLetter<N> }> {
  const rendered = renderLetter(request.letter, request.data, deps.templatesDir);
  const claimedAt = deps.clock.now().toISOString();
  const claim = await claimOnce(deps, request.letterId, {
    letterId: request.letterId,
    landlordId: request.landlordId,
    caseRef: request.caseRef,
    inReplyToMessageRef: request.inReplyToMessageRef,
    template: request.letter,
    from: request.from,
    to: request.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    status: 'sending',
    claimedAt,
    sentAt: null,
    providerMessageId: null,
  });
  if (claim === 'sent-before') return { status: 'sent-before', rendered };
  try {
    return await deliver(deps, request, rendered);
  } catch (error) {
    // Give the claim back, so a retry sends at once rather than waiting for the lease to lapse.
    await deps.letters.releaseLetterClaim(request.letterId).catch(() => undefined);
    throw error;
  }
}

async function deliver<N extends LetterName>(deps: LetterDeps, request: LetterRequest<N>, rendered: RenderedLetter<N>): Promise<{ status: 'sent'; rendered: RenderedLetter<N> }> {
  const headers = [
    { name: 'Auto-Submitted', value: 'auto-generated' },
    { name: 'X-Redress-Letter', value: request.letterId },
  ];
  if (request.caseRef) headers.push({ name: 'X-Redress-Case', value: request.caseRef });
  if (request.inReplyToMessageId && SAFE_MESSAGE_ID.test(request.inReplyToMessageId)) {
    headers.push({ name: 'In-Reply-To', value: request.inReplyToMessageId }, { name: 'References', value: request.inReplyToMessageId });
  }
  const { providerMessageId } = await deps.mailer.send({
    from: request.from,
    to: request.to,
    template: request.letter,
    templateData: rendered.templateData as Record<string, unknown>,
    headers,
  });
  const sentAt = deps.clock.now().toISOString();
  // Marking the letter sent and recording it on the case are independent: one wave.
  await Promise.all([
    deps.letters.markLetterSent(request.letterId, providerMessageId, sentAt),
    request.caseRef
      ? deps.cases.appendEvent(request.caseRef, { recordedAt: sentAt, by: 'redress', event: { type: 'letter-sent', at: sentAt, letterId: request.letterId, template: request.letter } }, request.caseLastSeq)
      : undefined,
  ]);
  return { status: 'sent', rendered };
}
