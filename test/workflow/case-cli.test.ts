import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Command } from 'commander';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseCommand } from '../../src/cli/case.ts';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { makeStaffActions } from '../../src/http/staff-actions.ts';
import { bearerToken } from '../../src/http/staff-api.ts';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';

const TOKEN = 'test-staff-token';
let h: LifecycleHarness;
let server: ServerType;
let out: string[];
let err: string[];

beforeEach(async () => {
  h = await openLifecycleHarness('2026-11-23T09:15:00Z');
  const app = new Hono();
  app.route('/api', makeStaffActions({ lifecycle: h.lifecycle.deps, authorise: bearerToken(TOKEN) }));
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
  });
  vi.stubEnv('REDRESS_URL', `http://127.0.0.1:${port}`);
  vi.stubEnv('REDRESS_STAFF_TOKEN', TOKEN);
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

async function redress(...args: string[]): Promise<number> {
  process.exitCode = undefined;
  await new Command('redress').exitOverride().addCommand(caseCommand()).parseAsync(['node', 'redress', ...args]);
  await h.settle();
  return Number(process.exitCode ?? 0);
}

describe('redress case', () => {
  it("categorises, records root causes and sets and ends a learning action, and shows them on the file (Code 9.1, 9.7)", async () => {
    const ref = await h.complain({}, 'example-housing-association');
    await redress('case', 'acknowledge', ref, '--as', 'asha.patel', '--understanding', 'Damp not treated.', '--outcome', 'The damp treated');
    await redress('case', 'respond', ref, '--as', 'asha.patel', '--decision', 'upheld', '--reason', 'The survey was missed.', '--root-cause', 'poor-communication');

    expect(await redress('case', 'categorise', ref, 'repairs', 'damp-and-mould', '--as', 'asha.patel')).toBe(0);
    expect(await redress('case', 'root-causes', ref, 'missed-appointment', '--as', 'asha.patel', '--note', 'Surveyor not told.')).toBe(0);
    expect(await redress('case', 'learning-action', ref, '--as', 'asha.patel', '--action', 'Text residents before a survey', '--owner', 'repairs.manager', '--due', '2026-12-18')).toBe(0);
    expect(await redress('case', 'learning-update', ref, 'L1', 'dropped', '--as', 'asha.patel')).not.toBe(0);
    expect(await redress('case', 'learning-update', ref, 'L1', 'in-progress', '--as', 'asha.patel')).toBe(0);
    expect(await redress('case', 'show', ref)).toBe(0);

    expect(err.join('')).toContain('say in the note why learning action L1 is dropped');
    expect(out.join('')).toContain('categories: repairs, damp-and-mould');
    expect(complaintEventsOf(await h.events(ref)).filter((e) => e.type === 'root-causes-recorded').map((e) => 'rootCauses' in e && e.rootCauses)).toEqual([['poor-communication'], ['missed-appointment']]);
    expect(out.join('')).toContain('root causes at stage 1: missed-appointment');
    expect(out.join('')).toContain('learning action L1: Text residents before a survey, repairs.manager, by 2026-12-18 (in progress)');
  });

  it("records the Ombudsman's notice, the board told, its determination and an order complied with, and shows them", async () => {
    const ref = await h.complain({}, 'example-housing-association');
    await redress('case', 'acknowledge', ref, '--as', 'asha.patel', '--understanding', 'Damp not treated.', '--outcome', 'The damp treated');
    await redress('case', 'respond', ref, '--as', 'asha.patel', '--decision', 'not-upheld', '--reason', 'Treated in time.');

    expect(await redress('case', 'ombudsman', ref, '202612345', '--as', 'asha.patel')).toBe(0);
    expect(await redress('case', 'tell-board', ref, '--as', 'asha.patel')).toBe(0);
    expect(await redress('case', 'ombudsman-determination', ref, '--as', 'asha.patel', '--code-finding', 'service-failure: the complaint handling')).toBe(0);
    expect(await redress('case', 'ombudsman-order', ref, '--as', 'asha.patel', '--order', 'Apologise in writing', '--due', '2026-12-18')).toBe(0);
    expect(await redress('case', 'ombudsman-complied', ref, 'O1', '--as', 'asha.patel', '--evidence', 'Copy of the letter.')).toBe(0);
    expect(await redress('case', 'show', ref)).toBe(0);

    expect(out.join('')).toContain("the Ombudsman's investigation 202612345: evidence due 2026-12-14; board due 2026-11-30, told 2026-11-23");
    expect(out.join('')).toContain('determination 2026-11-23: service failure (the complaint handling)');
    expect(out.join('')).toContain('order O1: Apologise in writing by 2026-12-18 (complied 2026-11-23)');
  });

  it('restricts the resident\'s contact, refuses a review date past six months, records and decides an appeal, and shows it on the file', async () => {
    const ref = await h.complain();

    expect(await redress('case', 'restrict-contact', ref, '--as', 'asha.patel', '--behaviour', 'Forty calls a week.', '--reason', 'Takes the team\'s time.',
      '--channel', 'email', '--equality-act', 'Proportionate: email suits the resident.', '--vulnerability', 'None known.', '--review', '2027-12-01')).toBe(1);
    expect(err.join('')).toContain('a restriction is reviewed within 6 months');
    expect(await redress('case', 'restrict-contact', ref, '--as', 'asha.patel', '--behaviour', 'Forty calls a week.', '--reason', 'Takes the team\'s time.',
      '--channel', 'email', '--officer', 'asha.patel', '--equality-act', 'Proportionate: email suits the resident.', '--vulnerability', 'None known.')).toBe(0);
    expect(await redress('case', 'restriction-appeal', ref, '--as', 'asha.patel')).toBe(0);
    // asha.patel decided the restriction: the appeal is the Senior Management Team's (policy §4.6).
    expect(await redress('case', 'decide-restriction-appeal', ref, 'not-upheld', '--as', 'asha.patel', '--reason', 'Email is open to the resident.')).toBe(1);
    expect(err.join('')).toContain('asha.patel decided the restriction, so cannot decide the appeal against it');
    expect(await redress('case', 'decide-restriction-appeal', ref, 'not-upheld', '--as', 'asha.patel', '--decided-by', 'Senior Management Team', '--reason', 'Email is open to the resident.')).toBe(0);
    expect(await redress('case', 'show', ref)).toBe(0);

    expect(out.join('')).toMatch(/contact restricted 2026-11-23 by asha.patel: by email only, with asha.patel only; review by 2027-05-23/);
    expect(out.join('')).toContain('appeal received 2026-11-23: not upheld 2026-11-23');
  });

  it('acknowledges, responds with an outstanding action, marks it done and shows the file, as the named officer', async () => {
    const ref = await h.complain();

    expect(await redress('case', 'acknowledge', ref, '--as', 'asha.patel', '--understanding', 'The boiler is not repaired.', '--outcome', 'A working boiler', '--handler', 'asha.patel')).toBe(0);
    expect(await redress('case', 'respond', ref, '--as', 'asha.patel', '--decision', 'upheld', '--reason', 'The repair was late.', '--remedy', 'An apology', '--action', 'Fit a new boiler@2026-12-18')).toBe(0);
    expect(await redress('case', 'done', ref, 'A1', '--as', 'asha.patel', '--note', 'Fitted.')).toBe(0);
    expect(await redress('case', 'show', ref)).toBe(0);

    expect(out.join('')).toContain(`${ref}: stage 1 investigating, next due 2026-12-07`);
    expect(out.join('')).toContain('letter stage-1-response sent');
    expect(out.join('')).toMatch(/action A1: Fit a new boiler by 2026-12-18 \(done\)/);
    expect(complaintEventsOf(await h.events(ref)).map((e) => e.type)).toEqual(['received', 'handler-assigned', 'acknowledged', 'stage-1-response-sent', 'action-completed', 'watching-ended']);
  });

  it('says why the Code refuses an action, and exits 1', async () => {
    const ref = await h.complain();
    await redress('case', 'acknowledge', ref, '--as', 'asha.patel', '--understanding', 'The boiler.', '--outcome', 'A boiler');

    const code = await redress('case', 'extend', ref, '--as', 'asha.patel', '--days', '15', '--reason', 'Waiting for parts.');

    expect(code).toBe(1);
    expect(err.join('')).toContain('more than the 10 allowed without a good reason (Code 6.4)');
  });

  it('asks who is acting before it changes anything, and exits 2', async () => {
    const ref = await h.complain();

    expect(await redress('case', 'close', ref, '--reason', 'Withdrawn.')).toBe(2);
    expect(err.join('')).toContain('--as <officer>');
  });
});
