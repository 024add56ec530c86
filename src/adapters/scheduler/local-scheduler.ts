// The local twin of EventBridge Scheduler: one-time survey schedules and each landlord's weekly digest, kept in the
// store so they fire after a restart too (one that fell due while Redress was stopped fires when it starts).
import type { ScheduleStore, ScheduleTarget, StoredSchedule, SurveyRequest, SurveySchedules } from '../../ports-lifecycle.ts';
import type { Logger } from '../../ports.ts';
import { surveyScheduleName } from './eventbridge-survey-schedules.ts';

// Node's timers overflow past 24.8 days (FACTS.md §3): a far schedule is reached in steps.
const MAX_TIMER_MS = 20 * 86_400_000;

/** A landlord's weekly digest, as the twin keeps it going. */
export interface LocalDigest {
  readonly landlordId: string;
  /** The next time it is due after an instant (`nextDigestAt` with the landlord's policy). */
  readonly nextAt: (after: string) => string;
}

export interface LocalSchedulerOptions {
  readonly store: ScheduleStore;
  /** What each kind of schedule invokes: the send-survey and send-digest handlers. */
  readonly targets: Readonly<Record<ScheduleTarget, (input: Readonly<Record<string, unknown>>) => Promise<unknown>>>;
  readonly digests?: readonly LocalDigest[];
  readonly logger?: Logger;
}

/** Keeps schedules in the store and fires them on time, on this process's clock. */
export class LocalScheduler implements SurveySchedules {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: StoredSchedule[] = [];
  private firing: Promise<void> | null = null;
  private running = false;

  constructor(private readonly options: LocalSchedulerOptions) {}

  async scheduleSurvey(input: SurveyRequest): Promise<'scheduled' | 'already-scheduled'> {
    const created = await this.options.store.putSchedule({
      name: surveyScheduleName(input), target: 'send-survey', at: new Date(input.sendAt).toISOString(), state: 'pending',
      input: { caseRef: input.caseRef, landlordId: input.landlordId, closedAt: input.closedAt },
    });
    if (created === 'created') await this.reload();
    return created === 'created' ? 'scheduled' : 'already-scheduled';
  }

  /** Stores each landlord's next digest if none is waiting, then fires what is due and waits for the rest. */
  async start(): Promise<void> {
    this.running = true;
    const waiting = await this.options.store.pendingSchedules();
    const now = new Date().toISOString();
    for (const digest of this.options.digests ?? []) {
      if (!waiting.some((s) => s.target === 'send-digest' && s.input.landlordId === digest.landlordId)) await this.putDigest(digest, now);
    }
    await this.reload();
    // What fell due while Redress was stopped fires now.
    const next = this.nextFireAt();
    if (next !== null && next <= Date.now()) await this.fireDue();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** When the earliest pending schedule fires, or null when none is pending or the scheduler is stopped. */
  nextFireAt(): number | null {
    return this.running && this.pending[0] ? Date.parse(this.pending[0].at) : null;
  }

  /** Whether nothing is firing now. */
  isIdle(): boolean {
    return this.firing === null;
  }

  /** Pending schedules, earliest first. */
  list(): StoredSchedule[] {
    return [...this.pending];
  }

  /** Fires every schedule that is due, then waits for the next. Idle again only once the next is armed. */
  async fireDue(): Promise<void> {
    if (this.firing) return this.firing;
    this.firing = (async () => {
      try {
        const now = Date.now();
        for (const schedule of await this.options.store.pendingSchedules()) {
          if (Date.parse(schedule.at) > now) continue;
          await this.fire(schedule);
        }
        await this.reload();
      } finally {
        this.firing = null;
      }
    })();
    return this.firing;
  }

  private async fire(schedule: StoredSchedule): Promise<void> {
    try {
      await this.options.targets[schedule.target](schedule.input);
    } catch (error) {
      // EventBridge Scheduler retries, then sends to its dead-letter queue; locally the failure is logged and dropped.
      this.options.logger?.error('local schedule failed', { schedule: schedule.name, error: error instanceof Error ? error.name : 'unknown' });
    }
    await this.options.store.markFired(schedule.name, new Date().toISOString());
    const digest = schedule.target === 'send-digest' ? this.options.digests?.find((d) => d.landlordId === schedule.input.landlordId) : undefined;
    if (digest) await this.putDigest(digest, schedule.at);
  }

  private async putDigest(digest: LocalDigest, after: string): Promise<void> {
    const at = digest.nextAt(after);
    await this.options.store.putSchedule({
      name: `digest-${digest.landlordId}-${at.replace(/[^0-9]/g, '').slice(0, 12)}`, target: 'send-digest', at, state: 'pending',
      input: { kind: 'weekly-digest', landlordIds: [digest.landlordId], landlordId: digest.landlordId },
    });
  }

  private async reload(): Promise<void> {
    this.pending = (await this.options.store.pendingSchedules()).sort((a, b) => a.at.localeCompare(b.at));
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.nextFireAt();
    if (!this.running || next === null) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fireDue().catch((error: unknown) =>
        this.options.logger?.error('local scheduler could not read its schedules', { error: error instanceof Error ? error.name : 'unknown' }));
    }, Math.min(Math.max(0, next - Date.now()), MAX_TIMER_MS));
  }
}
