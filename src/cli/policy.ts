import { Command } from 'commander';
import { InvalidConfigFileError, resolveLandlordPolicy, shippedLandlordPolicies } from '../config/files.ts';
import { checkPolicyAgainstCode, type PolicyFinding } from '../core/policy/policy-check.ts';
import { printable, printableJson } from './terminal-text.ts';

/** The text report of a policy check. */
export function formatFindings(policyName: string, findings: readonly PolicyFinding[]): string {
  if (findings.length === 0) return `${policyName}: no findings. Every setting meets the Complaint Handling Code (2024).\n`;
  const lines = findings.map(
    (f) => `  Code ${f.provision.padEnd(5)} ${f.setting} = ${JSON.stringify(f.policyValue)}: ${f.message}.\n             The Code: ${f.provisionText}`,
  );
  const count = findings.length === 1 ? '1 finding' : `${findings.length} findings`;
  return `${policyName}: ${count}, settings less generous to residents than the Complaint Handling Code (2024):\n${lines.join('\n')}\n`;
}

/** `redress policy`: check and list landlord policy profiles. */
export function policyCommand(): Command {
  const policy = new Command('policy').description('Landlord policy profiles: check one against the Code, or list the shipped ones');

  policy
    .command('check')
    .description('List every setting of a policy profile that is less generous to residents than the Code, with the provision it breaks')
    .argument('<file>', 'a policy profile JSON file, or the id of a shipped profile such as dennetts-coop')
    .option('--json', 'print the findings as JSON')
    .addHelpText(
      'after',
      `
Settings stricter than the Code (a 2-day acknowledgement, say) pass. Exit status:
  0  no findings
  1  findings: the policy breaks the Code where listed
  2  the file is missing, not JSON, or not a valid policy profile (each problem is listed)`,
    )
    .action((file: string, options: { json?: boolean }) => {
      try {
        const profile = resolveLandlordPolicy(file);
        const findings = checkPolicyAgainstCode(profile);
        process.stdout.write(
          options.json
            ? `${printableJson({ landlordId: profile.landlordId, findings }, 2)}\n`
            : printable(formatFindings(`${profile.name} (${profile.landlordId})`, findings)),
        );
        process.exitCode = findings.length > 0 ? 1 : 0;
      } catch (error) {
        if (!(error instanceof InvalidConfigFileError)) throw error;
        process.stderr.write(printable(`Not a valid policy profile: ${error.message}\n`));
        process.exitCode = 2;
      }
    });

  policy
    .command('list')
    .description('List the shipped policy profiles with their main timescales and how many Code findings each has')
    .action(() => {
      for (const [id, p] of shippedLandlordPolicies()) {
        const findings = checkPolicyAgainstCode(p).length;
        process.stdout.write(printable(
          `${id.padEnd(30)} ack ${p.stage1.acknowledgeWithinWorkingDays} wd · stage 1 ${p.stage1.respondWithinWorkingDays} wd from ${p.stage1.respondCountedFrom}` +
            ` · stage 2 ${p.stage2.respondWithinWorkingDays} wd from ${p.stage2.respondCountedFrom} · ${findings} finding${findings === 1 ? '' : 's'}\n`,
        ));
      }
    });

  return policy;
}
