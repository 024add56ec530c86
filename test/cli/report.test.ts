import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRedress } from '../support/run-redress.ts';

const CASES = new URL('../fixtures/reports/cases-2025-26.json', import.meta.url).pathname;

function casesFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'redress-report-')), 'cases.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('redress report tsm', () => {
  it('prints CH01 and CH02 as JSON, each with a stage 1 and a stage 2 figure, for a year of cases in a file', async () => {
    const run = await runRedress(['report', 'tsm', '--cases', CASES, '--homes', '1000', '--year', '2025-26', '--json']);
    const report = JSON.parse(run.stdout);

    expect(run.status).toBe(0);
    expect(report.CH01).toEqual({
      stage1: { complaints: 7, homes: 1000, perThousandHomes: 7 },
      stage2: { complaints: 2, homes: 1000, perThousandHomes: 2 },
    });
    expect(report.CH02).toEqual({
      stage1: { responses: 6, withinTimescale: 4, percent: 66.7 },
      stage2: { responses: 2, withinTimescale: 1, percent: 50 },
    });
    expect(report.excluded).toEqual([{ complaintRef: 'L-stage-2-before-a-response', breach: expect.stringContaining('stage 2 requested') }]);
  });

  it('prints the figures as text by tenure when both homes counts are given', async () => {
    const run = await runRedress(['report', 'tsm', '--cases', CASES, '--lcra-homes', '800', '--lcho-homes', '200', '--year', '2025-26']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Low-cost home ownership \(LCHO\)\n {2}CH01 stage 1 complaints per 1,000 homes +10\.0 +\(2 received, 200 homes\)/);
    expect(run.stdout).toMatch(/CH02 stage 1 responded within the Code +66\.7% +\(4 of 6 responses\)/);
  });

  it("takes the homes and the tenure split from the landlord's profile when the command gives none", async () => {
    const run = await runRedress(['report', 'tsm', '--cases', CASES, '--policy', 'example-housing-association', '--year', '2025-26', '--json']);
    const report = JSON.parse(run.stdout);

    expect(run.status).toBe(0);
    expect(report.CH01.stage1.homes).toBe(2750);
    expect([report.byTenure.LCRA.CH01.stage1.homes, report.byTenure.LCHO.CH01.stage1.homes]).toEqual([2400, 350]);
  });

  it('refuses a year that is not a reporting year', async () => {
    const run = await runRedress(['report', 'tsm', '--cases', CASES, '--homes', '10', '--year', '2025-27']);

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('such as 2025-26');
  });

  it('asks for the homes when neither the command nor the profile gives them', async () => {
    const run = await runRedress(['report', 'tsm', '--cases', CASES, '--year', '2025-26']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--homes N');
  });

  it('names the event that is not valid in a file of cases', async () => {
    const file = casesFile([{ landlordId: 'code-defaults', events: [{ type: 'received', at: 'last Tuesday' }] }]);

    const run = await runRedress(['report', 'tsm', '--cases', file, '--homes', '10', '--year', '2025-26']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('0.events.0.at');
  });
});

describe('redress report annual', () => {
  it('prints a printable HTML report with SVG charts and no script', async () => {
    const run = await runRedress(['report', 'annual', '--cases', CASES, '--year', '2025-26', '--homes', '1000']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/);
    expect(run.stdout).toContain('complaints performance and service improvement report 2025-26');
    expect(run.stdout.match(/<svg /g)?.length).toBeGreaterThanOrEqual(6);
    expect(run.stdout).not.toContain('<script');
    expect(run.stdout).toContain('CH01 complaints received per 1,000 homes');
  });

  it("names the landlord's categories from its profile in the themes", async () => {
    const run = await runRedress(['report', 'annual', '--cases', CASES, '--policy', 'example-housing-association', '--year', '2025-26', '--format', 'json']);
    const report = JSON.parse(run.stdout);

    expect(run.status).toBe(0);
    expect(report.themes.categories.slice(0, 2)).toEqual(['Repairs', 'Damp and mould']);
    expect(report.tsm.byTenure.LCHO.CH01.stage1.homes).toBe(350);
  });

  it('prints the data behind every chart as CSV', async () => {
    const run = await runRedress(['report', 'annual', '--cases', CASES, '--year', '2025-26', '--format', 'csv']);

    expect(run.status).toBe(0);
    expect(run.stdout.split('\r\n')).toEqual(expect.arrayContaining(['chart,category,series,value', 'outcomes,Upheld,Stage 1,3', 'within-timescale,Stage 1 response (6.3),Within the Code,66.7']));
  });
});

describe('redress report self-assessment', () => {
  it('prints every provision with its evidence as CSV', async () => {
    const run = await runRedress(['report', 'self-assessment', '--cases', CASES, '--year', '2025-26', '--format', 'csv']);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('6.2,"Acknowledge, define and log stage 1 complaints within five working days of receipt.",7 of 7 stage 1 complaints due an acknowledgement this year acknowledged within 5 working days.');
  });

  it("shows the policy check's findings for a policy looser than the Code, in printable HTML", async () => {
    const run = await runRedress(['report', 'self-assessment', '--cases', CASES, '--policy', 'dennetts-coop', '--year', '2025-26']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/<th scope="row">2\.3<\/th>.*acceptance\.timeLimitMonths &#x3D; 6: complaints are refused after 6 months/s);
    expect(run.stdout).toMatch(/\d+ of \d+ stage 1 responses sent this year/);
  });
});
