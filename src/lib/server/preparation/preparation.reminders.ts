import * as v from 'valibot';
import { systemActor } from '../access/actor.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import { enqueueJob, PermanentJobError, type JobHandler } from '../shared/jobs.ts';
import type { Schedule } from '../shared/jobs.runner.ts';
import { createPreparationRepository } from './preparation.repository.ts';
import { sendPreparationReminder } from './schedule.usecases.ts';

/**
 * The preparation reminder: a participant with an e-mail address who has not opened their
 * preparation link gets a fresh one by mail in the days before the planned day (issue 4, part 5).
 * The schedule runs on every instance and queues one job per party and planned day (dedupe key);
 * the job runner runs it once. The mail itself is written when the job runs
 * (sendPreparationReminder), so a link opened in the meantime means no mail.
 */

export const PREPARATION_REMINDER_KIND = 'preparation.reminder';
/** How many days before the planned day the reminder may go out (the day itself included). */
export const PREPARATION_REMINDER_DAYS = 2;
/** Not right after planning: the first link went out then. */
const PLANNED_AT_LEAST_MS = 24 * 60 * 60_000;

const payloadSchema = v.object({
	organisationId: v.pipe(v.string(), v.uuid()),
	conversationId: v.pipe(v.string(), v.uuid()),
	partyId: v.pipe(v.string(), v.uuid())
});

/** Queues the reminders that are due now; returns how many this call queued. */
export async function schedulePreparationReminders({ ctx }: { ctx: AppContext }): Promise<number> {
	const now = ctx.clock.now();
	const today = todayInAmsterdam(now);
	const remindable = await createPreparationRepository(ctx.db).listRemindable({
		from: today,
		to: addDaysToDate(today, PREPARATION_REMINDER_DAYS),
		plannedBefore: new Date(now.getTime() - PLANNED_AT_LEAST_MS).toISOString()
	});
	let queued = 0;
	for (const party of remindable) {
		const added = await enqueueJob({
			ctx,
			kind: PREPARATION_REMINDER_KIND,
			payload: { organisationId: party.organisationId, conversationId: party.conversationId, partyId: party.partyId },
			// Once per party and planned day: a new date gets a reminder of its own.
			dedupeKey: `${PREPARATION_REMINDER_KIND}:${party.conversationId}:${party.partyId}:${party.scheduledOn}`,
			organisationId: party.organisationId
		});
		if (added) queued += 1;
	}
	return queued;
}

/** Sends one reminder; what no longer applies (opened, no address, started) is skipped, not retried. */
export const preparationReminderHandler: JobHandler = async ({ ctx, job }) => {
	const parsed = v.safeParse(payloadSchema, job.payload);
	if (!parsed.success) throw new PermanentJobError('invalid_payload');
	const outcome = await sendPreparationReminder({ ctx, actor: systemActor, ...parsed.output });
	ctx.logger.debug({ event: 'preparation.reminder', jobId: job.id, outcome }, 'preparation reminder');
};

/** Every quarter of an hour; reminders are by date, so that is prompt enough, and cheap. */
export const preparationRemindersSchedule: Schedule = {
	name: 'preparation.reminders',
	everyMs: 15 * 60_000,
	run: (ctx) => schedulePreparationReminders({ ctx })
};
