import { Command } from 'commander';
import * as z from 'zod';
import { classifyMessage } from '../core/triage/classify.ts';
import { TriageInput } from '../core/triage/triage-input.ts';
import { answerJsonLines, type LineOutcome } from './json-lines.ts';
import { describeZodError } from './messages.ts';

const ClassifyLine = TriageInput.extend({ id: z.union([z.string().min(1), z.number()]) });

/** `redress classify`: JSON lines of resident messages in, one classification with reasons out per line. */
export function classifyCommand(): Command {
  return new Command('classify')
    .description('Tell complaints from service requests, survey feedback and anything else (Code 1.2 to 1.6), with reasons')
    .addHelpText('after', `
Input (stdin), one JSON object a line:
  {"id": "m-1", "channel": "email" | "sms" | "web_form" | "survey", "subject": string | null, "body": string,
   "context": "service_request_ack" | "stage1_response" | "stage2_response" | "complaint_ack" | "survey" | null,
   "history": {"earlierMessages": n, "openServiceRequestsOnSameMatter": n, "timesSameProblemReported": n}  (optional)}

Output (stdout), one JSON line per input line, in order:
  {"id": "m-1", "label": "complaint" | "service_request" | "survey_feedback" | "other",
   "confidence": 0..1, "reasons": ["why, quoting the message", ...]}
  A line that is not JSON or not a message gets {"id": ..., "error": "..."} and the rest go on.
  Blank lines are skipped. Exit code 1 when any line had an error.

Example:
  echo '{"id":"1","channel":"sms","subject":null,"body":"leak still not fixed, third time reporting","context":null}' | redress classify`)
    .action(async () => {
      const errors = await answerJsonLines(process.stdin, process.stdout, classifyLine);
      if (errors > 0) process.exitCode = 1;
    });
}

function classifyLine(value: unknown): LineOutcome {
  const parsed = ClassifyLine.safeParse(value);
  if (!parsed.success) {
    return { ok: false, error: describeZodError(parsed.error) };
  }
  const { id, ...message } = parsed.data;
  const { label, confidence, reasons } = classifyMessage(message);
  return { ok: true, value: { id, label, confidence, reasons } };
}
