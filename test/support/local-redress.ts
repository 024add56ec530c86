import nodemailer from 'nodemailer';
import { startLocalRedress, type LocalRedress, type LocalOptions } from '../../local/start.ts';
import { RESERVED_LOG_FIELDS, type Logger } from '../../src/ports.ts';
import type { CaseWorkflow } from '../../src/ports-lifecycle.ts';

/** Records what the lifecycle was asked to start: a narrow seam for intake tests, which do not run the lifecycle. */
export class RecordingWorkflow implements CaseWorkflow {
  readonly started: { caseRef: string; landlordId: string; run?: string }[] = [];
  async startComplaint(input: { caseRef: string; landlordId: string }): Promise<'started' | 'already-started'> {
    if (this.started.some((s) => s.caseRef === input.caseRef && s.run === undefined)) return 'already-started';
    this.started.push(input);
    return 'started';
  }
  async followComplaint(input: { caseRef: string; landlordId: string; run: string }): Promise<'started' | 'already-started'> {
    if (this.started.some((s) => s.run === input.run)) return 'already-started';
    this.started.push(input);
    return 'started';
  }
  async stopFollowing(): Promise<'stopped' | 'not-running'> {
    return 'not-running';
  }
}

/** Keeps log lines so a test can check what was logged, and that no personal data was; refuses a field Powertools would drop. */
export class MemoryLogger implements Logger {
  readonly lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  info(message: string, fields: Record<string, unknown> = {}) { this.keep('info', message, fields); }
  warn(message: string, fields: Record<string, unknown> = {}) { this.keep('warn', message, fields); }
  error(message: string, fields: Record<string, unknown> = {}) { this.keep('error', message, fields); }
  private keep(level: string, message: string, fields: Record<string, unknown>) {
    const reserved = Object.keys(fields).filter((key) => RESERVED_LOG_FIELDS.includes(key));
    if (reserved.length > 0) throw new Error(`log "${message}" has fields Powertools would drop: ${reserved.join(', ')}`);
    this.lines.push({ level, message, fields });
  }
}

export interface Harness {
  readonly redress: LocalRedress;
  readonly workflow: RecordingWorkflow;
  readonly logger: MemoryLogger;
  /** Sends raw MIME over SMTP, as a mail server would. */
  sendRaw(raw: string | Buffer, envelope?: { from?: string; to?: string[] }): Promise<{ response: string }>;
  /** Letters the local SES received. */
  sentMail(): Promise<SesStoredMail[]>;
  close(): Promise<void>;
}

export interface SesStoredMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
}

/** Starts the local stack in memory on free ports, with every other setting at its default. */
export async function openHarness(options: Partial<LocalOptions> = {}): Promise<Harness> {
  const workflow = new RecordingWorkflow();
  const logger = new MemoryLogger();
  const redress = await startLocalRedress({
    dataDir: null,
    settings: { REDRESS_HTTP_PORT: 0, REDRESS_SMTP_PORT: 0, REDRESS_SES_PORT: 0, REDRESS_STAFF_TOKEN: 'test-staff-token', REDRESS_SMS_AUTH_TOKEN: 'test-sms-auth-token' },
    workflow: () => workflow,
    logger,
    ...options,
  });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: redress.smtpPort, secure: false, ignoreTLS: true, pool: false });
  return {
    redress,
    workflow,
    logger,
    sendRaw: (raw, envelope = {}) =>
      transport.sendMail({ envelope: { from: envelope.from ?? 'resident@example.com', to: envelope.to ?? ['homes@demo.redress.test'] }, raw }),
    async sentMail() {
      const response = await fetch(`${redress.sesUrl}/store`);
      return ((await response.json()) as { emails: SesStoredMail[] }).emails;
    },
    async close() {
      transport.close();
      await redress.close();
    },
  };
}

let counter = 0;
/** A plain resident mail as raw MIME. */
export function residentMail(fields: { subject?: string | null; body?: string; messageId?: string | null; from?: string; headers?: Record<string, string> } = {}): string {
  counter++;
  const lines = [
    `From: ${fields.from ?? 'Ann Resident <resident@example.com>'}`,
    'To: homes@demo.redress.test',
    ...(fields.subject === null ? [] : [`Subject: ${fields.subject ?? 'Leak in the kitchen'}`]),
    ...(fields.messageId === null ? [] : [`Message-ID: ${fields.messageId ?? `<m${counter}.${Date.now()}@example.com>`}`]),
    'Date: Mon, 23 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    ...Object.entries(fields.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body ?? 'The kitchen ceiling is leaking again.',
  ];
  return lines.join('\r\n');
}
