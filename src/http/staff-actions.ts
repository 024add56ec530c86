// The staff action routes, a Hono sub-app the HTTP server mounts under /api behind staff sign-in. Each action is an
// event on the case with who and when; a refusal names the Code provision it would break.
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { loadComplaint, type LifecycleDeps } from '../case-handling/lifecycle-deps.ts';
import {
  closeServiceRequest, describeProblem, LoggedComplaintRequest, logComplaintByStaff, parseStaffAction, ReclassifyRequest, reclassifyAsComplaint, takeStaffAction, type StaffActionName,
} from '../case-handling/staff-actions.ts';
import { complaintFile } from '../core/case/case-file.ts';
import { complaintDeadlinesAt } from '../core/case/complaint.ts';
import { requireStaff, type StaffAuthoriser } from './staff-api.ts';

/** The staff action names, as they appear in `POST /api/cases/<ref>/<action>`. */
export const STAFF_ACTIONS: readonly StaffActionName[] = [
  'acknowledge', 'decline', 'extend', 'respond', 'escalate', 'assign', 'record-adjustments', 'record-representative',
  'record-vulnerability', 'complete-action', 'withdraw', 'close',
  'categorise', 'record-root-causes', 'set-learning-action', 'update-learning-action',
  'ombudsman-investigation', 'ombudsman-evidence-sent', 'tell-board', 'ombudsman-determination', 'ombudsman-order', 'ombudsman-order-complied',
  'restrict-contact', 'review-restriction', 'record-restriction-appeal', 'decide-restriction-appeal',
];

/**
 * Staff actions the console offers no form for yet (learning from complaints and the Ombudsman's investigation,
 * issue 15): the staff API and `redress case` take them. Remove each as its console form lands.
 */
export const NOT_YET_IN_THE_CONSOLE: readonly StaffActionName[] = [];

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
 * record-adjustments, record-representative, record-vulnerability, complete-action, close; and for learning from
 * complaints categorise, record-root-causes, set-learning-action, update-learning-action; for the Ombudsman's
 * investigation ombudsman-investigation, ombudsman-evidence-sent, tell-board, ombudsman-determination, ombudsman-order,
 * ombudsman-order-complied; for a restriction on the resident's contact restrict-contact, review-restriction,
 * record-restriction-appeal, decide-restriction-appeal) with its fields as JSON;
 * `GET /cases/:caseRef/file` shows the complaint's file: its timeline, what is open, and its history.
 * @example app.route('/api', makeStaffActions({ lifecycle, authorise: bearerToken(token) }))
 */
export function makeStaffActions(deps: StaffActionsDeps): Hono {
  const app = new Hono();
  const officerOf = deps.officerOf ?? officerFromHeader;
  app.use('/cases/*', requireStaff(deps.authorise));
  app.use('/complaints', requireStaff(deps.authorise));
  app.use('/messages/*', requireStaff(deps.authorise));

  // Reads the acting officer and a JSON object body, or answers the problem.
  const officerAndBody = async (c: Context): Promise<{ officer: string; body: Record<string, unknown> } | Response> => {
    const officer = officerOf(c);
    if (!officer) return c.json({ error: 'say who is acting: the X-Redress-Officer header (redress case … --as <officer>)' }, 400);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'the body must be JSON' }, 400);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return c.json({ error: 'the body must be a JSON object' }, 400);
    return { officer, body: body as Record<string, unknown> };
  };

  // A complaint taken by telephone, letter or in person, logged with the date it was received (Code 3.1, 3.2, 6.2).
  app.post('/complaints', async (c) => {
    const given = await officerAndBody(c);
    if (given instanceof Response) return given;
    const request = LoggedComplaintRequest.safeParse(given.body);
    if (!request.success) return c.json(problems(request.error), 400);
    const result = await logComplaintByStaff(deps.lifecycle, given.officer, request.data);
    if (!result.ok) {
      const status = result.error.kind === 'unknown-landlord' ? 404 : result.error.kind === 'already-logged' ? 409 : 422;
      return c.json({ error: describeProblem(result.error), refusal: result.error }, status);
    }
    return c.json(result.value, 201);
  });

  // A message a person judges to be a complaint (Code 1.2 to 1.5): the clock counts from when it was received.
  app.post('/messages/:messageRef/complaint', async (c) => {
    const given = await officerAndBody(c);
    if (given instanceof Response) return given;
    const request = ReclassifyRequest.safeParse(given.body);
    if (!request.success) return c.json(problems(request.error), 400);
    const result = await reclassifyAsComplaint(deps.lifecycle, given.officer, { kind: 'message', ref: c.req.param('messageRef') }, request.data);
    if (!result.ok) return c.json({ error: describeProblem(result.error), refusal: result.error }, result.error.kind.startsWith('no-such') ? 404 : 422);
    return c.json(result.value, 201);
  });

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
    if (c.req.param('caseRef').startsWith('SR-')) return serviceRequestAction(c, action);
    if (!isStaffAction(action)) {
      return c.json({ error: `no action "${action}": use one of ${STAFF_ACTIONS.join(', ')}` }, 404);
    }
    const given = await officerAndBody(c);
    if (given instanceof Response) return given;
    const request = parseStaffAction({ ...given.body, action });
    if (!request.ok) return c.json(problems(request.error), 400);
    const result = await takeStaffAction(deps.lifecycle, c.req.param('caseRef'), given.officer, request.value);
    if (!result.ok) {
      const status = result.error.kind === 'no-such-complaint' ? 404 : 422;
      return c.json({ error: describeProblem(result.error), refusal: result.error }, status);
    }
    return c.json(result.value);
  });

  // A service request: it is a complaint after all (reclassify), or it is done (close).
  async function serviceRequestAction(c: Context, action: string): Promise<Response> {
    if (action !== 'reclassify' && action !== 'close') return c.json({ error: `no action "${action}" on a service request: use reclassify or close` }, 404);
    const given = await officerAndBody(c);
    if (given instanceof Response) return given;
    const ref = c.req.param('caseRef')!;
    if (action === 'close') {
      const reason = z.object({ reason: z.string().trim().min(1).max(2000) }).safeParse(given.body);
      if (!reason.success) return c.json(problems(reason.error), 400);
      const closed = await closeServiceRequest(deps.lifecycle, given.officer, ref, reason.data);
      return closed.ok ? c.json(closed.value) : c.json({ error: describeProblem(closed.error) }, 404);
    }
    const request = ReclassifyRequest.safeParse(given.body);
    if (!request.success) return c.json(problems(request.error), 400);
    const result = await reclassifyAsComplaint(deps.lifecycle, given.officer, { kind: 'service-request', ref }, request.data);
    if (!result.ok) return c.json({ error: describeProblem(result.error), refusal: result.error }, result.error.kind.startsWith('no-such') ? 404 : 422);
    return c.json(result.value, 201);
  }

  return app;
}

