// Waiting out another attempt's lease: two copies of one message, or two claims on one letter, at the same instant.

/** Another attempt holds the thing (a message being handled, a letter being sent) and has not finished: retry later. */
export class HeldByAnotherAttemptError extends Error {
  override readonly name = 'HeldByAnotherAttemptError';
  constructor(readonly what: string) {
    super(`${what} is being handled by another attempt`);
  }
}

/** How often a waiting attempt looks again. */
const LOOK_AGAIN_MS = 100;

/**
 * Calls `look` until it settles (returns something other than `held`), every 100 ms, for at most `waitMs`; then
 * throws `HeldByAnotherAttemptError` for `what`, so the caller's sender retries later (SMTP 451, an HTTP 5xx, a Lambda retry).
 * @example await waitWhileHeld(() => claimLetter(...), 15_000, `letter ${id}`)
 */
export async function waitWhileHeld<T>(look: () => Promise<T | 'held'>, waitMs: number, what: string): Promise<T> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const seen = await look();
    if (seen !== 'held') return seen;
    if (Date.now() > giveUpAt) throw new HeldByAnotherAttemptError(what);
    await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
  }
}
