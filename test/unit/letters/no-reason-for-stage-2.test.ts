import { describe, expect, it } from 'vitest';
import { LETTER_NAMES } from '../../../src/letters/catalogue.ts';
import { renderLetter } from '../../../src/letters/render.ts';
import { examples } from './examples.ts';
import { readBothParts } from './read-letter.ts';

// Code 6.12: a resident does not have to explain why they want stage 2. No letter may ask them to.
const ASKS_A_REASON = /tell us why|(give|state|tell us) (us )?(a|your|the) reasons? (for|why)|explain why you|say why you|please give (us )?(a|your) reason/i;

describe('no letter asks the resident for a reason to go to stage 2 (Code 6.12)', () => {
  it.each(LETTER_NAMES.filter((n) => !['officer-reminder', 'milestone-overdue', 'weekly-digest', 'survey-handling-follow-up'].includes(n)))('%s', (name) => {
    const { text, html } = readBothParts(renderLetter(name, examples[name] as never));

    expect(text).not.toMatch(ASKS_A_REASON);
    expect(html).not.toMatch(ASKS_A_REASON);
  });

  it('the letters that offer stage 2 say no reason is needed', () => {
    for (const name of ['stage-1-response', 'survey-unhappy-outcome'] as const) {
      expect(readBothParts(renderLetter(name, examples[name] as never)).text, name).toContain('You do not need to give a reason');
    }
  });

  it('the satisfaction survey says how to complain (Code 1.6)', () => {
    const { text } = readBothParts(renderLetter('satisfaction-survey', examples['satisfaction-survey']));

    expect(text).toContain('If you are unhappy and want to complain');
    expect(text).toContain(examples['satisfaction-survey'].landlord.complaintsEmail);
  });
});

describe('an extension longer than the Code allows (6.4, 6.15)', () => {
  it('gives the resident the good reason for it', () => {
    const goodReason = 'The structural engineer cannot visit before January.';
    const { text, html } = readBothParts(renderLetter('extension', { ...examples.extension, goodReason }));

    expect(text).toContain(goodReason);
    expect(html).toContain(goodReason);
    expect(readBothParts(renderLetter('extension', examples.extension)).text).not.toContain('longer than the usual extension');
  });
});
