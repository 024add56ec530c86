// The mail corpus in test/fixtures/mail, as an SMTP client would send it, and the generated mails too big to commit.
// Used by the corpus test and by `npm run fuzz:mail`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAIL_CORPUS_DIR = fileURLToPath(new URL('../fixtures/mail/', import.meta.url));

/** One mail to send: its bytes, the envelope sender, and whether it is machine-written and must never be answered. */
export interface CorpusMail {
  readonly name: string;
  readonly raw: Buffer;
  /** MAIL FROM: '' for the null sender. */
  readonly envelopeFrom: string;
  /** A bounce, report, automatic reply or list post: no letter may go to any address it names. */
  readonly automatic: boolean;
  /** Every address in its From, Reply-To, Sender and Return-Path headers, lower-case. */
  readonly addresses: readonly string[];
}

const AUTOMATIC = /^(bounce|auto|report|list)-/;

/** The header block of a raw mail, as Latin-1 text. */
const headerBlock = (raw: Buffer): string => {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
};

/** A mail as a client sends it: each line ending CRLF (bare CRs are left alone, as a hostile client would). */
export function asSent(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** The envelope and addresses of a mail, from its Return-Path and address headers. */
export function describeMail(name: string, raw: Buffer): CorpusMail {
  const headers = headerBlock(raw).replace(/\r?\n[ \t]+/g, ' ');
  const returnPath = /^return-path:[ \t]*<([^>]*)>/im.exec(headers)?.[1];
  const addressLines = headers.split(/\r?\n/).filter((l) => /^(from|reply-to|sender|return-path):/i.test(l));
  const addresses = [...new Set(addressLines.flatMap((l) => [...l.matchAll(/[^\s<>"',;:()]+@[^\s<>"',;:()]+/g)].map((m) => m[0].toLowerCase())))];
  const from = /^from:.*?([^\s<>"',;:()]+@[^\s<>"',;:()]+)/im.exec(headers)?.[1];
  return { name, raw: asSent(raw), envelopeFrom: returnPath ?? from ?? 'sender@example.net', automatic: AUTOMATIC.test(name), addresses };
}

/** Every .eml in the corpus, in name order. */
export function loadMailCorpus(dir = MAIL_CORPUS_DIR): CorpusMail[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => describeMail(f, readFileSync(`${dir}${f}`)));
}

const head = (from: string, subject: string, extra: string[] = []) =>
  [`Return-Path: <${from}>`, `From: ${from}`, 'To: homes@demo.redress.test', `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W+/g, '-')}@generated.example>`, 'MIME-Version: 1.0', ...extra];

/** Mails too big to commit, made here: huge bodies, deep nesting, many attachments. `largeBytes` sizes the largest. */
export function generatedMails(options: { largeBytes?: number } = {}): CorpusMail[] {
  const large = options.largeBytes ?? 2 * 1024 * 1024;
  const mails: [string, string][] = [
    ['huge-single-line.eml', [...head('huge.line@example.com', 'One enormous line'), 'Content-Type: text/plain', '', `The leak is back. ${'drip '.repeat(large / 5)}`].join('\n')],
    ['huge-html-only.eml', [...head('huge.html@example.com', 'Enormous HTML'), 'Content-Type: text/html; charset=utf-8', '', `<p>The mould is back.</p>${'<div><span>mould</span></div>'.repeat(large / 60)}`].join('\n')],
    ['huge-header.eml', [...head('huge.header@example.com', 'Huge header', [`X-Padding: ${'pad '.repeat(100_000)}`]), 'Content-Type: text/plain', '', 'The gutter is blocked.'].join('\n')],
    ['deep-nesting.eml', nested(200)],
    ['many-attachments.eml', manyAttachments(400)],
    ['list-huge-digest.eml', [...head('list.huge@example.org', 'Digest', ['List-Id: <digest.example.org>']), 'Content-Type: text/plain', '', 'digest '.repeat(large / 14)].join('\n')],
  ];
  return mails.map(([name, text]) => describeMail(name, Buffer.from(text, 'utf8')));
}

function nested(depth: number): string {
  const lines = head('deep@example.com', 'Deeply nested');
  lines.push(`Content-Type: multipart/mixed; boundary="b0"`, '');
  for (let i = 0; i < depth; i++) lines.push(`--b${i}`, `Content-Type: multipart/mixed; boundary="b${i + 1}"`, '');
  lines.push(`--b${depth}`, 'Content-Type: text/plain', '', 'The heating is off at the bottom of all this.');
  for (let i = depth; i >= 0; i--) lines.push(`--b${i}--`);
  return lines.join('\n');
}

function manyAttachments(count: number): string {
  const lines = head('many@example.com', 'Many attachments');
  lines.push('Content-Type: multipart/mixed; boundary="m"', '', '--m', 'Content-Type: text/plain', '', 'Photos of every room.');
  for (let i = 0; i < count; i++) lines.push('--m', `Content-Type: image/png; name="room-${i}.png"`, 'Content-Transfer-Encoding: base64', '', 'iVBORw0KGgo=');
  lines.push('--m--');
  return lines.join('\n');
}
