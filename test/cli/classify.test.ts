import { describe, expect, it } from 'vitest';
import { runRedress } from '../support/run-redress.ts';

describe('redress classify', () => {
  it('answers each line in order with a label, confidence and reasons, and a malformed line with an error', async () => {
    const lines = [
      { id: 'm-1', channel: 'sms', subject: null, body: 'leak under the sink still not fixed. third time reporting. nobody came', context: null },
      '{"id": "m-2", "channel": "email", "body": ',
      { id: 'm-3', channel: 'fax', subject: null, body: 'hello', context: null },
      { id: 'm-4', channel: 'survey', subject: null, body: 'Took ages to fix. 3/10', context: 'survey' },
      { id: 'm-5', channel: 'email', subject: 'RE: Stage 1 response', body: 'Not happy with this. Please take it to stage 2.', context: 'stage1_response' },
    ].map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));

    const { status: code, stdout } = await runRedress(['classify'], `${lines.join('\n')}\n`);

    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(answers).toHaveLength(5);
    expect(answers[0]).toMatchObject({ id: 'm-1', label: 'complaint' });
    expect(Object.keys(answers[0]!)).toEqual(['id', 'label', 'confidence', 'reasons']);
    expect(answers[0]!.reasons).toContainEqual(expect.stringMatching(/chasing something reported before/));
    expect(answers[1]).toEqual({ id: null, error: 'line 2 is not valid JSON' });
    expect(answers[2]).toMatchObject({ id: 'm-3', error: expect.stringMatching(/^channel: /) });
    expect(answers[3]).toMatchObject({ id: 'm-4', label: 'survey_feedback' });
    expect(answers[4]).toMatchObject({ id: 'm-5', label: 'complaint' });
    expect(code).toBe(1);
  });

  it('explains its input and output in --help', async () => {
    const { stdout } = await runRedress(['classify', '--help'], '');

    expect(stdout).toMatch(/"channel"/);
    expect(stdout).toMatch(/"label": "complaint" \| "service_request" \| "survey_feedback" \| "other"/);
  });
});
