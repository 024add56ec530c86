// Mail intake's bundle leaves iconv-lite's double-byte code pages out (lib/bundling.ts) and ships them as files beside
// index.mjs. This builds a bundle with the same esbuild settings and copy step and checks that mail written in
// Japanese (Shift-JIS) and Chinese (GBK) still reads correctly from it, and that the pages are not in the bundle.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleEntry, runtimeFilesFor } from '../../lib/bundling.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';

let dir: string;

beforeAll(() => {
  // Outside the project, as on Lambda: the bundle and the files copied beside it must be enough.
  dir = mkdtempSync(join(tmpdir(), 'redress-code-pages-'));
  bundleEntry(join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'parse-mail.ts'), dir, { landlordFiles: [], templateFiles: [], runtimeFiles: runtimeFilesFor('receive-email') });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mailIn = (charset: string, subject: string, body: string) =>
  Buffer.concat([
    Buffer.from(`From: resident@example.com\r\nTo: homes@example.org\r\nSubject: =?${charset}?B?${iconv.encode(subject, charset).toString('base64')}?=\r\n`
      + `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
    iconv.encode(`${body}\r\n`, charset),
  ]);

const parsedByBundle = (raw: Buffer) =>
  JSON.parse(execFileSync(process.execPath, [join(dir, BUNDLE_FILE)], { input: raw, encoding: 'utf8', cwd: dir })) as { subject: string; text: string };

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
    expect(parsedByBundle(mailIn(charset, subject, body))).toEqual({ subject, text: body });
  });

  it('reads mail in UTF-8 without the GBK code page, which libmime used to load at every cold start', () => {
    const withoutGbk = mkdtempSync(join(tmpdir(), 'redress-no-gbk-'));
    try {
      cpSync(dir, withoutGbk, { recursive: true });
      rmSync(join(withoutGbk, 'tables', 'cp936.json'));

      const parsed = JSON.parse(execFileSync(process.execPath, [join(withoutGbk, BUNDLE_FILE)], { input: mailIn('UTF-8', 'Damp in the bedroom', 'The damp is back.'), encoding: 'utf8', cwd: withoutGbk })) as unknown;

      expect(parsed).toEqual({ subject: 'Damp in the bedroom', text: 'The damp is back.' });
    } finally {
      rmSync(withoutGbk, { recursive: true, force: true });
    }
  });
});
