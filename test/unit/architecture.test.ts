import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/files.ts';

const CORE = join(PROJECT_ROOT, 'src', 'core');
const coreFiles = (readdirSync(CORE, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ name: relative(PROJECT_ROOT, join(CORE, f)), text: readFileSync(join(CORE, f), 'utf8') }));

// STYLE.md section 1: the rules take the clock and calendar as arguments and know nothing of AWS or the process.
const forbidden: Array<[RegExp, string]> = [
  [/from ['"](@aws-sdk|aws-cdk-lib|@aws-lambda-powertools)/, 'imports an AWS library'],
  [/from ['"][./]*(adapters|config|cli|http|lambdas)\//, 'imports from outside the core'],
  [/from ['"]node:(fs|net|http|child_process)/, 'does I/O'],
  [/process\.env/, 'reads the environment'],
  [/Date\.now\(\)|new Date\(\)/, 'reads the clock'],
  [/console\./, 'logs'],
];

describe('the domain core stays plain TypeScript', () => {
  it('has files to check', () => {
    expect(coreFiles.length).toBeGreaterThan(5);
  });

  it.each(forbidden)('no core file %s (it %s)', (pattern) => {
    expect(coreFiles.filter((f) => pattern.test(f.text)).map((f) => f.name)).toEqual([]);
  });
});
