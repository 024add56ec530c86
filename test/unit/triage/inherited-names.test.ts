import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyMessage, defaultTriageModel } from '../../../src/core/triage/classify.ts';
import { parseCorpus } from '../../../src/core/triage/corpus.ts';
import { splitCorpus } from '../../../src/core/triage/corpus-split.ts';
import { findCues, withoutSignOff } from '../../../src/core/triage/cues.ts';
import { featuresOf } from '../../../src/core/triage/features.ts';
import { figuresOf } from '../../../src/core/triage/metrics.ts';
import { compactModel, contributionsTowards, MODEL_LABELS, scoreWithModel, weightsOf } from '../../../src/core/triage/model.ts';
import { decideTriageOutcome } from '../../../src/core/triage/outcome.ts';
import { termsOf, wordsOf } from '../../../src/core/triage/text.ts';
import { trainWeights } from '../../../src/core/triage/training.ts';
import { TRIAGE_LABELS, type Channel, type TriageInput } from '../../../src/core/triage/triage-input.ts';

// Issue 14, item 3: "constructor" in a resident's message found Object's own constructor in a plain-object lookup and
// crashed triage on every channel. Every name an object or a function inherits is fed through every exported
// triage function, alone, inside sentences, and among random words.
const OBJECT_NAMES = [
  ...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), '__proto__', 'prototype']),
];
// Array and string methods too: some are English words residents use ("link", "search", "small", "fill").
const INHERITED = [
  ...new Set([...OBJECT_NAMES, ...Object.getOwnPropertyNames(Array.prototype), ...Object.getOwnPropertyNames(String.prototype)]),
];

const CHANNELS: Channel[] = ['email', 'sms', 'web_form', 'survey'];
const message = (body: string, channel: Channel = 'email', subject: string | null = null): TriageInput =>
  ({ channel, subject, body, context: channel === 'survey' ? 'survey' : null });

// Each spelling a resident might use: alone, in upper case, stemmed forms, with an apostrophe, after "not".
const spellings = (name: string) => [name, name.toUpperCase(), `${name}s`, `${name}ing`, `${name}'t`, `not ${name}`, `${name} ${name}`];

const expectValidClassification = (input: TriageInput) => {
  const result = classifyMessage(input);
  expect(TRIAGE_LABELS).toContain(result.label);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  expect(result.reasons.length).toBeGreaterThan(0);
  const outcome = decideTriageOutcome(input, result);
  expect(outcome.label).toBe(result.label);
};

describe('issue 14: words every object inherits the name of', () => {
  it.each(INHERITED)('classifies a message containing "%s" on every channel without throwing', (name) => {
    for (const channel of CHANNELS) {
      for (const spelling of spellings(name)) {
        expectValidClassification(message(spelling, channel));
        expectValidClassification(message(`The ${spelling} in my kitchen is broken, third time I've reported it. ${spelling}?`, channel, spelling));
      }
    }
  });

  it('the word "constructor" alone is not set aside as "other" in silence', () => {
    const result = decideTriageOutcome(message('constructor', 'sms'), classifyMessage(message('constructor', 'sms')));

    expect(result.label === 'other' ? result.needsReview : true).toBe(true);
  });

  it('reads "constructor" and "__proto__" as ordinary words in the text, the cues, the features and the model', () => {
    const body = 'the constructor left a mess and __proto__ toString valueOf hasOwnProperty';

    expect(wordsOf(body)).toEqual(['the', 'constructor', 'left', 'a', 'mess', 'and', 'proto', 'tostring', 'valueof', 'hasownproperty']);
    expect(termsOf(body).map((t) => t.word)).toContain('constructor');
    expect(Array.isArray(findCues('constructor', body))).toBe(true);
    expect(withoutSignOff(`${body}\nconstructor`)).toContain('constructor');
    const features = featuresOf(message(body), []);
    expect(features.values.get('w:constructor')).toBeGreaterThan(0);
    const scores = scoreWithModel(defaultTriageModel(), features);
    expect(scores.complaint + scores.service_request + scores.other).toBeCloseTo(1, 6);
    for (const label of MODEL_LABELS) {
      for (const c of contributionsTowards(defaultTriageModel(), features, label)) expect(Number.isFinite(c.amount)).toBe(true);
    }
  });

  it.each(OBJECT_NAMES)('finds no weights for the inherited name "%s" unless the model learnt it as a word', (name) => {
    const model = defaultTriageModel();

    for (const feature of [name, `cue:${name}`, `channel:${name}`, `context:${name}`]) expect(weightsOf(model, feature)).toBeUndefined();
    // "name" and "call" are words residents write, so the model may have learnt them; only what it learnt is found.
    for (const feature of [`w:${name}`, `b:${name} ${name}`]) {
      expect(weightsOf(model, feature)).toBe(Object.keys(model.weights).includes(feature) ? model.weights[feature] : undefined);
    }
  });

  it('trains and compacts a model whose words include inherited names, keeping each as an ordinary feature', () => {
    const examples = INHERITED.flatMap((name, i) => [
      { features: featuresOf(message(`${name} still not fixed, nobody came`), []), label: MODEL_LABELS[i % 3]! },
      { features: featuresOf(message(`${name} please`), []), label: MODEL_LABELS[(i + 1) % 3]! },
    ]);

    const learnt = trainWeights(examples, { cueL2: 0.01, wordL2: 0.001, epochs: 5, learningRate: 1, minDocumentFrequency: 1 });
    const model = compactModel({ ...defaultTriageModel(), ...learnt, compaction: undefined }, { minWeight: 0, decimals: 4 });

    expect(Object.getPrototypeOf(model.weights)).toBe(Object.prototype);
    expect(Object.hasOwn(model.weights, 'w:constructor')).toBe(true);
    expect(weightsOf(model, 'w:constructor')).toHaveLength(3);
    expectValidClassification({ ...message('constructor __proto__ toString'), subject: 'valueOf' });
    expect(TRIAGE_LABELS).toContain(classifyMessage(message('constructor __proto__ hasOwnProperty'), model).label);
  });

  it('splits, parses and scores a corpus whose ids are inherited names', () => {
    const rows = INHERITED.map((id, i) => ({ id, channel: 'sms', subject: null, body: id, context: null, label: TRIAGE_LABELS[i % 4]! }));

    const parts = splitCorpus(rows);
    const parsed = parseCorpus(rows.map((r) => JSON.stringify(r)).join('\n'));
    const figures = figuresOf(parsed.map((m) => ({ actual: m.label, predicted: classifyMessage(m).label })));

    expect(parts.size).toBe(INHERITED.length);
    expect(parsed.map((m) => m.id)).toEqual(INHERITED);
    expect(figures.messages).toBe(INHERITED.length);
  });

  it('classifies random words mixed with inherited names, on any channel, into one of the four labels', () => {
    const word = fc.oneof(fc.constantFrom(...INHERITED), fc.stringMatching(/^[a-zA-Z_']{1,12}$/));
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 30 }), fc.constantFrom(...CHANNELS), fc.option(word, { nil: null }), (words, channel, subject) => {
        expectValidClassification(message(words.join(' '), channel, subject));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
