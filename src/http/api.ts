import { Hono } from 'hono';
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { RegionSchema, YearNotCoveredError, type GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import { InstantSchema, InvalidDayError } from '../core/calendar/london-date.ts';
import { calendarsByRegion } from '../core/calendar/working-days.ts';
import { ComplaintEventSchema, complaintDeadlinesAt } from '../core/case/complaint.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { checkPolicyAgainstCode } from '../core/policy/policy-check.ts';

/** What the API needs: the landlords' policies, the bank-holiday list in force, and the time. */
export interface ApiDeps {
  readonly policies: ReadonlyMap<string, LandlordPolicy>;
  readonly govUk: GovUkBankHolidays;
  readonly now: () => Date;
}

const WorkdaysRequest = lazySchema(() => z.object({ from: z.string().min(1), days: z.int(), region: RegionSchema }));
const DeadlinesRequest = lazySchema(() => z.object({
  landlordId: z.string().min(1),
  events: z.array(ComplaintEventSchema).min(1),
  at: InstantSchema.optional(),
  dueSoonWithinWorkingDays: z.int().nonnegative().optional(),
}));

const problem = (error: z.ZodError) => ({
  error: 'invalid request',
  problems: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
});

/** The HTTP API over the domain core: policies, working days and a complaint's deadlines. */
export function makeApi(deps: ApiDeps): Hono {
  const app = new Hono();
  const calendarFor = calendarsByRegion(deps.govUk);
  const readJson = async (body: () => Promise<unknown>) => {
    try {
      return { ok: true as const, value: await body() };
    } catch {
      return { ok: false as const };
    }
  };

  app.get('/health', (c) => c.json({ ok: true }));

  app.get('/api/policies', (c) =>
    c.json(
      [...deps.policies.values()].map((p) => ({
        landlordId: p.landlordId,
        name: p.name,
        kind: p.kind,
        findings: checkPolicyAgainstCode(p).length,
      })),
    ),
  );

  app.get('/api/policies/:landlordId', (c) => {
    const policy = deps.policies.get(c.req.param('landlordId'));
    return policy ? c.json(policy) : c.json({ error: 'no such landlord' }, 404);
  });

  app.get('/api/policies/:landlordId/check', (c) => {
    const policy = deps.policies.get(c.req.param('landlordId'));
    if (!policy) return c.json({ error: 'no such landlord' }, 404);
    return c.json({ landlordId: policy.landlordId, findings: checkPolicyAgainstCode(policy) });
  });

  app.post('/api/workdays', async (c) => {
    const body = await readJson(() => c.req.json());
    if (!body.ok) return c.json({ error: 'the body must be JSON' }, 400);
    const parsed = WorkdaysRequest.safeParse(body.value);
    if (!parsed.success) return c.json(problem(parsed.error), 400);
    try {
      return c.json({ due: calendarFor(parsed.data.region).addWorkingDays(parsed.data.from, parsed.data.days) });
    } catch (error) {
      if (error instanceof InvalidDayError || error instanceof YearNotCoveredError) return c.json({ error: error.message }, 400);
      throw error;
    }
  });

  app.post('/api/complaints/deadlines', async (c) => {
    const body = await readJson(() => c.req.json());
    if (!body.ok) return c.json({ error: 'the body must be JSON' }, 400);
    const parsed = DeadlinesRequest.safeParse(body.value);
    if (!parsed.success) return c.json(problem(parsed.error), 400);
    const policy = deps.policies.get(parsed.data.landlordId);
    if (!policy) return c.json({ error: 'no such landlord' }, 404);
    const at = parsed.data.at ?? deps.now().toISOString();
    const cal = calendarForPolicy(policy, deps.govUk);
    const result = complaintDeadlinesAt(parsed.data.events, policy, cal, at, parsed.data.dueSoonWithinWorkingDays);
    if (!result.ok) return c.json({ error: 'the events break the case rules', breach: result.error }, 422);
    return c.json({ at, timeline: result.value.timeline, open: result.value.open });
  });

  return app;
}
