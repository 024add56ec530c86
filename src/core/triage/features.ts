import { withoutSignOff, type CueHit } from './cues.ts';
import { plainPunctuation, termsOf } from './text.ts';
import type { TriageInput } from './triage-input.ts';

/** Words too common to be evidence on their own; they still count inside two-word phrases. */
const STOPWORDS = new Set(
  'a an the and or but of to in on at for from by with is are was were be been am i me my we our us you your it its this that these those there here he she they them his her their as so if then than do does did have has had will would can could should just also very'
    .split(' '),
);

/** The model's view of a message: feature name → value, and a readable form of each word feature. */
export type FeatureVector = { values: Map<string, number>; display: Map<string, string> };

/**
 * Cue, channel and context features, plus stemmed single words and two-word phrases. Words and phrases are
 * present-or-absent and scaled so that a long letter does not outweigh a short text message.
 */
export function featuresOf(input: Pick<TriageInput, 'channel' | 'subject' | 'body' | 'context'>, cues: readonly CueHit[]): FeatureVector {
  const values = new Map<string, number>();
  const display = new Map<string, string>();
  for (const cue of cues) values.set(`cue:${cue.id}`, 1);
  values.set(`channel:${input.channel}`, 1);
  values.set(`context:${input.context ?? 'none'}`, 1);

  // The closing courtesy ("Thanks, Alan") is left out: residents sign off every kind of message the same way.
  const body = withoutSignOff(plainPunctuation(input.body));
  const terms = termsOf(input.subject ? `${input.subject}.\n${body}` : body);
  const words = new Set<string>();
  for (let i = 0; i < terms.length; i += 1) {
    const here = terms[i]!;
    if (here.term === '.') continue;
    if (!STOPWORDS.has(here.word)) {
      words.add(`w:${here.term}`);
      if (!display.has(`w:${here.term}`)) display.set(`w:${here.term}`, here.negated ? `not … ${here.word}` : here.word);
    }
    const next = terms[i + 1];
    if (next && next.term !== '.') {
      const name = `b:${here.term} ${next.term}`;
      words.add(name);
      if (!display.has(name)) display.set(name, `${here.word} ${next.word}`);
    }
  }
  const scale = words.size > 0 ? 1 / Math.sqrt(words.size) : 0;
  for (const name of words) values.set(name, scale);
  return { values, display };
}

/** True for a feature built from the message's words rather than from a cue, the channel or the context. */
export const isWordFeature = (name: string): boolean => name.startsWith('w:') || name.startsWith('b:');
