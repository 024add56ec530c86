// Issue 16, item 6: real SES accepts a templated letter, gives a message id, and only then drops it when its data
// lacks a variable the template names (a Rendering Failure event). Redress's own renderer cannot show that: Handlebars'
// strict mode lets `{{#if x}}` pass when x is absent. So every template is read as SES reads it, every variable it
// names is looked up in the letter's data, and a letter whose data (full, or with every optional field left out)
// lacks one fails here, naming the letter, the file and the variable.
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { sesTemplateData } from '../../../src/adapters/ses/template-data.ts';
import { LETTER_NAMES, LETTER_SCHEMAS, type LetterName } from '../../../src/letters/catalogue.ts';
import { letterTemplateData, loadLetterTemplates } from '../../../src/letters/render.ts';
import { examples } from './examples.ts';

type Data = Record<string, unknown>;
const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The letter's data with every field the schema lets it leave out left out (and every list it lets be empty
 * emptied), one at a time, so that fields that are optional only together (a notice's milestone or action) keep one.
 */
export function minimalData(name: LetterName, data: Data): Data {
  const valid = (candidate: Data) => LETTER_SCHEMAS[name].safeParse(candidate).success;
  const root = structuredClone(data);
  const visit = (node: Data) => {
    for (const key of Object.keys(node)) {
      const value = node[key];
      delete node[key];
      if (valid(root)) continue;
      node[key] = value;
      if (Array.isArray(value) && value.length > 0) {
        node[key] = [];
        if (valid(root)) continue;
        node[key] = value;
        for (const item of value) if (isRecord(item)) visit(item);
      } else if (isRecord(value)) {
        visit(value);
      }
    }
  };
  visit(root);
  return root;
}

/** A variable a template names that its data does not have. */
interface Missing {
  readonly part: string;
  readonly line: number;
  readonly variable: string;
}

type Node = hbs.AST.Node;

/**
 * Walks a template as SES renders it, with the data it would render from: every path in a mustache or a block's
 * parameters must exist in its context (`{{#each}}` bodies are read against each item; `../` climbs out). Both
 * branches of `{{#if}}` are read, whichever the data takes: the letter must carry the variables of the branch it
 * does not take too.
 */
function missingVariables(part: string, source: string, data: Data): Missing[] {
  const missing: Missing[] = [];
  const lookUp = (path: hbs.AST.PathExpression, contexts: readonly unknown[]): { found: boolean; value?: unknown } => {
    if (path.data) return { found: true };
    let value: unknown = contexts[contexts.length - 1 - path.depth];
    for (const segment of path.parts) {
      // Below a field that is present but null there is nothing to name: SES renders the whole path as empty.
      if (value === null) return { found: true, value: null };
      if (!isRecord(value) || !(segment in value)) return { found: false };
      value = value[segment];
    }
    return { found: true, value };
  };
  const check = (expr: hbs.AST.Expression, contexts: readonly unknown[], line: number): unknown => {
    if (expr.type !== 'PathExpression') return undefined;
    const path = expr as hbs.AST.PathExpression;
    const { found, value } = lookUp(path, contexts);
    if (!found) missing.push({ part, line, variable: path.original });
    return value;
  };
  const walk = (node: Node | undefined, contexts: readonly unknown[]): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const s of (node as hbs.AST.Program).body) walk(s, contexts);
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        check(m.path, contexts, m.loc.start.line);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const helper = (b.path as hbs.AST.PathExpression).original;
        const value = b.params[0] ? check(b.params[0], contexts, b.loc.start.line) : undefined;
        if (helper === 'each') {
          for (const item of Array.isArray(value) ? value : []) walk(b.program, [...contexts, item]);
          walk(b.inverse, contexts);
          return;
        }
        walk(b.program, contexts);
        walk(b.inverse, contexts);
        return;
      }
      default:
        return;
    }
  };
  walk(Handlebars.parse(source), [data]);
  return missing;
}

const templates = loadLetterTemplates();

/** Every variable the letter's three templates name and `data`, as the SES mailer sends it, lacks. */
function lacking(name: LetterName, data: Data): string[] {
  const sent = JSON.parse(JSON.stringify(sesTemplateData(name, letterTemplateData(name, data as never)))) as Data;
  const parts = templates.get(name)!;
  return (['subject', 'html', 'text'] as const)
    .flatMap((part) => missingVariables(part, parts[part], sent))
    .map((m) => `${name}.${m.part === 'text' ? 'txt' : m.part}.hbs line ${m.line}: ${m.variable}`);
}

describe('SES template variables', () => {
  it('finds a variable a template names and the data lacks, inside {{#if}} too, which strict Handlebars lets pass', () => {
    const data = { caseRef: 'C-1', items: [{ action: 'Fix the boiler' }] };

    expect(missingVariables('text', '{{{caseRef}}}{{#if residentName}}Dear {{{residentName}}}{{/if}}', data).map((m) => m.variable))
      .toEqual(['residentName', 'residentName']);
    expect(missingVariables('text', '{{#each items}}{{{action}}} {{{dueOn}}} {{{../caseRef}}}{{/each}}', data).map((m) => m.variable))
      .toEqual(['dueOn']);
    expect(missingVariables('text', '{{#each items}}{{{@index}}}{{{this}}}{{/each}}', data)).toEqual([]);
  });

  it('leaves out every field a letter can do without, and keeps one of a pair it needs one of', () => {
    const reminder = minimalData('officer-reminder', examples['officer-reminder'] as Data);

    expect(LETTER_SCHEMAS['officer-reminder'].safeParse(reminder).success).toBe(true);
    expect(reminder).not.toHaveProperty('officerName');
    expect(reminder).not.toHaveProperty('caseUrl');
    expect(['milestone' in reminder, 'outstandingAction' in reminder].filter(Boolean)).toHaveLength(1);
  });

  it('needs the mailer\'s nulls: the letters\' own data leaves optional fields out, which SES would refuse to render', () => {
    const raw = (name: LetterName) => {
      const sent = JSON.parse(JSON.stringify(letterTemplateData(name, minimalData(name, examples[name] as Data) as never))) as Data;
      const parts = templates.get(name)!;
      return missingVariables('text', parts.text, sent).map((m) => m.variable);
    };

    expect(raw('complaint-received')).toEqual(expect.arrayContaining(['residentName']));
    expect(raw('stage-1-response')).toEqual(expect.arrayContaining(['signedBy']));
  });

  it.each(LETTER_NAMES)('%s: its full data carries every variable its templates name', (name) => {
    expect(lacking(name, examples[name] as Data)).toEqual([]);
  });

  it.each(LETTER_NAMES)('%s: its minimal data carries every variable its templates name', (name) => {
    expect(lacking(name, minimalData(name, examples[name] as Data))).toEqual([]);
  });
});
