import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { LETTER_NAMES, type LetterName } from '../../../src/letters/catalogue.ts';
import { loadLetterTemplates, renderLetter } from '../../../src/letters/render.ts';
import { examples } from './examples.ts';

// What a resident might type, or paste: markup, an ampersand, both kinds of quote, and characters Handlebars escapes.
const HOSTILE = `<script>alert(1)</script> & "quotes" it's <b>bold</b> a=b \`tick\``;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; it&#x27;s &lt;b&gt;bold&lt;/b&gt; a&#x3D;b &#x60;tick&#x60;';

// Resident and officer text in every field a letter writes it to, one letter at a time.
const HOSTILE_CASES = [
  ['the resident’s name', 'complaint-received', { ...examples['complaint-received'], residentName: HOSTILE }],
  ['what was logged', 'service-request-logged', { ...examples['service-request-logged'], requestSummary: HOSTILE }],
  [
    'the complaint definition',
    'stage-1-acknowledgement',
    {
      ...examples['stage-1-acknowledgement'],
      complaintDefinition: { ...examples['stage-1-acknowledgement'].complaintDefinition, understanding: HOSTILE, outcomesSought: [HOSTILE] },
    },
  ],
  ['a clarification request', 'stage-2-acknowledgement', { ...examples['stage-2-acknowledgement'], clarificationRequest: HOSTILE }],
  [
    'reasons, remedy and actions',
    'stage-1-response',
    { ...examples['stage-1-response'], reasons: [HOSTILE], remedy: [HOSTILE], outstandingActions: [{ action: HOSTILE, dueOn: 'Friday 18 December 2026' }] },
  ],
  ['an extension’s reason', 'extension', { ...examples.extension, reason: HOSTILE }],
  ['what the landlord will do instead', 'complaint-declined', { ...examples['complaint-declined'], whatWeWillDoInstead: HOSTILE }],
  ['an officer’s name', 'officer-reminder', { ...examples['officer-reminder'], officerName: HOSTILE }],
  [
    'a digest row',
    'weekly-digest',
    { ...examples['weekly-digest'], overdue: [{ caseRef: 'C-2D8F4J6K', summary: HOSTILE, milestone: 'stage 1 response', dueOn: 'Friday 4 December 2026' }] },
  ],
] as const;

describe('resident text is data, never markup', () => {
  it('a hostile subject line is escaped in the HTML and comes out as typed in the text', () => {
    const letter = renderLetter('complaint-received', { ...examples['complaint-received'], residentSubject: HOSTILE });

    expect(letter.html).toContain(`<p>Your message had the subject “${ESCAPED}”.</p>`);
    expect(letter.html).not.toContain('<script>');
    expect(letter.html).not.toContain('<b>bold');
    expect(letter.text).toContain(`Your message had the subject “${HOSTILE}”.`);
    expect(letter.text).not.toContain('&amp;');
  });

  it('resident text never reaches the subject line', () => {
    const letter = renderLetter('complaint-received', { ...examples['complaint-received'], residentSubject: HOSTILE, residentName: HOSTILE });

    expect(letter.subject).toBe('We have your complaint (reference C-7K2M9Q4T)');
  });

  it.each(HOSTILE_CASES)('%s is escaped in the HTML and readable in the text', (_what, name, data) => {
    const letter = renderLetter(name, data as never);

    expect(letter.html).toContain(ESCAPED);
    expect(letter.html).not.toContain('<script>');
    expect(letter.text).toContain(HOSTILE);
  });

  it('a landlord name with an ampersand reads correctly in both parts', () => {
    const data = { ...examples['complaint-received'], landlord: { ...examples['complaint-received'].landlord, name: 'Smith & Jones Housing' } };

    const letter = renderLetter('complaint-received', data);

    expect(letter.html).toContain('Thank you for contacting Smith &amp; Jones Housing.');
    expect(letter.text).toContain('Thank you for contacting Smith & Jones Housing.');
  });
});

// aws-ses-v2-local compiles with Handlebars' `noEscape`; Redress's Handlebars escapes `{{x}}`; real SES is unproven.
// HTML templates write only `{{{h.x}}}`, text escaped before rendering, so the choice makes no difference.
describe('the HTML is the same whether or not the renderer escapes {{x}}', () => {
  const sources = loadLetterTemplates();
  const escaping = Handlebars.create();
  const notEscaping = Handlebars.create();
  const htmlBy = (name: LetterName, data: unknown) => ({
    escaping: escaping.compile(sources.get(name)!.html, { strict: true })(data),
    notEscaping: notEscaping.compile(sources.get(name)!.html, { noEscape: true })(data),
  });

  it.each([
    ...LETTER_NAMES.map((name) => [`${name}, example`, name, examples[name]] as const),
    ...HOSTILE_CASES,
  ])('%s', (_what, name, data) => {
    const letter = renderLetter(name, data as never);

    const rendered = htmlBy(name, letter.templateData);

    expect(rendered.escaping).toBe(letter.html);
    expect(rendered.notEscaping).toBe(letter.html);
  });

  it('while the old {{x}} would have let markup through unescaped', () => {
    const letter = renderLetter('complaint-received', { ...examples['complaint-received'], residentSubject: HOSTILE });
    const old = Handlebars.create().compile('<p>{{residentSubject}}</p>', { noEscape: true });

    expect(old(letter.templateData)).toContain('<script>');
    expect(letter.html).toContain(ESCAPED);
  });
});
