// Reads a rendered letter the way a resident would: the text part as it is, the HTML part as the words on screen.
import type { LetterParts } from '../../../src/letters/render.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities Handlebars writes (named, decimal and hex). */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The words of an HTML letter, tags removed and entities decoded, on one line. */
export const visibleText = (html: string): string =>
  squash(
    decodeEntities(
      html
        .replace(/<head>[\s\S]*<\/head>/, ' ')
        // Inline tags sit inside a sentence; block tags and <br> separate text.
        .replace(/<\/?(a|strong|em|b|i|span)\b[^>]*>/g, '')
        .replace(/<[^>]*>/g, ' '),
    ),
  );

/** Both parts of a letter as words on one line each, so a phrase can be looked for in each. */
export const readBothParts = (letter: LetterParts): { text: string; html: string } => ({
  text: squash(letter.text),
  html: visibleText(letter.html),
});

/** Where each phrase first appears in a part, to check that sections come in order. */
export const positionsOf = (part: string, phrases: readonly string[]): number[] => phrases.map((p) => part.indexOf(p));
