import type { LocalRedress } from '../../local/start.ts';

interface ReportPage {
  readonly cases: { readonly caseRef: string; readonly messages: { readonly messageRef: string }[] }[];
  readonly messagesWithoutCase: { readonly messageRef: string }[];
  readonly next?: string | null;
}

/** The staff API's case list read to the end (following `next` when it pages): its status, cases and message refs. */
export async function readStaffReport(redress: Pick<LocalRedress, 'url' | 'staffToken'>) {
  const cases: ReportPage['cases'] = [];
  const messageRefs = new Set<string>();
  let after: string | null | undefined;
  do {
    const response = await fetch(`${redress.url}/api/cases${after ? `?after=${encodeURIComponent(after)}` : ''}`, { headers: { authorization: `Bearer ${redress.staffToken}` } });
    if (response.status !== 200) return { status: response.status, cases, messageRefs };
    const page = (await response.json()) as ReportPage;
    cases.push(...page.cases);
    for (const c of page.cases) for (const m of c.messages) messageRefs.add(m.messageRef);
    for (const m of page.messagesWithoutCase) messageRefs.add(m.messageRef);
    after = page.next;
  } while (after);
  return { status: 200, cases, messageRefs };
}
