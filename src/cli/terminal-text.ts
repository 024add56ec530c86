// What a terminal would act on rather than show: escape sequences (colour, retitling, cursor moves, hyperlinks),
// the other C0 and C1 controls, and the Unicode format characters that reorder or hide text (bidi overrides and
// isolates, marks, zero-width spaces). A resident's words reach an officer's terminal; none of these may.
//
// ECMA-48: string controls (OSC, DCS, SOS, PM, APC) up to their terminator, CSI sequences, then any other escape.
// An unterminated string control stops at the line's end, so one bad sequence cannot swallow a whole report.
const ESCAPE_SEQUENCES =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LINE_SEPARATORS = /[\u2028\u2029\t]/g;

/**
 * Text made safe to print: escape sequences removed whole, other control and bidi characters removed, tabs and
 * Unicode line separators turned to spaces. Newlines stay, so a whole report can be passed at once.
 * @example printable('Leak\u001b]0;pwned\u0007 \u202Eevil') // 'Leak evil'
 */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '').replace(BIDI_AND_INVISIBLE, '').replace(LINE_SEPARATORS, ' ');
}

const ESCAPE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * JSON for a terminal: the same value, with the characters `JSON.stringify` leaves raw but a terminal would act on
 * (C1 controls, bidi and invisible format characters) written as `\uXXXX` escapes. C0 controls JSON escapes already.
 */
export function printableJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(ESCAPE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
