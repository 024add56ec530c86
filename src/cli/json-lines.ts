import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { printableJson } from './terminal-text.ts';

/** What a line handler returns: the line's answer, or a clear error for that line alone. */
export type LineOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/**
 * Reads JSON lines, answers each in order with one JSON line, and keeps going past bad lines:
 * a line that is not JSON, or that the handler refuses, gets `{"id","error"}` (id when it can be read).
 * Blank lines are skipped. Resolves to the number of lines that got an error.
 */
export async function answerJsonLines(
  input: Readable,
  output: Writable,
  handle: (value: unknown) => LineOutcome,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let errors = 0;
  let lineNumber = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  };
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors += 1;
      pending.push(`${printableJson({ id: null, error: `line ${lineNumber} is not valid JSON` })}\n`);
      continue;
    }
    const id = idOf(value);
    const outcome = handle(value);
    if (outcome.ok) {
      pending.push(`${printableJson(outcome.value)}\n`);
    } else {
      errors += 1;
      pending.push(`${printableJson({ id, error: outcome.error })}\n`);
    }
    if (pending.length >= 256) await flush();
  }
  await flush();
  return errors;
}

function idOf(value: unknown): string | number | null {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}
