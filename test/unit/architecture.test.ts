import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

const SRC = join(PROJECT_ROOT, 'src');
const sourceFiles = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ name: relative(PROJECT_ROOT, join(SRC, f)), text: readFileSync(join(SRC, f), 'utf8') }));
const inDir = (dir: string) => sourceFiles.filter((f) => f.name.startsWith(`src/${dir}/`));

describe('the core depends on nothing outside it but the letter catalogue (the shapes its letters take)', () => {
  it('resolves every relative import of a core file inside src/core, or to src/letters/catalogue.ts', () => {
    const outside = coreFiles.flatMap((f) => [...f.text.matchAll(/from ['"](\.[^'"]+)['"]/g)]
      .map((m) => relative(PROJECT_ROOT, join(PROJECT_ROOT, dirname(f.name), m[1]!)))
      .filter((target) => !target.startsWith('src/core/') && target !== 'src/letters/catalogue.ts')
      .map((target) => `${f.name} -> ${target}`));

    expect(outside).toEqual([]);
  });
});

describe('one way to change a complaint', () => {
  it('only the complaint service records complaint events (appendEventAt); everything else records activity only', () => {
    const callers = sourceFiles.filter((f) => /\.appendEventAt\(/.test(f.text)).map((f) => f.name);

    expect(callers).toEqual(['src/services/complaint-service.ts']);
  });

  it('intake does not reach into case handling; the service does not reach into its callers', () => {
    const importsFrom = (files: typeof sourceFiles, dirs: string) =>
      files.filter((f) => new RegExp(`from ['"][./]*(${dirs})/`).test(f.text)).map((f) => f.name);

    expect(importsFrom(inDir('intake'), 'case-handling|cli')).toEqual([]);
    expect(importsFrom(inDir('services'), 'case-handling|intake|http|cli|adapters')).toEqual([]);
    expect(importsFrom([...inDir('case-handling'), ...inDir('intake'), ...inDir('services')], 'adapters')).toEqual([]);
  });
});
