// Runs whole complaint lifecycles on the real ASL (aws-local-stepfunctions), the real intake and the store on
// dynalite, with the clock under the test's control: vitest's fake Date and setTimeout drive the Wait states and
// the scheduler twin, while the store's I/O runs on real sockets in between.
import { createHash } from 'node:crypto';
import { vi } from 'vitest';
import { DynamoRedressStore } from '../../../src/adapters/dynamodb/redress-store.ts';
import { buildLocalLifecycle, type LocalLifecycle } from '../../../local/lifecycle.ts';
import { takeStaffAction, type StaffActionRequest } from '../../../src/case-handling/staff-actions.ts';
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import type { CaseEventRecord } from '../../../src/core/case/case-record.ts';
import type { FormDetails } from '../../../src/core/intake/message.ts';
import type { LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';
import { LandlordDirectory } from '../../../src/intake/landlords.ts';
import { receiveMessage, type Arrival, type IntakeDeps, type IntakeResult } from '../../../src/intake/receive-message.ts';
import type { LetterRecord, Mailer, OutboundMail } from '../../../src/ports.ts';
import { startTwins, type LocalTwins } from '../../../local/twins.ts';
import { MemoryLogger } from '../../support/local-redress.ts';

export { MemoryLogger };

/** Keeps what was sent, as the mail service would, and gives each letter an id. */
export class RecordingMailer implements Mailer {
  readonly sent: OutboundMail[] = [];
  async send(mail: OutboundMail): Promise<{ providerMessageId: string }> {
    this.sent.push(mail);
    return { providerMessageId: `local-${this.sent.length}` };
  }
}

const shipped = shippedLandlordPolicies();
const govUk = readBankHolidays();

/** The Code's defaults and the association (whose policy sends surveys), at test addresses. */
export const TEST_POLICIES: ReadonlyMap<string, LandlordPolicy> = new Map([
  ['code-defaults', shipped.get('code-defaults')!],
  ['example-housing-association', shipped.get('example-housing-association')!],
]);

export const PUBLIC_URL = 'http://127.0.0.1:3999';

export interface LifecycleHarness {
  readonly twins: LocalTwins;
  readonly store: DynamoRedressStore;
  readonly mailer: RecordingMailer;
  readonly logger: MemoryLogger;
  lifecycle: LocalLifecycle;
  /** Delivers a resident's message through intake, as the form, SMTP or SMS channels do. */
  receive(arrival: Partial<Arrival> & { body: string }): Promise<IntakeResult>;
  /** A complaint made on the web form (the resident's choice stands: Code 1.3). */
  complain(form?: Partial<FormDetails>, landlordId?: string): Promise<string>;
  /** An officer's action through the application service the staff API calls. */
  act(caseRef: string, officer: string, request: StaffActionRequest): ReturnType<typeof takeStaffAction>;
  /** Moves the clock to an instant, letting every wait and schedule due on the way run in order. */
  advanceTo(instant: string): Promise<void>;
  /** Waits until every run waits or has finished. */
  settle(): Promise<void>;
  events(caseRef: string): Promise<CaseEventRecord[]>;
  letters(caseRef: string): Promise<LetterRecord[]>;
  /** Replaces the lifecycle with a new one on the same store, as `npm start` does after a restart. */
  restart(): Promise<{ resumed: number }>;
  close(): Promise<void>;
}

let formCounter = 0;

/** Starts the twins, then fakes the clock from `startAt`. */
export async function openLifecycleHarness(startAt: string): Promise<LifecycleHarness> {
  const twins = await startTwins({ dataDir: null, underFakeTimers: true });
  // Requests to the twins still on the wire. The clock must not jump while one is: the SDK's request timeouts and
  // retry back-offs run on the same faked setTimeout, so a jump of days would time out a healthy request and leave
  // its retry waiting for a tick that never comes.
  let requestsInFlight = 0;
  twins.dynamo.middlewareStack.add((next) => async (args) => {
    requestsInFlight += 1;
    try {
      return await next(args);
    } finally {
      requestsInFlight -= 1;
    }
  }, { step: 'initialize', name: 'redressTestRequestsInFlight' });
  const store = new DynamoRedressStore(twins.dynamo, twins.tableName);
  const mailer = new RecordingMailer();
  const logger = new MemoryLogger();
  const clock = { now: () => new Date() };
  const base = {
    messages: store, cases: store, letters: store, mailer, clock, logger, policies: TEST_POLICIES, govUk, publicUrl: PUBLIC_URL,
  };
  const build = () => buildLocalLifecycle({ base, dynamo: twins.dynamo, tableName: twins.tableName, retryIntervalMs: 0 });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date(startAt) });
  let lifecycle = build();
  await lifecycle.scheduler.start();
  const intake = (): IntakeDeps => ({
    ...base,
    workflow: lifecycle.workflow,
    landlords: new LandlordDirectory(TEST_POLICIES, 'code-defaults'),
  });

  const settle = async () => {
    for (let stable = 0, rounds = 0; stable < 3; rounds += 1) {
      if (rounds > 20_000) throw new Error(`the lifecycle did not settle (${requestsInFlight} requests to the twins in flight)`);
      await new Promise((resolve) => setImmediate(resolve));
      stable = lifecycle.isIdle() && requestsInFlight === 0 ? stable + 1 : 0;
    }
  };

  const harness: LifecycleHarness = {
    twins, store, mailer, logger,
    get lifecycle() { return lifecycle; },
    set lifecycle(value) { lifecycle = value; },
    async receive(partial) {
      const policy = TEST_POLICIES.get(partial.landlordId ?? 'code-defaults')!;
      const receivedAt = new Date().toISOString();
      const arrival: Arrival = {
        landlordId: policy.landlordId, channel: 'email', receivedAt, from: 'ann.resident@example.com', fromName: 'Ann Resident',
        to: policy.contact.complaintsEmail, subject: null, externalId: `<m${++formCounter}@example.com>`,
        contentSha256: createHash('sha256').update(`${partial.body}${formCounter}`).digest('hex'), rawSha256: null, rawDocumentKey: null,
        attachments: [], repliesTo: [], form: null, deliveryId: `test-${formCounter}`,
        ...partial,
      };
      const result = await receiveMessage(intake(), arrival);
      await settle();
      return result;
    },
    async complain(form = {}, landlordId = 'code-defaults') {
      const details: FormDetails = {
        wants: 'complaint', whatHappened: 'The boiler has failed three times since October and the repair is still not done.',
        outcomeWanted: 'A working boiler and an apology', name: 'Ann Resident', email: 'ann.resident@example.com', phone: null,
        addressOrTenancyReference: '12 Acacia Avenue', representative: null, adjustments: null, ...form,
      };
      const result = await harness.receive({
        landlordId, channel: 'web_form', from: details.email, fromName: details.name || null, subject: null,
        body: details.whatHappened, form: details, externalId: `form-${++formCounter}`,
      });
      if (!result.caseRef || result.caseKind !== 'complaint') throw new Error(`the form did not open a complaint: ${JSON.stringify(result)}`);
      return result.caseRef;
    },
    async act(caseRef, officer, request) {
      const result = await takeStaffAction(lifecycle.deps, caseRef, officer, request);
      await settle();
      return result;
    },
    async advanceTo(instant) {
      const end = Date.parse(instant);
      for (let steps = 0; ; steps += 1) {
        if (steps > 500) throw new Error('too many wakes on the way');
        await settle();
        const next = lifecycle.nextWakeAt();
        if (next === null || next > end) break;
        await vi.advanceTimersByTimeAsync(Math.max(0, next - Date.now()));
      }
      if (end > Date.now()) await vi.advanceTimersByTimeAsync(end - Date.now());
      await settle();
    },
    settle,
    events: (caseRef) => store.events(caseRef),
    letters: (caseRef) => store.lettersForCase(caseRef),
    async restart() {
      lifecycle.stop();
      lifecycle = build();
      const started = await lifecycle.start();
      await settle();
      return started;
    },
    async close() {
      lifecycle.stop();
      vi.useRealTimers();
      await twins.close();
    },
  };
  return harness;
}
