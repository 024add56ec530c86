// Benchmark, run on demand (`npm run bench:workdays`), never in the tests: how fast the calendar adds
// working days in process, and how many lines a second `redress workdays` answers end to end.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readBankHolidays } from '../src/config/files.ts';
import type { Region } from '../src/core/calendar/bank-holidays.ts';
import { WorkingDayCalendar } from '../src/core/calendar/working-days.ts';

const regions: Region[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const govUk = readBankHolidays();

// A fixed pseudo-random sequence, so every run measures the same work.
let seed = 20261123;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const START = Date.parse('2022-01-01T00:00:00Z');
const SPAN_MS = 6 * 365 * 86_400_000;
const cases = Array.from({ length: 200_000 }, () => ({
  from: new Date(START + Math.floor(random() * SPAN_MS)).toISOString(),
  days: [2, 5, 10, 20, 40][Math.floor(random() * 5)]!,
  region: regions[Math.floor(random() * 3)]!,
}));

function inProcess(label: string, calendars: Record<Region, WorkingDayCalendar>, input: 'instant' | 'date') {
  const warm = cases.slice(0, 5_000);
  for (const c of warm) calendars[c.region].addWorkingDays(input === 'date' ? c.from.slice(0, 10) : c.from, c.days);
  const started = performance.now();
  let checksum = 0;
  for (const c of cases) checksum += calendars[c.region].addWorkingDays(input === 'date' ? c.from.slice(0, 10) : c.from, c.days).charCodeAt(9);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(58)} ${Math.round(cases.length / seconds).toLocaleString('en-GB').padStart(12)} additions/s  (checksum ${checksum})`);
}

const calendarsFor = (withList: boolean) =>
  Object.fromEntries(regions.map((region) => [region, new WorkingDayCalendar({ region, ...(withList ? { govUk } : {}) })])) as Record<Region, WorkingDayCalendar>;

console.log(`Working-day additions, ${cases.length.toLocaleString('en-GB')} cases, 2, 5, 10, 20 or 40 working days, 2022-2027, three regions`);
inProcess('in process, ISO instants (London date via Intl), GOV.UK list', calendarsFor(true), 'instant');
inProcess('in process, YYYY-MM-DD dates, GOV.UK list', calendarsFor(true), 'date');
inProcess('in process, ISO instants, holiday rules only (date-holidays)', calendarsFor(false), 'instant');

const cli = fileURLToPath(new URL('../cli/redress.js', import.meta.url));
const lines = cases.slice(0, 50_000).map((c, i) => JSON.stringify({ id: `c-${i}`, ...c })).join('\n');
const runCli = (input: string) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'workdays'], { input, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`redress workdays failed: ${run.stderr}`);
  return { ms: performance.now() - started, answered: run.stdout.trim().split('\n').length };
};
const startup = runCli('');
const full = runCli(lines);
console.log(`\nredress workdays, end to end in a child process`);
console.log(`  start-up with no input                                   ${Math.round(startup.ms).toString().padStart(8)} ms`);
console.log(`  ${full.answered.toLocaleString('en-GB')} lines                                           ${Math.round(full.ms).toString().padStart(8)} ms`);
console.log(`  lines per second, start-up included                      ${Math.round(full.answered / (full.ms / 1000)).toLocaleString('en-GB').padStart(8)}`);
console.log(`  lines per second, start-up excluded                      ${Math.round(full.answered / ((full.ms - startup.ms) / 1000)).toLocaleString('en-GB').padStart(8)}`);
