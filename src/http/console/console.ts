// The officer's console under /console: the work queue, messages waiting for a person, the case file, and every staff
// action as a form. Server-rendered with govuk-frontend's macros, working without JavaScript. Every action goes
// through `takeStaffAction`, the one entry point the staff API and the command line use too.
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers';
import * as z from 'zod';
import { lazySchema } from '../../core/lazy-schema.ts';
import { markLetterPosted } from '../../case-handling/letters-to-post.ts';
import { closeServiceRequest, describeProblem, logComplaintByStaff, parseStaffAction, reclassifyAsComplaint, takeStaffAction } from '../../case-handling/staff-actions.ts';
import type { LifecycleDeps } from '../../case-handling/lifecycle-deps.ts';
import { toCalendarDate } from '../../core/calendar/london-date.ts';
import { StageSchema } from '../../core/case/complaint.ts';
import type { LetterRecord } from '../../ports.ts';
import { assetVersion, GOVUK_FRONTEND_DIST, loadAssets } from '../contact-form/assets.ts';
import { viewEnvironment } from '../views.ts';
import { ACTION_FORMS, actionForm, fieldErrors, refusalField, type ActionForm, type FieldError, type FormValues } from './action-forms.ts';
import { casePage, searchCases } from './case-page.ts';
import { sameSecret, type ConsoleSession, type ConsoleSignIn, type Officer } from './sign-in.ts';
import { LOG_COMPLAINT_FIELDS, LOGGED_VIA, parseLoggedComplaint } from './log-complaint.ts';
import { actionsAfterClosure, complaintsQueue, lettersToPost, longOpenServiceRequests, messagesWaiting } from './work-queue.ts';

/** What the console needs: the lifecycle's ports (the same the staff API uses), sign-in, and the officers. */
export interface ConsoleDeps {
  readonly lifecycle: LifecycleDeps;
  readonly signIn: ConsoleSignIn;
  /** The landlords' officers: who can be chosen as a handler, and who may sign in locally. */
  readonly officers: () => readonly Officer[];
  /** The public base URL, without a trailing slash: Cognito's callback is `${publicUrl}/console/auth/callback`. */
  publicUrl(): string;
  /** How the console reaches Cognito's token endpoint; the global fetch unless a test gives another. */
  readonly fetch?: typeof fetch;
}

type Env = { Variables: SecureHeadersVariables & { session: ConsoleSession } };

// Under views/console/, so that in the Lambda bundle (where every module's import.meta.url is index.mjs) the console's
// templates sit beside the contact form's without clashing.
const VIEWS = fileURLToPath(new URL('./views/console/', import.meta.url));
const MAX_FORM_BYTES = 64 * 1024;

const CONSOLE_CSS = `.redress-signed-in{display:flex;gap:1em;align-items:center;justify-content:flex-end;margin-top:10px}
.redress-inline-form{display:inline}
.redress-filters{display:flex;flex-wrap:wrap;gap:0 1.5em;align-items:flex-end}
.redress-filters .govuk-form-group{margin-bottom:15px}
.redress-letter{white-space:pre-wrap;border-left:4px solid #b1b4b6;padding-left:15px}
`;

const QueueQuery = lazySchema(() => z.object({
  landlord: z.string().min(1).optional().catch(undefined),
  stage: StageSchema.optional().catch(undefined),
  handler: z.string().min(1).optional().catch(undefined),
  after: z.string().min(1).max(300).optional().catch(undefined),
}));

/** The decisions an officer can record on a message waiting for a person; a complaint opens a case. */
const MESSAGE_DECISIONS = {
  complaint: 'It is a complaint',
  'survey-feedback': 'Survey feedback',
  'not-for-us': 'Not for us',
} as const;
const MessageDecision = lazySchema(() => z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('complaint'), why: z.string().trim().min(1, { error: 'Say why it is a complaint' }).max(2000) }),
  z.object({ decision: z.enum(['survey-feedback', 'not-for-us']) }),
], { error: 'Choose what the message is' }));

/** A reason an officer gives on a form: for reclassifying or closing a service request. */
const Reason = z.string().trim().min(1).max(2000);

/** What the case page says after something done there that is not one of the action forms. */
const DONE_WORDS: Record<string, string> = {
  logged: 'Complaint logged. Its clock counts from the day it was received.',
  reclassified: 'Recorded as a complaint. Its clock counts from when the resident\'s message was received.',
  'service-request-closed': 'The service request is closed.',
  'letter-posted': 'The letter is marked as posted.',
};

/**
 * The console's routes, to mount at the root of the one HTTP app.
 * @example app.route('/', makeConsole({ lifecycle, signIn: consoleSignIn(settings), officers, publicUrl }))
 */
export function makeConsole(deps: ConsoleDeps): Hono<Env> {
  const app = new Hono<Env>();
  const { lifecycle } = deps;
  // Read when a console page is first rendered, not at the cold start of a function that may only be texted.
  const version = () => assetVersion(loadAssets());
  const env = viewEnvironment([VIEWS, GOVUK_FRONTEND_DIST]);
  // Calendar dates as an officer reads them: "Thu 10 Dec 2026" (London dates, so no time zone can move the day).
  // Built on the first page that shows a date, not at every cold start of http-api (loading ICU's formats costs 5-15 ms).
  let dayFormat: Intl.DateTimeFormat | undefined;
  const days = () => (dayFormat ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }));
  env.addFilter('day', (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? days().format(new Date(`${value}T00:00:00Z`)).replace(',', '') : value));
  const consoleScript = () => `import { initAll } from '/assets/govuk-frontend.min.js?v=${version()}';\ninitAll();\n`;
  const landlordIds = () => [...lifecycle.policies.keys()];
  const now = () => lifecycle.clock.now();

  app.use('/console/*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'", NONCE], styleSrc: ["'self'"], imgSrc: ["'self'"], fontSrc: ["'self'"],
      connectSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"], objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
  }));
  // Cross-site requests: a form posted from another origin is refused before anything else (and each form also
  // carries the session's own token, checked below).
  app.use('/console/*', csrf());
  app.use('/console/*', bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text('The form is too large', 413) }));

  const render = (c: Context<Env>, template: string, context: Record<string, unknown>, status: 200 | 400 | 401 | 403 | 404 | 422 = 200) => {
    c.header('Cache-Control', 'no-store');
    const session = c.get('session') as ConsoleSession | undefined;
    return c.html(env.render(template, { assetPath: '/assets', assetVersion: version(), cspNonce: c.get('secureHeadersNonce'), session, ...context }), status);
  };
  const notFound = (c: Context<Env>, what: string) => render(c, 'problem.njk', { title: 'Not found', paragraphs: [`There is no ${what}.`], link: { href: '/console', text: 'Go to the work queue' } }, 404);

  app.get('/console/console.css', (c) => c.body(CONSOLE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' }));
  app.get('/console/console.mjs', (c) => c.body(consoleScript(), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' }));

  // ---- signing in and out: the only pages a visitor sees

  const signInPage = (c: Context<Env>, errors: Record<string, string>, status: 200 | 401 = 200) =>
    render(c, 'sign-in.njk', {
      title: 'Sign in',
      errors,
      errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
      officerItems: [{ value: '', text: 'Choose who you are' }, ...deps.officers().map((o) => ({ value: o.id, text: o.name }))],
    }, status);

  app.get('/console/sign-in', (c) => {
    if (deps.signIn.settings.kind === 'cognito') return c.redirect(deps.signIn.cognitoRedirect(c, `${deps.publicUrl()}/console/auth/callback`), 302);
    return signInPage(c, {});
  });

  app.post('/console/sign-in', async (c) => {
    const settings = deps.signIn.settings;
    if (settings.kind !== 'staff-token') return c.redirect('/console/sign-in', 303);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const officer = settings.officers().find((o) => o.id === form.officer);
    const errors: Record<string, string> = {};
    if (!sameSecret(token, settings.staffToken)) errors.token = 'Enter the staff token that npm start printed';
    if (!officer) errors.officer = 'Choose who you are';
    if (!officer || Object.keys(errors).length > 0) return signInPage(c, errors, 401);
    await deps.signIn.startLocalSession(c, officer, now());
    return c.redirect('/console', 303);
  });

  app.get('/console/auth/callback', async (c) => {
    const callback = `${deps.publicUrl()}/console/auth/callback`;
    if (await deps.signIn.finishCognito(c, callback, deps.fetch ?? fetch)) return c.redirect('/console', 303);
    return render(c, 'problem.njk', { title: 'Sign-in did not finish', paragraphs: ['The sign-in could not be checked. Sign in again.'], link: { href: '/console/sign-in', text: 'Sign in' } }, 401);
  });

  // ---- everything else needs a signed-in officer; every form that changes something, the session's token

  const requireSession = async (c: Context<Env>, next: () => Promise<void>) => {
    if (['/console/sign-in', '/console/auth/callback', '/console/console.css', '/console/console.mjs'].includes(c.req.path)) return next();
    const session = await deps.signIn.sessionOf(c);
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/console/sign-in', 302);
      return c.text('Sign in first', 401);
    }
    c.set('session', session);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody({ all: true });
      const given = typeof form.csrf === 'string' ? form.csrf : '';
      if (!sameSecret(given, session.csrfToken)) return render(c, 'problem.njk', { title: 'The form had expired', paragraphs: ['Go back, reload the page and send the form again.'] }, 403);
    }
    return next();
  };
  // `/console/*` matches `/console` too.
  app.use('/console/*', requireSession);

  app.post('/console/sign-out', (c) => c.redirect(deps.signIn.signOut(c, `${deps.publicUrl()}/console`), 303));

  // ---- the work queue

  app.get('/console', async (c) => {
    const query = QueueQuery.parse(c.req.query());
    const landlordId = query.landlord && lifecycle.policies.has(query.landlord) ? query.landlord : undefined;
    const officers = deps.officers();
    const at = now();
    const ids = landlordId ? [landlordId] : landlordIds();
    const [queue, longServiceRequests, afterClosure, waiting, toPost] = await Promise.all([
      complaintsQueue(lifecycle, { ...(landlordId ? { landlordId } : {}), ...(query.stage ? { stage: query.stage } : {}), ...(query.handler ? { handler: query.handler } : {}), ...(query.after ? { after: query.after } : {}) }, officers, at),
      longOpenServiceRequests(lifecycle, ids, at),
      actionsAfterClosure(lifecycle, ids, at),
      lifecycle.messages.messagesWaiting(ids, { limit: 25 }),
      lettersToPost(lifecycle, ids, at),
    ]);
    const keep = new URLSearchParams({ ...(landlordId ? { landlord: landlordId } : {}), ...(query.stage ? { stage: query.stage } : {}), ...(query.handler ? { handler: query.handler } : {}) });
    const selected = (items: { value: string; text: string }[], value: string | undefined) => items.map((i) => ({ ...i, selected: i.value === (value ?? '') }));
    return render(c, 'queue.njk', {
      title: 'Work queue',
      section: 'queue',
      rows: queue.rows,
      filtered: keep.size > 0,
      nextUrl: queue.next ? `/console?${new URLSearchParams([...keep, ['after', queue.next]])}` : null,
      longServiceRequests,
      afterClosure,
      waitingCount: waiting.items.length,
      waitingMore: waiting.next !== null,
      lettersToPost: toPost.rows,
      lettersToPostMore: toPost.next !== null,
      posted: c.req.query('posted') === '1',
      landlordItems: selected([{ value: '', text: 'All landlords' }, ...[...lifecycle.policies.values()].map((p) => ({ value: p.landlordId, text: p.name }))], landlordId),
      stageItems: selected([{ value: '', text: 'Both stages' }, { value: 'stage-1', text: 'Stage 1' }, { value: 'stage-2', text: 'Stage 2' }], query.stage),
      handlerItems: selected([{ value: '', text: 'Anyone' }, ...officers.map((o) => ({ value: o.id, text: o.name }))], query.handler),
    });
  });

  // ---- messages waiting for a person

  // A problem with one message's form is shown on its card, with what the officer wrote kept.
  const messagesPage = async (c: Context<Env>, after: string | undefined, problem: { messageRef: string; field: string; message: string; values: Record<string, string> } | null) => {
    const waiting = await messagesWaiting(lifecycle, landlordIds(), now(), after);
    return render(c, 'messages.njk', {
      title: 'Messages waiting for a person',
      section: 'messages',
      rows: waiting.rows,
      nextUrl: waiting.next ? `/console/messages?${new URLSearchParams({ after: waiting.next })}` : null,
      decisions: Object.entries(MESSAGE_DECISIONS).map(([value, text]) => ({ value, text })),
      problem,
      errorList: problem ? [{ text: problem.message, href: `#${problem.field}-${problem.messageRef}` }] : [],
    }, problem ? 400 : 200);
  };

  app.get('/console/messages', (c) => messagesPage(c, QueueQuery.parse(c.req.query()).after, null));

  app.post('/console/messages/:messageRef', async (c) => {
    const message = await lifecycle.messages.getMessage(c.req.param('messageRef'));
    if (!message || !lifecycle.policies.has(message.landlordId)) return notFound(c, 'such message');
    const body = await c.req.parseBody();
    const decision = MessageDecision.safeParse(body);
    if (!decision.success) {
      const issue = decision.error.issues[0];
      const field = issue?.path[0] === 'why' ? 'why' : 'decision';
      const kept = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'csrf'));
      return messagesPage(c, undefined, { messageRef: message.messageRef, field, message: field === 'why' ? (issue?.message ?? 'Say why it is a complaint') : 'Choose what the message is', values: kept });
    }
    const officer = c.get('session').officer;
    if (decision.data.decision === 'complaint') {
      // The clock counts from when the message was received, not from today (Code 1.2 to 1.5, 6.2).
      const opened = await reclassifyAsComplaint(lifecycle, officer.id, { kind: 'message', ref: message.messageRef }, { why: decision.data.why });
      if (!opened.ok) {
        const words = describeProblem(opened.error);
        return messagesPage(c, undefined, { messageRef: message.messageRef, field: 'why', message: capitalise(words), values: { decision: 'complaint', why: decision.data.why } });
      }
      return c.redirect(`/console/cases/${opened.value.caseRef}?done=reclassified`, 303);
    }
    // The officer's reading replaces the classifier's doubt; what triage and intake said stays in the notes.
    await lifecycle.messages.updateMessage(message.messageRef, {
      outcome: 'recorded',
      ...(message.triage ? { triage: { ...message.triage, needsReview: false } } : {}),
      flags: [],
      notes: [...message.notes, ...message.flags.map((f) => `flag seen: ${f}`), `${officer.id} on ${toCalendarDate(now().toISOString())}: ${MESSAGE_DECISIONS[decision.data.decision].toLowerCase()}`],
    });
    lifecycle.logger.info('message read by an officer', { messageRef: message.messageRef, landlordId: message.landlordId, decision: decision.data.decision });
    return c.redirect('/console/messages', 303);
  });

  // ---- search

  app.get('/console/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    return render(c, 'search.njk', { title: 'Search', section: 'search', query, results: query ? await searchCases(lifecycle, landlordIds(), query) : [] });
  });

  // ---- the case file, its letters and its actions

  // The case page; a problem with one of its own forms (a service request's) is shown beside its field.
  const showCase = async (c: Context<Env>, problem: { field: string; message: string; values: Record<string, string> } | null) => {
    const page = await casePage(lifecycle, c.req.param('caseRef') ?? '', deps.officers(), now());
    if (!page) return notFound(c, `case ${c.req.param('caseRef')}`);
    const doneKey = c.req.query('done') ?? '';
    const done = actionForm(doneKey);
    const letterWords = c.req.query('letter') ? (c.req.query('post') ? ' The letter is listed to be posted.' : ' The letter was sent.') : '';
    return render(c, 'case.njk', {
      title: page.record.caseRef, section: 'queue', c: page, forms: ACTION_FORMS,
      done: done ? `${done.title}: done.${letterWords}` : DONE_WORDS[doneKey] ? `${DONE_WORDS[doneKey]}${letterWords}` : null,
      problem,
      errorList: problem ? [{ text: problem.message, href: `#${problem.field}` }] : [],
    }, problem ? 400 : 200);
  };

  app.get('/console/cases/:caseRef', (c) => showCase(c, null));

  // A service request a person judges to be a complaint (Code 1.2 to 1.5), or one that is done.
  app.post('/console/cases/:caseRef/reclassify', async (c) => {
    const body = await c.req.parseBody();
    const why = Reason.safeParse(body.why);
    if (!why.success) return showCase(c, { field: 'why', message: 'Say why it is a complaint', values: {} });
    const opened = await reclassifyAsComplaint(lifecycle, c.get('session').officer.id, { kind: 'service-request', ref: c.req.param('caseRef') }, { why: why.data });
    if (!opened.ok) {
      if (opened.error.kind === 'no-such-service-request' || opened.error.kind === 'no-such-message') return notFound(c, `service request ${c.req.param('caseRef')}`);
      return showCase(c, { field: 'why', message: capitalise(describeProblem(opened.error)), values: { why: why.data } });
    }
    return c.redirect(`/console/cases/${opened.value.caseRef}?done=reclassified`, 303);
  });

  app.post('/console/cases/:caseRef/close-service-request', async (c) => {
    const body = await c.req.parseBody();
    const reason = Reason.safeParse(body.reason);
    if (!reason.success) return showCase(c, { field: 'reason', message: 'Say why the service request is closed', values: {} });
    const closed = await closeServiceRequest(lifecycle, c.get('session').officer.id, c.req.param('caseRef'), { reason: reason.data });
    if (!closed.ok) return notFound(c, `service request ${c.req.param('caseRef')}`);
    return c.redirect(`/console/cases/${closed.value.caseRef}?done=service-request-closed`, 303);
  });

  // ---- a complaint taken by telephone, letter or in person

  const logPage = (c: Context<Env>, values: FormValues, errors: readonly FieldError[], status: 200 | 400 | 422 = 200) =>
    render(c, 'log-complaint.njk', {
      title: 'Log a complaint taken by telephone, letter or in person',
      section: 'queue',
      values,
      labels: LOG_COMPLAINT_FIELDS,
      landlordItems: [{ value: '', text: 'Choose' }, ...[...lifecycle.policies.values()].map((p) => ({ value: p.landlordId, text: p.name, selected: p.landlordId === values.landlordId }))],
      viaItems: LOGGED_VIA.map((v) => ({ ...v, checked: v.value === values.via })),
      errors: Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field, e.message])),
      errorList: errors.map((e) => ({ text: e.message, href: e.field ? `#${e.field}` : '#' })),
    }, status);

  app.get('/console/log-complaint', (c) => logPage(c, {}, []));

  app.post('/console/log-complaint', async (c) => {
    const body = await c.req.parseBody();
    const values: FormValues = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'csrf'));
    const parsed = parseLoggedComplaint(values, now());
    if (!parsed.ok) return logPage(c, values, parsed.errors, 400);
    const logged = await logComplaintByStaff(lifecycle, c.get('session').officer.id, parsed.request);
    if (!logged.ok) {
      const message = logged.error.kind === 'unknown-landlord' ? 'Choose the landlord'
        : logged.error.kind === 'already-logged' ? 'This complaint is already logged: search for it by the resident\'s details'
        : capitalise(describeProblem(logged.error));
      return logPage(c, values, [{ field: logged.error.kind === 'unknown-landlord' ? 'landlordId' : null, message }], 422);
    }
    const letter = logged.value.letter;
    return c.redirect(`/console/cases/${logged.value.caseRef}?${new URLSearchParams({ done: 'logged', ...(letter ? { letter: letter.letterId } : {}), ...(letter?.status === 'to-post' ? { post: '1' } : {}) })}`, 303);
  });

  // ---- letters to post

  app.get('/console/letters/:letterId/pdf', async (c) => {
    const letter = await lifecycle.letters.getLetter(c.req.param('letterId'));
    if (!letter || !lifecycle.policies.has(letter.landlordId)) return notFound(c, 'such letter');
    return letterPdfResponse(c, letter);
  });

  app.post('/console/letters/:letterId/posted', async (c) => {
    const letter = await lifecycle.letters.getLetter(c.req.param('letterId'));
    if (!letter || !lifecycle.policies.has(letter.landlordId)) return notFound(c, 'such letter');
    const posted = await markLetterPosted(lifecycle, c.get('session').officer.id, letter.letterId);
    // Posted by someone else a moment ago: the list no longer shows it either way.
    if ((await c.req.parseBody()).back === 'case' && letter.caseRef) return c.redirect(`/console/cases/${letter.caseRef}?done=letter-posted`, 303);
    return c.redirect(`/console${posted.ok ? '?posted=1' : ''}#letters-to-post`, 303);
  });

  const letterPdfResponse = async (c: Context<Env>, letter: LetterRecord) => {
    // Loaded when first asked for: pdf-lib is the heaviest thing in the HTTP function and most requests never print.
    const { letterPdf } = await import('./letter-pdf.ts');
    // A letter to post carries the resident's name and address from the case, for the envelope's window.
    const record = (letter.status === 'to-post' || letter.status === 'posted') && letter.caseRef ? await lifecycle.cases.getCase(letter.caseRef) : null;
    const pdf = await letterPdf({
      title: `${letter.caseRef ?? ''} ${letter.subject}`.trim(), text: letter.text,
      ...(record ? { addressee: { name: record.resident.name, address: record.resident.addressOrTenancyReference } } : {}),
    });
    return c.body(pdf.slice().buffer, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${letter.letterId}.pdf"`,
      'cache-control': 'no-store',
    });
  };

  const filedLetter = async (c: Context<Env>) => {
    const letter = await lifecycle.letters.getLetter(c.req.param('letterId') ?? '');
    return letter && letter.caseRef === c.req.param('caseRef') ? letter : null;
  };

  app.get('/console/cases/:caseRef/letters/:letterId', async (c) => {
    const letter = await filedLetter(c);
    if (!letter) return notFound(c, 'such letter');
    return render(c, 'letter.njk', { title: letter.subject, section: 'queue', caseRef: letter.caseRef, letter });
  });

  app.get('/console/cases/:caseRef/letters/:letterId/pdf', async (c) => {
    const letter = await filedLetter(c);
    if (!letter) return notFound(c, 'such letter');
    return letterPdfResponse(c, letter);
  });

  const showForm = async (c: Context<Env>, form: ActionForm, values: FormValues, errors: readonly FieldError[], status: 200 | 400 | 422) => {
    const record = await lifecycle.cases.getCase(c.req.param('caseRef') ?? '');
    if (!record || record.kind !== 'complaint') return notFound(c, `complaint ${c.req.param('caseRef')}`);
    const policy = lifecycle.policies.get(record.landlordId);
    if (!policy) return notFound(c, `policy for ${record.landlordId}`);
    const page = await casePage(lifecycle, record.caseRef, deps.officers(), now());
    const fields = form.fields({ policy, officers: deps.officers(), openActions: page?.openActions ?? [] });
    const fieldNames = new Set(fields.map((f) => f.name));
    const onField = errors.filter((e) => e.field && fieldNames.has(e.field));
    const caseWide = errors.filter((e) => !e.field || !fieldNames.has(e.field));
    return render(c, 'action.njk', {
      title: form.title,
      section: 'queue',
      caseRef: record.caseRef,
      summary: record.summary,
      form,
      fields,
      values,
      checked: Object.fromEntries(fields.filter((f) => f.kind === 'checkboxes').map((f) => [f.name, (values[f.name] ?? '').split('\n').filter(Boolean)])),
      errors: Object.fromEntries(onField.map((e) => [e.field, e.message])),
      caseProblem: caseWide.map((e) => e.message).join(' ') || null,
      errorList: errors.map((e) => ({ text: e.message, href: e.field && fieldNames.has(e.field) ? `#${e.field}` : '#case-problem' })),
    }, status);
  };

  app.get('/console/cases/:caseRef/act/:action', (c) => {
    const form = actionForm(c.req.param('action'));
    return form ? showForm(c, form, {}, [], 200) : notFound(c, 'such action');
  });

  app.post('/console/cases/:caseRef/act/:action', async (c) => {
    const form = actionForm(c.req.param('action'));
    if (!form) return notFound(c, 'such action');
    const body = await c.req.parseBody({ all: true });
    const values: FormValues = Object.fromEntries(
      Object.entries(body).filter(([k]) => k !== 'csrf').map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').join('\n')]),
    );
    const request = parseStaffAction({ action: form.action, ...form.toRequest(values) });
    if (!request.ok) return showForm(c, form, values, fieldErrors(request.error, form), 400);
    const caseRef = c.req.param('caseRef');
    const result = await takeStaffAction(lifecycle, caseRef, c.get('session').officer.id, request.value);
    if (!result.ok) {
      if (result.error.kind === 'no-such-complaint') return notFound(c, `complaint ${caseRef}`);
      // The Code's reason in words, beside the field it concerns, with everything the officer typed kept.
      return showForm(c, form, values, [{ field: refusalField(result.error, form, values), message: capitalise(describeProblem(result.error)) }], 422);
    }
    return c.redirect(`/console/cases/${caseRef}?${new URLSearchParams({ done: form.action, ...(result.value.letter ? { letter: result.value.letter.letterId } : {}) })}`, 303);
  });

  return app;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
