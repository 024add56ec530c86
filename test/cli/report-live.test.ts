import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBankHolidays, resolveLandlordPolicy } from '../../src/config/files.ts';
import type { ComplaintEvent } from '../../src/core/case/complaint.ts';
import { bearerToken, makeStaffApi } from '../../src/http/staff-api.ts';
import { runRedress } from '../support/run-redress.ts';
import { aCase, openLocalStore } from '../support/store.ts';

const TOKEN = 'report-test-token';
let close: () => Promise<void>;
let server: ServerType;
let env: Record<string, string>;

// Two complaints in the store for 2025-26: one answered in time, one late, the late one taken to stage 2.
const complaints: Record<string, ComplaintEvent[]> = {
  'C-REPORT01': [
    { type: 'received', at: '2025-06-02T09:00:00+01:00' },
    { type: 'acknowledged', at: '2025-06-03T09:00:00+01:00', complaintDefinition: 'The boiler has failed twice.' },
    { type: 'stage-1-response-sent', at: '2025-06-10T09:00:00+01:00', officer: 'Priya Shah', decision: 'upheld', reasons: ['Repair was late.'] },
  ],
  'C-REPORT02': [
    { type: 'received', at: '2025-07-01T09:00:00+01:00' },
    { type: 'acknowledged', at: '2025-07-02T09:00:00+01:00', complaintDefinition: 'Damp in the hall.' },
    { type: 'stage-1-response-sent', at: '2025-07-30T09:00:00+01:00', officer: 'Priya Shah', decision: 'not-upheld', reasons: ['No damp found.'] },
    { type: 'stage-2-requested', at: '2025-08-04T09:00:00+01:00', via: 'telephone' },
  ],
};

beforeAll(async () => {
  const local = await openLocalStore();
  close = local.close;
  for (const [caseRef, events] of Object.entries(complaints)) {
    await local.store.createCase(aCase({ caseRef, landlordId: 'code-defaults', openedAt: events[0]!.at, openedByMessageRef: `M-${caseRef}` }));
    // A history seeded as it stands: the events at their sequence numbers, as the complaint service records them.
    for (const [i, event] of events.entries()) await local.store.appendEventAt(caseRef, i + 1, { recordedAt: event.at, by: 'redress', event });
  }
  const app = makeStaffApi({
    messages: local.store, cases: local.store, letters: local.store,
    policies: new Map([['code-defaults', resolveLandlordPolicy('code-defaults')]]),
    govUk: readBankHolidays(),
    authorise: bearerToken(TOKEN),
  });
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
  });
  env = { REDRESS_URL: `http://127.0.0.1:${port}`, REDRESS_STAFF_TOKEN: TOKEN };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await close();
});

describe('redress report from the running stack', () => {
  it('reads the cases through the staff API and applies the same rules as for a file', async () => {
    const run = await runRedress(['report', 'tsm', '--landlord', 'code-defaults', '--homes', '500', '--year', '2025-26', '--json'], '', env);
    const report = JSON.parse(run.stdout);

    expect(run.status).toBe(0);
    expect(report.from).toBe(env.REDRESS_URL);
    expect(report.CH01.stage1).toEqual({ complaints: 2, homes: 500, perThousandHomes: 4 });
    expect(report.CH01.stage2).toEqual({ complaints: 1, homes: 500, perThousandHomes: 2 });
    expect(report.CH02.stage1).toEqual({ responses: 2, withinTimescale: 1, percent: 50 });
  });

  it('prints the annual report from the store, with the channel each complaint came by', async () => {
    const run = await runRedress(['report', 'annual', '--landlord', 'code-defaults', '--year', '2025-26', '--format', 'csv'], '', env);

    expect(run.status).toBe(0);
    expect(run.stdout.split('\r\n')).toEqual(expect.arrayContaining(['received-by-channel,Email,Stage 1,2', 'received-by-channel,Telephone,Stage 2,1']));
  });

  it('says what is wrong when the staff token is refused', async () => {
    const run = await runRedress(['report', 'tsm', '--landlord', 'code-defaults', '--homes', '500', '--year', '2025-26'], '', { ...env, REDRESS_STAFF_TOKEN: 'wrong' });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the staff API answered 401');
  });
});
