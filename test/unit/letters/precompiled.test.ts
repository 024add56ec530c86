// A deployed function renders letters from templates precompiled when it was bundled (lib/bundling.ts
// precompileLetters); locally they are compiled on first use. Both must give the same letters, word for word, and
// fail the same way, or the copy Redress keeps would differ from what it shows in tests and npm start.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompileLetters } from '../../../lib/bundling.ts';
import { LETTER_NAMES, type LetterName } from '../../../src/letters/catalogue.ts';
import { defaultTemplatesDir, letterTemplateData, LetterTemplateError, PRECOMPILED_DIR, renderLetter } from '../../../src/letters/render.ts';
import { examples } from './examples.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the repository's templates, changed as given, as a bundle has them: precompiled unless told not to. */
function templatesCopy(change: Record<string, string> = {}, precompiled = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'redress-precompiled-'));
  made.push(dir);
  for (const file of readdirSync(defaultTemplatesDir()).filter((f) => f.endsWith('.hbs'))) copyFileSync(join(defaultTemplatesDir(), file), join(dir, file));
  for (const [file, text] of Object.entries(change)) writeFileSync(join(dir, file), text);
  if (precompiled) precompileLetters(dir);
  return dir;
}

/**
 * Each letter's example, then the example with each of its fields left out in turn where its schema allows, so that
 * both sides of the templates' `{{#if}}`s are rendered.
 */
function dataFor(name: LetterName): [string, object][] {
  const example: Record<string, unknown> = examples[name];
  const without = Object.keys(example).map((field): [string, object] => {
    const { [field]: _left, ...rest } = example;
    return [`without ${field}`, rest];
  });
  const fits = ([, data]: [string, object]) => {
    try {
      letterTemplateData(name, data as never);
      return true;
    } catch {
      return false;
    }
  };
  return [['example', example], ...without.filter(fits)];
}

describe('letters rendered from precompiled templates', () => {
  const bundled = templatesCopy();

  it('are precompiled a file per letter, every letter', () => {
    expect(readdirSync(join(bundled, PRECOMPILED_DIR)).sort()).toEqual(LETTER_NAMES.map((name) => `${name}.cjs`).sort());
  });

  // The same letter, or the same failure: data its schema lets through and a template then refuses (strict) must be
  // refused both ways.
  const outcome = (name: LetterName, data: object, dir?: string) => {
    try {
      return renderLetter(name, data as never, dir);
    } catch (error) {
      return { error: `${error}`, cause: `${(error as Error).cause}` };
    }
  };

  it.each(LETTER_NAMES)('%s is the same as when compiled on first use', (name) => {
    for (const [what, data] of dataFor(name)) {
      expect(outcome(name, data, bundled), `${name}, ${what}`).toEqual(outcome(name, data));
    }
  });

  it('fail as compiled ones do when a template names a field its data lacks: a LetterTemplateError, with Handlebars\' reason', () => {
    const broken = { 'extension.subject.hbs': 'More time needed ({{{caseReference}}})\n' };
    const failure = (dir: string) => {
      try {
        renderLetter('extension', examples.extension, dir);
      } catch (error) {
        return error;
      }
      throw new Error('rendered a letter whose subject names a field its data lacks');
    };

    const precompiled = failure(templatesCopy(broken));
    const compiled = failure(templatesCopy(broken, false));

    expect(precompiled).toBeInstanceOf(LetterTemplateError);
    expect(compiled).toBeInstanceOf(LetterTemplateError);
    expect((precompiled as Error).message).toBe('the subject of letter extension needs data it was not given');
    expect((precompiled as Error).message).toBe((compiled as Error).message);
    expect(((precompiled as Error).cause as Error).message).toMatch(/"caseReference" not defined/);
    expect(((precompiled as Error).cause as Error).message).toBe(((compiled as Error).cause as Error).message);
  });

  it('never fall back to the sources: a letter missing from the precompiled ones is a LetterTemplateError', () => {
    const dir = templatesCopy();
    unlinkSync(join(dir, PRECOMPILED_DIR, 'weekly-digest.cjs'));

    expect(() => renderLetter('weekly-digest', examples['weekly-digest'], dir)).toThrow(LetterTemplateError);
    expect(() => renderLetter('weekly-digest', examples['weekly-digest'], dir)).toThrow(/no precompiled template file .*weekly-digest\.cjs/);
  });
});

describe('precompiling a bundle\'s templates', () => {
  it('refuses a letter with some of its files missing, rather than deploy a letter that cannot be sent', () => {
    const dir = templatesCopy({}, false);
    unlinkSync(join(dir, 'extension.txt.hbs'));

    expect(() => precompileLetters(dir)).toThrow(/extension\.txt\.hbs/);
  });

  it('leaves out letters with no files, and still makes the folder, so a bundle never looks for the compiler', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-precompiled-'));
    made.push(dir);

    precompileLetters(dir);

    expect(existsSync(join(dir, PRECOMPILED_DIR))).toBe(true);
    expect(readdirSync(join(dir, PRECOMPILED_DIR))).toEqual([]);
    expect(() => renderLetter('extension', examples.extension, dir)).toThrow(LetterTemplateError);
  });
});
