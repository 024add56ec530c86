import { copyFileSync } from 'node:fs';
import { Command } from 'commander';
import { bankHolidayChanges } from '../core/calendar/bank-holidays.ts';
import { BANK_HOLIDAYS_FILE, InvalidConfigFileError, readBankHolidays } from '../config/files.ts';
import { printable } from './terminal-text.ts';

/** `redress holidays`: see and install a new GOV.UK bank-holidays list. */
export function holidaysCommand(): Command {
  const holidays = new Command('holidays').description('The GOV.UK bank-holidays list that overrides the holiday rules for the years it covers');

  holidays
    .command('install')
    .description('Check a GOV.UK bank-holidays.json file, show what it changes, and make it the list in force')
    .argument('<file>', 'a copy of https://www.gov.uk/bank-holidays.json')
    .option('--dry-run', 'show the changes without installing the file')
    .option('--to <file>', 'the list in force', BANK_HOLIDAYS_FILE)
    .addHelpText('after', '\nOpen deadlines are recomputed from their events with the new list: nothing else needs changing.\nExit status: 0 installed (or would be), 2 the file is not a valid GOV.UK list.')
    .action((file: string, options: { dryRun?: boolean; to: string }) => {
      try {
        const next = readBankHolidays(file);
        const changes = bankHolidayChanges(readBankHolidays(options.to), next);
        for (const c of changes) process.stdout.write(printable(`${c.change === 'added' ? '+' : '-'} ${c.date}  ${c.region.padEnd(17)}  ${c.title}\n`));
        if (changes.length === 0) process.stdout.write('No change to any bank holiday.\n');
        if (!options.dryRun) {
          copyFileSync(file, options.to);
          process.stdout.write(`Installed ${file} as ${options.to}.\n`);
        }
        process.exitCode = 0;
      } catch (error) {
        if (!(error instanceof InvalidConfigFileError)) throw error;
        process.stderr.write(printable(`Not a valid GOV.UK bank-holidays list: ${error.message}\n`));
        process.exitCode = 2;
      }
    });

  return holidays;
}
