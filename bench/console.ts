// npm run bench:console [-- --cases 10000 --events-per-case 5 --runs 40]
// Fills the local store (dynalite) with a managing agent's worth of cases, then times the console's work queue and a
// case page over HTTP, as a signed-in officer's browser asks for them, and prints p50 and p95 with the store's size.
// The queue reads the work index (gsi3) and only its page's events, so its time should not grow with the store.
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalRedress } from '../local/start.ts';
import { complaintEventsOf, type CaseEventRecord, type CaseRecord } from '../src/core/case/case-record.ts';
import { nextDueOn } from '../src/core/case/case-review.ts';
import { complaintTimeline } from '../src/core/case/complaint.ts';
import { calendarForPolicy } from '../src/core/code/deadlines.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, 'events-per-case': { type: 'string', default: '5' }, runs: { type: 'string', default: '40' } } });
const CASES = Number(values.cases);
const RUNS = Number(values.runs);
const OPEN_SHARE = 0.25;

const quiet = { info() {}, warn() {}, error() {} };
// Four landlords with addresses of their own (the two procedures of one co-op share one, so one of them is left out).
const landlordsDir = mkdtempSync(join(tmpdir(), 'redress-bench-'));
for (const file of ['chs-coop-procedure-a', 'code-defaults', 'dennetts-coop', 'example-housing-association']) copyFileSync(`config/landlords/${file}.json`, join(landlordsDir, `${file}.json`));
const redress = await startLocalRedress({
  dataDir: null,
  settings: { REDRESS_HTTP_PORT: 0, REDRESS_SMTP_PORT: 0, REDRESS_SES_PORT: 0, REDRESS_STAFF_TOKEN: 'bench-staff-token', REDRESS_SMS_AUTH_TOKEN: 'bench-sms-token', REDRESS_LANDLORDS_DIR: landlordsDir },
  logger: quiet,
});
const lifecycle = redress.lifecycle!.deps;
const store = lifecycle.cases;
const doc = DynamoDBDocumentClient.from(redress.twins.dynamo);
const landlords = [...lifecycle.policies.values()];
const officer = landlords[0]!.digest.recipients[0]!;

const ref = (i: number) => `C-${i.toString(36).toUpperCase().padStart(8, '0')}`;
const day = 86_400_000;
const start = Date.now();

// Five events a case: received, the message joined, acknowledged with a definition, a handler, the letter sent.
function caseWith(i: number): { head: CaseRecord; events: CaseEventRecord[] } {
  const policy = landlords[i % landlords.length]!;
  const open = Math.floor(i / landlords.length) % Math.round(1 / OPEN_SHARE) === 0;
  const openedAt = new Date(start - (open ? (i % 40) : 60 + (i % 700)) * day).toISOString();
  const ackAt = new Date(Date.parse(openedAt) + day).toISOString();
  const caseRef = ref(i);
  const entries: CaseEventRecord['event'][] = [
    { type: 'received', at: openedAt },
    { type: 'message-joined', at: openedAt, messageRef: `M-${i.toString(36).toUpperCase().padStart(12, '0')}` },
    { type: 'acknowledged', at: ackAt, complaintDefinition: 'Damp in the bedroom not put right', outcomesSought: ['The damp treated'] },
    { type: 'handler-assigned', at: ackAt, stage: 'stage-1', officer },
    { type: 'letter-sent', at: ackAt, letterId: `${caseRef}-stage-1-acknowledgement`, template: 'stage-1-acknowledgement' },
  ];
  const events = entries.map((event, n) => ({ caseRef, seq: n + 1, recordedAt: event.at, by: n < 2 ? 'redress' : officer, event }));
  const timeline = complaintTimeline(complaintEventsOf(events), policy, calendarForPolicy(policy, lifecycle.govUk));
  const head: CaseRecord = {
    caseRef, landlordId: policy.landlordId, kind: 'complaint', openedAt, openedByMessageRef: 'M-000000000000', channel: 'email',
    resident: { name: `Resident ${i}`, email: `resident${i}@example.com`, phone: null, addressOrTenancyReference: `${i} High Street` },
    representative: null, adjustments: null, summary: `Damp in flat ${i}`,
    state: open ? 'open' : 'closed', nextDueOn: open && timeline.ok ? nextDueOn(timeline.value) : null,
  };
  return { head, events };
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

const built = Array.from({ length: CASES }, (_, i) => caseWith(i));
await inParallel(built, 16, ({ head }) => store.createCase(head));
const eventItems = built.flatMap(({ events }) => events.map((e) => ({ ...e, pk: `CASE#${e.caseRef}`, sk: `EVENT#${String(e.seq).padStart(6, '0')}` })));
const batches = Array.from({ length: Math.ceil(eventItems.length / 25) }, (_, b) => eventItems.slice(b * 25, b * 25 + 25));
await inParallel(batches, 8, (batch) => doc.send(new BatchWriteCommand({ RequestItems: { [redress.twins.tableName]: batch.map((Item) => ({ PutRequest: { Item } })) } })));
const filledIn = (Date.now() - start) / 1000;

// Sign in as an officer would, then ask for pages as the browser does.
const signIn = await fetch(`${redress.url}/console/sign-in`, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: redress.url },
  body: new URLSearchParams({ token: 'bench-staff-token', officer }),
});
const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

const rowsOn = (html: string) => html.split('<tr class="govuk-table__row">').length - 2;

async function time(path: () => string, headers: Record<string, string> = { cookie }): Promise<number[]> {
  // Two untimed requests first: the templates compile and the connections open once per process, not per page.
  for (let warm = 0; warm < 2; warm++) {
    const html = await (await fetch(`${redress.url}${path()}`, { headers })).text();
    if (path().startsWith('/console?') || path() === '/console') rows[path()] = rowsOn(html);
  }
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const response = await fetch(`${redress.url}${path()}`, { headers });
    if (response.status !== 200) throw new Error(`${path()} answered ${response.status}`);
    await response.text();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);

const rows: Record<string, number> = {};
const openRefs = built.filter(({ head }) => head.state === 'open').map(({ head }) => head.caseRef);
const results = {
  'work queue, all landlords': await time(() => '/console'),
  'work queue, one landlord': await time(() => `/console?landlord=${landlords[1]!.landlordId}`),
  'work queue, by handler': await time(() => `/console?handler=${encodeURIComponent(officer)}`),
  'case page': await time(() => `/console/cases/${openRefs[Math.floor(Math.random() * openRefs.length)]}`),
  // Issue 14, item 10: the staff API's case list, a page of 100 with each case's events, letters and messages.
  'GET /api/cases (100 a page)': await time(() => '/api/cases?limit=100', { authorization: 'Bearer bench-staff-token' }),
};

process.stdout.write(`store: ${CASES} cases (${openRefs.length} open), ${eventItems.length} events, ${landlords.length} landlords on dynalite; filled in ${filledIn.toFixed(1)} s\n`);
for (const [name, times] of Object.entries(results)) process.stdout.write(`  ${name.padEnd(28)} p50 ${pct(times, 50)} ms  p95 ${pct(times, 95)} ms  (${RUNS} requests)\n`);
process.stdout.write(`  rows on the queue's first page: ${Object.entries(rows).map(([path, n]) => `${path} ${n}`).join(', ')}\n`);
await redress.close();
