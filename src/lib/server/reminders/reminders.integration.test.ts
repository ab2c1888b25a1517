import { expect, it } from 'vitest';
import { formatCalendarDate } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import { jobHandlers } from '../background.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { closeCollaboration, updateCollaboration } from '../collaborations/collaborations.usecases.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import { createAppContext, type AppContext } from '../context.ts';
import { createJobRunner } from '../shared/jobs.runner.ts';
import type { JobHandler } from '../shared/jobs.ts';
import { createLogger } from '../shared/logger.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from '../testing/builders.ts';
import { CapturingMailer, describeOnBothDatabases, TEST_ORIGIN, useTestContext } from '../testing/test-context.ts';
import { mailTemplates, type MailTemplate, type MailTemplateName } from './reminders.mails.ts';
import { createMailJobHandler, enqueueParticipantMail, scheduleDueReminders } from './reminders.usecases.ts';

const DAY = 86_400_000;

/** A template only these tests use, to send the generic mail job to participants. */
const testParticipantMail: MailTemplate = async ({ params, locale }) => ({
	subject: `test mail (${locale})`,
	paragraphs: [`About conversation ${String(params.conversationId)}`]
});
const TEST_TEMPLATE = 'test.participant' as MailTemplateName;

describeOnBothDatabases('reminders', (dialect) => {
	const t = useTestContext(dialect);

	const today = () => todayInAmsterdam(t.ctx.clock.now());
	const inDays = (days: number) => addDaysToDate(today(), days);

	function runJobs(ctx: AppContext = t.ctx, handlers: Record<string, JobHandler> = jobHandlers): Promise<number> {
		return createJobRunner(ctx, { handlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
	}

	async function tick(): Promise<void> {
		await scheduleDueReminders({ ctx: t.ctx });
		await runJobs();
	}

	async function professionalWithCollaboration(options: { dueInDays: number; locale?: 'nl' | 'en'; label?: string }) {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin, { locale: options.locale ?? 'nl' });
		const collaboration = await buildCollaboration(t.ctx, professional, { nextDueOn: inDays(options.dueInDays), label: options.label });
		return { admin, professional, collaboration };
	}

	it('a professional is reminded once when the next conversation is a week away: in their language, with the label and a link', async () => {
		const { professional, collaboration } = await professionalWithCollaboration({ dueInDays: 7, locale: 'en', label: 'Fam. A&B <i>' });
		await tick();
		await tick();
		const mails = t.ctx.mailer.to(professional.email);
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail!.subject).toBe(m.reminders_due_subject({}, { locale: 'en' }));
		expect(mail!.text).toContain(`Fam. A&B <i>`);
		expect(mail!.text).toContain(formatCalendarDate(inDays(7), 'en'));
		expect(mail!.text).toContain(`${TEST_ORIGIN}/collaborations/${collaboration.collaborationId}`);
		expect(mail!.html).toContain('<html lang="en" dir="ltr">');
		expect(mail!.html).toContain('Fam. A&amp;B &lt;i&gt;');
		expect(mail!.html).not.toContain('<i>');
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['actorType', 'targetType', 'details'])
			.where('action', '=', 'mail.sent')
			.where('targetId', '=', collaboration.collaborationId)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorType: 'system', targetType: 'collaboration' });
		expect(audit[0]!.details).not.toContain(professional.email);
	});

	it('the reminder is in Dutch for a Dutch professional', async () => {
		const { professional } = await professionalWithCollaboration({ dueInDays: 3, locale: 'nl' });
		await tick();
		expect(t.ctx.mailer.to(professional.email).map((mail) => mail.subject)).toEqual([m.reminders_due_subject({}, { locale: 'nl' })]);
		expect(t.ctx.mailer.to(professional.email)[0]!.text).toContain(formatCalendarDate(inDays(3), 'nl'));
	});

	it('eight days ahead is too early; the reminder comes the next day, and none comes for a date already past', async () => {
		const { professional } = await professionalWithCollaboration({ dueInDays: 8 });
		const { professional: late } = await professionalWithCollaboration({ dueInDays: -1 });
		await tick();
		expect(t.ctx.mailer.to(professional.email)).toHaveLength(0);
		t.ctx.clock.advance(DAY);
		await tick();
		expect(t.ctx.mailer.to(professional.email)).toHaveLength(1);
		expect(t.ctx.mailer.to(late.email)).toHaveLength(0);
	});

	it('two instances scheduling at the same moment queue the reminder once, and it is sent once', async () => {
		const { professional } = await professionalWithCollaboration({ dueInDays: 2 });
		// On PostgreSQL a second instance: its own connections to the same database.
		const other =
			dialect === 'postgres'
				? await createAppContext({
						config: t.ctx.config,
						logger: createLogger('silent'),
						clock: t.ctx.clock,
						mailer: new CapturingMailer()
					})
				: t.ctx;
		try {
			await Promise.all([scheduleDueReminders({ ctx: t.ctx }), scheduleDueReminders({ ctx: other })]);
			const queued = await t.ctx.db.selectFrom('jobs').select('id').where('dedupeKey', 'like', `%:${professional.userId}`).execute();
			expect(queued).toHaveLength(1);
			await Promise.all([runJobs(t.ctx), runJobs(other)]);
			const sent = [
				...t.ctx.mailer.to(professional.email),
				...(other === t.ctx ? [] : (other.mailer as CapturingMailer).to(professional.email))
			];
			expect(sent).toHaveLength(1);
		} finally {
			if (other !== t.ctx) await other.database.destroy();
		}
	});

	it('a closed collaboration gets no reminder, also when it closed after the reminder was queued', async () => {
		const { professional } = await professionalWithCollaboration({ dueInDays: 3 });
		await buildCollaboration(t.ctx, professional, { nextDueOn: inDays(4), status: 'closed' });
		const closing = await buildCollaboration(t.ctx, professional, { nextDueOn: inDays(5) });
		await scheduleDueReminders({ ctx: t.ctx });
		const queued = await t.ctx.db.selectFrom('jobs').select('dedupeKey').where('dedupeKey', 'like', `%:${professional.userId}`).execute();
		expect(queued).toHaveLength(2); // the open ones only
		await closeCollaboration({ ctx: t.ctx, actor: professional, collaborationId: closing.collaborationId });
		await runJobs();
		expect(t.ctx.mailer.to(professional.email)).toHaveLength(1);
		expect(t.ctx.mailer.to(professional.email)[0]!.text).not.toContain(closing.label);
	});

	it('a deactivated professional gets no reminder, an active co-professional does', async () => {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin);
		const gone = await buildStaff(t.ctx, admin, { status: 'deactivated' });
		const co = await buildStaff(t.ctx, admin);
		const leaving = await buildStaff(t.ctx, admin);
		await buildCollaboration(t.ctx, holder, { nextDueOn: inDays(1), coProfessionals: [gone, co, leaving] });
		await scheduleDueReminders({ ctx: t.ctx });
		// Deactivated after the reminder was queued: it is not sent either.
		await createStaffRepository(t.ctx.db).setStatus(admin.organisationId, leaving.userId, 'deactivated', t.ctx.clock.now().toISOString());
		await runJobs();
		const count = (staff: BuiltStaff) => t.ctx.mailer.to(staff.email).length;
		expect([count(holder), count(co), count(gone), count(leaving)]).toEqual([1, 1, 0, 0]);
	});

	it('a new date gets a reminder of its own; the one queued for the old date is not sent', async () => {
		const { professional, collaboration } = await professionalWithCollaboration({ dueInDays: 5 });
		await scheduleDueReminders({ ctx: t.ctx });
		await updateCollaboration({
			ctx: t.ctx,
			actor: professional,
			collaborationId: collaboration.collaborationId,
			input: { label: collaboration.label, rhythmWeeks: 12, nextDueOn: inDays(6) }
		});
		await runJobs();
		expect(t.ctx.mailer.to(professional.email)).toHaveLength(0);
		await tick();
		const mails = t.ctx.mailer.to(professional.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.text).toContain(formatCalendarDate(inDays(6), 'nl'));
	});

	it('a participant mail goes to a participant with an address, in their language; not without one, once removed, or once closed', async () => {
		const { professional } = await professionalWithCollaboration({ dueInDays: 30 });
		const open = await buildCollaboration(t.ctx, professional, { participants: 3, rhythmWeeks: null });
		const closed = await buildCollaboration(t.ctx, professional, { participants: 1, rhythmWeeks: null });
		const participants = createParticipantsRepository(t.ctx.db);
		const org = professional.organisationId;
		const address = (n: number) => `participant-${n}-${open.collaborationId}@tweespraak.test`;
		const [withEmail, withoutEmail, removed] = open.participantIds as [string, string, string];
		const person = { audience: 'adult' as const, displayName: 'Ouder' };
		await participants.updateParticipant(org, open.collaborationId, withEmail, { ...person, locale: 'en', email: address(1) });
		await participants.updateParticipant(org, open.collaborationId, removed, { ...person, locale: 'nl', email: address(3) });
		await participants.markRemoved(org, open.collaborationId, removed, t.ctx.clock.now().toISOString());
		await participants.updateParticipant(org, closed.collaborationId, closed.participantIds[0]!, {
			...person,
			locale: 'nl',
			email: address(4)
		});
		await closeCollaboration({ ctx: t.ctx, actor: professional, collaborationId: closed.collaborationId });

		const enqueue = (collaborationId: string, participantId: string) =>
			enqueueParticipantMail({
				ctx: t.ctx,
				organisationId: org,
				collaborationId,
				participantId,
				template: TEST_TEMPLATE,
				params: { conversationId: 'conv-1' },
				dedupeKey: `conv-1:${participantId}`
			});
		for (const id of [withEmail, withoutEmail, removed]) expect(await enqueue(open.collaborationId, id)).toBe(true);
		expect(await enqueue(closed.collaborationId, closed.participantIds[0]!)).toBe(true);
		expect(await enqueue(open.collaborationId, withEmail)).toBe(false); // queued once

		await runJobs(t.ctx, { mail: createMailJobHandler({ ...mailTemplates, [TEST_TEMPLATE]: testParticipantMail }) });
		const sent = t.ctx.mailer.sent.filter((mail) => mail.to.endsWith(`${open.collaborationId}@tweespraak.test`));
		expect(sent.map((mail) => [mail.to, mail.subject])).toEqual([[address(1), 'test mail (en)']]);
		expect(sent[0]!.text).toContain('About conversation conv-1');
	});

	it('a participant mail queued in a transaction that fails is never sent', async () => {
		const { professional, collaboration } = await professionalWithCollaboration({ dueInDays: 30 });
		const participantId = collaboration.participantIds[0]!;
		const email = `rolled-back-${participantId}@tweespraak.test`;
		await createParticipantsRepository(t.ctx.db).updateParticipant(
			professional.organisationId,
			collaboration.collaborationId,
			participantId,
			{
				displayName: 'Ouder',
				audience: 'adult',
				locale: 'nl',
				email
			}
		);
		await expect(
			t.ctx.db.transaction().execute(async (trx) => {
				await enqueueParticipantMail({
					ctx: t.ctx,
					db: trx,
					organisationId: professional.organisationId,
					collaborationId: collaboration.collaborationId,
					participantId,
					template: TEST_TEMPLATE,
					dedupeKey: participantId
				});
				throw new Error('scheduling failed');
			})
		).rejects.toThrow('scheduling failed');
		await runJobs(t.ctx, { mail: createMailJobHandler({ ...mailTemplates, [TEST_TEMPLATE]: testParticipantMail }) });
		expect(t.ctx.mailer.to(email)).toHaveLength(0);
	});

	it('a mail job refuses free text, names or addresses among its parameters: only ids, dates and codes wait in the queue', async () => {
		const { professional, collaboration } = await professionalWithCollaboration({ dueInDays: 30 });
		const enqueue = (params: Record<string, string>) =>
			enqueueParticipantMail({
				ctx: t.ctx,
				organisationId: professional.organisationId,
				collaborationId: collaboration.collaborationId,
				participantId: collaboration.participantIds[0]!,
				template: 'collaboration.due',
				params,
				dedupeKey: JSON.stringify(params)
			});
		await expect(enqueue({ note: 'Sam is verdrietig' })).rejects.toThrow();
		await expect(enqueue({ email: 'sam@example.nl' })).rejects.toThrow();
		await expect(enqueue({ html: '<b>x</b>' })).rejects.toThrow();
		expect(await enqueue({ collaborationId: collaboration.collaborationId, dueOn: inDays(30) })).toBe(true);
	});
});
