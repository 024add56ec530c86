import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { complaintEventTypes, ComplaintEventSchema, type ComplaintEvent } from '../case/complaint.ts';

/** Low-cost rental accommodation or low-cost home ownership: the regulator's two tenures for the TSMs. */
export const TenureSchema = z.enum(['low-cost-rental', 'low-cost-home-ownership']);
export type Tenure = z.infer<typeof TenureSchema>;

// A case's history may hold entries beside the complaint's own events (letters, messages joining): the reports
// read only the complaint events, and read them as the case rules do.
const ComplaintEventsOnly = lazySchema(() => {
  const types: ReadonlySet<unknown> = complaintEventTypes();
  return z.preprocess(
    (value) => (Array.isArray(value) ? value.filter((e) => typeof e === 'object' && e !== null && types.has((e as { type?: unknown }).type)) : value),
    z.array(ComplaintEventSchema),
  );
});

/**
 * One case as the reports read it: from a file of cases in the `redress deadlines` events format, or from the staff
 * API's case list (`redress cases --json`), which has the same fields. `category` and `tenure` are read when present.
 */
export const ReportCaseSchema = lazySchema(() => z.object({
  complaintRef: z.string().min(1).optional(),
  caseRef: z.string().min(1).optional(),
  landlordId: z.string().regex(/^[a-z0-9-]+$/).optional(),
  kind: z.enum(['complaint', 'service-request']).default('complaint'),
  /** How the complaint came in: `email`, `sms`, `web_form`, `telephone`, `letter`, ... */
  channel: z.string().min(1).optional(),
  /** One of the landlord's categories (`reports.categories` in its profile). */
  category: z.string().min(1).optional(),
  tenure: TenureSchema.optional(),
  events: ComplaintEventsOnly,
}));

/** A file of cases: a list, the staff API's `{"cases": [...]}`, or one complaint's events file. */
export const ReportCasesSchema = lazySchema(() => z.union([
  z.array(ReportCaseSchema),
  z.object({ cases: z.array(ReportCaseSchema) }).transform((file) => file.cases),
  ReportCaseSchema.transform((one) => [one]),
]));

/** A complaint as the reports see it. */
export interface ReportedComplaint {
  readonly complaintRef: string;
  readonly channel?: string;
  readonly category?: string;
  readonly tenure?: Tenure;
  readonly events: readonly ComplaintEvent[];
}

/**
 * The complaints among parsed cases, each with a reference: its own, or its place in the file.
 * Service requests are left out: they are not complaints (Code 1.4).
 */
export function reportedComplaints(cases: readonly z.infer<typeof ReportCaseSchema>[]): ReportedComplaint[] {
  return cases.flatMap((c, index) =>
    c.kind === 'complaint'
      ? [{
          complaintRef: c.complaintRef ?? c.caseRef ?? `case ${index + 1}`,
          ...(c.channel ? { channel: c.channel } : {}),
          ...(c.category ? { category: c.category } : {}),
          ...(c.tenure ? { tenure: c.tenure } : {}),
          events: c.events,
        }]
      : [],
  );
}
