/** An expected "no" is data, not an exception: callers look at `ok`, then at the error's `kind`. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a successful value. */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** Wraps an expected refusal. */
export const refuse = <E>(error: E): Result<never, E> => ({ ok: false, error });
