// The managers' weekly digest, sent by an EventBridge Scheduler cron (Monday 08:00 London unless the policy says
// otherwise): complaints overdue and due soon, extensions granted, service requests open too long (Code 1.4).
import * as z from 'zod';
import { complaintEventsOf } from '../core/case/case-record.ts';
import { weeklyDigest, type DigestCase, type DigestRow, type WeeklyDigest } from '../core/case/digest.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import { sendLetter } from '../outbound/send-letter.ts';
import { letterDate, letterLandlord, UnknownLandlordError, type LifecycleDeps } from './lifecycle-deps.ts';

/** What the digest schedule delivers: the landlords to write to (all when absent). */
export const SendDigestInput = z.object({
  kind: z.literal('weekly-digest').optional(),
  landlordIds: z.array(z.string().min(1)).optional(),
});
export type SendDigestInput = z.infer<typeof SendDigestInput>;

/** One landlord's digest as sent. */
export interface DigestSent {
  readonly landlordId: string;
  readonly digest: WeeklyDigest;
  readonly recipients: number;
}

const summaryOf = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line || '(no summary)';
};

const row = (r: DigestRow) => ({ caseRef: r.caseRef, summary: summaryOf(r.summary), milestone: r.what, dueOn: letterDate(r.dueOn) });

/**
 * Builds and sends each landlord's digest to its managers (`digest.recipients`). A landlord's open cases are read
 * with their events, and closed complaints with an outstanding action still to do; other closed ones are left out. Keyed by landlord and day, so a repeated delivery sends nothing twice.
 */
export async function sendDigests(deps: LifecycleDeps, input: SendDigestInput): Promise<DigestSent[]> {
  const at = deps.clock.now().toISOString();
  const landlordIds = input.landlordIds ?? [...deps.policies.keys()];
  const sent: DigestSent[] = [];
  for (const landlordId of landlordIds) {
    const policy = deps.policies.get(landlordId);
    if (!policy) throw new UnknownLandlordError(landlordId);
    const cal = calendarForPolicy(policy, deps.govUk);
    // Open cases, and closed complaints with something still due (an outstanding action promised in the response).
    const open = (await deps.cases.listCases(landlordId)).filter((c) => c.state === 'open' || (c.kind === 'complaint' && c.nextDueOn));
    const cases: DigestCase[] = [];
    for (const c of open) {
      const events = c.kind === 'complaint' ? complaintEventsOf(await deps.cases.events(c.caseRef)) : [];
      cases.push({ caseRef: c.caseRef, kind: c.kind, summary: c.summary, openedAt: c.openedAt, state: c.state, events });
    }
    const digest = weeklyDigest(cases, policy, cal, at);
    if (digest.unreadable.length > 0) {
      deps.logger.error('complaints whose history breaks the case rules were left out of the digest', { landlordId, caseRefs: digest.unreadable });
    }
    for (const [i, to] of policy.digest.recipients.entries()) {
      await sendLetter(deps, {
        letterId: `digest-${landlordId}-${digest.weekOf}-${i + 1}`, landlordId, caseRef: null, inReplyToMessageRef: null,
        from: policy.contact.complaintsEmail, to, letter: 'weekly-digest',
        data: {
          landlord: letterLandlord(policy),
          weekOf: letterDate(digest.weekOf),
          dueSoonWithinWorkingDays: digest.dueSoonWithinWorkingDays,
          serviceRequestLimitWorkingDays: digest.serviceRequestOpenLimitWorkingDays,
          overdue: digest.overdue.map(row),
          dueSoon: digest.dueSoon.map(row),
          extensionsGranted: digest.extensionsGranted.map(row),
          longOpenServiceRequests: digest.longOpenServiceRequests.map(row),
          learningActions: digest.learningActions.map(row),
        },
      });
    }
    deps.logger.info('weekly digest sent', {
      landlordId, overdue: digest.overdue.length, dueSoon: digest.dueSoon.length,
      extensions: digest.extensionsGranted.length, longOpenServiceRequests: digest.longOpenServiceRequests.length, learningActions: digest.learningActions.length,
    });
    sent.push({ landlordId, digest, recipients: policy.digest.recipients.length });
  }
  return sent;
}
