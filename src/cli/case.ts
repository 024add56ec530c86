import { Command, InvalidArgumentError, Option } from 'commander';
import { staffApiFromEnv } from './cases.ts';
import { printable, printableJson } from './terminal-text.ts';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a whole number of working days above 0');
  return n;
};

// "Fit a new boiler@2027-01-15": the action, then its date.
const actionWithDate = (value: string, previous: { action: string; dueOn: string }[] = []) => {
  const match = /^(.+)@(\d{4}-\d{2}-\d{2})$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('write the action then @ and its date: "Fit a new boiler@2027-01-15"');
  return [...previous, { action: match[1]!.trim(), dueOn: match[2]! }];
};

interface Global {
  as?: string;
  json?: boolean;
}

interface FileView {
  caseRef: string;
  landlordId: string;
  summary: string;
  status?: string;
  open?: { milestone: { id: string; dueOn: string }; standing: string; workingDaysLeft: number }[];
  timeline?: {
    actions: { actionId: string; action: string; dueOn: string; state: string }[];
    learningActions?: { actionId: string; action: string; owner: string; dueOn: string; status: string }[];
    ombudsman?: {
      ombudsmanRef: string; evidenceDueOn: string; evidenceSentOn?: string; tellBoardBy?: string; boardToldOn?: string;
      determination?: { on: string; findings: { finding: string; about: string }[] };
      orders: { orderId: string; order: string; dueOn: string; compliedOn?: string }[];
    };
    restrictions?: {
      imposedOn: string; reviewOn: string; decidedBy: string; liftedOn?: string; reasons: string[];
      terms: { allowedChannels?: string[]; namedOfficer?: string; contactAddress?: string };
      appeals: { receivedOn: string; decideBy: string; decidedOn?: string; outcome?: string }[];
    }[];
  };
  file?: { categories?: string[]; rootCauses?: Record<string, { rootCauses: string[] }> };
  history: { seq: number; at: string; by: string; type: string }[];
}

async function call(command: Command, path: string, body?: Record<string, unknown>): Promise<void> {
  const options = command.optsWithGlobals<Global>();
  const api = staffApiFromEnv();
  const name = `redress case ${command.name()}`;
  if (!api.token) {
    process.stderr.write(`${name}: set REDRESS_STAFF_TOKEN (npm start prints it)\n`);
    process.exitCode = 2;
    return;
  }
  const officer = options.as ?? process.env.REDRESS_OFFICER;
  if (body && !officer) {
    process.stderr.write(`${name}: say who is acting with --as <officer> (or REDRESS_OFFICER)\n`);
    process.exitCode = 2;
    return;
  }
  let response: Response;
  try {
    response = await fetch(`${api.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${api.token}`,
        ...(officer ? { 'x-redress-officer': officer } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    process.stderr.write(`${name}: nothing answers at ${api.url}: is npm start running? (REDRESS_URL sets another address)\n`);
    process.exitCode = 2;
    return;
  }
  const text = await response.text();
  const parsed = (() => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { error: text };
    }
  })();
  if (!response.ok) {
    const problems = Array.isArray(parsed.problems) ? (parsed.problems as { path: string; message: string }[]).map((p) => `\n  ${p.path || '(body)'}: ${p.message}`).join('') : '';
    process.stderr.write(printable(`${name}: ${String(parsed.error ?? response.status)}${problems}\n`));
    process.exitCode = response.status === 422 || response.status === 404 ? 1 : 2;
    return;
  }
  if (options.json) {
    process.stdout.write(`${printableJson(parsed, 2)}\n`);
    return;
  }
  process.stdout.write(printable(`${body ? describeDone(parsed) : describeFile(parsed as unknown as FileView)}\n`));
}

function describeDone(done: Record<string, unknown>): string {
  const letter = done.letter as { template: string; status: string } | null;
  const notes = (done.notes as string[] | undefined) ?? [];
  return [
    `${String(done.caseRef)}: ${String(done.status).replaceAll('-', ' ')}${done.nextDueOn ? `, next due ${String(done.nextDueOn)}` : ''}`,
    letter ? `  letter ${letter.template} ${letter.status === 'sent' ? 'sent' : 'already sent before'}` : '  no letter',
    ...notes.map((n) => `  ${n}`),
  ].join('\n');
}

function ombudsmanLines(o: NonNullable<FileView['timeline']>['ombudsman']): string[] {
  if (!o) return [];
  return [
    `  the Ombudsman's investigation ${o.ombudsmanRef}: evidence due ${o.evidenceDueOn}${o.evidenceSentOn ? `, sent ${o.evidenceSentOn}` : ''}` +
      (o.tellBoardBy ? `; board due ${o.tellBoardBy}${o.boardToldOn ? `, told ${o.boardToldOn}` : ''}` : ''),
    ...(o.determination ? [`  determination ${o.determination.on}: ${o.determination.findings.map((f) => `${f.finding.replaceAll('-', ' ')} (${f.about})`).join('; ')}`] : []),
    ...o.orders.map((x) => `  order ${x.orderId}: ${x.order} by ${x.dueOn} (${x.compliedOn ? `complied ${x.compliedOn}` : 'open'})`),
  ];
}

function restrictionLines(restrictions: NonNullable<FileView['timeline']>['restrictions']): string[] {
  return (restrictions ?? []).flatMap((r) => {
    const allowed = [
      ...(r.terms.allowedChannels ? [`by ${r.terms.allowedChannels.join(' or ')} only`] : []),
      ...(r.terms.namedOfficer ? [`with ${r.terms.namedOfficer} only`] : []), ...(r.terms.contactAddress ? [`to ${r.terms.contactAddress} only`] : []),
    ].join(', ');
    return [
      `  contact restricted ${r.imposedOn} by ${r.decidedBy}: ${allowed}; ${r.liftedOn ? `lifted ${r.liftedOn}` : `review by ${r.reviewOn}`}`,
      ...r.reasons.map((x) => `    reason: ${x}`),
      ...r.appeals.map((a) => `    appeal received ${a.receivedOn}: ${a.decidedOn ? `${String(a.outcome).replace('-', ' ')} ${a.decidedOn}` : `decision due ${a.decideBy}`}`),
    ];
  });
}

// "maladministration: the repairs": the Ombudsman's finding, then what it is about.
const finding = (codeNonCompliance: boolean) => (value: string, previous: { finding: string; about: string; codeNonCompliance: boolean }[] = []) => {
  const match = /^\s*([a-z-]+)\s*:\s*(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('write the finding, a colon and what it is about: "maladministration: the repairs"');
  return [...previous, { finding: match[1]!, about: match[2]!.trim(), codeNonCompliance }];
};

function describeFile(file: FileView): string {
  return [
    `${file.caseRef}  ${file.landlordId}  ${(file.status ?? 'unreadable').replaceAll('-', ' ')}  ${file.summary}`,
    ...(file.open ?? []).map((o) => `  open: ${o.milestone.id.replaceAll('-', ' ')} due ${o.milestone.dueOn} (${o.standing}, ${o.workingDaysLeft} working days)`),
    ...(file.timeline?.actions ?? []).map((a) => `  action ${a.actionId}: ${a.action} by ${a.dueOn} (${a.state})`),
    ...(file.file?.categories?.length ? [`  categories: ${file.file.categories.join(', ')}`] : []),
    ...Object.entries(file.file?.rootCauses ?? {}).map(([stage, r]) => `  root causes at ${stage.replace('-', ' ')}: ${r.rootCauses.join(', ')}`),
    ...(file.timeline?.learningActions ?? []).map((a) => `  learning action ${a.actionId}: ${a.action}, ${a.owner}, by ${a.dueOn} (${a.status.replace('-', ' ')})`),
    ...ombudsmanLines(file.timeline?.ombudsman),
    ...restrictionLines(file.timeline?.restrictions),
    '  history:',
    ...file.history.map((e) => `    ${String(e.seq).padStart(3)} ${e.at} ${e.by.padEnd(28)} ${e.type}`),
  ].join('\n');
}

const post = (ref: string, action: string) => `/api/cases/${encodeURIComponent(ref)}/${action}`;

/** `redress case …`: take staff actions on a complaint through the staff API (REDRESS_URL, REDRESS_STAFF_TOKEN). */
export function caseCommand(): Command {
  const root = new Command('case')
    .description('act on a complaint through the staff API: acknowledge, extend, respond, escalate, close, ... (REDRESS_URL, REDRESS_STAFF_TOKEN)')
    .addOption(new Option('--as <officer>', 'who is acting (default: REDRESS_OFFICER)'))
    .option('--json', 'print the API answer as JSON');

  root.command('show <caseRef>').description("the complaint's file: status, open milestones, actions and history")
    .action(async (ref: string, _o: unknown, cmd: Command) => call(cmd, `/api/cases/${encodeURIComponent(ref)}/file`));

  root.command('acknowledge <caseRef>').description('acknowledge with the complaint definition (Code 5.6, 5.7, 6.2, 6.11)')
    .requiredOption('--understanding <text>', 'what the complaint is about, in our words')
    .requiredOption('--outcome <text>', 'an outcome the resident seeks (repeat for more)', collect)
    .option('--responsible <text>', 'a part we are responsible for (repeat)', collect)
    .option('--not-responsible <text>', 'a part we are not responsible for, and who is (repeat)', collect)
    .option('--clarify <text>', 'what we ask the resident to clarify')
    .option('--handler <officer>', 'who handles the complaint at this stage')
    .action(async (ref: string, o: { understanding: string; outcome: string[]; responsible?: string[]; notResponsible?: string[]; clarify?: string; handler?: string }, cmd: Command) =>
      call(cmd, post(ref, 'acknowledge'), {
        understanding: o.understanding, outcomesSought: o.outcome, responsibleFor: o.responsible ?? [], notResponsibleFor: o.notResponsible ?? [],
        ...(o.clarify ? { clarificationRequest: o.clarify } : {}), ...(o.handler ? { handler: o.handler } : {}),
      }));

  root.command('decline <caseRef>').description('decline to accept the complaint, or stage 2, with the reasons (Code 2.1 to 2.5, 5.11)')
    .requiredOption('--reason <text>', 'why, for this complaint')
    .option('--exclusion <kind>', "a policy exclusion relied on (repeat)", collect)
    .option('--instead <text>', 'what we will do instead')
    .action(async (ref: string, o: { reason: string; exclusion?: string[]; instead?: string }, cmd: Command) =>
      call(cmd, post(ref, 'decline'), { reason: o.reason, exclusions: o.exclusion ?? [], ...(o.instead ? { whatWeWillDoInstead: o.instead } : {}) }));

  root.command('extend <caseRef>').description('extend the response date, with the reason (Code 6.4, 6.5, 6.15, 6.16)')
    .addOption(new Option('--days <n>', 'working days to add').argParser(positiveInt).conflicts('to'))
    .addOption(new Option('--to <date>', 'the new response date, YYYY-MM-DD'))
    .requiredOption('--reason <text>', 'the reason the resident is told')
    .option('--good-reason <text>', 'needed for an extension past the policy limit')
    .action(async (ref: string, o: { days?: number; to?: string; reason: string; goodReason?: string }, cmd: Command) =>
      call(cmd, post(ref, 'extend'), {
        ...(o.days !== undefined ? { extensionWorkingDays: o.days } : {}), ...(o.to ? { respondBy: o.to } : {}),
        reason: o.reason, ...(o.goodReason ? { goodReason: o.goodReason } : {}),
      }));

  root.command('respond <caseRef>').description('send the stage 1 or stage 2 response with the decision (Code 6.6, 6.9, 6.19, 7.3)')
    .addOption(new Option('--decision <decision>', 'the decision').choices(['upheld', 'partly-upheld', 'not-upheld']).makeOptionMandatory())
    .requiredOption('--reason <text>', 'a reason for the decision (repeat)', collect)
    .option('--remedy <text>', 'what we will do to put things right (repeat)', collect)
    .option('--action <text@date>', 'an outstanding action and its date, "Fit a new boiler@2027-01-15" (repeat)', actionWithDate)
    .option('--root-cause <id>', "what caused the complaint, from the landlord's list (repeat; Code 9.1)", collect)
    .action(async (ref: string, o: { decision: string; reason: string[]; remedy?: string[]; action?: { action: string; dueOn: string }[]; rootCause?: string[] }, cmd: Command) =>
      call(cmd, post(ref, 'respond'), {
        decision: o.decision, reasons: o.reason, remedy: o.remedy ?? [], outstandingActions: o.action ?? [], ...(o.rootCause ? { rootCauses: o.rootCause } : {}),
      }));

  root.command('escalate <caseRef>').description("take the complaint to stage 2 at the resident's request; no reason is needed (Code 6.12)")
    .option('--via <route>', 'how the resident asked: telephone, email, letter, survey, ...', 'telephone')
    .option('--message <messageRef>', 'the message that asked')
    .option('--handler <officer>', 'who handles stage 2: not the stage 1 handler (Code 6.13)')
    .action(async (ref: string, o: { via: string; message?: string; handler?: string }, cmd: Command) =>
      call(cmd, post(ref, 'escalate'), { via: o.via, ...(o.message ? { messageRef: o.message } : {}), ...(o.handler ? { handler: o.handler } : {}) }));

  root.command('assign <caseRef> <officer>').description('name the officer handling the current stage')
    .option('--declares-no-conflict', 'the handler declares no conflict of interest in this complaint (Code 5.8); required')
    .action(async (ref: string, officer: string, o: { declaresNoConflict?: boolean }, cmd: Command) =>
      call(cmd, post(ref, 'assign'), { officer, noConflictOfInterest: o.declaresNoConflict === true }));

  root.command('adjustments <caseRef>').description("record the resident's needs and the reasonable adjustments made (Code 5.10)")
    .requiredOption('--needs <text>', 'what the resident told us they need')
    .option('--adjustment <text>', 'an adjustment made (repeat)', collect)
    .action(async (ref: string, o: { needs: string; adjustment?: string[] }, cmd: Command) =>
      call(cmd, post(ref, 'record-adjustments'), { needs: o.needs, adjustments: o.adjustment ?? [] }));

  root.command('representative <caseRef>').description('record someone acting for the resident (Code 3.6)')
    .requiredOption('--name <name>', "the representative's name")
    .option('--relationship <text>', 'who they are to the resident')
    .option('--email <address>', 'where letters should go to them')
    .option('--consent', "the resident's consent was seen")
    .action(async (ref: string, o: { name: string; relationship?: string; email?: string; consent?: boolean }, cmd: Command) =>
      call(cmd, post(ref, 'record-representative'), { name: o.name, relationship: o.relationship ?? null, email: o.email ?? null, consentConfirmed: o.consent ?? false }));

  root.command('vulnerability <caseRef>').description('record what makes the resident vulnerable')
    .requiredOption('--details <text>', 'the circumstances')
    .action(async (ref: string, o: { details: string }, cmd: Command) => call(cmd, post(ref, 'record-vulnerability'), { details: o.details }));

  root.command('done <caseRef> <actionId>').description('mark an outstanding action done, before or after closure')
    .option('--note <text>', 'what was done')
    .action(async (ref: string, actionId: string, o: { note?: string }, cmd: Command) =>
      call(cmd, post(ref, 'complete-action'), { actionId, ...(o.note ? { note: o.note } : {}) }));

  root.command('categorise <caseRef> <category...>').description("record the complaint's categories, from the landlord's list (Code 9.7 a)")
    .action(async (ref: string, categories: string[], _o: unknown, cmd: Command) => call(cmd, post(ref, 'categorise'), { categories }));

  root.command('root-causes <caseRef> <rootCause...>').description("record what caused the complaint, from the landlord's list, once the response is sent (Code 9.1, 9.4)")
    .option('--note <text>', 'what the investigation found')
    .action(async (ref: string, rootCauses: string[], o: { note?: string }, cmd: Command) =>
      call(cmd, post(ref, 'record-root-causes'), { rootCauses, ...(o.note ? { note: o.note } : {}) }));

  root.command('learning-action <caseRef>').description('set a service improvement to make because of the complaint, with its owner and date (Code 9.1)')
    .requiredOption('--action <text>', 'what will change')
    .requiredOption('--owner <officer>', 'who makes it happen: reminded before the date')
    .requiredOption('--due <date>', 'YYYY-MM-DD')
    .action(async (ref: string, o: { action: string; owner: string; due: string }, cmd: Command) =>
      call(cmd, post(ref, 'set-learning-action'), { learningAction: o.action, owner: o.owner, dueOn: o.due }));

  root.command('learning-update <caseRef> <actionId> <status>').description('move a learning action on: in-progress, done, or dropped (with --note saying why)')
    .option('--note <text>', 'what was done, or why it is dropped')
    .action(async (ref: string, actionId: string, status: string, o: { note?: string }, cmd: Command) =>
      call(cmd, post(ref, 'update-learning-action'), { actionId, status, ...(o.note ? { note: o.note } : {}) }));

  root.command('ombudsman <caseRef> <ombudsmanRef>').description("record the Ombudsman's notice that it is investigating: evidence and board dates follow (seed 002 §4.3, §4.4)")
    .option('--notified <date>', 'the day the notice came, if earlier than today (YYYY-MM-DD)')
    .option('--evidence-due <date>', "the Ombudsman's own date for the evidence, if it set one")
    .action(async (ref: string, ombudsmanRef: string, o: { notified?: string; evidenceDue?: string }, cmd: Command) =>
      call(cmd, post(ref, 'ombudsman-investigation'), { ombudsmanRef, ...(o.notified ? { notifiedOn: o.notified } : {}), ...(o.evidenceDue ? { evidenceDueOn: o.evidenceDue } : {}) }));

  root.command('ombudsman-evidence-sent <caseRef>').description('record that the evidence went to the Ombudsman')
    .action(async (ref: string, _o: unknown, cmd: Command) => call(cmd, post(ref, 'ombudsman-evidence-sent'), {}));

  root.command('tell-board <caseRef>').description("record that the board was told of the Ombudsman's investigation (Code 9.7 c)")
    .action(async (ref: string, _o: unknown, cmd: Command) => call(cmd, post(ref, 'tell-board'), {}));

  root.command('ombudsman-determination <caseRef>').description("record the Ombudsman's determination, a finding on each matter (Code 8.1 c)")
    .option('--finding <finding: about>', 'e.g. "maladministration: the repairs" (repeat)', finding(false))
    .option('--code-finding <finding: about>', 'a finding that the landlord did not follow the Complaint Handling Code (repeat)', finding(true))
    .action(async (ref: string, o: { finding?: object[]; codeFinding?: object[] }, cmd: Command) =>
      call(cmd, post(ref, 'ombudsman-determination'), { findings: [...(o.finding ?? []), ...(o.codeFinding ?? [])] }));

  root.command('ombudsman-order <caseRef>').description("record an order the Ombudsman made, with its date")
    .requiredOption('--order <text>', 'what the Ombudsman ordered')
    .requiredOption('--due <date>', 'YYYY-MM-DD')
    .action(async (ref: string, o: { order: string; due: string }, cmd: Command) => call(cmd, post(ref, 'ombudsman-order'), { order: o.order, dueOn: o.due }));

  root.command('ombudsman-complied <caseRef> <orderId>').description("record that an Ombudsman's order was complied with, and the evidence")
    .requiredOption('--evidence <text>', 'what was sent to the Ombudsman')
    .action(async (ref: string, orderId: string, o: { evidence: string }, cmd: Command) => call(cmd, post(ref, 'ombudsman-order-complied'), { orderId, evidence: o.evidence }));

  root.command('restrict-contact <caseRef>').description("restrict how the resident may contact us, with the evidence the Code asks for (Code 5.14, 5.15; never urgent repairs or new complaints)")
    .requiredOption('--behaviour <text>', 'what the resident did')
    .requiredOption('--reason <text>', 'why it is unreasonable, told to the resident (repeat)', collect)
    .option('--channel <channel>', 'a way of contact still allowed: email, letter, telephone, web_form, sms, in-person (repeat)', collect)
    .option('--officer <officer>', 'the one member of staff the resident deals with')
    .option('--address <email>', 'the one address the resident writes to')
    .requiredOption('--equality-act <text>', 'the regard had to the Equality Act 2010, and why it is proportionate (5.15)')
    .requiredOption('--vulnerability <text>', 'whether the behaviour may come from a vulnerability or disability; "none known" is an answer')
    .option('--adjustments <text>', 'reasonable adjustments considered or made')
    .option('--warned <date>', 'the day the resident was warned, YYYY-MM-DD')
    .option('--decided-by <name>', 'who decided (default: who is acting)')
    .option('--review <date>', "the review date, within the policy's months (default: the latest)")
    .action(async (ref: string, o: { behaviour: string; reason: string[]; channel?: string[]; officer?: string; address?: string; equalityAct: string; vulnerability: string; adjustments?: string; warned?: string; decidedBy?: string; review?: string }, cmd: Command) =>
      call(cmd, post(ref, 'restrict-contact'), {
        behaviour: o.behaviour, reasons: o.reason, ...(o.channel ? { allowedChannels: o.channel } : {}), ...(o.officer ? { namedOfficer: o.officer } : {}),
        ...(o.address ? { contactAddress: o.address } : {}), equalityAct: o.equalityAct, vulnerability: o.vulnerability,
        ...(o.adjustments ? { reasonableAdjustments: o.adjustments } : {}), ...(o.warned ? { warnedOn: o.warned } : {}),
        ...(o.decidedBy ? { decidedBy: o.decidedBy } : {}), ...(o.review ? { reviewOn: o.review } : {}),
      }));

  root.command('review-restriction <caseRef> <outcome>').description('review the restriction: lifted, continued or varied (Code 5.14)')
    .requiredOption('--reason <text>', 'why, told to the resident')
    .option('--next-review <date>', "when continued or varied: the next review date (default: the policy's latest)")
    .option('--channel <channel>', 'when varied: a way of contact allowed (repeat)', collect)
    .option('--officer <officer>', 'when varied: the one member of staff')
    .option('--address <email>', 'when varied: the one address')
    .action(async (ref: string, outcome: string, o: { reason: string; nextReview?: string; channel?: string[]; officer?: string; address?: string }, cmd: Command) =>
      call(cmd, post(ref, 'review-restriction'), {
        outcome, reasons: o.reason, ...(o.nextReview ? { nextReviewOn: o.nextReview } : {}), ...(o.channel ? { allowedChannels: o.channel } : {}),
        ...(o.officer ? { namedOfficer: o.officer } : {}), ...(o.address ? { contactAddress: o.address } : {}),
      }));

  root.command('restriction-appeal <caseRef>').description("record the resident's appeal against the restriction: its decision is due in the policy's working days")
    .option('--received <date>', 'the day it came, if earlier than today')
    .action(async (ref: string, o: { received?: string }, cmd: Command) => call(cmd, post(ref, 'record-restriction-appeal'), { ...(o.received ? { receivedOn: o.received } : {}) }));

  root.command('decide-restriction-appeal <caseRef> <outcome>').description('record the decision on the appeal: upheld (the restriction is lifted) or not-upheld')
    .requiredOption('--reason <text>', 'why, told to the resident')
    .option('--decided-by <name>', 'who decided (default: who is acting)')
    .action(async (ref: string, outcome: string, o: { reason: string; decidedBy?: string }, cmd: Command) =>
      call(cmd, post(ref, 'decide-restriction-appeal'), { outcome, reasons: o.reason, ...(o.decidedBy ? { decidedBy: o.decidedBy } : {}) }));

  root.command('close <caseRef>').description('close the complaint (outstanding actions stay tracked)')
    .requiredOption('--reason <text>', 'why it is closed')
    .action(async (ref: string, o: { reason: string }, cmd: Command) => call(cmd, post(ref, 'close'), { reason: o.reason }));

  return root;
}
