import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const get = async (query: string) => {
  const response = await fetch(`${h.redress.url}/api/cases?${query}`, { headers: { authorization: 'Bearer test-staff-token' } });
  return { status: response.status, body: (await response.json()) as { cases: { caseRef: string }[]; next: string | null; error?: string } };
};

// Issue 14, item 10: the case list read every case's events and took 12–13 s at 940 cases; now it pages an index.
describe('the staff case list, a page at a time', () => {
  it('gives every case once across its pages, and says when there is no more', async () => {
    for (const subject of ['Complaint: the lift', 'Complaint: the bins', 'Complaint: the gate']) {
      await h.sendRaw(residentMail({ subject, body: 'I want to make a formal complaint about how this has been handled.' }));
    }

    const first = await get('landlord=demo&limit=2');
    const second = await get(`landlord=demo&limit=2&after=${first.body.next}`);

    expect(first.body.cases).toHaveLength(2);
    expect(first.body.next).not.toBeNull();
    const refs = [...first.body.cases, ...second.body.cases].map((c) => c.caseRef);
    expect(new Set(refs).size).toBe(3);
    expect(second.body.next).toBeNull();
  });

  it('refuses a cursor it did not give', async () => {
    const forged = await get('after=not-a-cursor');

    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatch(/not a cursor/);
  });
});
