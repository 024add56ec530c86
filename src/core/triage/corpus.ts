import * as z from 'zod';
import { TriageInput, TriageLabel } from './triage-input.ts';

/** One labelled line of `corpus/messages.jsonl` (see corpus/LABELS.md). */
export const LabelledMessage = TriageInput.extend({
  id: z.string().min(1),
  label: TriageLabel,
  notes: z.string().optional(),
});
export type LabelledMessage = z.infer<typeof LabelledMessage>;

/** Parses the corpus file's text, one JSON object a line; a bad line is a fault in the corpus, so it throws. */
export function parseCorpus(text: string): LabelledMessage[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = LabelledMessage.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`corpus line ${index + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}
