// Issue 14, item 8: a resident's escape sequences and bidi overrides never reach an officer's terminal raw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printable, printableJson } from '../../src/cli/terminal-text.ts';
import { openHarness, type Harness } from '../support/local-redress.ts';
import { jsonLines, runRedress } from '../support/run-redress.ts';

// Retitles the terminal, clears the screen, a C1 CSI, a right-to-left override and a bidi isolate.
const HOSTILE = 'Leak\u001b]0;you have been pwned\u0007 again\u001b[2J\u001b[1;31m red\u009b31m \u202Etxt.exe\u2066 hidden\u2069';
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('text for a terminal', () => {
  it('drops escape sequences whole, and the control and bidi characters, keeping the words', () => {
    const shown = printable(HOSTILE);

    expect(shown).not.toMatch(FORBIDDEN);
    expect(shown).toBe('Leak again red txt.exe hidden');
  });

  it('keeps line breaks so a whole report can be cleaned at once', () => {
    expect(printable('one\ntwo\tthree\u2028four')).toBe('one\ntwo three four');
  });

  it('writes JSON with every such character escaped, so it parses back to exactly the same value', () => {
    const json = printableJson({ subject: HOSTILE });

    expect(json).not.toMatch(FORBIDDEN);
    expect(JSON.parse(json)).toEqual({ subject: HOSTILE });
  });
});

describe('redress cases with a resident\'s hostile subject', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
    const subject = `=?utf-8?B?${Buffer.from(HOSTILE).toString('base64')}?=`;
    await h.sendRaw(
      ['From: wyn@example.com', 'To: homes@demo.redress.test', `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Please fix the leak in my kitchen.'].join('\r\n'),
      { from: 'wyn@example.com' },
    );
  });
  afterAll(() => h.close());

  const env = () => ({ REDRESS_URL: h.redress.url, REDRESS_STAFF_TOKEN: h.redress.staffToken });

  it('prints the case list with no escape sequence or bidi override, and the words still there', async () => {
    const [message] = await h.redress.intake.messages.listMessages('demo');
    expect(message!.subject).toContain('\u202E');

    const run = await runRedress(['cases'], '', env());

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(message!.caseRef!);
    expect(run.stdout).toContain('Leak again');
    expect(run.stdout).not.toMatch(FORBIDDEN);
  });

  it('prints --json that a terminal cannot act on and a program reads back whole', async () => {
    const run = await runRedress(['cases', '--json'], '', env());

    expect(run.stdout).not.toMatch(FORBIDDEN);
    const report = jsonLines(run.stdout.replace(/\n(?!$)/g, ' '))[0] as { cases: { summary: string }[] };
    expect(report.cases[0]!.summary).toBe(HOSTILE);
  });
});
