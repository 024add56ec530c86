// Builds src/core/triage/model/triage-model.json from the development split of corpus/messages.jsonl.
// The untouched split is never read here: the benchmark alone reports on it.
//   npm run train:triage
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { calibrationOf, REVIEW_SWEEP, reviewAt } from '../src/core/triage/calibration.ts';
import { classifyMessage, type Classification } from '../src/core/triage/classify.ts';
import { parseCorpus, type LabelledMessage } from '../src/core/triage/corpus.ts';
import { fnv1a, splitCorpus } from '../src/core/triage/corpus-split.ts';
import { findCues } from '../src/core/triage/cues.ts';
import { featuresOf } from '../src/core/triage/features.ts';
import { figuresOf } from '../src/core/triage/metrics.ts';
import { calibratedConfidence, compactModel, fitCalibration, MODEL_LABELS, TriageModel, type ModelLabel } from '../src/core/triage/model.ts';
import { trainWeights, type TrainingExample, type TrainingSettings } from '../src/core/triage/training.ts';

const corpusText = readFileSync(new URL('../corpus/messages.jsonl', import.meta.url), 'utf8');
const corpus = parseCorpus(corpusText);
const parts = splitCorpus(corpus);
// Supplements (corpus/supplement-N.jsonl) are messages written from LABELS.md alone, each first used as an
// independent check (its figures are in docs/triage.md) and only then added to training.
const corpusDir = new URL('../corpus/', import.meta.url);
// In numeric order (supplement-10 after supplement-9), so the model file lists them as they were added.
const supplementNumber = (name: string) => Number(/\d+/.exec(name)![0]);
const supplementFiles = readdirSync(corpusDir)
  .filter((name) => /^supplement-\d+\.jsonl$/.test(name))
  .sort((a, b) => supplementNumber(a) - supplementNumber(b));
const supplements = supplementFiles.map((file) => {
  const text = readFileSync(new URL(file, corpusDir), 'utf8');
  return { file, messages: parseCorpus(text), sha256: createHash('sha256').update(text).digest('hex') };
});
const dev = [...corpus.filter((m) => parts.get(m.id) === 'dev'), ...supplements.flatMap((s) => s.messages)];

const FOLDS = 5;
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const GRID: TrainingSettings[] = [0.0003, 0.001].flatMap((wordL2) =>
  [0.003, 0.01].map((cueL2) => ({ cueL2, wordL2, epochs: 600, learningRate: 1, minDocumentFrequency: 2 })),
);

// Survey replies are decided by rule (Code 1.6), so the model learns from everything else.
const isSurvey = (m: LabelledMessage) => m.channel === 'survey' || m.context === 'survey';
const examplesOf = (messages: readonly LabelledMessage[]): TrainingExample[] =>
  messages
    .filter((m) => !isSurvey(m) && (MODEL_LABELS as readonly string[]).includes(m.label))
    .map((m) => ({ features: featuresOf(m, findCues(m.subject, m.body)), label: m.label as ModelLabel }));

const modelOf = (settings: TrainingSettings, messages: readonly LabelledMessage[], complaintThreshold: number, onlyFeatures?: ReadonlySet<string>): TriageModel => ({
  format: 'redress-triage-model/1',
  labels: ['complaint', 'service_request', 'other'],
  ...trainWeights(examplesOf(messages), settings, onlyFeatures),
  complaintThreshold,
  trainedOn: {
    split: 'dev',
    messages: messages.length,
    corpusSha256: createHash('sha256').update(corpusText).digest('hex'),
    supplements: supplements.map((s) => ({ file: s.file, messages: s.messages.length, sha256: s.sha256 })),
  },
  settings: { cueL2: settings.cueL2, wordL2: settings.wordL2, epochs: settings.epochs, minDocumentFrequency: settings.minDocumentFrequency },
});

// Cross-validation on the development split chooses the settings and the two complaint thresholds, against the
// targets the project set: complaint recall >= 0.97 and precision >= 0.90, macro-F1 >= 0.90. Among settings that
// meet all three, the highest recall wins (missing a complaint is the expensive mistake); recalls within half a
// percentage point of the highest (two or three of the 564 complaints in round 8) count as equal, being within the noise of
// one split into folds, and among those the best F2 (recall counted twice), then macro-F1. When none meets the
// targets, the best F2, then macro-F1.
const TARGET = { recall: 0.97, precision: 0.9, macroF1: 0.9 };
const WITHOUT_DISSATISFACTION = [0, 0.35, 0.5, 0.65];
const F2 = (p: number, r: number) => (p + r === 0 ? 0 : (5 * p * r) / (4 * p + r));
type Trial = { settings: TrainingSettings; threshold: number; without: number; recall: number; precision: number; f2: number; macroF1: number };
const meets = (t: Trial) => t.recall >= TARGET.recall && t.precision >= TARGET.precision && t.macroF1 >= TARGET.macroF1;
const RECALL_TIE = 0.005;
const betterF2 = (a: Trial, b: Trial): boolean => {
  const [first, second] = [a.f2 - b.f2, a.macroF1 - b.macroF1];
  return first > 1e-9 || (Math.abs(first) <= 1e-9 && second > 1e-9);
};
const trials: Trial[] = [];
for (const settings of GRID) {
  const key = (threshold: number, without: number) => `${threshold}/${without}`;
  const predictions = new Map<string, { actual: LabelledMessage['label']; predicted: LabelledMessage['label'] }[]>();
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const inFold = (m: LabelledMessage) => fnv1a(m.id) % FOLDS === fold;
    const fitted = modelOf(settings, dev.filter((m) => !inFold(m)), 0.5);
    for (const threshold of THRESHOLDS) {
      for (const without of WITHOUT_DISSATISFACTION) {
        const model = { ...fitted, complaintThreshold: threshold, complaintThresholdWithoutDissatisfaction: without };
        const list = predictions.get(key(threshold, without)) ?? [];
        for (const m of dev.filter(inFold)) list.push({ actual: m.label, predicted: classifyMessage(m, model).label });
        predictions.set(key(threshold, without), list);
      }
    }
  }
  for (const threshold of THRESHOLDS) {
    for (const without of WITHOUT_DISSATISFACTION) {
      const figures = figuresOf(predictions.get(key(threshold, without))!);
      const c = figures.perLabel.complaint;
      const trial: Trial = { settings, threshold, without, recall: c.recall, precision: c.precision, f2: F2(c.precision, c.recall), macroF1: figures.macroF1 };
      console.log(`wordL2=${settings.wordL2} cueL2=${settings.cueL2} threshold=${threshold} without-dissatisfaction=${without}: complaint P=${c.precision.toFixed(3)} R=${c.recall.toFixed(3)} F2=${trial.f2.toFixed(3)} macro-F1=${figures.macroF1.toFixed(3)}${meets(trial) ? ' (meets the targets)' : ''}`);
      trials.push(trial);
    }
  }
}
const meeting = trials.filter(meets);
const highestRecall = Math.max(...meeting.map((t) => t.recall));
const candidates = meeting.length > 0 ? meeting.filter((t) => t.recall >= highestRecall - RECALL_TIE - 1e-9) : trials;
const best = candidates.reduce<Trial | undefined>((chosen, t) => (!chosen || betterF2(t, chosen) ? t : chosen), undefined);
if (!best) throw new Error('no settings were tried');
console.log(`chosen: wordL2=${best.settings.wordL2} cueL2=${best.settings.cueL2} threshold=${best.threshold} without-dissatisfaction=${best.without} (cross-validated complaint P ${best.precision.toFixed(3)} R ${best.recall.toFixed(3)}, macro-F1 ${best.macroF1.toFixed(3)}${meets(best) ? ', meets the targets' : ', short of the targets'})`);

// Then, with those settings and thresholds, the odds `other` needs when no cue says the message is thanks, marketing
// or a wrong address (issue 13: a person's message is never set aside in silence). Cross-validated the same way;
// the best macro-F1 wins, and among equals the higher threshold (more messages kept as service requests).
const OTHER_WITHOUT_CUE = [0, 0.5, 0.6, 0.7, 0.8];
const otherTrials = OTHER_WITHOUT_CUE.map((otherThreshold) => ({ otherThreshold, pairs: [] as { actual: LabelledMessage['label']; predicted: LabelledMessage['label'] }[], classified: [] as { input: LabelledMessage; actual: LabelledMessage['label']; classification: Classification }[] }));
for (let fold = 0; fold < FOLDS; fold += 1) {
  const inFold = (m: LabelledMessage) => fnv1a(m.id) % FOLDS === fold;
  const fitted = { ...modelOf(best.settings, dev.filter((m) => !inFold(m)), best.threshold), complaintThresholdWithoutDissatisfaction: best.without };
  for (const trial of otherTrials) {
    const model = { ...fitted, otherThresholdWithoutCue: trial.otherThreshold };
    for (const m of dev.filter(inFold)) {
      const classification = classifyMessage(m, model);
      trial.pairs.push({ actual: m.label, predicted: classification.label });
      trial.classified.push({ input: m, actual: m.label, classification });
    }
  }
}
const otherScored = otherTrials.map((t) => ({ otherThreshold: t.otherThreshold, figures: figuresOf(t.pairs) }));
for (const { otherThreshold, figures } of otherScored) {
  console.log(`other-without-cue=${otherThreshold}: complaint R=${figures.perLabel.complaint.recall.toFixed(3)} service request P=${figures.perLabel.service_request.precision.toFixed(3)} R=${figures.perLabel.service_request.recall.toFixed(3)} other P=${figures.perLabel.other.precision.toFixed(3)} R=${figures.perLabel.other.recall.toFixed(3)} macro-F1=${figures.macroF1.toFixed(3)}`);
}
const otherThresholdWithoutCue = otherScored.reduce((chosen, t) => (t.figures.macroF1 >= chosen.figures.macroF1 - 1e-9 ? t : chosen)).otherThreshold;
console.log(`chosen: other-without-cue=${otherThresholdWithoutCue}`);

// Calibration: Platt scaling fitted on the same cross-validated predictions (with the chosen settings), so that the
// confidence shown, and the review thresholds applied to it, mean what they say. Then the review sweep on them.
const chosenTrial = otherTrials.find((t) => t.otherThreshold === otherThresholdWithoutCue)!;
const calibrationPairs = chosenTrial.classified.map((c) => ({ confidence: c.classification.confidence, correct: c.classification.label === c.actual }));
const calibration = { ...fitCalibration(calibrationPairs), fittedOn: calibrationPairs.length };
const calibrated = chosenTrial.classified.map((c) => ({ ...c, classification: { ...c.classification, confidence: calibratedConfidence({ calibration }, c.classification.confidence) } }));
console.log(`calibration: scale ${calibration.scale}, shift ${calibration.shift}; cross-validated ECE ${calibrationOf(calibrationPairs).expectedCalibrationError.toFixed(3)} before, ${calibrationOf(calibrated.map((c) => ({ confidence: c.classification.confidence, correct: c.classification.label === c.actual }))).expectedCalibrationError.toFixed(3)} after`);
for (const threshold of REVIEW_SWEEP) {
  const { reviewed, missedUnreviewed } = reviewAt(calibrated, threshold);
  console.log(`review service requests and 'other' below ${threshold.toFixed(2)}: ${reviewed} of ${calibrated.length} to a person, ${missedUnreviewed} complaints missed and not reviewed`);
}

// The last step: the shipped file keeps only the word features with a weight of at least 0.05 in size, trains those
// again without the rest (so that they take up what the others carried), and rounds the weights to 3 places: under a
// third of the size, for the Lambda bundles. Chosen by measurement (docs/triage.md): every labelled message we have
// (corpus, supplements, check sets) gets the same label as from the full weights. Cross-validation above uses the
// full weights.
const COMPACTION = { minWeight: 0.05, decimals: 3 };
const trained = modelOf(best.settings, dev, best.threshold);
const kept = new Set(Object.keys(compactModel(trained, COMPACTION).weights));
const compacted = compactModel(modelOf(best.settings, dev, best.threshold, kept), COMPACTION);
const model = TriageModel.parse({
  ...compacted,
  complaintThresholdWithoutDissatisfaction: best.without,
  otherThresholdWithoutCue,
  calibration,
  compaction: { ...compacted.compaction!, featuresBefore: Object.keys(trained.weights).length, refitted: true },
});
const out = new URL('../src/core/triage/model/triage-model.json', import.meta.url);
const json = `${JSON.stringify(model)}\n`;
writeFileSync(out, json);
console.log(`wrote ${out.pathname}: ${Object.keys(model.weights).length} of ${Object.keys(trained.weights).length} features (word weights below ${COMPACTION.minWeight} left out, the rest trained again, ${COMPACTION.decimals} decimals), ${(Buffer.byteLength(json) / 1000).toFixed(1)} kB, trained on ${dev.length} development messages`);
