// The staff action routes, a Hono sub-app the HTTP server mounts under /api behind staff sign-in. Each action is an
// event on the case with who and when; a refusal names the Code provision it would break.
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { loadComplaint, type LifecycleDeps } from '../case-handling/lifecycle-deps.ts';
import { describeProblem, parseStaffAction, takeStaffAction, type StaffActionName } from '../case-handling/staff-actions.ts';
import { complaintFile } from '../core/case/case-file.ts';
import { complaintDeadlinesAt } from '../core/case/complaint.ts';
import { requireStaff, type StaffAuthoriser } from './staff-api.ts';

/** The staff action names, as they appear in `POST /api/cases/<ref>/<action>`. */
export const STAFF_ACTIONS: readonly StaffActionName[] = [
  'acknowledge', 'decline', 'extend', 'respond', 'escalate', 'assign', 'record-adjustments', 'record-representative',
  'record-vulnerability', 'complete-action', 'close',
];

const isStaffAction = (name: string): name is StaffActionName => (STAFF_ACTIONS as readonly string[]).includes(name);

/** Who is acting: the header the command line sends locally; on AWS the signed-in user's claims. */
export type OfficerOf = (c: Context) => string | null;

/** Locally the one staff token is shared, so the officer names themselves (`redress case … --as`). */
export const officerFromHeader: OfficerOf = (c) => c.req.header('x-redress-officer')?.trim() || null;

export interface StaffActionsDeps {
  readonly lifecycle: LifecycleDeps;
  readonly authorise: StaffAuthoriser;
  readonly officerOf?: OfficerOf;
}

const problems = (error: z.ZodError) => ({
  error: 'invalid request',
  problems: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
});

/**
 * `POST /cases/:caseRef/:action` takes a staff action (acknowledge, decline, extend, respond, escalate, assign,
 * record-adjustments, record-representative, record-vulnerability, complete-action, close) with its fields as JSON;
 * `GET /cases/:caseRef/file` shows the complaint's file: its timeline, what is open, and its history.
 * @example app.route('/api', makeStaffActions({ lifecycle, authorise: bearerToken(token) }))
 */
export function makeStaffActions(deps: StaffActionsDeps): Hono {
  const app = new Hono();
  const officerOf = deps.officerOf ?? officerFromHeader;
  app.use('/cases/*', requireStaff(deps.authorise));

  app.get('/cases/:caseRef/file', async (c) => {
    const complaint = await loadComplaint(deps.lifecycle, c.req.param('caseRef'));
    if (!complaint) return c.json({ error: `there is no complaint ${c.req.param('caseRef')}` }, 404);
    const at = deps.lifecycle.clock.now().toISOString();
    const deadlines = complaintDeadlinesAt(complaint.events, complaint.policy, complaint.cal, at);
    return c.json({
      caseRef: complaint.record.caseRef,
      landlordId: complaint.record.landlordId,
      summary: complaint.record.summary,
      state: complaint.record.state,
      at,
      ...(deadlines.ok
        ? { status: deadlines.value.timeline.status, timeline: deadlines.value.timeline, open: deadlines.value.open }
        : { breach: deadlines.error }),
      file: complaintFile(complaint.events),
      history: complaint.history.map((e) => ({ seq: e.seq, at: e.event.at, by: e.by, type: e.event.type, event: e.event })),
    });
  });

  app.post('/cases/:caseRef/:action', async (c) => {
    const action = c.req.param('action');
    if (!isStaffAction(action)) {
      return c.json({ error: `no action "${action}": use one of ${STAFF_ACTIONS.join(', ')}` }, 404);
    }
    const officer = officerOf(c);
    if (!officer) return c.json({ error: 'say who is acting: the X-Redress-Officer header (redress case … --as <officer>)' }, 400);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'the body must be JSON' }, 400);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return c.json({ error: 'the body must be a JSON object' }, 400);
    const request = parseStaffAction({ ...body, action });
    if (!request.ok) return c.json(problems(request.error), 400);
    const result = await takeStaffAction(deps.lifecycle, c.req.param('caseRef'), officer, request.value);
    if (!result.ok) {
      const status = result.error.kind === 'no-such-complaint' ? 404 : 422;
      return c.json({ error: describeProblem(result.error), refusal: result.error }, status);
    }
    return c.json(result.value);
  });

  return app;
}
