// The deploy-time handler behind IntakeMailbox's activation: a CloudFormation custom resource that makes the stage's
// receipt rule set the active one. An account and region has one active rule set, and SetActiveReceiptRuleSet
// switches off whichever set was active, so this never takes over a set Redress did not create unless the operator
// said so (`takeOverActiveRuleSet`), and on delete it switches receiving off only while the active set is still ours.
import { DescribeActiveReceiptRuleSetCommand, SESClient, SetActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import * as z from 'zod';

/** What the handler does for one request, and why when it does nothing or refuses. */
export type ActivationStep =
  | { readonly step: 'activate'; readonly replacing: string | null }
  | { readonly step: 'deactivate' }
  | { readonly step: 'leave'; readonly why: string }
  | { readonly step: 'refuse'; readonly why: string };

/**
 * The one decision: given the request, our set's name, the set active now (null when none) and the operator's
 * permission to take over, what to do.
 */
export function activationStep(request: 'Create' | 'Update' | 'Delete', ours: string, active: string | null, takeOver: boolean): ActivationStep {
  if (request === 'Delete') {
    return active === ours ? { step: 'deactivate' } : { step: 'leave', why: active ? `the active rule set is ${active}, not ours` : 'no rule set is active' };
  }
  if (active === ours) return { step: 'leave', why: `${ours} is already active` };
  if (active === null || takeOver) return { step: 'activate', replacing: active };
  return {
    step: 'refuse',
    why: `The account's active receipt rule set in this region is "${active}", which this stage did not create; making ` +
      `"${ours}" active would stop the mail that set receives. Either add Redress's rule to "${active}" and deploy with ` +
      `-c activateRuleSet=false, or, if "${active}" may be switched off, deploy with -c takeOverActiveRuleSet=true.`,
  };
}

const ActivationEvent = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.string().optional(),
  ResourceProperties: z.object({
    RuleSetName: z.string().min(1),
    TakeOverActiveRuleSet: z.enum(['true', 'false']).default('false'),
  }),
});
type ActivationEvent = z.infer<typeof ActivationEvent>;

/** The SES calls the handler makes, as a port so the decision and the response can be tested without AWS. */
export interface RuleSetApi {
  activeRuleSet(): Promise<string | null>;
  setActive(name: string | null): Promise<void>;
}

const sesRuleSetApi = (ses: SESClient): RuleSetApi => ({
  activeRuleSet: async () => (await ses.send(new DescribeActiveReceiptRuleSetCommand({}))).Metadata?.Name ?? null,
  setActive: async (name) => {
    await ses.send(new SetActiveReceiptRuleSetCommand(name === null ? {} : { RuleSetName: name }));
  },
});

/** Runs one request and gives the response CloudFormation expects (every failure becomes FAILED with its reason). */
export async function runActivation(api: RuleSetApi, raw: unknown): Promise<{ event: ActivationEvent; response: Record<string, unknown> }> {
  const event = ActivationEvent.parse(raw);
  const ours = event.ResourceProperties.RuleSetName;
  const physicalResourceId = `active-receipt-rule-set-${ours}`;
  const answer = (status: 'SUCCESS' | 'FAILED', reason: string) => ({
    event,
    response: {
      Status: status, Reason: reason, PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId,
      StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: {},
    },
  });
  try {
    const step = activationStep(event.RequestType, ours, await api.activeRuleSet(), event.ResourceProperties.TakeOverActiveRuleSet === 'true');
    switch (step.step) {
      case 'activate':
        await api.setActive(ours);
        return answer('SUCCESS', step.replacing ? `made ${ours} active in place of ${step.replacing}, as the operator asked` : `made ${ours} active`);
      case 'deactivate':
        await api.setActive(null);
        return answer('SUCCESS', `${ours} was active: receiving switched off`);
      case 'leave':
        return answer('SUCCESS', step.why);
      case 'refuse':
        return answer('FAILED', step.why);
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
  } catch (error) {
    return answer('FAILED', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

/** The Lambda entry: decide, act, and always answer CloudFormation (a missing answer would hang the stack for an hour). */
export const handler = async (raw: unknown): Promise<void> => {
  const { event, response } = await runActivation(sesRuleSetApi(new SESClient({})), raw);
  const body = JSON.stringify(response);
  const put = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) } });
  if (!put.ok) throw new Error(`CloudFormation did not take the response: HTTP ${put.status}`);
};
