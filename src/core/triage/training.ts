import type { FeatureVector } from './features.ts';
import { isWordFeature } from './features.ts';
import { MODEL_LABELS, softmax, type ModelLabel } from './model.ts';

/** One message as the trainer sees it. */
export type TrainingExample = { features: FeatureVector; label: ModelLabel };

/** How hard to train. Cue, channel and context features are penalised less than words: they were written to generalise. */
export type TrainingSettings = { cueL2: number; wordL2: number; epochs: number; learningRate: number; minDocumentFrequency: number };

/** The learnt part of a model. */
export type LearntWeights = { bias: number[]; weights: Record<string, number[]> };

/**
 * Multinomial logistic regression by full-batch gradient descent, classes weighted to count equally.
 * Deterministic: no random start, no shuffling. Words seen in fewer than `minDocumentFrequency` messages are left out,
 * and so is every feature not in `onlyFeatures` when it is given (to train again the features a compacted model kept).
 */
export function trainWeights(examples: readonly TrainingExample[], settings: TrainingSettings, onlyFeatures?: ReadonlySet<string>): LearntWeights {
  const documentFrequency = new Map<string, number>();
  for (const example of examples) {
    for (const name of example.features.values.keys()) documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);
  }
  const kept = [...documentFrequency.keys()]
    .filter((name) => !isWordFeature(name) || documentFrequency.get(name)! >= settings.minDocumentFrequency)
    .filter((name) => !onlyFeatures || onlyFeatures.has(name))
    .sort();
  const index = new Map(kept.map((name, i) => [name, i]));
  const rows = examples.map((example) => ({
    label: MODEL_LABELS.indexOf(example.label),
    entries: [...example.features.values].filter(([name]) => index.has(name)).map(([name, value]) => [index.get(name)!, value] as const),
  }));
  const classCount = MODEL_LABELS.map((_, k) => rows.filter((r) => r.label === k).length);
  const classWeight = classCount.map((n) => (n === 0 ? 0 : rows.length / (MODEL_LABELS.length * n)));
  const l2 = kept.map((name) => (isWordFeature(name) ? settings.wordL2 : settings.cueL2));

  const K = MODEL_LABELS.length;
  const w = kept.map(() => new Array<number>(K).fill(0));
  const bias = new Array<number>(K).fill(0);
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    const gradW = kept.map(() => new Array<number>(K).fill(0));
    const gradB = new Array<number>(K).fill(0);
    for (const row of rows) {
      const logits = [...bias];
      for (const [j, value] of row.entries) for (let k = 0; k < K; k += 1) logits[k]! += w[j]![k]! * value;
      const p = softmax(logits);
      const weight = classWeight[row.label]!;
      for (let k = 0; k < K; k += 1) {
        const error = weight * (p[k]! - (k === row.label ? 1 : 0));
        gradB[k]! += error;
        for (const [j, value] of row.entries) gradW[j]![k]! += error * value;
      }
    }
    for (let k = 0; k < K; k += 1) bias[k]! -= (settings.learningRate * gradB[k]!) / rows.length;
    for (let j = 0; j < kept.length; j += 1) {
      for (let k = 0; k < K; k += 1) {
        w[j]![k]! -= settings.learningRate * (gradW[j]![k]! / rows.length + l2[j]! * w[j]![k]!);
      }
    }
  }
  // Own properties whatever the feature's name (see `weightsOf` in model.ts).
  const weights: Record<string, number[]> = Object.fromEntries(
    kept.flatMap((name, j) => (w[j]!.some((v) => Math.abs(v) >= 1e-3) ? [[name, w[j]!.map(round4)] as const] : [])),
  );
  return { bias: bias.map(round4), weights };
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
