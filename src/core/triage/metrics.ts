import { TRIAGE_LABELS, type TriageLabel } from './triage-input.ts';

/** Precision, recall and F1 of one label. */
export type LabelFigures = { precision: number; recall: number; f1: number; support: number };

/** How well predicted labels match the corpus labels. */
export type Figures = {
  perLabel: Record<TriageLabel, LabelFigures>;
  macroF1: number;
  accuracy: number;
  /** confusion[actual][predicted] = count */
  confusion: Record<TriageLabel, Record<TriageLabel, number>>;
  messages: number;
};

/** Scores predictions against actual labels; a label with no predictions has precision 0, never NaN. */
export function figuresOf(pairs: readonly { actual: TriageLabel; predicted: TriageLabel }[]): Figures {
  const confusion = Object.fromEntries(
    TRIAGE_LABELS.map((a) => [a, Object.fromEntries(TRIAGE_LABELS.map((p) => [p, 0]))]),
  ) as Record<TriageLabel, Record<TriageLabel, number>>;
  for (const { actual, predicted } of pairs) confusion[actual][predicted] += 1;
  const perLabel = {} as Record<TriageLabel, LabelFigures>;
  for (const label of TRIAGE_LABELS) {
    const truePositives = confusion[label][label];
    const predicted = TRIAGE_LABELS.reduce((sum, a) => sum + confusion[a][label], 0);
    const support = TRIAGE_LABELS.reduce((sum, p) => sum + confusion[label][p], 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[label] = { precision, recall, f1, support };
  }
  const correct = TRIAGE_LABELS.reduce((sum, l) => sum + confusion[l][l], 0);
  return {
    perLabel,
    macroF1: TRIAGE_LABELS.reduce((sum, l) => sum + perLabel[l].f1, 0) / TRIAGE_LABELS.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    confusion,
    messages: pairs.length,
  };
}
