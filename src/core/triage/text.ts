import { stemmer } from 'stemmer';

// Texting shorthand residents use, read as the words they stand for before stemming. A Map, not an object: a
// resident's word is the key, and "constructor" must not find Object's own (issue 14).
const SHORTHAND: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  u: ['you'], ur: ['your'], yr: ['your'], pls: ['please'], plz: ['please'], thru: ['through'], b4: ['before'],
  noone: ['nobody'], nobody: ['nobody'], someone: ['somebody'], cos: ['because'], coz: ['because'], msg: ['message'], txt: ['text'],
  im: ['i', 'am'], ive: ['i', 'have'], dont: ['do', 'not'], didnt: ['did', 'not'], cant: ['can', 'not'],
  wont: ['will', 'not'], isnt: ['is', 'not'], wasnt: ['was', 'not'], havent: ['have', 'not'], hasnt: ['has', 'not'],
  doesnt: ['does', 'not'], shouldnt: ['should', 'not'], couldnt: ['could', 'not'], wouldnt: ['would', 'not'],
  arent: ['are', 'not'], werent: ['were', 'not'], aint: ['is', 'not'], thats: ['that', 'is'], theyd: ['they', 'would'],
  ppl: ['people'], tho: ['though'], ta: ['thanks'], thx: ['thanks'], thanx: ['thanks'], cheers: ['thanks'],
}));

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nor']);
// A negation reaches this many words forward, and stops at punctuation.
const NEGATION_REACH = 3;

/**
 * Typographic quotes and dashes as plain ASCII, keeping every character's position,
 * so a phrase found in the normalised text can be quoted from the resident's own words.
 */
export function plainPunctuation(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-');
}

/** Lower-case word tokens, with shorthand and "n't" spelled out; sentence punctuation kept as `.`. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  const raw = plainPunctuation(text).toLowerCase().match(/[a-z0-9£$]+(?:'[a-z]+)?|[.!?;:\n]/g) ?? [];
  for (const token of raw) {
    if (/^[.!?;:\n]$/.test(token)) {
      words.push('.');
      continue;
    }
    const [stem = token, suffix] = token.split("'");
    if (suffix === 't' && stem.endsWith('n')) {
      const verb = stem === 'can' || stem === 'won' ? (stem === 'won' ? 'will' : 'can') : stem.slice(0, -1);
      words.push(verb, 'not');
      continue;
    }
    const expanded = SHORTHAND.get(stem);
    if (expanded) words.push(...expanded);
    else if (stem === 'one' && words.at(-1) === 'no') words.splice(-1, 1, 'nobody');
    else words.push(stem);
  }
  return words;
}

/** A stemmed term for the trained model, with the word the resident wrote and whether a negation reaches it. */
export type Term = { term: string; word: string; negated: boolean };

/**
 * Stemmed terms for the trained model: a word after "not", "no" or "never" (up to three words, stopping at
 * punctuation) is marked `not_`, so "not happy" and "happy" count as different evidence.
 */
export function termsOf(text: string): Term[] {
  const terms: Term[] = [];
  let negatedFor = 0;
  for (const word of wordsOf(text)) {
    if (word === '.') {
      negatedFor = 0;
      terms.push({ term: '.', word, negated: false });
      continue;
    }
    if (NEGATORS.has(word)) {
      negatedFor = NEGATION_REACH;
      terms.push({ term: word, word, negated: false });
      continue;
    }
    const stem = /^\d+$/.test(word) ? '#num' : stemmer(word);
    terms.push({ term: negatedFor > 0 ? `not_${stem}` : stem, word, negated: negatedFor > 0 });
    if (negatedFor > 0) negatedFor -= 1;
  }
  return terms;
}
