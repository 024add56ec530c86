import * as z from 'zod';
import { RegionSchema } from '../calendar/bank-holidays.ts';
import { ClosureSchema } from '../calendar/working-days.ts';
import { lazySchema } from '../lazy-schema.ts';

const WorkingDays = z.int().nonnegative();
const PositiveWorkingDays = z.int().positive();

/** Days of the week, as the digest schedule names them. */
export const WeekdaySchema = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type Weekday = z.infer<typeof WeekdaySchema>;

/** The Ombudsman scheme the landlord belongs to, and the contact details residents are given. */
export const OmbudsmanSchema = lazySchema(() => z.object({
  scheme: z.literal('housing-ombudsman'),
  name: z.string().min(1),
  website: z.url(),
  onlineForm: z.url().optional(),
  telephone: z.string().min(1),
  email: z.email(),
  post: z.string().min(1).optional(),
}));

/**
 * The readings the regulator's figures (TSM CH01, CH02) and the annual report use where the rules leave room,
 * each documented in docs/reports.md. The defaults are the readings that document argues for.
 */
export const ReportSettingsSchema = lazySchema(() => z.object({
  tsm: z
    .object({
      /**
       * When a response after the Code's timescale (6.3, 6.14) still counts as within it for CH02:
       * `within-code-limit` when an extension recorded in time moved the date, up to the Code's 10 (stage 1) or 20
       * (stage 2) working days; `with-good-reason` also past that limit when a good reason was recorded (6.4, 6.15);
       * `not-counted` never.
       */
      extendedResponses: z.enum(['within-code-limit', 'with-good-reason', 'not-counted']).default('within-code-limit'),
      /** Whether a complaint not accepted (2.4) or a stage 2 escalation refused (5.11) counts as received in CH01. */
      declinedCountAsReceived: z.boolean().default(false),
      /** Whether a complaint withdrawn or closed before its response still counts as received in CH01. */
      withdrawnCountAsReceived: z.boolean().default(true),
    })
    .prefault({}),
  /**
   * The landlord's own complaint categories (Code 9.7 a), such as repairs or damp and mould; a case's `category`
   * is read against these ids, and reports list them in this order.
   */
  categories: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'), name: z.string().min(1) }))
    .default([]),
  /**
   * The landlord's own list of root causes (Code 9.1, 9.4), such as a missed appointment or poor communication,
   * recorded at response; reports list them in this order.
   */
  rootCauses: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'), name: z.string().min(1) }))
    .default([]),
}));
export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

/**
 * A landlord's complaints policy as Redress runs it: the timescales and what each counts from, who is told
 * what, and where residents write. `redress policy check` compares it with the Code.
 *
 * Built on first use: a deployed function reads its landlords' profiles as validated when it was bundled
 * (`validatedLandlordPolicies`), so its cold start neither builds this schema nor parses with it.
 */
export const LandlordPolicySchema = lazySchema(() => z
  .object({
    landlordId: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
    name: z.string().min(1),
    kind: z.enum(['housing-co-op', 'housing-association', 'managing-agent', 'code-defaults']),
    /** The document this profile was written from. */
    basedOn: z.string().min(1),
    /** For a managing agent running intake: which procedure this profile is, and what it covers. */
    procedure: z.object({ name: z.string().min(1), covers: z.string().min(1) }).optional(),
    ombudsman: OmbudsmanSchema,
    /** Whose bank holidays count: where the landlord is. */
    bankHolidays: RegionSchema,
    /** Days the office is closed over and above bank holidays. */
    closures: z.array(ClosureSchema).default([]),
    counting: z
      .object({
        /**
         * `counts-as-day-0` (the default, and stricter on the landlord): the day of receipt is day 0 whatever it is.
         * `treated-as-next-working-day`: a complaint received on a weekend or holiday is taken as received on the
         * next working day, which then is day 0.
         */
        receiptOnNonWorkingDay: z.enum(['counts-as-day-0', 'treated-as-next-working-day']).default('counts-as-day-0'),
      })
      .prefault({}),
    /** How many stages the complaints procedure has (the Code allows two: 5.3). */
    stages: z.int().positive(),
    /** Whether the policy has an extra named stage such as "stage 0" or an "informal complaint" (5.2). */
    informalStage: z.boolean().default(false),
    stage1: z.object({
      acknowledgeWithinWorkingDays: PositiveWorkingDays,
      respondWithinWorkingDays: PositiveWorkingDays,
      respondCountedFrom: z.enum(['receipt', 'acknowledgement']),
      maxExtensionWorkingDays: WorkingDays,
    }),
    stage2: z.object({
      /** How long after the stage 1 response a resident may ask for stage 2; null when there is no limit. */
      requestWithinWorkingDays: PositiveWorkingDays.nullable(),
      acknowledgeWithinWorkingDays: PositiveWorkingDays,
      respondWithinWorkingDays: PositiveWorkingDays,
      respondCountedFrom: z.enum(['request', 'acknowledgement']),
      maxExtensionWorkingDays: WorkingDays,
    }),
    extensions: z.object({
      /** When a resident told of an extension is given the Ombudsman's contact details (6.5, 6.16). */
      ombudsmanDetailsGiven: z.enum(['always', 'only-if-extension-not-agreed', 'never']),
    }),
    acceptance: z.object({
      /** Complaints are accepted within this many months of the issue; null when the policy sets no limit. */
      timeLimitMonths: z.int().positive().nullable(),
      anonymousComplaints: z.enum(['accepted', 'recorded-not-acknowledged', 'not-accepted']),
      /** What the policy will not usually consider as a complaint, in its own words. */
      exclusions: z.array(z.object({ kind: z.string().regex(/^[a-z0-9-]+$/), description: z.string().min(1) })),
    }),
    digest: z.object({
      /** The landlord's complaints managers: they get the weekly digest and are told when a milestone is missed. */
      recipients: z.array(z.email()).min(1),
      /** "Due soon" means due within this many working days. */
      dueSoonWithinWorkingDays: PositiveWorkingDays.default(5),
      /** When the digest goes out each week, London time (Monday 08:00 unless the policy says otherwise). */
      sendOn: z
        .object({
          day: WeekdaySchema.default('monday'),
          at: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day written HH:MM').default('08:00'),
        })
        .prefault({}),
      /** A service request open longer than this many working days is listed in the digest (Code 1.4). */
      serviceRequestOpenLimitWorkingDays: PositiveWorkingDays.default(10),
    }),
    reminders: z
      .object({
        /** The handler is reminded this many working days before a milestone or an outstanding action is due. */
        leadWorkingDays: WorkingDays.default(2),
      })
      .prefault({}),
    survey: z
      .object({
        /**
         * How long after a complaint is closed the satisfaction survey goes, in calendar months or calendar days;
         * null when the policy sends none.
         */
        sendAfterResolution: z
          .union([z.strictObject({ months: z.int().positive() }), z.strictObject({ days: z.int().positive() })])
          .nullable()
          .default(null),
        /**
         * When a survey says the resident is unhappy with how the complaint was handled, the officer who dealt with
         * it is asked to contact them within this many working days (seed 002, procedure 7.4); null: no such step.
         */
        handlingFollowUpWorkingDays: PositiveWorkingDays.nullable().default(null),
      })
      .prefault({}),
    /**
     * What the landlord does when the Ombudsman investigates one of its complaints (seed 000 §9, seed 002 §4.3 and
     * §4.4): the evidence it asks for within 15 working days, and the board told within 5 working days.
     */
    ombudsmanInvestigation: z
      .object({
        evidenceWithinWorkingDays: PositiveWorkingDays.default(15),
        tellBoardWithinWorkingDays: PositiveWorkingDays.default(5),
      })
      .prefault({}),
    /**
     * Restrictions on how a resident whose behaviour is unreasonable may contact the landlord (Code 5.14, 5.15; seed 002
     * §4): who decides, the longest one runs before it must be reviewed (six months), and who hears an appeal and in
     * how many working days (the Senior Management Team, 10).
     */
    contactRestrictions: z
      .object({
        decidedBy: z.string().trim().min(1).default('a Director'),
        /**
         * The officers, by id, name or email address, who may decide a restriction: those `decidedBy` describes. When
         * the policy lists them, a restriction decided by anyone else is refused; when not, the officer's word is taken.
         */
        deciders: z.array(z.string().trim().min(1)).min(1).optional(),
        reviewWithinMonths: z.int().positive().max(12).default(6),
        appealTo: z.string().trim().min(1).default('the Senior Management Team'),
        appealDecidedWithinWorkingDays: PositiveWorkingDays.default(10),
      })
      .prefault({}),
    /** Where residents write, text and post. */
    contact: z.object({
      complaintsEmail: z.email(),
      textNumber: z.string().min(1).optional(),
      telephone: z.string().min(1).optional(),
      webForm: z.url().optional(),
      post: z.string().min(1).optional(),
    }),
    /**
     * The landlord's officers, each by a stable id (their sign-in identity) and shown by name. Events record the id;
     * the Code's 6.13 compares ids, so a name, an address and an id of one officer are one person.
     */
    officers: z
      .array(z.strictObject({ id: z.string().trim().min(1), name: z.string().trim().min(1), email: z.email().optional() }))
      .default([]),
    /**
     * The homes the landlord owns at the end of the reporting year, for the regulator's figures per 1,000 homes
     * (TSM CH01): low-cost rental accommodation and low-cost home ownership, reported apart when both are given.
     */
    homes: z
      .object({
        lowCostRental: z.int().nonnegative(),
        lowCostHomeOwnership: z.int().nonnegative().default(0),
      })
      .optional(),
    /** How the reports read the events where the rules leave a choice: see docs/reports.md. */
    reports: ReportSettingsSchema.prefault({}),
    notes: z.array(z.string()).default([]),
  })
  .strict());

/** A validated landlord policy profile. */
export type LandlordPolicy = z.infer<typeof LandlordPolicySchema>;
/** A policy profile as written in a file, before defaults are filled in. */
export type LandlordPolicyInput = z.input<typeof LandlordPolicySchema>;
