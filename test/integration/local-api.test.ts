import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../support/local-redress.ts';

let h: Harness;
let redress: Harness['redress'];
beforeAll(async () => {
  h = await openHarness();
  redress = h.redress;
});
afterAll(() => h.close());

const post = (path: string, body: unknown) =>
  fetch(`${redress.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('the local runtime started by npm start', () => {
  it('answers a working-day question over HTTP', async () => {
    const response = await post('/api/workdays', { from: '2026-12-23T10:00:00Z', days: 5, region: 'scotland' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ due: '2027-01-05' });
  });

  it('answers a bad field with 400 and names it', async () => {
    const response = await post('/api/workdays', { from: '2026-12-23T10:00:00Z', days: 'five', region: 'scotland' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ problems: [{ path: 'days' }] });
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await post('/api/workdays', '{not json');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'the body must be JSON' });
  });

  it("lists each landlord's policy with how many Code findings it has", async () => {
    const policies = (await (await fetch(`${redress.url}/api/policies`)).json()) as Array<{ landlordId: string; findings: number }>;

    expect(policies.find((p) => p.landlordId === 'dennetts-coop')?.findings).toBe(4);
    expect(policies.find((p) => p.landlordId === 'code-defaults')?.findings).toBe(0);
  });

  it("gives a complaint's milestones and what is overdue", async () => {
    const response = await post('/api/complaints/deadlines', {
      landlordId: 'chs-coop-procedure-a',
      at: '2026-12-01T09:00:00Z',
      events: [{ type: 'received', at: '2026-11-23T09:15:00Z' }],
    });
    const body = (await response.json()) as { open: Array<{ standing: string; milestone: { id: string } }> };

    expect(response.status).toBe(200);
    expect(body.open.map((o) => [o.milestone.id, o.standing])).toEqual([
      ['stage-1-acknowledgement', 'overdue'],
      ['stage-1-response', 'on-track'],
    ]);
  });

  it('refuses events that break the case rules with 422 and the breach', async () => {
    const response = await post('/api/complaints/deadlines', {
      landlordId: 'code-defaults',
      events: [{ type: 'received', at: '2026-11-23T09:15:00Z' }, { type: 'stage-2-requested', at: '2026-11-24T09:15:00Z' }],
    });

    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ breach: { kind: 'event-not-allowed-now', event: 'stage-2-requested' } });
  });

  it('says 404 for a landlord it does not know', async () => {
    const response = await fetch(`${redress.url}/api/policies/nobody/check`);

    expect(response.status).toBe(404);
  });
});
