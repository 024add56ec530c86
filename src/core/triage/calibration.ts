import type { Classification } from './classify.ts';
import { decideTriageOutcome, REVIEW_BELOW_CONFIDENCE } from './outcome.ts';
import type { TriageInput, TriageLabel } from './triage-input.ts';

/** One bin of a reliability table: the messages whose confidence fell in [from, to). */
export type CalibrationBin = { from: number; to: number; messages: number; meanConfidence: number; accuracy: number };

/** How far the classifier's confidence is from how often it is right. */
export type Calibration = {
  /** Expected calibration error: the gap between confidence and accuracy in each bin, weighted by the bin's share. */
  expectedCalibrationError: number;
  meanConfidence: number;
  accuracy: number;
  bins: CalibrationBin[];
};

/**
 * Expected calibration error over `binCount` equal bins of confidence (Guo et al. 2017): 0 when a confidence of
 * 0.8 is right exactly four times in five, at every level.
 * @example calibrationOf([{ confidence: 0.9, correct: true }, { confidence: 0.6, correct: false }]).expectedCalibrationError
 */
export function calibrationOf(pairs: readonly { confidence: number; correct: boolean }[], binCount = 10): Calibration {
  const bins: CalibrationBin[] = [];
  let error = 0;
  for (let b = 0; b < binCount; b += 1) {
    const from = b / binCount;
    const to = (b + 1) / binCount;
    const inBin = pairs.filter((p) => p.confidence >= from && (p.confidence < to || (b === binCount - 1 && p.confidence <= to)));
    if (inBin.length === 0) continue;
    const meanConfidence = mean(inBin.map((p) => p.confidence));
    const accuracy = inBin.filter((p) => p.correct).length / inBin.length;
    bins.push({ from, to, messages: inBin.length, meanConfidence, accuracy });
    error += (inBin.length / pairs.length) * Math.abs(accuracy - meanConfidence);
  }
  return {
    expectedCalibrationError: error,
    meanConfidence: mean(pairs.map((p) => p.confidence)),
    accuracy: pairs.length === 0 ? 0 : pairs.filter((p) => p.correct).length / pairs.length,
    bins,
  };
}

/** Review thresholds for service requests and 'other' that `npm run bench:classify` measures. */
export const REVIEW_SWEEP: readonly number[] = [0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

/**
 * With service requests and 'other' below `requestBelow` sent to a person: how many messages a person sees, and how
 * many real complaints triage labelled as something else that nobody would look at.
 */
export function reviewAt(
  classified: readonly { input: Pick<TriageInput, 'context'>; actual: TriageLabel; classification: Classification }[],
  requestBelow: number,
): { reviewed: number; missedUnreviewed: number } {
  let reviewed = 0;
  let missedUnreviewed = 0;
  for (const { input, actual, classification } of classified) {
    const outcome = decideTriageOutcome(input, classification, { complaint: REVIEW_BELOW_CONFIDENCE, request: requestBelow });
    if (outcome.needsReview) reviewed += 1;
    else if (actual === 'complaint' && outcome.label !== 'complaint') missedUnreviewed += 1;
  }
  return { reviewed, missedUnreviewed };
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length);
