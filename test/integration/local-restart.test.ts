import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHarness } from '../support/local-redress.ts';
import { runRedress } from '../support/run-redress.ts';
import { residentMail } from '../support/local-redress.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'redress-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start, stopped and started again', () => {
  it('keeps every case, resumes each open complaint\'s state machine, and `redress cases --json` lists them from the staff API', async () => {
    // The real lifecycle: the complaint's state machine runs on aws-local-stepfunctions and is resumed after a restart.
    const first = await openHarness({ dataDir, workflow: undefined });
    await first.sendRaw(residentMail({ from: 'pat@example.com', messageId: '<restart@example.com>', body: 'Third time reporting the damp. I want to make a complaint.' }), { from: 'pat@example.com' });
    const [before] = await first.redress.intake.cases.listCases('demo');
    await first.close();

    const second = await openHarness({ dataDir, workflow: undefined });
    try {
      const run = await runRedress(['cases', '--json'], '', { REDRESS_URL: second.redress.url, REDRESS_STAFF_TOKEN: 'test-staff-token' });

      expect(second.redress.resumedComplaints).toBe(1);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as { cases: { caseRef: string; kind: string; messages: { label: string }[] }[] };
      expect(report.cases.map((c) => c.caseRef)).toEqual([before!.caseRef]);
      expect(report.cases[0]).toMatchObject({ kind: 'complaint', messages: [{ label: 'complaint' }] });
    } finally {
      await second.close();
    }
  });

  it('tells the officer when the staff token is missing or the stack is not running', async () => {
    const noToken = await runRedress(['cases'], '', { REDRESS_STAFF_TOKEN: '' });
    const notRunning = await runRedress(['cases'], '', { REDRESS_URL: 'http://127.0.0.1:9', REDRESS_STAFF_TOKEN: 'x' });

    expect(noToken).toMatchObject({ status: 2 });
    expect(noToken.stderr).toContain('REDRESS_STAFF_TOKEN');
    expect(notRunning.stderr).toContain('is npm start running?');
  });
});
