// A deployed function reads its landlords' profiles as they were validated when it was bundled, not parsing them again
// at its cold start (issue 17). These check that what it reads is what parsing gives, that a bad profile stops the
// build rather than the function, and that without a validated file (npm start, the tests) the profiles are parsed.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InvalidConfigFileError, LANDLORDS_DIR, shippedLandlordPolicies, VALIDATED_POLICIES_FILE, validatedLandlordPolicies, writeValidatedLandlordPolicies,
} from '../../../src/config/files.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the shipped profiles, as a bundle gets them. */
function landlordsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redress-landlords-'));
  dirs.push(dir);
  cpSync(LANDLORDS_DIR, dir, { recursive: true });
  return dir;
}

describe('landlord profiles validated when a function is bundled', () => {
  it('reads back every shipped profile exactly as parsing it gives, defaults filled in', () => {
    const dir = landlordsCopy();
    writeValidatedLandlordPolicies(dir);
    const parsed = shippedLandlordPolicies(dir);

    expect(parsed.size).toBeGreaterThan(1);
    expect(validatedLandlordPolicies(dir)).toEqual(parsed);
    // Defaults the files leave out are in the validated copy: nothing is parsed after it.
    const defaults = JSON.parse(readFileSync(join(dir, VALIDATED_POLICIES_FILE), 'utf8')) as { landlordId: string; notes: unknown; officers: unknown }[];
    expect(defaults.map((p) => p.landlordId)).toEqual([...parsed.keys()]);
    for (const policy of defaults) expect(policy).toMatchObject({ notes: expect.any(Array), officers: expect.any(Array) });
  });

  it('reads the validated file, not the profiles beside it, once it is there', () => {
    const dir = landlordsCopy();
    writeValidatedLandlordPolicies(dir);
    // A profile changed after validation is not what the function runs with: it runs with what was checked.
    writeFileSync(join(dir, 'code-defaults.json'), '{ "not": "a policy" }');

    expect(validatedLandlordPolicies(dir).get('code-defaults')?.landlordId).toBe('code-defaults');
  });

  it('refuses to write the file when a profile is not valid, naming the file and the problem', () => {
    const dir = landlordsCopy();
    writeFileSync(join(dir, 'code-defaults.json'), JSON.stringify({ landlordId: 'code-defaults' }));

    expect(() => writeValidatedLandlordPolicies(dir)).toThrow(InvalidConfigFileError);
    expect(() => writeValidatedLandlordPolicies(dir)).toThrow(/code-defaults\.json[\s\S]*name/);
  });

  it('parses the profiles where nothing was validated beforehand, and refuses a bad one', () => {
    const dir = landlordsCopy();
    expect(validatedLandlordPolicies(dir)).toEqual(shippedLandlordPolicies(dir));

    writeFileSync(join(dir, 'code-defaults.json'), '{ "not": "a policy" }');
    expect(() => validatedLandlordPolicies(dir)).toThrow(InvalidConfigFileError);
  });

  it('writes the same file from the same profiles, so the asset hash of an unchanged function does not change', () => {
    const dir = landlordsCopy();
    writeValidatedLandlordPolicies(dir);
    const first = readFileSync(join(dir, VALIDATED_POLICIES_FILE), 'utf8');
    writeValidatedLandlordPolicies(dir);

    expect(readFileSync(join(dir, VALIDATED_POLICIES_FILE), 'utf8')).toBe(first);
  });
});
