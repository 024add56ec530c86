/**
 * The fixed split of the labelled corpus: about 30% of each label is held out ("untouched") and never used
 * for training or tuning; the rest is the development split. Training, tests and the benchmark all call
 * this one rule, so they always agree on which message is where.
 */

/** Which part of the corpus a message belongs to. */
export type CorpusPart = 'dev' | 'untouched';

/** Share of each label held out as the untouched split. */
export const UNTOUCHED_SHARE = 0.3;

// A fixed salt so the split never changes unless someone changes it on purpose.
const SALT = 'redress-triage-split-v1';

/** FNV-1a, 32-bit: a small, stable, dependency-free hash of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Splits labelled messages by label (stratified): within each label, messages are ranked by a salted hash of
 * their id and the first 30% (rounded) of the ranking are untouched. The order of the input does not matter.
 * @example splitCorpus(rows).get('d-001') // 'dev' or 'untouched'
 */
export function splitCorpus(rows: readonly { id: string; label: string }[]): Map<string, CorpusPart> {
  const byLabel = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byLabel.get(row.label) ?? [];
    ids.push(row.id);
    byLabel.set(row.label, ids);
  }
  const parts = new Map<string, CorpusPart>();
  for (const ids of byLabel.values()) {
    const ranked = [...ids].sort((a, b) => fnv1a(`${SALT}:${a}`) - fnv1a(`${SALT}:${b}`) || a.localeCompare(b));
    const untouched = Math.round(ranked.length * UNTOUCHED_SHARE);
    ranked.forEach((id, rank) => parts.set(id, rank < untouched ? 'untouched' : 'dev'));
  }
  return parts;
}
