// Letters for residents with no email address: rendered once and kept as `to-post` (the kept copy is the posted copy),
// listed in the console until an officer says they went in the post, which is recorded on the case.
import { ok, refuse, type Result } from '../core/result.ts';
import type { CaseStore, Clock, LetterLog, Logger } from '../ports.ts';

/** What marking a letter posted needs. */
export interface PostingDeps {
  readonly letters: LetterLog;
  readonly cases: CaseStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Why a letter was not marked posted: it was not waiting to be posted (already posted, sent by email, or unknown). */
export type PostingProblem = { readonly kind: 'not-to-post'; readonly letterId: string };

/**
 * Records that an officer put a kept letter in the post: the letter leaves the list and its case shows who posted it
 * and when. A second click finds it posted already and records nothing more.
 * @example await markLetterPosted(deps, 'asha.patel', 'stage-1-acknowledgement-C-7K2M9Q4T')
 */
export async function markLetterPosted(deps: PostingDeps, officer: string, letterId: string): Promise<Result<{ letterId: string; caseRef: string | null }, PostingProblem>> {
  const letter = await deps.letters.getLetter(letterId);
  if (!letter) return refuse({ kind: 'not-to-post', letterId });
  const at = deps.clock.now().toISOString();
  if ((await deps.letters.markLetterPosted(letterId, at, officer)) === 'not-to-post') return refuse({ kind: 'not-to-post', letterId });
  if (letter.caseRef) {
    await deps.cases.appendEvent(letter.caseRef, { recordedAt: at, by: officer, event: { type: 'letter-posted', at, letterId, template: letter.template } });
  }
  deps.logger.info('letter posted', { letterId, caseRef: letter.caseRef, landlordId: letter.landlordId });
  return ok({ letterId, caseRef: letter.caseRef });
}
