import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBankHolidays, shippedLandlordPolicies } from '../../src/config/files.ts';
import type { CaseEventRecord } from '../../src/core/case/case-record.ts';
import type { DynamoRedressStore } from '../../src/adapters/dynamodb/redress-store.ts';
import { complaintsQueue, type QueueDeps } from '../../src/http/console/work-queue.ts';
import { aCase, openLocalStore } from '../support/store.ts';

// The work queue's pages and filters over the real store on dynalite: 30 open complaints, two handlers, two stages.
const all = shippedLandlordPolicies();
const policies = new Map([...all].filter(([id]) => id === 'code-defaults' || id === 'dennetts-coop'));
const officers = [{ id: 'asha@example.org', name: 'Asha Patel' }, { id: 'ben@example.org', name: 'Ben Okafor' }];
const NOW = new Date('2026-12-03T10:00:00Z');

let store: DynamoRedressStore;
let close: () => Promise<void>;
let deps: QueueDeps;

const event = (caseRef: string, seq: number, e: CaseEventRecord['event']): Omit<CaseEventRecord, 'seq' | 'caseRef'> => ({ recordedAt: e.at, by: seq === 1 ? 'resident' : 'asha@example.org', event: e });

beforeAll(async () => {
  ({ store, close } = await openLocalStore());
  deps = { cases: store, messages: store, policies, govUk: readBankHolidays() };
  for (let i = 0; i < 30; i++) {
    const caseRef = `C-WQ${String(i).padStart(6, '0')}`;
    const landlordId = i % 2 === 0 ? 'code-defaults' : 'dennetts-coop';
    const receivedAt = new Date(Date.UTC(2026, 10, 2 + i, 9)).toISOString();
    const ackAt = new Date(Date.UTC(2026, 10, 3 + i, 9)).toISOString();
    await store.createCase(aCase({ caseRef, landlordId, openedAt: receivedAt, nextDueOn: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}` }));
    await store.appendEventAt(caseRef, 1, event(caseRef, 1, { type: 'received', at: receivedAt }));
    // Every third complaint is acknowledged and handled by Ben; the rest wait for acknowledgement.
    if (i % 3 === 0 && ackAt < NOW.toISOString()) {
      await store.appendEventAt(caseRef, 2, event(caseRef, 2, { type: 'acknowledged', at: ackAt, complaintDefinition: 'Damp' }));
      await store.appendEventAt(caseRef, 3, event(caseRef, 3, { type: 'handler-assigned', at: ackAt, stage: 'stage-1', officer: 'ben@example.org' }));
    }
  }
});
afterAll(() => close());

describe('the work queue', () => {
  it('gives 25 complaints a page, earliest due first, and the rest on the next', async () => {
    const first = await complaintsQueue(deps, {}, officers, NOW);
    const second = await complaintsQueue(deps, { after: first.next! }, officers, NOW);

    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(5);
    expect(second.next).toBeNull();
    const due = [...first.rows, ...second.rows].map((r) => r.caseRef);
    expect(new Set(due).size).toBe(30);
    expect(first.rows[0]!.overdue).toBe(true);
  });

  it('filters by landlord from the index, and by handler across as many pages of it as it takes', async () => {
    const dennetts = await complaintsQueue(deps, { landlordId: 'dennetts-coop' }, officers, NOW);
    const bens = await complaintsQueue(deps, { handler: 'ben@example.org' }, officers, NOW);

    expect(dennetts.rows.map((r) => r.landlordName)).toEqual(Array(15).fill(policies.get('dennetts-coop')!.name));
    expect(bens.rows).toHaveLength(10);
    expect(bens.rows.every((r) => r.handler === 'Ben Okafor' && r.status === 'Stage 1: investigating')).toBe(true);
  });

  it('filters by stage', async () => {
    const stage2 = await complaintsQueue(deps, { stage: 'stage-2' }, officers, NOW);
    const stage1 = await complaintsQueue(deps, { stage: 'stage-1' }, officers, NOW);

    expect(stage2.rows).toEqual([]);
    expect(stage1.rows).toHaveLength(25);
  });
});
