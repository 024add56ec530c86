/**
 * An error as log fields: its name and message on one line, without the stack. Addresses and long numbers are masked,
 * since an error's message can quote what it failed on (STYLE.md §9: no personal data in logs).
 */
export function errorFields(error: unknown): { error: string; errorMessage: string } {
  if (!(error instanceof Error)) return { error: 'unknown', errorMessage: typeof error === 'string' ? maskPersonalData(error) : '' };
  return { error: error.name, errorMessage: maskPersonalData(error.message) };
}

const MAX_MESSAGE_CHARS = 300;

/** One line, at most 300 characters, with e-mail addresses and phone-like numbers replaced by placeholders. */
export function maskPersonalData(text: string): string {
  const line = text
    .replace(/[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/g, '<address>')
    .replace(/\+?\d[\d ()-]{6,}\d/g, '<number>')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}
