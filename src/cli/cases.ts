import { Command } from 'commander';
import { printable, printableJson } from './terminal-text.ts';

interface CaseRow {
  caseRef: string;
  landlordId: string;
  kind: string;
  status: string;
  summary: string;
  nextDueOn: string | null;
  messages: { label: string | null; confidence: number | null }[];
  letters: { template: string }[];
}
interface MessageRow {
  messageRef: string;
  landlordId: string;
  channel: string;
  receivedAt: string;
  outcome: string;
  duplicateOf: string | null;
}

/** The staff API's address and token: the running local stack by default. */
export const staffApiFromEnv = (env: NodeJS.ProcessEnv = process.env) => ({
  url: (env.REDRESS_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
  token: env.REDRESS_STAFF_TOKEN ?? '',
});

/** `redress cases [--json] [--landlord id]`: lists cases and the messages that opened none, from the staff API. */
export function casesCommand(): Command {
  return new Command('cases')
    .description('list cases with their messages, labels, due dates and letters, and the messages that opened no case (reads the staff API: REDRESS_URL, REDRESS_STAFF_TOKEN)')
    .option('--json', 'print the whole report as JSON')
    .option('--landlord <id>', 'one landlord only')
    .action(async (options: { json?: boolean; landlord?: string }) => {
      const api = staffApiFromEnv();
      if (!api.token) {
        process.stderr.write('redress cases: set REDRESS_STAFF_TOKEN (npm start prints it)\n');
        process.exitCode = 2;
        return;
      }
      // The API pages its cases; the command follows `next` until the last page.
      const report: { cases: CaseRow[]; messagesWithoutCase: MessageRow[] } = { cases: [], messagesWithoutCase: [] };
      let after: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '500', ...(options.landlord ? { landlord: options.landlord } : {}), ...(after ? { after } : {}) });
        let response: Response;
        try {
          response = await fetch(`${api.url}/api/cases?${query}`, { headers: { authorization: `Bearer ${api.token}` } });
        } catch {
          process.stderr.write(`redress cases: nothing answers at ${api.url}: is npm start running? (REDRESS_URL sets another address)\n`);
          process.exitCode = 2;
          return;
        }
        if (!response.ok) {
          process.stderr.write(printable(`redress cases: the staff API answered ${response.status}: ${await response.text()}\n`));
          process.exitCode = response.status === 401 ? 2 : 1;
          return;
        }
        const page = (await response.json()) as { cases: CaseRow[]; messagesWithoutCase: MessageRow[]; next: string | null };
        report.cases.push(...page.cases);
        report.messagesWithoutCase.push(...page.messagesWithoutCase);
        after = page.next;
      } while (after);
      if (options.json) {
        process.stdout.write(`${printableJson(report, 2)}\n`);
        return;
      }
      const lines = [`${report.cases.length} case(s)`];
      for (const c of report.cases) {
        const label = c.messages[0]?.label ? `${c.messages[0].label} ${c.messages[0].confidence}` : '';
        lines.push(`  ${c.caseRef.padEnd(12)} ${c.landlordId.padEnd(14)} ${c.status.padEnd(34)} due ${c.nextDueOn ?? '-'}  ${c.messages.length} msg, ${c.letters.length} letter(s)  ${label}  ${c.summary.slice(0, 50)}`);
      }
      lines.push(`${report.messagesWithoutCase.length} message(s) that opened no case`);
      for (const m of report.messagesWithoutCase) {
        lines.push(`  ${m.messageRef} ${m.landlordId.padEnd(14)} ${m.channel.padEnd(8)} ${m.receivedAt} ${m.outcome}${m.duplicateOf ? ` of ${m.duplicateOf}` : ''}`);
      }
      process.stdout.write(`${lines.map(printable).join('\n')}\n`);
    });
}
