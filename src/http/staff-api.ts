import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { casesReport, type ReportCursor, type ReportDeps } from '../reports/cases-report.ts';

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

/** A signed-in caller's request body is at most this: the longest staff action is a few pages of text. */
export const STAFF_MAX_BODY_BYTES = 64 * 1024;

/** A case reference is `C-` or `SR-` and eight characters, a message's `M-` and twelve: anything much longer is neither. */
const MAX_REF_CHARS = 32;

/**
 * Requires the staff authoriser to say yes (401 otherwise, with no detail of why), then holds the caller to
 * `maxBodyBytes` (413): signing in is no licence to send a body of any size.
 */
export const requireStaff = (authorise: StaffAuthoriser, maxBodyBytes = STAFF_MAX_BODY_BYTES): MiddlewareHandler => {
  const limit = bodyLimit({ maxSize: maxBodyBytes, onError: (c) => c.json({ error: `the request body is over ${maxBodyBytes} bytes` }, 413) });
  return async (c, next) => {
    if (!authorise(c)) return c.json({ error: 'staff sign-in needed' }, 401, { 'www-authenticate': 'Bearer' });
    const [, collection, ref] = /^\/api\/(cases|messages)\/([^/]*)/.exec(c.req.path) ?? [];
    if (ref !== undefined && ref.length > MAX_REF_CHARS) {
      return c.json({ error: collection === 'cases' ? 'that is not a case reference: one looks like C-7K2M9QXA or SR-7K2M9QXA' : 'that is not a message reference: one looks like M-7K2M9QXA0B1C' }, 400);
    }
    return limit(c, next);
  };
};

export interface StaffApiDeps extends ReportDeps {
  readonly authorise: StaffAuthoriser;
}

const CasesQuery = lazySchema(() => z.object({
  landlord: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().min(1).optional(),
}));

const Cursor = lazySchema(() => z.object({ landlordId: z.string().min(1), after: z.string().min(1).optional() }));

// The cursor a client hands back is opaque to it: base64url JSON, checked on the way in like any other input.
const encodeCursor = (cursor: ReportCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(text: string): ReportCursor | null {
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * `GET /api/cases[?landlord=id][&limit=n][&after=cursor]`: a page of cases (100 unless `limit` says) with their
 * messages, labels, reasons, due dates and letters, and `next`, the cursor of the next page (null on the last).
 */
export function makeStaffApi(deps: StaffApiDeps): Hono {
  const app = new Hono();
  app.use('/api/cases', requireStaff(deps.authorise));
  app.use('/api/cases/*', requireStaff(deps.authorise));
  app.get('/api/cases', async (c) => {
    const query = CasesQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ error: 'invalid query', problems: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, 400);
    const { landlord, limit, after } = query.data;
    if (landlord !== undefined && !deps.policies.has(landlord)) return c.json({ error: `no landlord ${landlord}` }, 404);
    const from = after === undefined ? undefined : decodeCursor(after);
    if (from === null) return c.json({ error: 'after: not a cursor this API gave' }, 400);
    const report = await casesReport(deps, landlord ? [landlord] : [...deps.policies.keys()], { limit, ...(from ? { from } : {}) });
    return c.json({ ...report, next: report.next ? encodeCursor(report.next) : null });
  });
  return app;
}
