import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANDLORDS_DIR } from '../../src/config/files.ts';
import { runRedress } from '../support/run-redress.ts';

function profileFile(change: (profile: Record<string, any>) => void): string {
  const profile = JSON.parse(readFileSync(join(LANDLORDS_DIR, 'code-defaults.json'), 'utf8'));
  change(profile);
  const file = join(mkdtempSync(join(tmpdir(), 'redress-policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

describe('redress policy check', () => {
  it('lists each looser setting with the Code provision it breaks, and exits 1', async () => {
    const file = profileFile((p) => {
      p.acceptance.timeLimitMonths = 6;
      p.stages = 3;
      p.stage1.respondWithinWorkingDays = 15;
    });

    const run = await runRedress(['policy', 'check', file]);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain('3 findings');
    expect(run.stdout).toMatch(/Code 2\.3 +acceptance\.timeLimitMonths = 6/);
    expect(run.stdout).toMatch(/Code 5\.3 +stages = 3/);
    expect(run.stdout).toMatch(/Code 6\.3 +stage1\.respondWithinWorkingDays = 15/);
  });

  it('passes a policy stricter than the Code, such as a 2-day acknowledgement, and exits 0', async () => {
    const run = await runRedress(['policy', 'check', profileFile((p) => { p.stage1.acknowledgeWithinWorkingDays = 2; })]);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no findings');
  });

  it('checks a shipped profile by its id, with JSON output', async () => {
    const run = await runRedress(['policy', 'check', 'example-housing-association', '--json']);

    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { provision: string }) => f.provision)).toEqual(['6.5', '6.16']);
  });

  it('names every problem in an invalid profile, and exits 2', async () => {
    const run = await runRedress(['policy', 'check', profileFile((p) => { p.stage1.acknowledgeWithinWorkingDays = -1; delete p.ombudsman; })]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('stage1.acknowledgeWithinWorkingDays');
    expect(run.stderr).toContain('ombudsman');
  });

  it('says clearly when the file does not exist', async () => {
    const run = await runRedress(['policy', 'check', '/nonexistent/policy.json']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot be read');
  });
});
