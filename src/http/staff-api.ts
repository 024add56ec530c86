import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { casesReport, type ReportDeps } from '../reports/cases-report.ts';

/** Decides whether a request may use the staff API. */
export type StaffAuthoriser = (c: Context) => boolean;

/**
 * Locally: `Authorization: Bearer <staff token>`, compared in constant time. On AWS the HTTP API's Cognito JWT
 * authorizer has already checked the caller before the function runs, so the function trusts its claims instead.
 */
export function bearerToken(token: string): StaffAuthoriser {
  const expected = Buffer.from(`Bearer ${token}`);
  return (c) => {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

/** Requires the staff authoriser to say yes: 401 otherwise, with no detail of why. */
export const requireStaff = (authorise: StaffAuthoriser): MiddlewareHandler => async (c, next) => {
  if (!authorise(c)) return c.json({ error: 'staff sign-in needed' }, 401, { 'www-authenticate': 'Bearer' });
  await next();
};

export interface StaffApiDeps extends ReportDeps {
  readonly authorise: StaffAuthoriser;
}

/** `GET /api/cases[?landlord=id]`: every case with its messages, labels, reasons, due dates and letters. */
export function makeStaffApi(deps: StaffApiDeps): Hono {
  const app = new Hono();
  app.use('/api/cases', requireStaff(deps.authorise));
  app.use('/api/cases/*', requireStaff(deps.authorise));
  app.get('/api/cases', async (c) => {
    const landlord = c.req.query('landlord');
    if (landlord !== undefined && !deps.policies.has(landlord)) return c.json({ error: `no landlord ${landlord}` }, 404);
    return c.json(await casesReport(deps, landlord ? [landlord] : [...deps.policies.keys()]));
  });
  return app;
}
