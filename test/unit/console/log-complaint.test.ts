import { describe, expect, it } from 'vitest';
import { parseLoggedComplaint } from '../../../src/http/console/log-complaint.ts';

const now = new Date('2026-12-03T14:30:00.000Z');
const answers = { landlordId: 'demo', via: 'telephone', receivedOn: '2026-12-01', summary: 'Rang about the broken lift', name: 'Edna Jones', phone: '07700 900123', email: '', address: '4 Elm Court' };

describe('the form for a complaint taken by telephone, letter or in person', () => {
  it('counts an earlier day from noon that day, and a complaint received today from now', () => {
    const earlier = parseLoggedComplaint(answers, now);
    const today = parseLoggedComplaint({ ...answers, receivedOn: '2026-12-03' }, now);

    expect(earlier).toMatchObject({ ok: true, request: { receivedAt: '2026-12-01T12:00:00Z', via: 'telephone', resident: { name: 'Edna Jones', email: null, addressOrTenancyReference: '4 Elm Court' } } });
    expect(today).toMatchObject({ ok: true, request: { receivedAt: '2026-12-03T14:30:00.000Z' } });
  });

  it('refuses a day in the future, or none, beside the date field', () => {
    expect(parseLoggedComplaint({ ...answers, receivedOn: '2026-12-04' }, now)).toEqual({ ok: false, errors: [{ field: 'receivedOn', message: 'The day the complaint was received cannot be in the future' }] });
    expect(parseLoggedComplaint({ ...answers, receivedOn: '' }, now)).toEqual({ ok: false, errors: [{ field: 'receivedOn', message: 'Enter the day the complaint was received' }] });
  });

  it('asks for an address when there is no email address, since the letters will be posted', () => {
    expect(parseLoggedComplaint({ ...answers, address: ' ' }, now)).toEqual({ ok: false, errors: [{ field: 'address', message: 'Enter an address to post letters to, or an email address' }] });
    expect(parseLoggedComplaint({ ...answers, address: '', email: 'edna@example.com' }, now)).toMatchObject({ ok: true });
  });

  it('names each missing or wrong answer in words beside its field', () => {
    const refused = parseLoggedComplaint({ receivedOn: '2026-12-01', summary: '', email: 'not an address', address: '4 Elm Court' }, now);

    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors).toEqual([
      { field: 'landlordId', message: 'Choose the landlord' },
      { field: 'via', message: 'Choose how the resident complained' },
      { field: 'summary', message: 'Enter what the complaint is about' },
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    ]);
  });
});
