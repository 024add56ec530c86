// The Lambda bundles leave out zod's JSON Schema conversion (lib/bundle-plugins/zod-without-json-schema.mjs), which
// nothing in Redress uses and every schema's constructor otherwise kept. This bundles a fixture that parses with
// Redress's own schemas, as the stack bundles a function, runs it outside the project as on Lambda, and checks that it
// parses and fails exactly as unbundled, that the conversion says it is left out, and that its code is gone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleEntry } from '../../lib/bundling.ts';
import { LEFT_OUT, withoutJsonSchema } from '../../lib/bundle-plugins/zod-without-json-schema.mjs';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { zodResults } from './fixtures/zod-parse.ts';

let dir: string;
let metafile: Metafile;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'redress-zod-'));
  metafile = bundleEntry(join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'zod-parse.ts'), dir, { landlordFiles: [], templateFiles: [] });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zod in a bundle', () => {
  it('parses, and refuses with the same issues, as unbundled; only the JSON Schema conversion is left out, and says so', () => {
    const run = spawnSync(process.execPath, [join(dir, BUNDLE_FILE)], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const bundled = JSON.parse(run.stdout) as ReturnType<typeof zodResults>;
    const unbundled = zodResults();

    expect(unbundled.policy).toBe('valid');
    expect(unbundled.brokenPolicy).not.toBe('valid');
    expect(unbundled.jsonSchema).toContain('"type":"object"');
    expect({ ...bundled, jsonSchema: unbundled.jsonSchema }).toEqual(unbundled);
    expect(bundled).toMatchObject({ maxLength: 40, minValue: 3, jsonSchema: `threw: ${LEFT_OUT}: toJSONSchema` });
  });

  it('carries none of the conversion code: the processors\' module keeps only the checks\' aggregation', () => {
    // Bundled whole, they were about 10 and 9 kB.
    const bytes = (module: string) => Object.values(metafile.outputs).reduce((sum, o) => sum + (o.inputs[module]?.bytesInOutput ?? 0), 0);

    expect(bytes('node_modules/zod/v4/core/json-schema-processors.js')).toBeLessThan(4_000);
    expect(bytes('node_modules/zod/v4/core/to-json-schema.js')).toBeLessThan(500);
  });

  it('fails the build, rather than cut in the wrong place, if zod moves what it keeps', () => {
    expect(() => withoutJsonSchema('json-schema-processors', 'export const stringProcessor = () => {};\nexport function aggregateChecks() {}\n')).toThrow(/look again at what to keep/);
  });
});
