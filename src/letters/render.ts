// Renders letters from templates/ exactly as SES renders them, so Redress keeps a true copy of what was sent. HTML
// templates write only the pre-escaped `h` copy with `{{{…}}}`, so the copy matches whether or not a renderer escapes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime';
import * as z from 'zod';
import { onFirstUse } from '../first-use.ts';
import {
  LETTER_NAMES,
  LETTER_SCHEMAS,
  type LetterData,
  type LetterFields,
  type LetterName,
  type LetterTemplateData,
} from './catalogue.ts';
import { htmlEscaped } from './html-escape.ts';

/**
 * The templates shipped with Redress, beside this source tree. A Lambda bundle that copies them elsewhere passes its
 * own directory instead; this is worked out only when needed, since a bundle may have no usable `import.meta.url`.
 */
export const defaultTemplatesDir = (): string => fileURLToPath(new URL('../../templates/', import.meta.url));

/** The three parts of a letter, as template sources or as rendered text. */
export interface LetterParts {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** A rendered letter, with the template name and data to send to SES so that it renders the same. */
export interface RenderedLetter<N extends LetterName = LetterName> extends LetterParts {
  readonly templateName: N;
  readonly templateData: LetterTemplateData<N>;
}

/** A letter's data does not fit its schema. `problems` name fields, never their values (they are personal data). */
export class InvalidLetterDataError extends Error {
  override readonly name = 'InvalidLetterDataError';
  constructor(
    readonly letterName: string,
    readonly problems: readonly string[],
  ) {
    super(`data for letter ${letterName} is not valid: ${problems.join('; ')}`);
  }
}

/** A template file is missing, or a template refers to data its schema does not give. */
export class LetterTemplateError extends Error {
  override readonly name = 'LetterTemplateError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

const PART_FILES = { subject: 'subject.hbs', html: 'html.hbs', text: 'txt.hbs' } as const;

/** The three template file names of a letter. */
export const letterTemplateFileNames = (name: LetterName): string[] =>
  Object.values(PART_FILES).map((suffix) => `${name}.${suffix}`);

/** Every template file of every letter, as absolute paths. */
export function letterTemplateFiles(dir: string = defaultTemplatesDir()): string[] {
  return LETTER_NAMES.flatMap((name) => letterTemplateFileNames(name).map((file) => join(dir, file)));
}

/** The `.hbs` files in a templates directory, whether or not they belong to a letter. */
export function templateFilesIn(dir: string = defaultTemplatesDir()): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
}

function readTemplate(dir: string, name: LetterName): LetterParts {
  const read = (suffix: string): string => {
    const path = join(dir, `${name}.${suffix}`);
    try {
      return readFileSync(path, 'utf8');
    } catch (cause) {
      throw new LetterTemplateError(`no template file ${path}`, { cause });
    }
  };
  // A subject is one line: the file's closing newline is not part of it.
  return { subject: read(PART_FILES.subject).trim(), html: read(PART_FILES.html), text: read(PART_FILES.text) };
}

/**
 * Every letter's raw template sources, by name: to register SES templates at start-up (locally) or deploy them.
 * @example for (const [TemplateName, t] of loadLetterTemplates()) await ses.send(new CreateEmailTemplateCommand(
 *   { TemplateName, TemplateContent: { Subject: t.subject, Html: t.html, Text: t.text } }));
 */
export function loadLetterTemplates(dir: string = defaultTemplatesDir()): Map<LetterName, LetterParts> {
  return new Map(LETTER_NAMES.map((name) => [name, readTemplate(dir, name)]));
}

// Letters are rendered with Handlebars' runtime: templates compiled to JavaScript, given data, give text. A deployed
// function carries only the runtime (about 18 kB, against 83 kB with the compiler), its templates compiled when it
// was bundled (lib/bundling.ts precompileLetters), so a cold start neither loads the compiler nor compiles a template
// (a function's first letter took about 28 ms to render when compiled then, 9 ms precompiled: 3 December 2026).
// Locally (npm start, the tests) there is nothing precompiled, and the compiler is loaded on first use.
//
// Either way the same Handlebars compiles them with the same options (here, or when the function was bundled), and
// the same runtime code runs them: isolated instances with only the built-in helpers, as SES allows. Strict: a
// template that names a field its data lacks throws here rather than sending a letter with a gap in it (SES would
// render the gap silently). test/unit/letters/precompiled.test.ts holds the two ways to the same letters.
const TEMPLATE_OPTIONS = { strict: true } as const;

/**
 * The folder inside a templates directory that holds each letter's precompiled templates, `<letter>.cjs`. They are
 * code, loaded with require(): a templates directory is trusted as the bundle is (deployed, both are /var/task).
 */
export const PRECOMPILED_DIR = 'precompiled';

// The runtime's types are the whole of Handlebars'; this is the part it has. Made when the first letter is rendered:
// a bundle loads the runtime itself only then (LAZY_TEMPLATE_RUNTIMES in lib/bundling.ts).
const runtime = onFirstUse((): Pick<typeof Handlebars, 'template'> => HandlebarsRuntime.create());

let compiler: typeof Handlebars | undefined;
/** Handlebars with its compiler, loaded on first use so that a bundle never carries it (esbuild sees no import). */
function templateCompiler(): typeof Handlebars {
  if (!compiler) {
    try {
      compiler = (createRequire(import.meta.url)('handlebars') as typeof Handlebars).create();
    } catch (cause) {
      throw new LetterTemplateError('the letter templates are not precompiled, and Handlebars\' compiler is not installed to compile them', { cause });
    }
  }
  return compiler;
}

type Render = (data: unknown) => string;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
type LetterRenders = { readonly [P in keyof LetterParts]: Render };
const PARTS = Object.keys(PART_FILES) as (keyof LetterParts)[];
const templates = new Map<string, LetterRenders>();

/** A letter's precompiled templates, as written by {@link precompiledLetter}: each part's template specification. */
function precompiledTemplates(dir: string, name: LetterName): LetterRenders {
  const file = resolve(dir, PRECOMPILED_DIR, `${name}.cjs`);
  let specs: Record<keyof LetterParts, TemplateSpecification>;
  try {
    specs = createRequire(file)(file) as typeof specs;
  } catch (cause) {
    throw new LetterTemplateError(`no precompiled template file ${file}`, { cause });
  }
  return Object.fromEntries(PARTS.map((part) => [part, runtime().template(specs[part])])) as LetterRenders;
}

/** A letter's templates compiled from their sources, here and now. */
function compiledTemplates(dir: string, name: LetterName): LetterRenders {
  const source = readTemplate(dir, name);
  const handlebars = templateCompiler();
  return Object.fromEntries(PARTS.map((part) => [part, handlebars.compile(source[part], TEMPLATE_OPTIONS)])) as LetterRenders;
}

/**
 * One letter's templates, precompiled: a CommonJS module, each part's template specification by part, for
 * `templates/precompiled/<letter>.cjs` in a bundle (lib/bundling.ts writes it, then minifies it).
 */
export function precompiledLetter(dir: string, name: LetterName): string {
  const source = readTemplate(dir, name);
  const handlebars = templateCompiler();
  return `module.exports = {\n${PARTS.map((part) => `${part}: ${handlebars.precompile(source[part], TEMPLATE_OPTIONS)}`).join(',\n')}\n};\n`;
}

/**
 * A letter's templates, ready to render: precompiled when its templates directory has them (a bundle always does),
 * else compiled from its sources. Kept once made, for the life of the process.
 */
function letterTemplates(dir: string, name: LetterName): LetterRenders {
  const key = `${dir}\0${name}`;
  let parts = templates.get(key);
  if (!parts) {
    const made = existsSync(join(dir, PRECOMPILED_DIR)) ? precompiledTemplates(dir, name) : compiledTemplates(dir, name);
    const checked = (part: keyof LetterParts): Render => (data) => {
      try {
        return made[part](data);
      } catch (cause) {
        throw new LetterTemplateError(`the ${part} of letter ${name} needs data it was not given`, { cause });
      }
    };
    parts = { subject: checked('subject'), html: checked('html'), text: checked('text') };
    templates.set(key, parts);
  }
  return parts;
}

// The same map, typed so that a letter's schema is known to give that letter's fields.
const SCHEMAS: { readonly [K in LetterName]: z.ZodType<LetterFields<K>, LetterData<K>> } = LETTER_SCHEMAS;

/**
 * Checks a letter's data and gives the TemplateData to send to SES for it: the schema's output, and under `h` the
 * same with every string HTML-escaped. HTML templates write only `{{{h.…}}}`, so a letter's HTML is escaped the
 * same whether or not the renderer escapes `{{x}}` (aws-ses-v2-local does not; SES's behaviour is unproven).
 * @throws InvalidLetterDataError listing every problem.
 */
export function letterTemplateData<N extends LetterName>(name: N, data: LetterData<N>): LetterTemplateData<N> {
  const parsed = SCHEMAS[name].safeParse(data);
  if (!parsed.success) {
    throw new InvalidLetterDataError(
      name,
      parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(letter)'}: ${issue.message}`),
    );
  }
  return { ...parsed.data, h: htmlEscaped(parsed.data) };
}

/**
 * Renders a letter's subject, HTML and text from its templates, after checking its data.
 * @throws InvalidLetterDataError when the data does not fit the letter.
 * @example renderLetter('extension', { caseRef: 'C-7K2M9Q4T', stage: 'stage-1', ... }).text
 */
export function renderLetter<N extends LetterName>(
  name: N,
  data: LetterData<N>,
  templatesDir: string = defaultTemplatesDir(),
): RenderedLetter<N> {
  const templateData = letterTemplateData(name, data);
  const template = letterTemplates(templatesDir, name);
  return {
    templateName: name,
    templateData,
    subject: template.subject(templateData),
    html: template.html(templateData),
    text: template.text(templateData),
  };
}
