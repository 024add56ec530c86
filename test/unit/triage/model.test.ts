import { describe, expect, it } from 'vitest';
import { defaultTriageModel } from '../../../src/core/triage/classify.ts';
import { featuresOf } from '../../../src/core/triage/features.ts';
import { compactModel, scoreWithModel, TriageModel } from '../../../src/core/triage/model.ts';
import { trainWeights, type TrainingExample } from '../../../src/core/triage/training.ts';

const trained: TriageModel = {
  ...defaultTriageModel(),
  bias: [-0.31234, -0.37941, 0.69175],
  weights: {
    'b:still not': [0.41234, -0.20611, -0.20623],
    'b:thank you': [-0.01, -0.012, 0.022],
    'cue:adds-to-complaint': [0.0351, -0.0149, -0.0202],
    'w:leak': [-0.04996, 0.07004, -0.02008],
    'w:rude': [0.12345, -0.06004, -0.06341],
  },
  compaction: undefined,
};

describe('compacting the model for shipping', () => {
  it('leaves out word features whose weights are all smaller than the minimum, and keeps the rest in order', () => {
    const compact = compactModel(trained, { minWeight: 0.05, decimals: 3 });

    expect(Object.keys(compact.weights)).toEqual(['b:still not', 'cue:adds-to-complaint', 'w:leak', 'w:rude']);
  });

  it('keeps cue, channel and context features however small their weights', () => {
    const compact = compactModel(trained, { minWeight: 0.5, decimals: 3 });

    expect(Object.keys(compact.weights)).toEqual(['cue:adds-to-complaint']);
  });

  it('rounds every weight to the given places, one per label in the order of the labels, and leaves the bias as trained', () => {
    const compact = compactModel(trained, { minWeight: 0.05, decimals: 2 });

    expect(compact.labels).toEqual(['complaint', 'service_request', 'other']);
    expect(compact.weights['b:still not']).toEqual([0.41, -0.21, -0.21]);
    expect(compact.weights['w:rude']).toEqual([0.12, -0.06, -0.06]);
    expect(compact.weights['cue:adds-to-complaint']).toEqual([0.04, -0.01, -0.02]);
    expect(compact.bias).toEqual(trained.bias);
  });

  it('records what was done in the model, which still reads as a model', () => {
    const compact = TriageModel.parse(compactModel(trained, { minWeight: 0.05, decimals: 3 }));

    expect(compact.compaction).toEqual({ minWeight: 0.05, decimals: 3, featuresBefore: 5, refitted: false });
    expect(compact.complaintThreshold).toBe(trained.complaintThreshold);
    expect(compact.trainedOn).toEqual(trained.trainedOn);
  });

  it('keeps the first count of features and the stricter settings when compacted twice', () => {
    const twice = compactModel(compactModel(trained, { minWeight: 0.05, decimals: 3 }), { minWeight: 0.01, decimals: 2 });

    expect(twice.compaction).toEqual({ minWeight: 0.05, decimals: 2, featuresBefore: 5, refitted: false });
    expect(Object.keys(twice.weights)).toHaveLength(4);
  });

  it('scores a message much as the full weights do', () => {
    const features = featuresOf({ channel: 'sms', subject: null, body: 'still not fixed and your man was rude', context: null }, []);

    const full = scoreWithModel(trained, features);
    const compact = scoreWithModel(compactModel(trained, { minWeight: 0.05, decimals: 3 }), features);
    const biasAlone = scoreWithModel({ ...trained, weights: {} }, features);

    expect(compact.complaint).not.toBeCloseTo(biasAlone.complaint, 2);
    expect(compact.complaint).toBeCloseTo(full.complaint, 2);
    expect(compact.other).toBeCloseTo(full.other, 2);
  });
});

describe('training again the features a compacted model kept', () => {
  const example = (body: string, label: TrainingExample['label']): TrainingExample =>
    ({ features: featuresOf({ channel: 'sms', subject: null, body, context: null }, []), label });
  const examples = [
    example('still not fixed, rude man', 'complaint'), example('still waiting, not fixed', 'complaint'),
    example('please fix the leak', 'service_request'), example('please fix the boiler', 'service_request'),
    example('thanks, lovely job', 'other'), example('thanks so much', 'other'),
  ];
  const settings = { cueL2: 0.01, wordL2: 0.001, epochs: 50, learningRate: 1, minDocumentFrequency: 2 };

  it('learns weights for those features only', () => {
    const all = trainWeights(examples, settings);
    const only = trainWeights(examples, settings, new Set(['w:still', 'w:thank', 'channel:sms']));

    expect(Object.keys(all.weights)).toEqual(expect.arrayContaining(['w:still', 'w:thank', 'w:pleas', 'w:fix']));
    expect(Object.keys(only.weights).sort()).toEqual(['channel:sms', 'w:still', 'w:thank']);
    expect(only.weights['w:still']![0]).toBeGreaterThan(all.weights['w:still']![0]!);
  });
});

describe('the shipped model', () => {
  it('says how it was compacted, and holds no word feature below its minimum weight', () => {
    const { compaction, weights } = defaultTriageModel();

    expect(compaction).toMatchObject({ refitted: true });
    expect(compaction!.featuresBefore).toBeGreaterThan(Object.keys(weights).length);
    const small = Object.entries(weights)
      .filter(([name]) => name.startsWith('w:') || name.startsWith('b:'))
      .filter(([, row]) => Math.max(...row.map(Math.abs)) < compaction!.minWeight);
    expect(small).toEqual([]);
  });
});

describe('the shipped model file', () => {
  it('is a valid model (it is not parsed again at run time)', () => {
    const parsed = TriageModel.safeParse(defaultTriageModel());

    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.compaction).toMatchObject({ minWeight: 0.05, decimals: 3 });
  });
});
