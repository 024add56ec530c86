import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRedress } from '../support/run-redress.ts';

const fixture = new URL('../fixtures/complaints/boiler-stage-1.json', import.meta.url).pathname;

function eventsFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'redress-events-')), 'events.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('redress deadlines', () => {
  it("prints a complaint's milestones and what is overdue at a given moment", async () => {
    const run = await runRedress(['deadlines', fixture, '--at', '2026-12-10T09:00:00Z']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Stage 1 acknowledgement +6\.2 +2026-11-30 +2026-11-25 +met/);
    expect(run.stdout).toMatch(/Stage 1 response +6\.3 +2026-12-09 +- +OVERDUE by 1 working day/);
    expect(run.stdout).toContain('Overdue: stage 1 response (due 2026-12-09).');
  });

  it('shows what is due soon, by the window asked for', async () => {
    const run = await runRedress(['deadlines', fixture, '--at', '2026-12-04T09:00:00Z', '--due-within', '5', '--json']);
    const report = JSON.parse(run.stdout);

    expect(report.open).toEqual([expect.objectContaining({ standing: 'due-soon', workingDaysLeft: 3 })]);
  });

  it('uses the policy asked for over the one in the file', async () => {
    const run = await runRedress(['deadlines', fixture, '--policy', 'example-housing-association', '--at', '2026-11-24T09:00:00Z', '--json']);
    const report = JSON.parse(run.stdout);

    expect(report.landlordId).toBe('example-housing-association');
    expect(report.timeline.milestones[1]).toMatchObject({ id: 'stage-1-response', dueOn: '2026-12-07' });
  });

  it('refuses events that break the case rules, naming the Code provision', async () => {
    const file = eventsFile({
      landlordId: 'code-defaults',
      events: [
        { type: 'received', at: '2026-11-23T09:15:00Z' },
        { type: 'acknowledged', at: '2026-11-24T09:15:00Z', complaintDefinition: 'Repairs.' },
        { type: 'extended', at: '2026-11-26T09:15:00Z', stage: 'stage-1', respondBy: '2027-01-29', reason: 'Busy.' },
      ],
    });

    const run = await runRedress(['deadlines', file]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Code 6.4');
  });

  it('names the field of an event that is not valid', async () => {
    const run = await runRedress(['deadlines', eventsFile({ landlordId: 'code-defaults', events: [{ type: 'received', at: 'yesterday' }] })]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('events.0.at');
  });

  it('asks which policy applies when neither the file nor the command says', async () => {
    const run = await runRedress(['deadlines', eventsFile([{ type: 'received', at: '2026-11-23T09:15:00Z' }])]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--policy');
  });
});
