import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { GovUkBankHolidaysSchema, type GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import { LandlordPolicySchema, type LandlordPolicy } from '../core/policy/landlord-policy.ts';

/** The project's own folder, wherever it was cloned. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Shipped landlord policy profiles, one JSON file per landlord (or per managing-agent procedure). */
export const LANDLORDS_DIR = join(PROJECT_ROOT, 'config', 'landlords');

/** The GOV.UK bank-holidays list in force: replace this file to add a one-off holiday, no release needed. */
export const BANK_HOLIDAYS_FILE = join(PROJECT_ROOT, 'config', 'bank-holidays.json');

/** A configuration file that is missing, is not JSON, or does not match its schema. */
export class InvalidConfigFileError extends Error {
  override readonly name = 'InvalidConfigFileError';
  constructor(readonly file: string, readonly problems: string[], options?: ErrorOptions) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidConfigFileError(file, ['cannot be read (does it exist?)'], { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigFileError(file, [`is not valid JSON: ${(error as Error).message}`], { cause: error });
  }
}

/** Reads and validates a file against a schema; every problem is listed with its path. */
export function readValidated<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(readJson(file));
  if (!parsed.success) {
    throw new InvalidConfigFileError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Reads one landlord policy profile. */
export function readLandlordPolicy(file: string): LandlordPolicy {
  return readValidated(file, LandlordPolicySchema);
}

/** Every shipped landlord policy profile, by landlord id. */
export function shippedLandlordPolicies(dir: string = LANDLORDS_DIR): Map<string, LandlordPolicy> {
  const policies = new Map<string, LandlordPolicy>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const policy = readLandlordPolicy(join(dir, name));
    if (policy.landlordId !== basename(name, '.json')) {
      throw new InvalidConfigFileError(join(dir, name), [`landlordId "${policy.landlordId}" must match the file name`]);
    }
    policies.set(policy.landlordId, policy);
  }
  return policies;
}

/**
 * Where, inside a landlords folder, a bundle keeps its profiles as validated when it was built: one file, a JSON array
 * of the parsed profiles (defaults filled in), written by {@link writeValidatedLandlordPolicies}.
 */
export const VALIDATED_POLICIES_FILE = join('validated', 'policies.json');

/**
 * Parses every profile in a landlords folder (as {@link shippedLandlordPolicies}: a bad one throws, naming its
 * problems) and writes them, parsed, to {@link VALIDATED_POLICIES_FILE} in that folder. Run when a function is
 * bundled: what it deploys was checked then, and the same build's code reads it.
 */
export function writeValidatedLandlordPolicies(dir: string): void {
  const file = join(dir, VALIDATED_POLICIES_FILE);
  mkdirSync(join(dir, 'validated'), { recursive: true });
  writeFileSync(file, `${JSON.stringify([...shippedLandlordPolicies(dir).values()])}\n`);
}

/**
 * The profiles a function runs with, by landlord id: those validated when it was bundled, read without parsing them
 * again (building the policy schema and parsing with it took about 11 ms of every cold start), or, where nothing was
 * validated beforehand (npm start, the tests), every profile in the folder, parsed.
 */
export function validatedLandlordPolicies(dir: string = LANDLORDS_DIR): Map<string, LandlordPolicy> {
  const file = join(dir, VALIDATED_POLICIES_FILE);
  if (!existsSync(file)) return shippedLandlordPolicies(dir);
  return new Map((readJson(file) as LandlordPolicy[]).map((policy) => [policy.landlordId, policy]));
}

/** Reads a GOV.UK bank-holidays list. */
export function readBankHolidays(file: string = BANK_HOLIDAYS_FILE): GovUkBankHolidays {
  return readValidated(file, GovUkBankHolidaysSchema);
}

/** A policy named by a file path, or by the id of a shipped profile (`code-defaults`, `dennetts-coop`, ...). */
export function resolveLandlordPolicy(fileOrId: string): LandlordPolicy {
  if (/^[a-z0-9-]+$/.test(fileOrId) && !existsSync(fileOrId)) {
    const shipped = join(LANDLORDS_DIR, `${fileOrId}.json`);
    if (!existsSync(shipped)) {
      const known = readdirSync(LANDLORDS_DIR).filter((n) => n.endsWith('.json')).map((n) => basename(n, '.json'));
      throw new InvalidConfigFileError(fileOrId, [`no such file, and no shipped policy with that id (shipped: ${known.join(', ')})`]);
    }
    return readLandlordPolicy(shipped);
  }
  return readLandlordPolicy(fileOrId);
}
