import { DynamoRedressStore } from '../../src/adapters/dynamodb/redress-store.ts';
import type { InboundMessageRecord } from '../../src/core/intake/message.ts';
import type { CaseRecord } from '../../src/core/case/case-record.ts';
import { startTwins, type LocalTwins } from '../../local/twins.ts';

/** The local twins in memory, with the store on dynalite: what integration and workflow tests build on. */
export async function openLocalStore(): Promise<{ twins: LocalTwins; store: DynamoRedressStore; close: () => Promise<void> }> {
  const twins = await startTwins({ dataDir: null });
  const store = new DynamoRedressStore(twins.dynamo, twins.tableName);
  return { twins, store, close: () => twins.close() };
}

/** A message as intake keeps it, with anything overridden. */
export const aMessage = (overrides: Partial<InboundMessageRecord> = {}): InboundMessageRecord => ({
  messageRef: 'M-0123456789AB',
  landlordId: 'demo',
  channel: 'email',
  receivedAt: '2026-11-23T09:00:00Z',
  from: 'resident@example.com',
  fromName: 'A Resident',
  to: 'homes@demo.redress.test',
  subject: 'Damp in the bedroom',
  body: 'The damp is back.',
  externalId: '<abc@example.com>',
  contentSha256: 'a'.repeat(64),
  rawSha256: 'b'.repeat(64),
  rawDocumentKey: 'inbound/x.eml',
  attachments: [],
  repliesTo: [],
  form: null,
  outcome: 'received',
  duplicateOf: null,
  caseRef: null,
  triage: null,
  flags: [],
  notes: [],
  ...overrides,
});

/** A complaint case head record, with anything overridden. */
export const aCase = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseRef: 'C-ABCDEFGH',
  landlordId: 'demo',
  kind: 'complaint',
  openedAt: '2026-11-23T09:00:00Z',
  openedByMessageRef: 'M-0123456789AB',
  channel: 'email',
  resident: { name: 'A Resident', email: 'resident@example.com', phone: null, addressOrTenancyReference: null },
  representative: null,
  adjustments: null,
  summary: 'Damp in the bedroom',
  state: 'open',
  nextDueOn: '2026-11-30',
  ...overrides,
});
