import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCorpus } from '../../../src/core/triage/corpus.ts';
import { splitCorpus, UNTOUCHED_SHARE } from '../../../src/core/triage/corpus-split.ts';
import { defaultTriageModel } from '../../../src/core/triage/classify.ts';
import { TRIAGE_LABELS } from '../../../src/core/triage/triage-input.ts';

const rows = (labels: Record<string, number>) =>
  Object.entries(labels).flatMap(([label, n]) => Array.from({ length: n }, (_, i) => ({ id: `${label}-${i}`, label })));

describe('the fixed corpus split', () => {
  it('holds out 30% of each label, rounded', () => {
    const parts = splitCorpus(rows({ complaint: 80, service_request: 85, other: 7 }));

    const untouched = (label: string) => [...parts].filter(([id, part]) => id.startsWith(`${label}-`) && part === 'untouched').length;
    expect(untouched('complaint')).toBe(Math.round(80 * UNTOUCHED_SHARE));
    expect(untouched('service_request')).toBe(Math.round(85 * UNTOUCHED_SHARE));
    expect(untouched('other')).toBe(2);
  });

  it('does not depend on the order of the corpus', () => {
    const corpus = rows({ complaint: 20, other: 10 });

    expect(splitCorpus([...corpus].reverse())).toEqual(splitCorpus(corpus));
  });

  it('the shipped model was trained on the development split of the current corpus and its supplements only', () => {
    const corpus = parseCorpus(readFileSync(new URL('../../../corpus/messages.jsonl', import.meta.url), 'utf8'));
    const parts = splitCorpus(corpus);
    const { trainedOn } = defaultTriageModel();
    const supplemented = trainedOn.supplements.reduce((sum, s) => sum + s.messages, 0);

    const dev = corpus.filter((m) => parts.get(m.id) === 'dev');
    expect(trainedOn).toMatchObject({ split: 'dev', messages: dev.length + supplemented });
    expect(trainedOn.supplements.every((s) => /^supplement-\d+\.jsonl$/.test(s.file))).toBe(true);
    for (const label of TRIAGE_LABELS) {
      expect(corpus.some((m) => m.label === label && parts.get(m.id) === 'untouched')).toBe(true);
    }
  });
});
