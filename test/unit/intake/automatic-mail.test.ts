import { describe, expect, it } from 'vitest';
import { detectAutomaticMail, type MailTraits } from '../../../src/core/intake/automatic-mail.ts';
import { bodyExcerpt, clip, MESSAGE_LIMITS, mediaTypeOf, utf8Bytes } from '../../../src/core/intake/limits.ts';
import { chooseReplyAddress } from '../../../src/core/intake/reply-address.ts';

const traits = (overrides: Partial<Omit<MailTraits, 'headers'>> & { headers?: Record<string, string> } = {}): MailTraits => ({
  returnPath: 'ann@example.com',
  from: 'ann@example.com',
  replyTo: [],
  contentType: 'text/plain',
  subject: 'The leak',
  partTypes: ['text/plain'],
  ...overrides,
  headers: new Map(Object.entries(overrides.headers ?? {})),
});

describe('telling machine-written mail from a person\'s', () => {
  it('takes a plain mail from a person as a person\'s', () => {
    expect(detectAutomaticMail(traits())).toEqual({ automatic: false });
  });

  it.each(['list-id', 'list-unsubscribe', 'list-post', 'list-help', 'list-subscribe', 'list-owner', 'list-archive', 'mailing-list', 'x-mailing-list'])(
    'takes a mail with a %s header as list mail, never to be answered',
    (name) => {
      expect(detectAutomaticMail(traits({ headers: { [name]: 'something' } }))).toMatchObject({ automatic: true, kind: 'bulk' });
    },
  );

  it.each([
    ['a MAILER-DAEMON return path and a bounce subject', { returnPath: 'MAILER-DAEMON@mx.example.net', subject: 'Undelivered Mail Returned to Sender' }],
    ['a postmaster From and a bounce subject', { from: 'postmaster@example.net', subject: 'Delivery Status Notification (Failure)' }],
    ['a message/delivery-status part with an ordinary return path', { partTypes: ['text/plain', 'message/delivery-status'] }],
    ['a MAILER-DAEMON return path and any subject', { returnPath: 'mailer-daemon@example.net', subject: 'Notice' }],
    ['the null return path and a qmail subject', { returnPath: '', subject: 'failure notice' }],
  ])('takes a bounce with %s as a delivery report', (_name, overrides) => {
    expect(detectAutomaticMail(traits(overrides))).toMatchObject({ automatic: true, kind: 'delivery-report' });
  });

  it('takes a postmaster mail with an ordinary subject as a person\'s: postmaster is sometimes a person', () => {
    expect(detectAutomaticMail(traits({ from: 'postmaster@example.net', returnPath: 'postmaster@example.net', subject: 'Our mail server is moving' }))).toEqual({ automatic: false });
  });

  it.each(['noreply@example.com', 'no-reply@example.com', 'donotreply@example.com', 'do-not-reply@example.com', 'no_reply+x@example.com', 'NoReply-alerts@example.com'])(
    'never answers a sender that takes no replies (%s)',
    (from) => {
      expect(detectAutomaticMail(traits({ from }))).toMatchObject({ automatic: true, kind: 'bulk' });
    },
  );

  it('takes a form relayed From a no-reply address with the resident in Reply-To as the resident\'s', () => {
    expect(detectAutomaticMail(traits({ from: 'noreply@forms.example.com', replyTo: ['ann@example.com'] }))).toEqual({ automatic: false });
    expect(detectAutomaticMail(traits({ from: 'noreply@forms.example.com', replyTo: ['no-reply@forms.example.com'] }))).toMatchObject({ automatic: true });
  });

  it('tells abuse reports and read receipts from bounces', () => {
    expect(detectAutomaticMail(traits({ contentType: 'multipart/report; report-type=feedback-report; boundary=x' }))).toMatchObject({ kind: 'report' });
    expect(detectAutomaticMail(traits({ contentType: 'multipart/report; report-type="disposition-notification"' }))).toMatchObject({ kind: 'report' });
    expect(detectAutomaticMail(traits({ contentType: 'multipart/report; report-type=delivery-status' }))).toMatchObject({ kind: 'delivery-report' });
  });

  it('takes Auto-Submitted: no as a person writing, but never answers a list post that says it', () => {
    expect(detectAutomaticMail(traits({ headers: { 'auto-submitted': 'no' }, subject: 'Out of office plans' }))).toEqual({ automatic: false });
    expect(detectAutomaticMail(traits({ headers: { 'auto-submitted': 'no', 'list-id': '<tenants.example.org>' } }))).toMatchObject({ automatic: true, kind: 'bulk' });
  });
});

describe('whom a letter answering a mail goes to', () => {
  const own = new Set(['homes@demo.redress.test']);

  it('answers the Reply-To address when it can receive (RFC 5322 §3.6.2)', () => {
    expect(chooseReplyAddress({ replyTo: ['ann.home@example.org'], from: 'ann@work.example.com', ownAddresses: own })).toEqual({ address: 'ann.home@example.org', header: 'reply-to' });
  });

  it('falls back to From when Reply-To cannot receive', () => {
    expect(chooseReplyAddress({ replyTo: ['noreply@example.org'], from: 'ann@example.com', ownAddresses: own })).toEqual({ address: 'ann@example.com', header: 'from' });
  });

  it.each([
    ['a no-reply address', 'no-reply@example.com'],
    ['a mail system', 'MAILER-DAEMON@example.com'],
    ['our own address', 'Homes@demo.redress.test'],
    ['no domain', 'ann@localhost'],
    ['a control character', 'ann\u001b@example.com'],
    ['an address over 254 characters', `${'a'.repeat(250)}@example.com`],
  ])('answers nobody when the only address is %s', (_name, from) => {
    const choice = chooseReplyAddress({ replyTo: [], from, ownAddresses: own });
    expect(choice.address).toBeNull();
    expect(choice).toHaveProperty('why');
  });
});

describe('what one message may carry inline', () => {
  it('keeps a short body whole and cuts a long one to an excerpt that fits, never splitting a character', () => {
    expect(bodyExcerpt('short')).toEqual({ text: 'short', cut: false });

    const long = bodyExcerpt('é£😀'.repeat(40_000));

    expect(long.cut).toBe(true);
    expect(utf8Bytes(long.text)).toBeLessThanOrEqual(MESSAGE_LIMITS.excerptBytes);
    expect(long.text.endsWith('\uFFFD')).toBe(false);
    expect(utf8Bytes(long.text)).toBeGreaterThan(MESSAGE_LIMITS.excerptBytes - 8);
  });

  it('mends lone surrogates so the text encodes as UTF-8', () => {
    expect(clip('a\uD800b', 10)).toBe('a\uFFFDb');
    expect(clip('ab😀', 3)).toBe('ab');
  });

  it.each([[false, null], ['', null], [' ; name="x.jpg"', null], ['IMAGE/JPEG', 'image/jpeg'], ['application/vnd.ms-excel', 'application/vnd.ms-excel'], [undefined, null]])(
    'reads the content type %j as %j',
    (given, expected) => {
      expect(mediaTypeOf(given)).toBe(expected);
    },
  );
});
