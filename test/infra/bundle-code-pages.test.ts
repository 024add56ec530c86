// Mail intake's bundle leaves out what only some mail needs, and loads it when a mail does: iconv-lite's double-byte
// code pages (lib/bundling.ts) and what is required on first use (LAZY_FILES: he, html-to-text, encoding-japanese,
// iconv-lite's single-byte code pages, libmime's MIME types) ship as files beside index.mjs. This builds a bundle with
// the same esbuild settings and copy step, outside the project as on Lambda, and checks that mail in Japanese
// (Shift-JIS, ISO-2022-JP), Chinese (GBK), Windows-1252, HTML only or with an untyped attachment still reads from it
// as it does unbundled, that those files are not in the JavaScript a cold start loads, and that a plain UTF-8 mail
// loads none of them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleEntry, LAZY_FILES, LAZY_PACKAGES, LAZY_TEMPLATE_RUNTIMES, runtimeFilesFor } from '../../lib/bundling.ts';
import { bundleInputs } from './bundle-inputs.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';
import { MAIL_PARSER_OPTIONS } from '../../src/intake/email.ts';
import { loadMailCorpus } from '../support/mail-corpus.ts';

let dir: string;
let metafile: Metafile;

beforeAll(() => {
  // Outside the project, as on Lambda: the bundle and the files copied beside it must be enough.
  dir = mkdtempSync(join(tmpdir(), 'redress-code-pages-'));
  metafile = bundleEntry(join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'parse-mail.ts'), dir, { landlordFiles: [], templateFiles: [], runtimeFiles: runtimeFilesFor('receive-email') });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headers = (subject: string, contentType: string, transferEncoding = '8bit') =>
  Buffer.from(`From: "Ann O'Brien" <resident@example.com>\r\nTo: homes@example.org\r\nSubject: ${subject}\r\n`
    + `MIME-Version: 1.0\r\nContent-Type: ${contentType}\r\nContent-Transfer-Encoding: ${transferEncoding}\r\n\r\n`);

const mailIn = (charset: string, subject: string, body: string) =>
  Buffer.concat([headers(`=?${charset}?B?${iconv.encode(subject, charset).toString('base64')}?=`, `text/plain; charset=${charset}`), iconv.encode(`${body}\r\n`, charset)]);

// ISO-2022-JP, which iconv-lite lacks: libmime decodes it with encoding-japanese.
const jis = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' }));
const mailInIso2022Jp = (subject: string, body: string) =>
  Buffer.concat([headers(`=?ISO-2022-JP?B?${jis(subject).toString('base64')}?=`, 'text/plain; charset=ISO-2022-JP', '7bit'), jis(`${body}\r\n`)]);

const htmlOnlyMail = Buffer.concat([
  headers('Damp in the bedroom', 'text/html; charset=utf-8'),
  Buffer.from('<html><body><h1>Damp</h1><p>The damp &amp; mould are <b>back</b> in the bedroom.</p><ul><li>Wall</li><li>Ceiling</li></ul>'
    + '<p>See <a href="https://example.org/photo">the photo</a>.</p></body></html>\r\n'),
]);

interface ReadByBundle { subject: string; text: string; html?: string; attachments: string[]; textAsHtml?: string; lazyLoaded: string[] }

const parsedByBundleIn = (bundleDir: string, raw: Buffer, args: string[] = []) =>
  JSON.parse(execFileSync(process.execPath, [join(bundleDir, BUNDLE_FILE), ...args], { input: raw, encoding: 'utf8', cwd: bundleDir })) as ReadByBundle;
const parsedByBundle = (raw: Buffer, args: string[] = []) => parsedByBundleIn(dir, raw, args);

/** What mailparser reads from the same mail unbundled, as the fixture reports it. */
async function parsedUnbundled(raw: Buffer, options: object = MAIL_PARSER_OPTIONS) {
  const mail = await simpleParser(raw, options);
  return { subject: mail.subject, text: mail.text?.trim(), html: mail.html || undefined, attachments: mail.attachments.map((a) => `${a.filename} ${a.contentType}`) };
}

/** A copy of the bundle without some of the files beside it, for as long as `use` runs. */
function withoutFiles(paths: string[], use: (copy: string) => void) {
  const copy = mkdtempSync(join(tmpdir(), 'redress-bundle-without-'));
  try {
    cpSync(dir, copy, { recursive: true });
    for (const path of paths) rmSync(join(copy, path), { recursive: true });
    use(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe("mail intake's bundle", () => {
  it('leaves the code pages out of its JavaScript', () => {
    const bundle = readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

    expect(bundle).toContain('./tables/shiftjis.json');
    // The first row of the Shift-JIS page, as esbuild writes it (non-ASCII escaped) when it bundles the page.
    expect(bundle).not.toContain('["a1","\\uFF61",62]');
  });

  it.each([
    ['Shift_JIS', '暖房が壊れています', '三回目の連絡です。まだ修理されていません。'],
    ['GBK', '暖气坏了', '这是我第三次报告，还没有修好。'],
    ['GB2312', '暖气坏了', '这是我第三次报告，还没有修好。'],
  ])('reads mail in %s from the files beside it', (charset, subject, body) => {
    expect(parsedByBundle(mailIn(charset, subject, body))).toEqual({ subject, text: body, attachments: [], lazyLoaded: [] });
  });

  it('reads mail in UTF-8 without the GBK code page, which libmime used to load at every cold start', () => {
    withoutFiles([join('tables', 'cp936.json')], (copy) => {
      expect(parsedByBundleIn(copy, mailIn('UTF-8', 'Damp in the bedroom', 'The damp is back.'))).toMatchObject({ subject: 'Damp in the bedroom', text: 'The damp is back.' });
    });
  });
});

describe("mail intake's decoders required on first use", () => {
  const coldStartInputs = () => bundleInputs(metafile).coldStart;
  const inPackage = (name: string) => (input: string) => input.includes(`node_modules/${name}/`);

  it('are not in the JavaScript a cold start loads, but each in a file of its own beside it', () => {
    expect(coldStartInputs().some(inPackage('mailparser'))).toBe(true);
    expect(coldStartInputs().some(inPackage('iconv-lite'))).toBe(true);
    // Mail's decoders: the template runtimes (the rest of LAZY_FILES) are for functions that render letters or pages.
    for (const name of Object.keys(LAZY_FILES).filter((file) => !(file in LAZY_TEMPLATE_RUNTIMES))) {
      const [file, output] = Object.entries(metafile.outputs).find(([f]) => f.endsWith(`/lazy/${name}.cjs`)) ?? [];
      expect(file, name).toBeDefined();
      expect(Object.keys(output!.inputs), name).toContain(output!.entryPoint);
      expect(coldStartInputs(), name).not.toContain(output!.entryPoint);
      expect(existsSync(join(dir, 'lazy', `${name}.cjs`)), name).toBe(true);
    }
    for (const name of [...LAZY_PACKAGES, 'htmlparser2', 'entities']) expect(coldStartInputs().filter(inPackage(name)), name).toEqual([]);
    expect(coldStartInputs().filter((input) => input.includes('libmime/dist/cjs/mimetypes.js'))).toEqual([]);
  });

  it('are none of them loaded for a plain UTF-8 mail, which reads without them', async () => {
    const mail = mailIn('UTF-8', 'Damp in the bedroom', 'The damp is back, says Zoë.');

    expect(parsedByBundle(mail)).toEqual({ ...(await parsedUnbundled(mail)), lazyLoaded: [] });
    withoutFiles(['lazy'], (copy) => {
      expect(parsedByBundleIn(copy, mail)).toMatchObject({ subject: 'Damp in the bedroom', text: 'The damp is back, says Zoë.' });
    });
  });

  it('reads an HTML-only mail as text, as mailparser does unbundled, loading html-to-text alone', async () => {
    const read = parsedByBundle(htmlOnlyMail);

    expect(read).toEqual({ ...(await parsedUnbundled(htmlOnlyMail)), lazyLoaded: ['html-to-text.cjs'] });
    expect(read.text).toContain('The damp & mould are back in the bedroom.');
  });

  it.each(['windows-1252', 'ISO-8859-1', 'us-ascii'])("reads a mail in %s through iconv-lite's single-byte code pages, as mailparser does unbundled", async (charset) => {
    const [subject, body] = charset === 'us-ascii' ? ['Rent', 'The rent is 50 pounds.'] : ['Café rent', 'The rent is £50, or so I was told.'];
    const mail = mailIn(charset, subject, body);

    const read = parsedByBundle(mail);

    expect(read).toEqual({ ...(await parsedUnbundled(mail)), lazyLoaded: ['iconv-lite-sbcs.cjs'] });
    expect(read).toMatchObject({ subject, text: body });
  });

  it("guesses an untyped attachment's type from its name with libmime's table, as mailparser does unbundled", async () => {
    const mail = Buffer.concat([
      headers('Photo of the damp', 'multipart/mixed; boundary="b1"'),
      Buffer.from('--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe photo is attached.\r\n'
        + '--b1\r\nContent-Type: application/octet-stream; name="damp.jpg"\r\nContent-Disposition: attachment; filename="damp.jpg"\r\n'
        + 'Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--b1--\r\n'),
    ]);

    const read = parsedByBundle(mail);

    expect(read).toEqual({ ...(await parsedUnbundled(mail)), lazyLoaded: ['libmime-mimetypes.cjs'] });
    expect(read.attachments).toEqual(['damp.jpg image/jpeg']);
  });

  it('reads a mail in ISO-2022-JP through encoding-japanese, as mailparser does unbundled', async () => {
    const mail = mailInIso2022Jp('暖房が壊れています', '三回目の連絡です。まだ修理されていません。');

    const read = parsedByBundle(mail);

    // libmime first asks iconv-lite whether it knows the name, and a name it does not know takes its whole list.
    expect(read).toEqual({ ...(await parsedUnbundled(mail)), lazyLoaded: ['encoding-japanese.cjs', 'iconv-lite-sbcs.cjs'] });
    expect(read).toMatchObject({ subject: '暖房が壊れています', text: '三回目の連絡です。まだ修理されていません。' });
  });

  // Bounces, HTML-only mail, Latin-1, Windows-1252, ISO-2022-JP, broken charsets and MIME: the issue 14 corpus.
  it.each(loadMailCorpus().map((mail) => [mail.name, mail.raw] as const))('reads %s as mailparser does unbundled', async (_, raw) => {
    const { lazyLoaded: _loaded, ...read } = parsedByBundle(raw);

    expect(read).toEqual(await parsedUnbundled(raw));
  });

  it('writes the text as HTML with the real he when asked, as mailparser does unbundled', async () => {
    const mail = Buffer.concat([headers('Damp', 'text/plain; charset=utf-8'), Buffer.from('The damp <is> back: https://example.org/photo & more\r\n')]);
    const unbundled = await simpleParser(mail);

    const read = parsedByBundle(mail, ['--text-as-html']);

    expect(read.textAsHtml).toBe(unbundled.textAsHtml);
    expect(read.textAsHtml).toContain('&lt;is&gt;');
    expect(read.lazyLoaded).toEqual(['he.cjs']);
  });
});
