import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { isWordFeature, type FeatureVector } from './features.ts';
import { TriageLabel } from './triage-input.ts';

/** The labels the trained model chooses between; survey replies are decided by rule (Code 1.6). */
export const MODEL_LABELS = ['complaint', 'service_request', 'other'] as const satisfies readonly TriageLabel[];
export type ModelLabel = (typeof MODEL_LABELS)[number];

/** How the shipped weights were cut down from what training learnt (see `compactModel`). */
export const ModelCompaction = lazySchema(() => z.object({
  /** Word features whose weights are all smaller than this (in size) were left out. */
  minWeight: z.number().min(0),
  /** Weights were rounded to this many decimal places. */
  decimals: z.int().min(0).max(10),
  /** How many features training learnt, before any were left out. */
  featuresBefore: z.int().nonnegative(),
  /** The kept features were trained again without the others, so that they take up what the others carried. */
  refitted: z.boolean().default(false),
}));
export type ModelCompaction = z.infer<typeof ModelCompaction>;

/** The trained model as shipped in `model/triage-model.json`, built by `npm run train:triage`. */
export const TriageModel = lazySchema(() => z.object({
  format: z.literal('redress-triage-model/1'),
  labels: z.tuple([z.literal('complaint'), z.literal('service_request'), z.literal('other')]),
  bias: z.array(z.number()).length(3),
  /** Feature name → one weight per label, in the order of `labels`. */
  weights: z.record(z.string(), z.array(z.number()).length(3)),
  /** A message is a complaint when the model gives complaint at least this probability. */
  complaintThreshold: z.number().min(0).max(1),
  /**
   * The same, for a message in which no phrase shows dissatisfaction: a complaint is an expression of
   * dissatisfaction (Code 1.2), so the wording alone may need stronger odds. Defaults to `complaintThreshold`.
   */
  complaintThresholdWithoutDissatisfaction: z.number().min(0).max(1).optional(),
  /**
   * `other` is for messages clearly not for the landlord (thanks, marketing, a wrong address), each with its own cue.
   * Without such a cue the model must give `other` at least this probability, or the message is a service request:
   * a person's message is never set aside in silence (issue 13). Defaults to 0 (the model's reading alone).
   */
  otherThresholdWithoutCue: z.number().min(0).max(1).optional(),
  /**
   * Platt scaling of the confidence, fitted on cross-validated predictions: the confidence shown is
   * 1 / (1 + e^-(scale × logit(raw) + shift)), so that 0.8 is right about four times in five. Labels do not change.
   */
  calibration: z.object({ scale: z.number().positive(), shift: z.number(), fittedOn: z.int().positive() }).optional(),
  /** The development split of corpus/messages.jsonl, plus any supplements written from LABELS.md. */
  trainedOn: z.object({
    split: z.string(),
    messages: z.int().positive(),
    corpusSha256: z.string(),
    supplements: z.array(z.object({ file: z.string(), messages: z.int().positive(), sha256: z.string() })).default([]),
  }),
  settings: z.object({ cueL2: z.number(), wordL2: z.number(), epochs: z.int(), minDocumentFrequency: z.int() }),
  /** Absent when the weights are exactly as training left them. */
  compaction: ModelCompaction.optional(),
}));
export type TriageModel = z.infer<typeof TriageModel>;

/**
 * A smaller model for shipping: leaves out word features (`w:`, `b:`) whose weights are all smaller than
 * `minWeight` in size, and rounds every weight to `decimals` places (the bias is left as trained). Cue, channel and
 * context features are always kept: there are few of them and the reasons name them. The model records what was done.
 * Compacting an already compacted model keeps the first count of features and the stricter of each setting.
 * `npm run train:triage` then trains the kept features again (see `trainWeights`) and compacts the result.
 */
export function compactModel(model: TriageModel, settings: { minWeight: number; decimals: number }): TriageModel {
  const earlier = model.compaction;
  const minWeight = Math.max(settings.minWeight, earlier?.minWeight ?? 0);
  const decimals = Math.min(settings.decimals, earlier?.decimals ?? settings.decimals);
  const scale = 10 ** decimals;
  const roundWeight = (value: number) => Math.round(value * scale) / scale + 0; // + 0 turns -0 into 0
  const kept: [string, number[]][] = [];
  for (const [name, row] of Object.entries(model.weights)) {
    const largest = Math.max(...row.map(Math.abs));
    if (isWordFeature(name) && largest < minWeight) continue;
    const rounded = row.map(roundWeight);
    if (isWordFeature(name) && rounded.every((w) => w === 0)) continue;
    kept.push([name, rounded]);
  }
  // Built as own properties whatever the name (see `weightsOf`).
  const weights: Record<string, number[]> = Object.fromEntries(kept);
  const featuresBefore = earlier?.featuresBefore ?? Object.keys(model.weights).length;
  return { ...model, weights, compaction: { minWeight, decimals, featuresBefore, refitted: earlier?.refitted ?? false } };
}

/** The model's probabilities, one per model label. */
export type ModelScores = Record<ModelLabel, number>;

/** A feature's pull towards one label compared with the others, for the reasons. */
export type Contribution = { feature: string; amount: number };

/**
 * A feature's weights, or undefined when the model has none. An own-property lookup: feature names come from a
 * resident's words, and "constructor" or "__proto__" must never find what every object inherits (issue 14).
 */
export function weightsOf(model: Pick<TriageModel, 'weights'>, name: string): readonly number[] | undefined {
  return Object.hasOwn(model.weights, name) ? model.weights[name] : undefined;
}

/** Softmax of bias plus weighted features. Features the model never saw count for nothing. */
export function scoreWithModel(model: TriageModel, features: FeatureVector): ModelScores {
  const logits = [...model.bias];
  for (const [name, value] of features.values) {
    const weights = weightsOf(model, name);
    if (!weights) continue;
    for (let k = 0; k < logits.length; k += 1) logits[k]! += weights[k]! * value;
  }
  const probabilities = softmax(logits);
  return { complaint: probabilities[0]!, service_request: probabilities[1]!, other: probabilities[2]! };
}

/** Features that pull most towards `label` against the mean of the other labels, largest first. */
export function contributionsTowards(model: TriageModel, features: FeatureVector, label: ModelLabel): Contribution[] {
  const index = MODEL_LABELS.indexOf(label);
  const contributions: Contribution[] = [];
  for (const [name, value] of features.values) {
    const weights = weightsOf(model, name);
    if (!weights) continue;
    const others = weights.filter((_, k) => k !== index);
    const amount = value * (weights[index]! - others.reduce((sum, w) => sum + w, 0) / others.length);
    if (amount > 0) contributions.push({ feature: name, amount });
  }
  return contributions.sort((a, b) => b.amount - a.amount || a.feature.localeCompare(b.feature));
}

/** The confidence as calibrated by the model's Platt scaling, or unchanged when the model has none. */
export function calibratedConfidence(model: Pick<TriageModel, 'calibration'>, raw: number): number {
  if (!model.calibration) return raw;
  const { scale, shift } = model.calibration;
  return 1 / (1 + Math.exp(-(scale * logit(raw) + shift)));
}

/**
 * Fits Platt scaling (scale and shift on the logit of the confidence) to predictions whose correctness is known, by
 * gradient descent on the log loss. Deterministic.
 */
export function fitCalibration(pairs: readonly { confidence: number; correct: boolean }[], iterations = 3000): { scale: number; shift: number } {
  let scale = 1;
  let shift = 0;
  const rate = 0.5;
  const xs = pairs.map((p) => logit(p.confidence));
  for (let i = 0; i < iterations; i += 1) {
    let gradScale = 0;
    let gradShift = 0;
    pairs.forEach((p, k) => {
      const predicted = 1 / (1 + Math.exp(-(scale * xs[k]! + shift)));
      const error = predicted - (p.correct ? 1 : 0);
      gradScale += error * xs[k]!;
      gradShift += error;
    });
    scale -= (rate * gradScale) / pairs.length;
    shift -= (rate * gradShift) / pairs.length;
  }
  return { scale: Math.round(scale * 10_000) / 10_000, shift: Math.round(shift * 10_000) / 10_000 };
}

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
};

/** Numerically stable softmax. */
export function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - top));
  const total = exps.reduce((sum, e) => sum + e, 0);
  return exps.map((e) => e / total);
}
