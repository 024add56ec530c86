// npm run fuzz:mail [-- --count 500 --seconds 60 --seed 1234 --batch 200 --out .fuzz-mail]
// A mutation fuzzer over the mail corpus (test/fixtures/mail and the generated giants): each try takes one mail,
// breaks it in one to four ways (flipped and cut bytes, spliced headers and bodies, hostile tokens such as empty
// content types, unknown charsets, stray boundaries and Object.prototype names), sends it over SMTP to the local
// stack, and checks the promises of issue 14: the answer is 250 or a 5xx, never a 4xx or a dropped connection; the
// store reads back every record; the staff API answers 200 and lists every accepted mail. The stack starts afresh
// every --batch tries so its reads stay quick. Mails that broke a promise are written to --out to replay.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedMails, loadMailCorpus, type CorpusMail } from '../test/support/mail-corpus.ts';
import { openHarness, type Harness } from '../test/support/local-redress.ts';
import { readStaffReport } from '../test/support/staff-report.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    batch: { type: 'string', default: '200' },
    out: { type: 'string', default: '.fuzz-mail' },
  },
});
const COUNT = Number(values.count);
const SECONDS = Number(values.seconds);
const BATCH = Number(values.batch);
const SEED = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (![COUNT, SECONDS, BATCH, SEED].every((n) => Number.isFinite(n) && n >= 0)) {
  process.stderr.write('fuzz:mail: --count, --seconds, --batch and --seed take whole numbers\n');
  process.exit(2);
}

// mulberry32: a small seeded generator, so a run can be repeated with --seed.
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const below = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;

const TOKENS = [
  '\r\n', '\r\n\r\n', '\r', '\n', '\u0000', '\u00ff\u00fe', '--', '--b1--', '=?utf-8?B?', '?=', '=?x-unknown?Q?abc?=', '=ZZ', '=\r\n',
  'Content-Type: ', 'Content-Type: ; name="x.jpg"', 'Content-Type: /', 'Content-Type: multipart/mixed; boundary=', 'Content-Type: multipart/report; report-type=delivery-status',
  'Content-Type: message/rfc822\r\n\r\n', 'Content-Transfer-Encoding: base64\r\n', 'charset=x-martian', 'charset=utf-16', 'name*=utf-8\'\'%E2%80%AE.exe',
  'List-Id: <x.example.org>\r\n', 'Auto-Submitted: no\r\n', 'Reply-To: noreply@example.com\r\n', 'From: \r\n', 'From: <>\r\n', 'Subject: =?utf-8?B?4oCu?=\r\n',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'C-7K2M9QXA', '\u001b]0;title\u0007', 'A'.repeat(10_000), ' '.repeat(2000),
];

type Mutation = (raw: Buffer, other: Buffer) => Buffer;
const at = (raw: Buffer) => below(raw.length + 1);
const MUTATIONS: Record<string, Mutation> = {
  'flip bytes': (raw) => {
    const copy = Buffer.from(raw);
    for (let i = 0, n = 1 + below(8); i < n && copy.length > 0; i++) copy[below(copy.length)] = below(256);
    return copy;
  },
  'cut a slice': (raw) => {
    const start = at(raw);
    return Buffer.concat([raw.subarray(0, start), raw.subarray(Math.min(raw.length, start + 1 + below(400)))]);
  },
  'repeat a slice': (raw) => {
    const start = at(raw);
    const slice = raw.subarray(start, start + 1 + below(400));
    return Buffer.concat([raw.subarray(0, start), slice, slice, raw.subarray(start)]);
  },
  'insert a hostile token': (raw) => {
    const where = at(raw);
    return Buffer.concat([raw.subarray(0, where), Buffer.from(pick(TOKENS), 'latin1'), raw.subarray(where)]);
  },
  'drop a header line': (raw) => {
    const lines = raw.toString('latin1').split('\r\n');
    const end = Math.max(1, lines.indexOf(''));
    lines.splice(below(end), 1);
    return Buffer.from(lines.join('\r\n'), 'latin1');
  },
  'garble a content type': (raw) =>
    Buffer.from(raw.toString('latin1').replace(/content-type:[^\r\n;]*/gi, (m) => (random() < 0.5 ? m : `Content-Type: ${pick(['', ';', 'x', 'text/', '/plain', 'image; name="a.jpg"', 'multipart/mixed', 'application/\u0000'])}`)), 'latin1'),
  'splice two mails': (raw, other) => {
    const split = (b: Buffer) => Math.max(0, b.indexOf('\r\n\r\n'));
    return Buffer.concat([raw.subarray(0, split(raw)), other.subarray(split(other))]);
  },
  'truncate': (raw) => raw.subarray(0, at(raw)),
};
const mutationNames = Object.keys(MUTATIONS);

interface Broken {
  readonly attempt: number;
  readonly source: string;
  readonly mutations: string[];
  readonly promise: string;
}

const corpus: CorpusMail[] = [...loadMailCorpus(), ...generatedMails({ largeBytes: 600 * 1024 })];
const outDir = values.out;
const tried = { attempts: 0, accepted: 0, refused5xx: 0 };
const mutationCounts = Object.fromEntries(mutationNames.map((n) => [n, 0]));
const broken: Broken[] = [];
const started = performance.now();
const timeLeft = () => performance.now() - started < SECONDS * 1000;

let crashes = 0;
process.on('uncaughtException', (error) => {
  crashes += 1;
  process.stderr.write(`uncaught exception: ${error.name}: ${error.message}\n`);
});
process.on('unhandledRejection', (error) => {
  crashes += 1;
  process.stderr.write(`unhandled rejection: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
});

const keep = (attempt: number, raw: Buffer, entry: Omit<Broken, 'attempt'>) => {
  broken.push({ attempt, ...entry });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${SEED}-${attempt}.eml`), raw);
};

process.stdout.write(`fuzz:mail seed ${SEED}: up to ${COUNT} tries or ${SECONDS} s over ${corpus.length} mails, a fresh stack every ${BATCH}\n`);

while (tried.attempts < COUNT && timeLeft()) {
  const h: Harness = await openHarness({ maxMessageBytes: 4 * 1024 * 1024 });
  const accepted: { attempt: number; refs: string[]; raw: Buffer; source: string; mutations: string[] }[] = [];
  try {
    for (let i = 0; i < BATCH && tried.attempts < COUNT && timeLeft(); i++) {
      const attempt = ++tried.attempts;
      const source = pick(corpus);
      const mutations = Array.from({ length: 1 + below(4) }, () => pick(mutationNames));
      let raw = source.raw;
      for (const name of mutations) {
        raw = MUTATIONS[name]!(raw, pick(corpus).raw);
        mutationCounts[name]! += 1;
      }
      const envelopeFrom = random() < 0.15 ? '' : source.envelopeFrom;
      try {
        const { response } = await h.sendRaw(raw, { from: envelopeFrom });
        tried.accepted += 1;
        accepted.push({ attempt, refs: response.match(/M-[0-9A-Z]{12}/g) ?? [], raw, source: source.name, mutations });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) tried.refused5xx += 1;
        else keep(attempt, raw, { source: source.name, mutations, promise: code ? `answered ${code}` : `no SMTP answer (${(error as Error).message})` });
      }
    }
    // Every record must read back, and the staff API must list every accepted mail.
    const unreadable = h.logger.lines.filter((l) => l.message === 'unreadable record skipped');
    for (const line of unreadable) broken.push({ attempt: tried.attempts, source: '(store)', mutations: [], promise: `an unreadable record: ${JSON.stringify(line.fields)}` });
    const report = await readStaffReport(h.redress);
    if (report.status !== 200) {
      broken.push({ attempt: tried.attempts, source: '(staff API)', mutations: [], promise: `GET /api/cases answered ${report.status}` });
    } else {
      for (const a of accepted) {
        const missing = a.refs.length === 0 ? ['(no reference in the answer)'] : a.refs.filter((r) => !report.messageRefs.has(r));
        if (missing.length > 0) keep(a.attempt, a.raw, { source: a.source, mutations: a.mutations, promise: `accepted but not listed: ${missing.join(', ')}` });
      }
    }
  } finally {
    await h.close();
  }
  process.stdout.write(`  ${tried.attempts} tried, ${broken.length} broken, ${Math.round((performance.now() - started) / 1000)} s\n`);
}

const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  [
    '',
    `tried       ${tried.attempts} mutated mails in ${seconds.toFixed(1)} s (${(tried.attempts / seconds).toFixed(1)} a second), seed ${SEED}`,
    `accepted    ${tried.accepted} (250)`,
    `refused     ${tried.refused5xx} (5xx)`,
    `mutations   ${mutationNames.map((n) => `${n} ${mutationCounts[n]}`).join(', ')}`,
    `crashes     ${crashes}`,
    `broken      ${broken.length}${broken.length > 0 ? ` (mails kept in ${outDir}/)` : ''}`,
    ...broken.slice(0, 20).map((b) => `  #${b.attempt} from ${b.source} [${b.mutations.join(', ')}]: ${b.promise}`),
    '',
  ].join('\n'),
);
process.exitCode = broken.length + crashes > 0 ? 1 : 0;
