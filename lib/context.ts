// The stage's settings, from CDK context (`-c key=value` or cdk.json), checked once. docs/operator.md lists them.
import * as z from 'zod';
import { UK_REGION } from './receiving-regions.ts';
import type { RedressStackProps } from './redress-stack.ts';

const flag = (fallback: boolean) =>
  z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((v) => (v === undefined ? fallback : v === true || v === 'true'));
const list = z.string().transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
const positiveInt = z.union([z.int().positive(), z.string().regex(/^[1-9][0-9]*$/).transform(Number)]);

/** Every context key the app reads. */
export const ContextSchema = z.object({
  stage: z.string().regex(/^[a-z0-9-]{1,20}$/, 'lower-case letters, digits and hyphens, at most 20').default('dev'),
  /** Where residents' data lives: London unless the operator says otherwise, whatever the CLI profile's region. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, 'an AWS region such as eu-west-2').default(UK_REGION),
  /** Comma list of profiles in config/landlords this stage serves. */
  landlords: list.default(['code-defaults']),
  smsAuthTokenParameter: z.string().regex(/^\/[A-Za-z0-9_.\-/]+$/, 'an SSM parameter name starting with /').optional(),
  smsAuthTokenKeyArn: z.string().startsWith('arn:').optional(),
  createDomainIdentities: flag(false),
  activateRuleSet: flag(true),
  /** Make ours the active rule set even when another one is active (which SES then switches off). */
  takeOverActiveRuleSet: flag(false),
  alarmEmail: z.email().optional(),
  /** `off`, or `<receive-email>,<http-api>` reserved executions. */
  reservedConcurrency: z
    .union([z.literal('off'), z.string().regex(/^[1-9][0-9]*,[1-9][0-9]*$/)])
    .optional()
    .transform((v) => {
      if (v === undefined) return undefined;
      if (v === 'off') return false as const;
      const [receiveEmail, httpApi] = v.split(',').map(Number) as [number, number];
      return { receiveEmail, httpApi };
    }),
  /** The account's Lambda concurrent-executions quota, as Service Quotas shows it: needed to reserve any. */
  concurrencyQuota: positiveInt.optional(),
  /** The staff sign-in domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique across all of AWS. */
  cognitoDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and hyphens, at most 63')
    .refine((p) => !/aws|amazon|cognito/.test(p), 'Cognito refuses a prefix containing aws, amazon or cognito').optional(),
  /** Days between the data key's automatic rotations (KMS allows 90 to 2560). */
  keyRotationDays: z.union([z.int(), z.string().regex(/^[0-9]+$/).transform(Number)]).pipe(z.int().min(90).max(2560)).optional(),
  publicUrl: z.url().optional(),
  /** Days residents' raw mail and attachments are kept. */
  retentionDays: positiveInt.optional(),
});

/** A context value that is not what the app accepts. */
export class InvalidContextError extends Error {
  override readonly name = 'InvalidContextError';
}

/** Stack settings from context, read through `get` (app.node.tryGetContext). */
export function stackPropsFromContext(get: (key: string) => unknown): Omit<RedressStackProps, 'landlords'> & { stage: string; region: string; landlordIds: string[] } {
  const raw = Object.fromEntries(Object.keys(ContextSchema.shape).map((key) => [key, get(key)]).filter(([, v]) => v !== undefined));
  const parsed = ContextSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidContextError(`CDK context: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  return {
    stage: c.stage,
    region: c.region,
    landlordIds: c.landlords,
    createDomainIdentities: c.createDomainIdentities,
    activateRuleSet: c.activateRuleSet,
    ...(c.takeOverActiveRuleSet ? { takeOverActiveRuleSet: true } : {}),
    ...(c.smsAuthTokenParameter ? { smsAuthTokenParameterName: c.smsAuthTokenParameter } : {}),
    ...(c.smsAuthTokenKeyArn ? { smsAuthTokenKeyArn: c.smsAuthTokenKeyArn } : {}),
    ...(c.alarmEmail ? { alarmEmail: c.alarmEmail } : {}),
    ...(c.reservedConcurrency ? { reservedConcurrency: c.reservedConcurrency } : {}),
    ...(c.concurrencyQuota ? { concurrencyQuota: c.concurrencyQuota } : {}),
    ...(c.cognitoDomainPrefix ? { cognitoDomainPrefix: c.cognitoDomainPrefix } : {}),
    ...(c.keyRotationDays ? { keyRotationDays: c.keyRotationDays } : {}),
    ...(c.publicUrl ? { publicUrl: c.publicUrl } : {}),
    ...(c.retentionDays ? { retention: { keepDays: c.retentionDays } } : {}),
  };
}
