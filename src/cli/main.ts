import { Command } from 'commander';
import { caseCommand } from './case.ts';
import { casesCommand } from './cases.ts';
import { classifyCommand } from './classify.ts';
import { deadlinesCommand } from './deadlines.ts';
import { holidaysCommand } from './holidays.ts';
import { policyCommand } from './policy.ts';
import { reportCommand } from './report.ts';
import { workdaysCommand } from './workdays.ts';

/** Builds the `redress` command with every subcommand. */
export function buildProgram(): Command {
  const program = new Command('redress')
    .description("Redress: complaint handling to the Housing Ombudsman's Complaint Handling Code (2024)")
    .showHelpAfterError();
  // Each capability adds its subcommand here, one line each.
  program.addCommand(classifyCommand());
  program.addCommand(workdaysCommand());
  program.addCommand(deadlinesCommand());
  program.addCommand(policyCommand());
  program.addCommand(holidaysCommand());
  program.addCommand(casesCommand());
  program.addCommand(caseCommand());
  program.addCommand(reportCommand());
  return program;
}

/**
 * Runs the command line and resolves to the process exit code. Commander itself exits on `--help`
 * and on usage errors; each subcommand sets `process.exitCode` for its own outcome.
 */
export async function main(argv: string[]): Promise<number> {
  await buildProgram().parseAsync(argv);
  return Number(process.exitCode ?? 0);
}
