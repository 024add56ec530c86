import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { LETTER_NAMES, LETTER_SCHEMAS } from '../../../src/letters/catalogue.ts';
import { escapeHtml, htmlEscaped } from '../../../src/letters/html-escape.ts';
import { letterTemplateData } from '../../../src/letters/render.ts';
import { examples } from './examples.ts';

describe('escapeHtml', () => {
  it('replaces the seven characters Handlebars escapes, with the entities it writes', () => {
    expect(escapeHtml(`&<>"'\`=`)).toBe('&amp;&lt;&gt;&quot;&#x27;&#x60;&#x3D;');
  });

  it.each([
    `<script>alert(1)</script> & "quotes" 'single'`,
    'a=b `tick` &amp; already escaped',
    'Ms O’Connor, Flat 3 — £25 for heaters',
    '',
  ])('escapes %j exactly as Handlebars’ {{x}} does', (text) => {
    expect(escapeHtml(text)).toBe(Handlebars.Utils.escapeExpression(text));
    expect(escapeHtml(text)).toBe(Handlebars.compile('{{x}}')({ x: text }));
  });

  it('leaves text with nothing to escape as it is', () => {
    expect(escapeHtml('Monday 7 December 2026, C-7K2M9Q4T')).toBe('Monday 7 December 2026, C-7K2M9Q4T');
  });
});

describe('htmlEscaped', () => {
  const data = {
    residentName: 'Ms <b>Okafor</b>',
    reasons: ['a < b', 'c & d'],
    outstandingActions: [{ action: '"fix"', dueOn: 'Friday 18 December 2026' }],
    decisionIs: { upheld: true, notUpheld: false },
    workingDaysLeft: 0,
    extensionWorkingDays: 10,
    remedyItems: [],
    nested: { deeper: { still: "it's" } },
    absent: undefined,
  };

  it('escapes every string, in arrays and nested objects, and keeps booleans, numbers and undefined', () => {
    expect(htmlEscaped(data)).toStrictEqual({
      residentName: 'Ms &lt;b&gt;Okafor&lt;/b&gt;',
      reasons: ['a &lt; b', 'c &amp; d'],
      outstandingActions: [{ action: '&quot;fix&quot;', dueOn: 'Friday 18 December 2026' }],
      decisionIs: { upheld: true, notUpheld: false },
      workingDaysLeft: 0,
      extensionWorkingDays: 10,
      remedyItems: [],
      nested: { deeper: { still: 'it&#x27;s' } },
      absent: undefined,
    });
  });

  it('is a copy: the data it is given is not changed or shared', () => {
    const before = structuredClone(data);

    const copy = htmlEscaped(data);

    expect(data).toStrictEqual(before);
    expect(copy.reasons).not.toBe(data.reasons);
    expect(copy.remedyItems).not.toBe(data.remedyItems);
    expect(copy.nested.deeper).not.toBe(data.nested.deeper);
  });
});

describe('every letter’s template data carries its escaped copy as h', () => {
  it.each(LETTER_NAMES)('%s', (name) => {
    const fields = LETTER_SCHEMAS[name].parse(examples[name]);

    const data = letterTemplateData(name, examples[name] as never);

    expect(fields).not.toHaveProperty('h');
    expect(data).toStrictEqual({ ...fields, h: htmlEscaped(fields) });
  });

  it('escapes the schema’s output, not the caller’s input: phrases the schema adds are in h too', () => {
    const data = letterTemplateData('extension', {
      ...examples.extension,
      reason: 'We are waiting for a report from the gas engineer & the surveyor <today>',
    });

    expect(data.reason).toBe('We are waiting for a report from the gas engineer & the surveyor <today>');
    expect(data.h.reason).toBe('We are waiting for a report from the gas engineer &amp; the surveyor &lt;today&gt;');
    expect(data.h.extensionWorkingDaysText).toBe('10 working days');
    expect(data.h.stageIs).toEqual({ stage1: true, stage2: false });
    expect(data.h.extensionWorkingDays).toBe(10);
    expect(data.h.ombudsman).not.toHaveProperty('scheme');
  });

  it('survives the trip to SES as JSON', () => {
    const data = letterTemplateData('stage-1-response', { ...examples['stage-1-response'], reasons: ['<i>late</i> & "rude"'] });

    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.h.reasons).toEqual(['&lt;i&gt;late&lt;/i&gt; &amp; &quot;rude&quot;']);
  });
});
