// Waiting out another attempt's lease: two copies of one message, or two claims on one letter, at the same instant.

/** How often a waiting attempt looks again. */
const LOOK_AGAIN_MS = 100;

/**
 * Calls `look` until it settles (returns something other than `held`), every 100 ms, for at most `waitMs`; then
 * throws what `gaveUp` makes, so the caller's sender retries later (SMTP 451, an HTTP 5xx, a Lambda retry).
 * @example await waitWhileHeld(() => claimLetter(...), 15_000, () => new LetterInFlightError(id))
 */
export async function waitWhileHeld<T>(look: () => Promise<T | 'held'>, waitMs: number, gaveUp: () => Error): Promise<T> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    const seen = await look();
    if (seen !== 'held') return seen;
    if (Date.now() > giveUpAt) throw gaveUp();
    await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
  }
}
