import { beforeEach, expect, it } from 'vitest';
import { jobHandlers, jobSchedules } from '../background.ts';
import { closeCollaboration } from '../collaborations/collaborations.usecases.ts';
import { removeParticipant } from '../collaborations/participants.usecases.ts';
import { claimParticipantLink } from '../participation/link-opening.usecases.ts';
import { sendParticipantLink } from '../participation/links.usecases.ts';
import { createJobRunner } from '../shared/jobs.runner.ts';
import { anonymousActor, linkInMail, tokenFromLink } from '../testing/builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { PREPARATION_REMINDER_KIND, preparationRemindersSchedule, schedulePreparationReminders } from './preparation.reminders.ts';
import { cancelLearningConversation } from './schedule.usecases.ts';

const DAY = 86_400_000;

describeOnBothDatabases('preparation reminders (job runner)', (dialect) => {
	const t = useTestContext(dialect);

	// Reminders go by the day in Amsterdam, and these tests move the clock a day and a minute on:
	// started in the last minute of a day, they would land a day too far (a run at 23:59 failed).
	// Every test starts at the next 08:00 UTC (09:00 or 10:00 in Amsterdam) instead.
	beforeEach(() => {
		const morning = t.ctx.clock.now();
		morning.setUTCHours(8, 0, 0, 0);
		if (morning.getTime() <= t.ctx.clock.now().getTime()) morning.setUTCDate(morning.getUTCDate() + 1);
		t.ctx.clock.set(morning);
	});

	/** One scheduler tick and one runner pass, as every instance does them. */
	async function tick(): Promise<void> {
		await schedulePreparationReminders({ ctx: t.ctx });
		await createJobRunner(t.ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
	}

	/** A conversation planned `daysAhead` days ahead; participant 0 has an address and got the link by mail, 1 has none. */
	async function planned(email: string, daysAhead: number) {
		return buildLearningConversation(t.ctx, {
			participants: 2,
			daysAhead,
			emails: { 0: { email, locale: 'en' } },
			deliveries: { 0: 'email', 1: 'print' }
		});
	}

	it('is registered with the job runner', () => {
		expect(jobSchedules).toContain(preparationRemindersSchedule);
		expect(jobHandlers[PREPARATION_REMINDER_KIND]).toBeTypeOf('function');
	});

	it('a participant who has not opened the link gets a fresh one two days ahead, once; the old link stops working', async () => {
		const world = await planned('later@example.test', 4);
		const first = t.ctx.mailer.to('later@example.test');
		expect(first).toHaveLength(1);

		// Four and three days ahead: too early.
		t.ctx.clock.advance(DAY);
		await tick();
		expect(t.ctx.mailer.to('later@example.test')).toHaveLength(1);

		// Two days ahead: one fresh link, in the participant's language; more ticks send nothing more.
		t.ctx.clock.advance(DAY);
		await tick();
		await tick();
		t.ctx.clock.advance(60 * 60_000);
		await tick();
		const mails = t.ctx.mailer.to('later@example.test');
		expect(mails).toHaveLength(2);
		expect(mails[1]!.subject).toBe('Prepare for your learning conversation');
		await expect(
			claimParticipantLink({ ctx: t.ctx, actor: anonymousActor, token: tokenFromLink(linkInMail(first[0]!)), clientAddress: nextAddress() })
		).rejects.toMatchObject({ code: 'link.replaced' });
		await claimParticipantLink({
			ctx: t.ctx,
			actor: anonymousActor,
			token: tokenFromLink(linkInMail(mails[1]!)),
			clientAddress: nextAddress()
		});
		const jobs = await t.ctx.db
			.selectFrom('jobs')
			.select(['status', 'payload'])
			.where('kind', '=', PREPARATION_REMINDER_KIND)
			.where('organisationId', '=', world.admin.organisationId)
			.execute();
		// Only the participant with an address had a job; its payload names ids, nothing typed.
		expect(jobs).toHaveLength(1);
		expect(jobs[0]!.status).toBe('done');
		expect(Object.keys(JSON.parse(jobs[0]!.payload)).toSorted()).toEqual(['conversationId', 'organisationId', 'partyId']);
	});

	it('no reminder once the link was opened, for a conversation planned less than a day ago, or one called off', async () => {
		// Opened: nothing to remind.
		const opened = await planned('opened@example.test', 3);
		const link = linkInMail(t.ctx.mailer.to('opened@example.test')[0]!);
		await claimParticipantLink({ ctx: t.ctx, actor: anonymousActor, token: tokenFromLink(link), clientAddress: nextAddress() });
		// Planned today for tomorrow: the first link has only just gone out.
		await planned('fresh@example.test', 1);
		// Called off.
		const cancelled = await planned('cancelled@example.test', 3);
		await cancelLearningConversation({ ctx: t.ctx, actor: cancelled.professional, conversationId: cancelled.conversationId });

		await tick();
		t.ctx.clock.advance(DAY + 60_000);
		await tick();
		expect(t.ctx.mailer.to('opened@example.test')).toHaveLength(1);
		expect(t.ctx.mailer.to('cancelled@example.test')).toHaveLength(1);
		// A day later the one planned for (what is now) today still gets its reminder.
		expect(t.ctx.mailer.to('fresh@example.test')).toHaveLength(2);
		const queued = await t.ctx.db
			.selectFrom('jobs')
			.select('organisationId')
			.where('kind', '=', PREPARATION_REMINDER_KIND)
			.where('organisationId', 'in', [opened.admin.organisationId, cancelled.admin.organisationId])
			.execute();
		expect(queued).toEqual([]);
	});

	it('a participant taken off the collaboration, or one whose collaboration was closed, gets no reminder and no new link (decision 005)', async () => {
		// Taken off: no link had been sent yet (none planned by mail), so removing ended nothing the reminder would respect.
		const removed = await buildLearningConversation(t.ctx, {
			participants: 2,
			daysAhead: 4,
			emails: { 0: { email: 'removed@example.test' }, 1: { email: 'stays@example.test' } },
			deliveries: { 0: 'none', 1: 'none' }
		});
		await removeParticipant({
			ctx: t.ctx,
			actor: removed.professional,
			collaborationId: removed.collaborationId,
			participantId: removed.participantIds[0]!
		});
		// Nor does the professional send them one.
		await expect(
			sendParticipantLink({
				ctx: t.ctx,
				actor: removed.professional,
				conversationId: removed.conversationId,
				partyId: removed.participants[0]!.partyId,
				purpose: 'preparation'
			})
		).rejects.toMatchObject({ code: 'not_found' });
		// Closed: the client got their first link by mail; the collaboration ended before the planned day.
		const closed = await planned('closed@example.test', 4);
		await closeCollaboration({ ctx: t.ctx, actor: closed.professional, collaborationId: closed.collaborationId });
		// Closed after its reminder was queued: checked again when the job runs.
		const closedLater = await planned('closed-later@example.test', 4);

		t.ctx.clock.advance(2 * DAY);
		await schedulePreparationReminders({ ctx: t.ctx });
		await closeCollaboration({ ctx: t.ctx, actor: closedLater.professional, collaborationId: closedLater.collaborationId });
		await createJobRunner(t.ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
		expect(t.ctx.mailer.to('removed@example.test')).toEqual([]);
		expect(t.ctx.mailer.to('closed@example.test')).toHaveLength(1);
		expect(t.ctx.mailer.to('closed-later@example.test')).toHaveLength(1);
		// The participant who stays in the collaboration is reminded as before.
		expect(t.ctx.mailer.to('stays@example.test')).toHaveLength(1);
		// No link was made for any of them since: the removed participant has none at all, the closed ones only their first.
		const linksOf = async (partyId: string) =>
			(await t.ctx.db.selectFrom('participantLinks').select('id').where('partyId', '=', partyId).execute()).length;
		expect(await linksOf(removed.participants[0]!.partyId)).toBe(0);
		expect(await linksOf(closed.participants[0]!.partyId)).toBe(1);
		expect(await linksOf(closedLater.participants[0]!.partyId)).toBe(1);
		expect(await linksOf(removed.participants[1]!.partyId)).toBe(1);
	});
});
