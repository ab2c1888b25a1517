import { systemActor, type Actor } from '../access/actor.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { TrajectoryReminderKind } from '../db/schema.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import type { Schedule } from '../shared/jobs.runner.ts';
import { renderTrajectoryReminderMail } from './trajectories.mails.ts';
import { inOrganisationWording } from '../wording/wording.usecases.ts';
import { momentLabel, momentState, type CalendarDate } from './trajectories.models.ts';
import { createTrajectoryRemindersRepository, type ReminderCandidate } from './trajectories.reminders.repository.ts';

/**
 * Reminder mails for moments not yet filled in: one when a moment opens, one when it closes
 * within CLOSING_DAYS. The job runner runs them every hour on every instance
 * (trajectoryRemindersSchedule, registered in background.ts). Each reminder is claimed in the
 * database before it is sent, so several instances never send the same one twice; a failed
 * send releases the claim for the next run.
 */

export const CLOSING_DAYS = 2;

export interface DueReminder extends ReminderCandidate {
	kind: TrajectoryReminderKind;
}

/**
 * Which reminder, if any, a candidate is due for today. Near the close only the closing one is
 * sent: two mails in a few days about the same moment would be one too many.
 */
export function dueReminderKind(
	candidate: { opensOn: CalendarDate; closesOn: CalendarDate; sent: readonly TrajectoryReminderKind[] },
	today: CalendarDate
): TrajectoryReminderKind | null {
	if (momentState(candidate, today) !== 'open') return null;
	if (candidate.closesOn <= addDaysToDate(today, CLOSING_DAYS)) return candidate.sent.includes('closing') ? null : 'closing';
	return candidate.sent.includes('opened') ? null : 'opened';
}

/** The reminders due at `now`, over every organisation. */
export async function listDueTrajectoryReminders({ ctx, now }: { ctx: AppContext; now: Date }): Promise<DueReminder[]> {
	const today = todayInAmsterdam(now);
	const candidates = await createTrajectoryRemindersRepository(ctx.db).listReminderCandidates(today);
	return candidates.flatMap((candidate) => {
		const kind = dueReminderKind(candidate, today);
		return kind ? [{ ...candidate, kind }] : [];
	});
}

/** Sends what is due; only the system actor (the job runner) may. Returns how many were sent. */
export async function sendDueTrajectoryReminders({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<number> {
	if (actor.type !== 'system') throw domainError('not_found');
	const now = ctx.clock.now();
	const repo = createTrajectoryRemindersRepository(ctx.db);
	let sent = 0;
	for (const reminder of await listDueTrajectoryReminders({ ctx, now })) {
		const claimed = await repo.claimReminder({ ...reminder, now: now.toISOString() });
		if (!claimed) continue;
		// With the wording of the organisation that runs the trajectory, as its invitation.
		const mail = await inOrganisationWording(ctx, reminder.organisationId, () =>
			renderTrajectoryReminderMail(ctx.publicOrigin, {
				to: reminder.email,
				locale: reminder.locale,
				kind: reminder.kind,
				trajectoryName: reminder.trajectoryName,
				trajectoryId: reminder.trajectoryId,
				momentLabel: momentLabel(reminder.position),
				closesOn: reminder.closesOn
			})
		);
		try {
			await ctx.mailer.send(mail);
		} catch (error) {
			// Not sent: the next run tries again. (Only a crash between claim and send loses a reminder.)
			await repo.releaseReminder(reminder);
			throw error;
		}
		await recordAudit(ctx.db, ctx.clock, {
			actor,
			organisationId: reminder.organisationId,
			action: 'trajectory.reminder_sent',
			target: { type: 'trajectory', id: reminder.trajectoryId },
			details: { participantId: reminder.participantId, momentId: reminder.momentId, kind: reminder.kind }
		});
		sent += 1;
	}
	return sent;
}

/** Every hour: moments open by calendar day, so that is prompt enough, and cheap. */
export const trajectoryRemindersSchedule: Schedule = {
	name: 'trajectories.reminders',
	everyMs: 60 * 60_000,
	run: (ctx) => sendDueTrajectoryReminders({ ctx, actor: systemActor })
};
