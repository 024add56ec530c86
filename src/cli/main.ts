import { Command } from 'commander';

/** Builds the `redress` command with every subcommand. */
export function buildProgram(): Command {
  const program = new Command('redress')
    .description('Redress: complaint handling to the Housing Ombudsman\'s Complaint Handling Code (2024)')
    .showHelpAfterError()
    .exitOverride();
  // Each capability adds its subcommand here, one line each.
  return program;
}

/** Runs the command line and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number') return error.exitCode;
    throw error;
  }
}
