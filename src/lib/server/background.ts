import type { AppContext } from './context.ts';
import { createJobRunner, type JobRunner, type Schedule } from './shared/jobs.runner.ts';
import type { JobHandler } from './shared/jobs.ts';
import {
	preparationReminderHandler,
	preparationRemindersSchedule,
	PREPARATION_REMINDER_KIND
} from './preparation/preparation.reminders.ts';
import { createMailJobHandler, dueRemindersSchedule, MAIL_JOB_KIND } from './reminders/reminders.usecases.ts';
import { nightlyBackupHandler, nightlyBackupSchedule, NIGHTLY_BACKUP_KIND } from './backup/backup.jobs.ts';
import { retentionSchedule, retentionSweepHandler, RETENTION_SWEEP_KIND } from './retention/retention.jobs.ts';
import { trajectoryRemindersSchedule } from './trajectories/trajectories.reminders.ts';

/** Every job kind and its handler: a feature with background work adds its kind here. */
export const jobHandlers: Record<string, JobHandler> = {
	[MAIL_JOB_KIND]: createMailJobHandler(),
	[PREPARATION_REMINDER_KIND]: preparationReminderHandler,
	[RETENTION_SWEEP_KIND]: retentionSweepHandler,
	[NIGHTLY_BACKUP_KIND]: nightlyBackupHandler
};

/** Recurring work; every instance runs it, and it only enqueues jobs by dedupe key. */
export const jobSchedules: Schedule[] = [
	dueRemindersSchedule,
	preparationRemindersSchedule,
	trajectoryRemindersSchedule,
	retentionSchedule,
	nightlyBackupSchedule
];

/**
 * Starts the job runner of this instance (see docs/decisions/005-job-runner.md). Closing the
 * context (ctx.database.destroy) stops it first; the server also stops it on SIGTERM.
 */
export function startBackgroundWork(ctx: AppContext): JobRunner {
	const runner = createJobRunner(ctx, {
		handlers: jobHandlers,
		schedules: jobSchedules,
		pollIntervalMs: ctx.config.jobsPollIntervalMs,
		leaseMs: ctx.config.jobsLeaseMs
	});
	ctx.onClose(() => runner.stop());
	runner.start();
	return runner;
}
