import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDLORDS_DIR, shippedLandlordPolicies } from '../../src/config/files.ts';
import { LandlordAddressClashError, LandlordDirectory } from '../../src/intake/landlords.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// A managing agent runs intake for several landlords: the address, the number or the form's URL picks the landlord.
const dir = mkdtempSync(join(tmpdir(), 'redress-landlords-'));
for (const id of ['code-defaults', 'example-housing-association']) copyFileSync(join(LANDLORDS_DIR, `${id}.json`), join(dir, `${id}.json`));

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ settings: { REDRESS_HTTP_PORT: 0, REDRESS_SMTP_PORT: 0, REDRESS_SES_PORT: 0, REDRESS_STAFF_TOKEN: 'test-staff-token', REDRESS_SMS_AUTH_TOKEN: 'test-sms-auth-token', REDRESS_LANDLORDS_DIR: dir } });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const landlordOf = async (externalId: string) => {
  for (const landlordId of ['code-defaults', 'example-housing-association']) {
    const found = (await h.redress.intake.messages.listMessages(landlordId)).find((m) => m.externalId === externalId);
    if (found) return landlordId;
  }
  return null;
};

describe('one intake for many landlords', () => {
  it('gives mail to each landlord\'s address to that landlord, and answers from that address', async () => {
    await h.sendRaw(residentMail({ messageId: '<to-a@example.com>', from: 'r1@example.com' }), { from: 'r1@example.com', to: ['homes@landlord.example'] });
    await h.sendRaw(residentMail({ messageId: '<to-b@example.com>', from: 'r2@example.com' }), { from: 'r2@example.com', to: ['complaints@association.example'] });

    expect(await landlordOf('<to-a@example.com>')).toBe('code-defaults');
    expect(await landlordOf('<to-b@example.com>')).toBe('example-housing-association');
    const replies = await h.sentMail();
    expect(replies.find((m) => m.destination.to.includes('r2@example.com'))?.from).toBe('complaints@association.example');
  });

  it('gives a text to the landlord whose number it was sent to', async () => {
    const url = `${h.redress.url}/sms/inbound`;
    const params = { MessageSid: `SM${'m1'.padEnd(32, '0')}`, From: '+447700900777', To: '+447700900000', Body: 'Please fix the gate' };
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature('test-sms-auth-token', url, params) }, body: new URLSearchParams(params).toString() });

    expect(await landlordOf(params.MessageSid)).toBe('code-defaults');
  });

  it('shows each landlord\'s form at its own URL, and 404 for one it does not run', async () => {
    const page = await (await fetch(`${h.redress.url}/contact/example-housing-association`)).text();
    const unknown = await fetch(`${h.redress.url}/contact/no-such-landlord`);

    expect(page).toContain(shippedLandlordPolicies().get('example-housing-association')!.name);
    expect(unknown.status).toBe(404);
  });

  it('refuses two landlords that would receive at the same address', () => {
    const shipped = shippedLandlordPolicies();
    const clash = new Map([['chs-coop-procedure-a', shipped.get('chs-coop-procedure-a')!], ['chs-coop-procedure-b', shipped.get('chs-coop-procedure-b')!]]);

    expect(() => new LandlordDirectory(clash, 'chs-coop-procedure-a')).toThrow(LandlordAddressClashError);
  });
});
