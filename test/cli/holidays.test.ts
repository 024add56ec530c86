import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_FILE } from '../../src/config/files.ts';
import { jsonLines, runRedress } from '../support/run-redress.ts';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'redress-holidays-'));
  const inForce = join(dir, 'bank-holidays.json');
  copyFileSync(BANK_HOLIDAYS_FILE, inForce);
  const announced = JSON.parse(readFileSync(BANK_HOLIDAYS_FILE, 'utf8'));
  announced['england-and-wales'].events.push({ title: 'A one-off bank holiday', date: '2027-06-04', notes: '', bunting: true });
  const next = join(dir, 'gov-uk-new.json');
  writeFileSync(next, JSON.stringify(announced));
  return { dir, inForce, next };
}

const question = `${JSON.stringify({ id: 'c-1', from: '2027-06-01T10:00:00Z', days: 5, region: 'england-and-wales' })}\n`;

describe('redress holidays install', () => {
  it('a one-off bank holiday announced at short notice moves deadlines by updating data alone', async () => {
    const { inForce, next } = workspace();
    const before = await runRedress(['workdays', '--holidays', inForce], question);

    const install = await runRedress(['holidays', 'install', next, '--to', inForce]);
    const after = await runRedress(['workdays', '--holidays', inForce], question);

    expect(install.status).toBe(0);
    expect(install.stdout).toMatch(/\+ 2027-06-04 +england-and-wales +A one-off bank holiday/);
    expect(jsonLines(before.stdout)).toEqual([{ id: 'c-1', due: '2027-06-08' }]);
    expect(jsonLines(after.stdout)).toEqual([{ id: 'c-1', due: '2027-06-09' }]);
  });

  it('shows the change without installing it on a dry run', async () => {
    const { inForce, next } = workspace();

    const run = await runRedress(['holidays', 'install', next, '--to', inForce, '--dry-run']);

    expect(run.stdout).toContain('+ 2027-06-04');
    expect(readFileSync(inForce, 'utf8')).toBe(readFileSync(BANK_HOLIDAYS_FILE, 'utf8'));
  });

  it('refuses a file that is not a GOV.UK list, and leaves the list in force alone', async () => {
    const { dir, inForce } = workspace();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'x', date: '2027-13-01' }] } }));

    const run = await runRedress(['holidays', 'install', bad, '--to', inForce]);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('england-and-wales.events.0.date');
    expect(readFileSync(inForce, 'utf8')).toBe(readFileSync(BANK_HOLIDAYS_FILE, 'utf8'));
  });
});
