import { describe, expect, it } from 'vitest';
import { jsonLines, runRedress } from '../support/run-redress.ts';

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

describe('redress workdays', () => {
  it('answers each line with its due date, in order, and keeps going past bad lines', async () => {
    const input = [
      line({ id: 'christmas', from: '2026-12-23T10:00:00Z', days: 5, region: 'england-and-wales' }),
      'this is not json\n',
      line({ id: 'no-offset', from: '2026-06-30T23:30:00', days: 1, region: 'scotland' }),
      line({ id: 'bad-region', from: '2026-06-30', days: 1, region: 'wales' }),
      line({ id: 'half-day', from: '2026-06-30', days: 1.5, region: 'scotland' }),
      line({ id: 'late-evening', from: '2026-06-30T23:30:00Z', days: 1, region: 'northern-ireland' }),
      '\n',
      line({ id: 'scotland', from: '2026-12-23T10:00:00Z', days: 5, region: 'scotland' }),
    ].join('');

    const run = await runRedress(['workdays'], input);

    expect(jsonLines(run.stdout)).toEqual([
      { id: 'christmas', due: '2027-01-04' },
      { id: null, error: 'line 2 is not valid JSON' },
      { id: 'no-offset', error: expect.stringContaining('with an offset') },
      { id: 'bad-region', error: expect.stringMatching(/^region: .*england-and-wales/) },
      { id: 'half-day', error: expect.stringMatching(/^days: /) },
      { id: 'late-evening', due: '2026-07-02' },
      { id: 'scotland', due: '2027-01-05' },
    ]);
    expect(run.status).toBe(1);
  });

  it('says plainly that a year beyond the bank-holiday rules cannot be counted, and answers the next line', async () => {
    const run = await runRedress(['workdays'], line({ id: 'far', from: '2060-01-05', days: 5, region: 'scotland' }) + line({ id: 'near', from: '2026-12-23', days: 5, region: 'scotland' }));

    expect(jsonLines(run.stdout)).toEqual([
      { id: 'far', error: 'from: bank-holiday rules cover 2015 to 2050, not 2060' },
      { id: 'near', due: '2027-01-05' },
    ]);
  });

  it('exits 0 when every line is answered', async () => {
    const run = await runRedress(['workdays'], line({ id: 1, from: '2026-11-23T09:00:00Z', days: 10, region: 'england-and-wales' }));

    expect(jsonLines(run.stdout)).toEqual([{ id: 1, due: '2026-12-07' }]);
    expect(run.status).toBe(0);
  });

  it('explains its input and output with --help', async () => {
    const run = await runRedress(['workdays', '--help']);

    expect(run.stdout).toContain('"region": "england-and-wales"');
    expect(run.stdout).toContain('day 0');
  });
});
