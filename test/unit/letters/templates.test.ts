import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { LETTER_NAMES, type LetterName } from '../../../src/letters/catalogue.ts';
import {
  defaultTemplatesDir,
  letterTemplateFileNames,
  letterTemplateFiles,
  LetterTemplateError,
  loadLetterTemplates,
  renderLetter,
  templateFilesIn,
} from '../../../src/letters/render.ts';
import { examples, landlord, ombudsman } from './examples.ts';

describe('the template files', () => {
  it('every letter has a subject, an HTML and a text template, and every template belongs to a letter', () => {
    const expected = LETTER_NAMES.flatMap(letterTemplateFileNames).sort();

    expect(LETTER_NAMES).toHaveLength(23);
    expect(templateFilesIn()).toEqual(expected);
    expect(letterTemplateFiles().map((f) => basename(f)).sort()).toEqual(expected);
  });

  it('loads every letter’s sources, each subject on one line, to register with SES', () => {
    const templates = loadLetterTemplates();

    expect([...templates.keys()]).toEqual(LETTER_NAMES);
    for (const [name, t] of templates) {
      expect(t.subject, name).toMatch(/^[^\n]+$/);
      expect(t.html, name).toMatch(/^<!DOCTYPE html>/);
      expect(t.text.length, name).toBeGreaterThan(100);
    }
  });
});

// SES renders templates with Handlebars but allows no custom helpers; partials and @data are left out to be safe.
const SES_BLOCK_HELPERS = new Set(['if', 'unless', 'each']);

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

// Where a statement sits: which part, and whether inside an `{{#each}}` (whose items are already escaped in HTML).
interface Place {
  readonly file: string;
  readonly html: boolean;
  readonly inEach: boolean;
}

const startsWithH = (path: hbs.AST.PathExpression): boolean => path.depth === 0 && path.parts[0] === 'h';

function checkStatements(place: Place, statements: readonly hbs.AST.Statement[], findings: Finding[]): void {
  for (const statement of statements) {
    const found = (problem: string) => findings.push({ file: place.file, line: statement.loc.start.line, problem });
    switch (statement.type) {
      case 'ContentStatement':
        break;
      case 'MustacheStatement': {
        const m = statement as hbs.AST.MustacheStatement;
        if (m.path.type !== 'PathExpression' || m.params.length > 0 || m.hash) {
          found('a helper call or literal');
          break;
        }
        const path = m.path as hbs.AST.PathExpression;
        if (path.data) found('an @data variable');
        if (path.depth > 0) found('a parent path (../)');
        // Every renderer writes {{{x}}} as it is; whether it escapes {{x}} differs (aws-ses-v2-local does not).
        if (m.escaped) found('double braces: output is written only with {{{x}}}');
        if (place.html && !place.inEach && path.depth === 0 && !startsWithH(path)) found(`{{{${path.original}}}} in HTML: write the escaped copy, {{{h.${path.original}}}}`);
        if (!place.html && startsWithH(path)) found(`{{{${path.original}}}} outside HTML: text and subject write raw values`);
        break;
      }
      case 'BlockStatement': {
        const b = statement as hbs.AST.BlockStatement;
        const helper = b.path.original;
        if (!SES_BLOCK_HELPERS.has(helper)) found(`block helper ${helper}`);
        const param = b.params[0];
        if (b.params.length !== 1 || param?.type !== 'PathExpression' || b.hash) {
          found('a block with other than one path');
          break;
        }
        const path = param as hbs.AST.PathExpression;
        if (path.data || path.depth > 0) found('an @data variable or parent path in a block');
        if (helper === 'each' && place.html && !place.inEach && !startsWithH(path)) found(`{{#each ${path.original}}} in HTML: loop over h.${path.original}`);
        if (!place.html && startsWithH(path)) found(`{{#${helper} ${path.original}}} outside HTML: text and subject use raw values`);
        checkStatements({ ...place, inEach: place.inEach || helper === 'each' }, b.program.body, findings);
        if (b.inverse) checkStatements(place, b.inverse.body, findings);
        break;
      }
      default:
        found(statement.type);
    }
  }
}

describe('the templates use only what SES renders, and HTML writes only escaped text', () => {
  it.each(LETTER_NAMES)('%s: plain paths, if/unless/each, {{{h.x}}} in HTML and {{{x}}} in subject and text', (name) => {
    const template = loadLetterTemplates().get(name)!;
    const findings: Finding[] = [];

    checkStatements({ file: `${name}.subject.hbs`, html: false, inEach: false }, Handlebars.parse(template.subject).body, findings);
    checkStatements({ file: `${name}.html.hbs`, html: true, inEach: false }, Handlebars.parse(template.html).body, findings);
    checkStatements({ file: `${name}.txt.hbs`, html: false, inEach: false }, Handlebars.parse(template.text).body, findings);

    expect(findings).toEqual([]);
  });

  it('finds what it is there to find', () => {
    const findings: Finding[] = [];
    const html = '{{x}} {{{y}}} {{{h.z}}} {{#each list}}{{{a}}}{{/each}} {{#each h.list}}{{{this}}}{{b}}{{/each}} {{../c}}';

    checkStatements({ file: 'test.html.hbs', html: true, inEach: false }, Handlebars.parse(html).body, findings);
    checkStatements({ file: 'test.txt.hbs', html: false, inEach: false }, Handlebars.parse('{{{h.x}}} {{{x}}}').body, findings);

    expect(findings.map((f) => f.problem)).toEqual([
      'double braces: output is written only with {{{x}}}',
      '{{{x}}} in HTML: write the escaped copy, {{{h.x}}}',
      '{{{y}}} in HTML: write the escaped copy, {{{h.y}}}',
      '{{#each list}} in HTML: loop over h.list',
      'double braces: output is written only with {{{x}}}',
      'a parent path (../)',
      'double braces: output is written only with {{{x}}}',
      '{{{h.x}}} outside HTML: text and subject write raw values',
    ]);
  });

  // The same rule read straight from the files, without Handlebars' parser: no `{{x}}` output anywhere in HTML.
  const doubleBraceOutput = (source: string): string[] =>
    source.match(/(?<!\{)\{\{(?!\{)(?!\s*(?:[#/^!>]|else\s*\}\}))[^}]*\}\}/g) ?? [];

  it('the scan finds {{x}} and passes blocks, {{else}} and {{{x}}}', () => {
    const source = '<p>{{#if a}}{{{h.a}}}{{else}}{{ b.c }}{{/if}}</p>{{#each h.l}}<li>{{{this}}}{{this}}</li>{{/each}}';

    expect(doubleBraceOutput(source)).toEqual(['{{ b.c }}', '{{this}}']);
  });

  it.each(LETTER_NAMES)('%s.html.hbs has no double-brace output', (name) => {
    const source = readFileSync(join(defaultTemplatesDir(), `${name}.html.hbs`), 'utf8');

    expect(doubleBraceOutput(source)).toEqual([]);
    expect(source).toMatch(/\{\{\{h\.[A-Za-z]/);
  });
});

// Optional fields, wherever they sit in a letter's data; the landlord's and the Ombudsman's by their block.
const OPTIONAL = new Set([
  'residentName', 'signedBy', 'residentSubject', 'requestSummary', 'clarificationRequest', 'whatWeWillDoInstead',
  'officerName', 'handlerName', 'caseUrl', 'requestBy', 'stage2RequestBy', 'responsibleFor', 'notResponsibleFor', 'comments',
]);
const OPTIONAL_IN_BLOCK: Record<string, Set<string>> = {
  landlord: new Set(['telephone', 'textNumber', 'website', 'complaintForm']),
  ombudsman: new Set(['onlineForm', 'post', 'scheme']),
};

function withoutOptionalFields(value: unknown, block?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutOptionalFields(v));
  if (value === null || typeof value !== 'object') return value;
  const optional = (block && OPTIONAL_IN_BLOCK[block]) || OPTIONAL;
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !optional.has(key)).map(([key, v]) => [key, withoutOptionalFields(v, key)]),
  );
}

function expectNoGaps(name: LetterName, letter: { subject: string; text: string; html: string }): void {
  for (const part of [letter.subject, letter.text, letter.html]) {
    expect(part, name).not.toMatch(/undefined|null|\[object Object\]|“”|\(\)/);
  }
  expect(letter.subject, name).not.toMatch(/\s{2}|^\s|\s$/);
  expect(letter.text, `${name} text has no run of blank lines`).not.toMatch(/\n\s*\n\s*\n/);
  expect(letter.text, `${name} text has no trailing spaces`).not.toMatch(/[ \t]$/m);
  expect(letter.text, `${name} text starts with the greeting`).toMatch(/^(Dear|Hello)/);
  expect(letter.text, `${name} text ends with one newline`).toMatch(/[^\n]\n$/);
  expect(letter.html, `${name} HTML has no empty element`).not.toMatch(/<(p|ul|ol|li|h2)>\s*<\/\1>/);
}

describe('every letter reads well with and without its optional data', () => {
  it.each(LETTER_NAMES)('%s with every field', (name) => {
    expectNoGaps(name, renderLetter(name, examples[name] as never));
  });

  it.each(LETTER_NAMES)('%s with only the fields it needs', (name) => {
    const letter = renderLetter(name, withoutOptionalFields(examples[name]) as never);

    expectNoGaps(name, letter);
    expect(letter.text).not.toContain(landlord.telephone);
    expect(letter.text).not.toContain(ombudsman.post);
  });
});

describe('no letter names a landlord or an Ombudsman it was not given', () => {
  const other = {
    landlord: { name: 'Dennetts Housing Co-op', complaintsEmail: 'office@dennetts.example', telephone: '020 7946 0001' },
    ombudsman: { name: 'Test Ombudsman', website: 'https://ombudsman.example', telephone: '0300 000 0000', email: 'help@ombudsman.example' },
  };

  it.each(LETTER_NAMES)('%s', (name) => {
    const example: object = examples[name];
    const data = { ...example, landlord: other.landlord, ...('ombudsman' in example ? { ombudsman: other.ombudsman } : {}) };

    const letter = renderLetter(name, data as never);

    const everything = [letter.subject, letter.text, letter.html].join('\n');
    for (const given of [landlord.name, landlord.complaintsEmail, landlord.telephone, landlord.complaintForm, ombudsman.telephone, 'housing-ombudsman.org.uk', 'Liverpool']) {
      expect(everything.toLowerCase()).not.toContain(given.toLowerCase());
    }
    expect(everything).toContain('Dennetts Housing Co-op');
  });
});

describe('a Lambda bundle passes its own templates directory', () => {
  const copy = mkdtempSync(join(tmpdir(), 'redress-templates-'));
  for (const file of readdirSync(defaultTemplatesDir())) copyFileSync(join(defaultTemplatesDir(), file), join(copy, file));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('renders from the directory it is given', () => {
    writeFileSync(join(copy, 'extension.subject.hbs'), 'More time needed ({{{caseRef}}})\n');

    expect(renderLetter('extension', examples.extension, copy).subject).toBe('More time needed (C-7K2M9Q4T)');
    expect(renderLetter('extension', examples.extension).subject).toBe('We need more time to respond to your complaint (reference C-7K2M9Q4T)');
    expect(loadLetterTemplates(copy).get('extension')!.subject).toBe('More time needed ({{{caseRef}}})');
    expect(letterTemplateFiles(copy)[0]).toBe(join(copy, 'complaint-received.subject.hbs'));
  });

  it('names the missing file when a template is not there', () => {
    unlinkSync(join(copy, 'weekly-digest.txt.hbs'));

    expect(() => renderLetter('weekly-digest', examples['weekly-digest'], copy)).toThrow(LetterTemplateError);
    expect(() => loadLetterTemplates(copy)).toThrow(/weekly-digest\.txt\.hbs/);
  });
});
