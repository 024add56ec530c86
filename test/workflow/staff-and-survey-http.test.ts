import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { makeStaffActions } from '../../src/http/staff-actions.ts';
import { bearerToken } from '../../src/http/staff-api.ts';
import { makeSurveyPage } from '../../src/http/survey-page.ts';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';

const START = '2026-11-23T09:15:00Z';
const TOKEN = 'test-staff-token';
const OFFICER = 'asha.patel@association.example';
let h: LifecycleHarness;
let app: Hono;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
  app = new Hono();
  app.route('/api', makeStaffActions({ lifecycle: h.lifecycle.deps, authorise: bearerToken(TOKEN) }));
  app.route('/', makeSurveyPage(h.lifecycle.deps));
});
afterEach(async () => {
  await h.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, 'x-redress-officer': OFFICER }) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const definition = { understanding: 'The boiler has failed three times and is not repaired.', outcomesSought: ['A working boiler'] };

describe('the staff action API', () => {
  it('needs staff sign-in and an officer, and says which actions there are', async () => {
    const caseRef = await h.complain({}, 'example-housing-association');

    expect((await post(`/api/cases/${caseRef}/acknowledge`, definition, {})).status).toBe(401);
    expect((await post(`/api/cases/${caseRef}/acknowledge`, definition, { authorization: `Bearer ${TOKEN}` })).status).toBe(400);
    const unknown = await post(`/api/cases/${caseRef}/reopen`, {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toContain('acknowledge, decline, extend');
  });

  it('acknowledges with the definition, records who and when, and refuses what breaks the Code in words', async () => {
    const caseRef = await h.complain({}, 'example-housing-association');
    const ack = await post(`/api/cases/${caseRef}/acknowledge`, { ...definition, handler: OFFICER });
    const again = await post(`/api/cases/${caseRef}/acknowledge`, definition);
    const both = await post(`/api/cases/${caseRef}/extend`, { extensionWorkingDays: 5, respondBy: '2027-01-04', reason: 'x' });
    const noCase = await post('/api/cases/C-NOSUCH00/close', { reason: 'x' });

    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ status: 'stage-1-investigating', letter: { template: 'stage-1-acknowledgement', status: 'sent' } });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ error: '"acknowledged" cannot happen while the complaint is stage 1 investigating' });
    expect(both.status).toBe(400);
    expect(noCase.status).toBe(404);

    const file = await app.request(`/api/cases/${caseRef}/file`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await file.json()) as { status: string; history: { by: string; type: string }[] };
    expect(body.status).toBe('stage-1-investigating');
    expect(body.history.filter((e) => e.by === OFFICER).map((e) => e.type)).toEqual(['handler-assigned', 'acknowledged']);
  });
});

describe('the survey page', () => {
  async function surveyLink(): Promise<{ caseRef: string; path: string }> {
    const caseRef = await h.complain({}, 'example-housing-association');
    await h.act(caseRef, OFFICER, { action: 'acknowledge', ...definition, handler: OFFICER });
    await h.act(caseRef, OFFICER, { action: 'respond', decision: 'not-upheld', reasons: ['The repairs were on time.'] });
    await h.act(caseRef, OFFICER, { action: 'close', reason: 'Responded.' });
    await h.advanceTo('2026-12-24T10:00:00Z');
    const letter = (await h.letters(caseRef)).find((l) => l.template === 'satisfaction-survey')!;
    return { caseRef, path: /https?:\/\/[^/]+(\/survey\/[A-Za-z0-9_-]+)/.exec(letter.text)![1]! };
  }

  it('shows both questions when opened, and opening it (as a mail scanner would) records nothing', async () => {
    const { caseRef, path } = await surveyLink();
    const before = (await h.events(caseRef)).length;

    const opened = await app.request(path);
    await app.request(path);
    const text = await opened.text();

    expect(opened.status).toBe(200);
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect(text).toContain('How satisfied are you with the way we handled your complaint?');
    expect(text).toContain('How satisfied are you with the outcome of your complaint?');
    expect((await h.events(caseRef)).length).toBe(before);
  });

  it('needs both answers on submit, and shows what was typed back escaped', async () => {
    const { caseRef, path } = await surveyLink();
    const response = await app.request(path, { method: 'POST', body: new URLSearchParams({ handling: 'satisfied', comments: '<script>alert(1)</script>' }) });
    const text = await response.text();

    expect(response.status).toBe(422);
    expect(text).toContain('There is a problem');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>alert(1)');
    expect(complaintEventsOf(await h.events(caseRef)).map((e) => e.type)).not.toContain('survey-answered');
  });

  it('records a deliberate answer once, as survey feedback on the case, and offers stage 2 for an unhappy outcome', async () => {
    const { caseRef, path } = await surveyLink();
    const answer = new URLSearchParams({ handling: 'neither', outcome: 'very-dissatisfied', comments: 'Still cold.' });

    const first = await app.request(path, { method: 'POST', body: answer });
    const second = await app.request(path, { method: 'POST', body: answer });
    const reopened = await app.request(path);

    expect(first.status).toBe(200);
    expect(await first.text()).toContain('at stage 2');
    expect(second.status).toBe(409);
    expect(await reopened.text()).toContain('You have already answered this survey');
    expect(complaintEventsOf(await h.events(caseRef)).filter((e) => e.type === 'survey-answered')).toEqual([
      expect.objectContaining({ handling: 'neither', outcome: 'very-dissatisfied', via: 'survey-page' }),
    ]);
    expect((await h.store.listMessages('example-housing-association')).filter((m) => m.triage?.label === 'survey_feedback' && m.caseRef === caseRef))
      .toEqual([expect.objectContaining({ body: expect.stringContaining('Still cold.') })]);
  });

  it('asks the officer who dealt with it to contact a resident unhappy with the handling within 10 working days, passing on their words (seed 002, 7.3, 7.4)', async () => {
    const { caseRef, path } = await surveyLink();
    const answer = new URLSearchParams({ handling: 'very-dissatisfied', outcome: 'satisfied', comments: 'Nobody called me back <for weeks>.' });

    const answered = await app.request(path, { method: 'POST', body: answer });
    const letters = (await h.letters(caseRef)).filter((l) => l.template === 'survey-handling-follow-up');

    expect(answered.status).toBe(200);
    expect(letters.map((l) => l.to)).toEqual([OFFICER]);
    expect(letters[0]!.subject).toBe(`${caseRef}: the resident is unhappy with how their complaint was handled; contact them by Tuesday 12 January 2027`);
    expect(letters[0]!.text).toContain('Nobody called me back <for weeks>.');
    expect(letters[0]!.html).toContain('Nobody called me back &lt;for weeks&gt;.');
    // Content with the outcome: no letter offering stage 2.
    expect((await h.letters(caseRef)).map((l) => l.template)).not.toContain('survey-unhappy-outcome');
  });

  it('a resident who asks on the survey to take it further gets stage 2 on the same case, with no reason asked (6.10 to 6.12)', async () => {
    const { caseRef, path } = await surveyLink();
    const answer = new URLSearchParams({ handling: 'dissatisfied', outcome: 'very-dissatisfied', askForStage2: 'yes' });

    const answered = await app.request(path, { method: 'POST', body: answer });

    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('request for stage 2');
    const events = complaintEventsOf(await h.events(caseRef));
    expect(events.filter((e) => e.type === 'received')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'stage-2-requested', via: 'survey' });
    const letter = (await h.letters(caseRef)).find((l) => l.template === 'stage-2-request-received');
    expect(letter?.text).toContain(caseRef);
    expect(letter?.text).not.toMatch(/tell us why/i);
  });

  it('does not recognise a made-up link', async () => {
    expect((await app.request('/survey/not-a-real-survey-id')).status).toBe(404);
  });
});
