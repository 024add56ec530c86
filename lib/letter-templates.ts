// The letter templates in templates/, read for deployment as SES templates. Each letter is up to three files:
// <name>.subject.hbs (required), <name>.html.hbs and <name>.txt.hbs (at least one of them).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sesTemplateName } from '../src/adapters/ses/ses-mailer.ts';

/** One letter's template, as SES will hold it. */
export interface LetterTemplateSource {
  /** The letter's name: the file names' stem (`stage1-acknowledgement`). */
  readonly name: string;
  /** The SES template name: `<configuration set>-<name>` (src/adapters/ses/ses-mailer.ts sends by this name). */
  readonly sesName: string;
  readonly subject: string;
  readonly html?: string;
  readonly text?: string;
  /** The files read, for copying into bundles. */
  readonly files: readonly string[];
}

/** A template set that SES would refuse. */
export class LetterTemplateFilesError extends Error {
  override readonly name = 'LetterTemplateFilesError';
}

const SUBJECT = '.subject.hbs';

/** Reads every letter in `dir`, naming each for the stage's configuration set; a missing directory means no letters yet. */
export function readLetterTemplates(dir: string, configurationSet = 'redress'): LetterTemplateSource[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
  const names = files.filter((f) => f.endsWith(SUBJECT)).map((f) => f.slice(0, -SUBJECT.length));
  const orphans = files.filter((f) => !names.some((n) => f === `${n}${SUBJECT}` || f === `${n}.html.hbs` || f === `${n}.txt.hbs`));
  if (orphans.length > 0) throw new LetterTemplateFilesError(`${dir}: ${orphans.join(', ')} belong to no letter (each letter needs <name>${SUBJECT})`);
  return names.map((name) => {
    const read = (suffix: string) => {
      const file = join(dir, `${name}${suffix}`);
      return existsSync(file) ? { file, text: readFileSync(file, 'utf8') } : undefined;
    };
    const subject = read(SUBJECT)!;
    const html = read('.html.hbs');
    const text = read('.txt.hbs');
    if (!html && !text) throw new LetterTemplateFilesError(`${dir}: letter ${name} has a subject but neither ${name}.html.hbs nor ${name}.txt.hbs`);
    if (!/^[a-z0-9-]+$/.test(name)) throw new LetterTemplateFilesError(`${dir}: letter name ${name} must be lower-case letters, digits and hyphens`);
    return {
      name,
      sesName: sesTemplateName(name, configurationSet),
      subject: subject.text.trim(),
      ...(html ? { html: html.text } : {}),
      ...(text ? { text: text.text } : {}),
      files: [subject, html, text].filter((f) => f !== undefined).map((f) => f.file),
    };
  });
}
