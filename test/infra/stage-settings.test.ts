import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyCommands, DEPLOYED_LANDLORDS_DIR, runtimeFilesFor } from '../../lib/bundling.ts';
import { InvalidContextError, stackPropsFromContext } from '../../lib/context.ts';
import { LetterTemplateFilesError, readLetterTemplates } from '../../lib/letter-templates.ts';
import { inboundSmtpHost, SES_RECEIVING_REGIONS } from '../../lib/receiving-regions.ts';
import { weeklyCron } from '../../lib/constructs/schedules.ts';
import { PROJECT_ROOT } from '../../src/config/files.ts';

const context = (values: Record<string, unknown>) => stackPropsFromContext((key) => values[key]);

describe('stage settings from CDK context', () => {
  it('defaults to a dev stage for the Code defaults, activating its rule set, with no domain identities', () => {
    expect(context({})).toEqual({ stage: 'dev', region: 'eu-west-2', landlordIds: ['code-defaults'], createDomainIdentities: false, activateRuleSet: true });
  });

  it('reads the operator\'s settings as the CLI passes them, as strings', () => {
    const settings = context({
      stage: 'prod', region: 'eu-west-1', landlords: 'chs-coop-procedure-a, chs-coop-procedure-b', createDomainIdentities: 'true', activateRuleSet: 'false',
      alarmEmail: 'ops@coophomes.coop', reservedConcurrency: 'off', retentionDays: '3650', smsAuthTokenParameter: '/redress/prod/twilio-token',
    });

    expect(settings).toEqual({
      stage: 'prod', region: 'eu-west-1', landlordIds: ['chs-coop-procedure-a', 'chs-coop-procedure-b'], createDomainIdentities: true, activateRuleSet: false,
      alarmEmail: 'ops@coophomes.coop', retention: { keepDays: 3650 }, smsAuthTokenParameterName: '/redress/prod/twilio-token',
    });
    expect(context({ reservedConcurrency: '10,50', concurrencyQuota: '1000' })).toMatchObject({ reservedConcurrency: { receiveEmail: 10, httpApi: 50 }, concurrencyQuota: 1000 });
    expect(context({ takeOverActiveRuleSet: 'true', cognitoDomainPrefix: 'coophomes-complaints', keyRotationDays: '365' }))
      .toMatchObject({ takeOverActiveRuleSet: true, cognitoDomainPrefix: 'coophomes-complaints', keyRotationDays: 365 });
  });

  it('refuses a setting it cannot use, naming it', () => {
    expect(() => context({ stage: 'Prod!' })).toThrow(InvalidContextError);
    expect(() => context({ alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
    expect(() => context({ smsAuthTokenParameter: 'no-leading-slash' })).toThrow(/smsAuthTokenParameter/);
    expect(() => context({ cognitoDomainPrefix: 'my-cognito-login' })).toThrow(/cognitoDomainPrefix/);
    expect(() => context({ keyRotationDays: '30' })).toThrow(/keyRotationDays/);
  });
});

describe('where SES receives mail', () => {
  it('includes London, so UK residents\' mail stays in the UK, and names the MX host for a region', () => {
    expect(SES_RECEIVING_REGIONS.has('eu-west-2')).toBe(true);
    expect(SES_RECEIVING_REGIONS.has('eu-west-3')).toBe(false);
    expect(inboundSmtpHost('eu-west-2')).toBe('inbound-smtp.eu-west-2.amazonaws.com');
  });
});

describe('the weekly digest schedule', () => {
  it.each([
    [{ day: 'monday', at: '08:00' }, 'cron(0 8 ? * MON *)'],
    [{ day: 'friday', at: '16:30' }, 'cron(30 16 ? * FRI *)'],
  ])('turns %o into %s', (time, cron) => {
    expect(weeklyCron(time)).toBe(cron);
  });

  it('refuses a day or time it cannot schedule', () => {
    expect(() => weeklyCron({ day: 'mon', at: '08:00' })).toThrow(/not a weekly time/);
    expect(() => weeklyCron({ day: 'monday', at: '8am' })).toThrow(/not a weekly time/);
  });
});

describe('letter templates for SES', () => {
  const withFiles = (files: Record<string, string>, run: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'redress-templates-'));
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads each letter\'s subject, HTML and text, and names it redress-<letter>', () => {
    withFiles({ 'stage-1-acknowledgement.subject.hbs': 'Your complaint {{caseRef}}\n', 'stage-1-acknowledgement.txt.hbs': 'Dear {{name}}' }, (dir) => {
      expect(readLetterTemplates(dir).map(({ files: _files, ...t }) => t)).toEqual([
        { name: 'stage-1-acknowledgement', sesName: 'redress-stage-1-acknowledgement', subject: 'Your complaint {{caseRef}}', text: 'Dear {{name}}' },
      ]);
    });
  });

  it('refuses a letter with no body, and a body with no subject', () => {
    withFiles({ 'extension.subject.hbs': 'More time' }, (dir) => expect(() => readLetterTemplates(dir)).toThrow(LetterTemplateFilesError));
    withFiles({ 'extension.txt.hbs': 'Dear' }, (dir) => expect(() => readLetterTemplates(dir)).toThrow(/belong to no letter/));
  });
});

describe('files copied beside a bundle', () => {
  it('puts the landlord profiles, templates and the contact form\'s views, script and govuk-frontend where the code looks', () => {
    const out = mkdtempSync(join(tmpdir(), 'redress-bundle-'));
    try {
      mkdirSync(out, { recursive: true });
      execSync(copyCommands(out, {
        landlordFiles: [join(PROJECT_ROOT, 'config', 'landlords', 'code-defaults.json')],
        templateFiles: readLetterTemplates(join(PROJECT_ROOT, 'templates')).flatMap((t) => t.files).slice(0, 3),
        runtimeFiles: runtimeFilesFor('http-api'),
      }).join(' && '), { shell: '/bin/sh' });

      expect(DEPLOYED_LANDLORDS_DIR).toBe('/var/task/landlords');
      expect(['landlords/code-defaults.json', 'views/form.njk', 'static/contact-form.mjs', 'node_modules/govuk-frontend/package.json',
        'node_modules/govuk-frontend/dist/govuk/template.njk', 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css']
        .filter((f) => !existsSync(join(out, f)))).toEqual([]);
      expect(existsSync(join(out, 'node_modules/govuk-frontend/dist/govuk/assets'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('copies nothing extra for functions that read no files of their own', () => {
    expect(runtimeFilesFor('case-step')).toEqual([]);
    expect(runtimeFilesFor('mail-events')).toEqual([]);
  });

  it('puts iconv-lite\'s double-byte code pages beside mail intake\'s bundle, where its require() looks', () => {
    const dests = runtimeFilesFor('receive-email').map((f) => f.dest);

    expect(dests).toEqual(expect.arrayContaining(['tables/shiftjis.json', 'tables/cp936.json', 'tables/cp950.json', 'tables/cp949.json']));
    expect(dests.every((d) => /^tables\/[a-z0-9-]+\.json$/.test(d))).toBe(true);
  });
});
