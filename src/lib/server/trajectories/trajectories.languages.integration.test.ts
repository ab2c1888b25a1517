import { expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { systemActor } from '../access/actor.ts';
import { authenticate } from '../auth/authenticate.ts';
import { acceptInvitation, getInvitationWelcome } from '../invitations/invitations.usecases.ts';
import { anonymousActor, buildOrganisation, buildStaff, linkInMail, signInAs, tokenFromLink } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { buildTrajectory, type BuiltTrajectory } from '../testing/trajectory-builders.ts';
import { saveClientWording } from '../wording/wording.usecases.ts';
import { inviteParticipant } from './trajectories.members.usecases.ts';
import { getGuestLanguages, getMyMomentForm, setGuestLocale } from './trajectories.participant.usecases.ts';
import { sendDueTrajectoryReminders } from './trajectories.reminders.ts';

const PASSWORD = 'a long password for the guest';

async function offer(ctx: TestContext, organisationId: string, locales: string) {
	await ctx.db.updateTable('organisations').set({ clientLocales: locales }).where('id', '=', organisationId).execute();
}

function invite(ctx: TestContext, built: BuiltTrajectory, email: string, locale: 'nl' | 'en' | 'ar' | 'tr' | 'pl' | 'uk') {
	return inviteParticipant({
		ctx,
		actor: built.coordinator,
		trajectoryId: built.trajectoryId,
		input: { email, organisationName: 'Buurtteam Oost', locale }
	});
}

describeOnBothDatabases("a trajectory's outside participants in the client languages", (dialect) => {
	const t = useTestContext(dialect);

	it('invited in Arabic: the mail is Arabic, right to left, with the organisation’s wording; the invitation page opens in Arabic', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		await offer(t.ctx, built.coordinator.organisationId, 'nl,en,ar');
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		const wording = 'أنشئ حسابك أولًا. يعمل الرابط {days} أيام، مرة واحدة. أسئلة؟ اتصل بنا.';
		expect(
			await saveClientWording({ ctx: t.ctx, actor: admin, locale: 'ar', key: 'trajectory_mail_invitation_account', text: wording })
		).toEqual({ ok: true });

		expect((await invite(t.ctx, built, 'huda@elders.test', 'ar')).outcome).toBe('invited');
		const [mail] = t.ctx.mailer.to('huda@elders.test');
		expect(mail!.subject).toBe(m.trajectory_mail_invitation_subject({ trajectory: 'Gelijkwaardig samenwerken' }, { locale: 'ar' }));
		expect(mail!.text).toContain('أنشئ حسابك أولًا. يعمل الرابط 7 أيام، مرة واحدة. أسئلة؟ اتصل بنا.');
		expect(mail!.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
		const token = tokenFromLink(linkInMail(mail!));
		expect(await getInvitationWelcome({ ctx: t.ctx, token })).toMatchObject({ locale: 'ar' });

		// The account's own language (its staff pages, e.g. signing in) stays Dutch or English; the device keeps Arabic.
		const accepted = await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token,
			input: { name: 'Huda', password: PASSWORD, passwordConfirm: PASSWORD }
		});
		expect(accepted.locale).toBe('ar');
		const user = await t.ctx.db.selectFrom('users').select('locale').where('id', '=', accepted.userId).executeTakeFirstOrThrow();
		expect(user.locale).toBe('nl');
	});

	it('another organisation’s invitee in Arabic gets the standard Arabic text', async () => {
		const ours = await buildTrajectory(t.ctx, { participants: 0 });
		const theirs = await buildTrajectory(t.ctx, { participants: 0 });
		await offer(t.ctx, ours.coordinator.organisationId, 'nl,ar');
		await offer(t.ctx, theirs.coordinator.organisationId, 'nl,ar');
		const admin = await buildStaff(t.ctx, ours.coordinator, { roles: ['admin'] });
		const own = 'افتح المسار الآن';
		expect(await saveClientWording({ ctx: t.ctx, actor: admin, locale: 'ar', key: 'mail_invitation_action', text: own })).toEqual({
			ok: true
		});
		await invite(t.ctx, theirs, 'sami@elders.test', 'ar');
		const [mail] = t.ctx.mailer.to('sami@elders.test');
		expect(mail!.text).toContain(`${m.mail_invitation_action({}, { locale: 'ar' })}: `);
		expect(mail!.text).not.toContain(own);
	});

	it('a language the organisation does not offer is refused: no participant, no invitation, no mail', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		await offer(t.ctx, built.coordinator.organisationId, 'nl,en');
		await expect(invite(t.ctx, built, 'olena@elders.test', 'uk')).rejects.toMatchObject({ code: 'collaboration.locale_not_offered' });
		expect(t.ctx.mailer.to('olena@elders.test')).toHaveLength(0);
		const rows = await t.ctx.db.selectFrom('trajectoryParticipants').select('id').where('email', '=', 'olena@elders.test').execute();
		expect(rows).toHaveLength(0);
		const invitations = await t.ctx.db.selectFrom('invitations').select('id').where('email', '=', 'olena@elders.test').execute();
		expect(invitations).toHaveLength(0);
	});

	it('a guest chooses among the client languages the organisations of their trajectories offer; staff read those pages as staff', async () => {
		const first = await buildTrajectory(t.ctx, { participants: 0 });
		const second = await buildTrajectory(t.ctx, { participants: 0 });
		await offer(t.ctx, first.coordinator.organisationId, 'nl,ar');
		await offer(t.ctx, second.coordinator.organisationId, 'nl,pl');
		await invite(t.ctx, first, 'gast@elders.test', 'ar');
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to('gast@elders.test')[0]!));
		await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token,
			input: { name: 'Gast', password: PASSWORD, passwordConfirm: PASSWORD }
		});
		const { actor: guest } = await authenticate(t.ctx, await signInAs(t.ctx, { email: 'gast@elders.test', password: PASSWORD }));
		expect(guest.type).toBe('guest');
		expect(await getGuestLanguages({ ctx: t.ctx, actor: guest })).toEqual(['nl', 'en', 'ar']);

		await invite(t.ctx, second, 'gast@elders.test', 'nl'); // an account already: added at once, told in her own language
		expect(t.ctx.mailer.to('gast@elders.test').at(-1)!.subject).toBe(
			m.trajectory_mail_invitation_subject({ trajectory: 'Gelijkwaardig samenwerken' }, { locale: 'ar' })
		);
		expect(await getGuestLanguages({ ctx: t.ctx, actor: guest })).toEqual(['nl', 'en', 'ar', 'pl']);

		const staff = await buildStaff(t.ctx, await buildOrganisation(t.ctx));
		expect(await getGuestLanguages({ ctx: t.ctx, actor: staff })).toBeNull();
		expect(await getGuestLanguages({ ctx: t.ctx, actor: anonymousActor })).toBeNull();
	});

	it('reminders reach a guest in the language they were invited in, then in the one they chose; staff in their own', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		await offer(t.ctx, built.coordinator.organisationId, 'nl,en,ar,pl');
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		const own = 'افتح مسار التعلم الآن';
		expect(await saveClientWording({ ctx: t.ctx, actor: admin, locale: 'ar', key: 'trajectory_mail_open', text: own })).toEqual({
			ok: true
		});
		await invite(t.ctx, built, 'rana@elders.test', 'ar');
		const token = tokenFromLink(linkInMail(t.ctx.mailer.to('rana@elders.test')[0]!));
		await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token,
			input: { name: 'Rana', password: PASSWORD, passwordConfirm: PASSWORD }
		});
		const staffElsewhere = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { locale: 'en' });
		await invite(t.ctx, built, staffElsewhere.email, 'ar'); // an account already: the account's language counts

		await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor });
		const opened = t.ctx.mailer.to('rana@elders.test').at(-1)!;
		expect(opened.subject).toBe(
			m.trajectory_mail_reminder_opened_subject({ moment: 'T1', trajectory: 'Gelijkwaardig samenwerken' }, { locale: 'ar' })
		);
		expect(opened.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
		expect(opened.text).toContain(`${own}: http://tweespraak.test/trajectories/`);
		const staffMail = t.ctx.mailer.to(staffElsewhere.email).at(-1)!;
		expect(staffMail.subject).toBe(
			m.trajectory_mail_reminder_opened_subject({ moment: 'T1', trajectory: 'Gelijkwaardig samenwerken' }, { locale: 'en' })
		);

		// The guest chooses Polish on her page; Turkish, which no organisation of hers offers, is refused and changes nothing.
		const { actor: guest } = await authenticate(t.ctx, await signInAs(t.ctx, { email: 'rana@elders.test', password: PASSWORD }));
		await expect(setGuestLocale({ ctx: t.ctx, actor: guest, locale: 'tr' })).rejects.toMatchObject({
			code: 'collaboration.locale_not_offered'
		});
		await expect(setGuestLocale({ ctx: t.ctx, actor: staffElsewhere, locale: 'pl' })).rejects.toMatchObject({ code: 'not_found' });
		await setGuestLocale({ ctx: t.ctx, actor: guest, locale: 'pl' });
		t.ctx.clock.advance(6 * 86_400_000);
		await sendDueTrajectoryReminders({ ctx: t.ctx, actor: systemActor });
		const closing = t.ctx.mailer.to('rana@elders.test').at(-1)!;
		expect(closing.subject).toBe(
			m.trajectory_mail_reminder_closing_subject({ moment: 'T1', trajectory: 'Gelijkwaardig samenwerken' }, { locale: 'pl' })
		);
		expect(closing.html).toMatch(/^<!doctype html><html lang="pl" dir="ltr">/);
	});

	it('a moment form in Arabic asks the seed’s questions in Arabic; a question in the coordinator’s own words stays as written', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const row = await t.ctx.db
			.selectFrom('trajectories')
			.select('templateJson')
			.where('id', '=', built.trajectoryId)
			.executeTakeFirstOrThrow();
		const template = JSON.parse(row.templateJson) as { questions: { key: string; kind: string; text: string; fromMoment: number }[] };
		template.questions.push({ key: 'own', kind: 'text', text: 'Wat neem je mee naar je team?', fromMoment: 2 });
		await t.ctx.db
			.updateTable('trajectories')
			.set({ templateJson: JSON.stringify(template) })
			.where('id', '=', built.trajectoryId)
			.execute();
		const input = { ctx: t.ctx, actor: built.participants[0]!.actor, trajectoryId: built.trajectoryId, momentId: built.momentIds[1]! };
		const texts = async (locale: 'nl' | 'ar') => (await getMyMomentForm({ ...input, locale })).questions.map((q) => q.text);
		expect(await texts('ar')).toEqual([
			m.trajectory_default_question_applied({}, { locale: 'ar' }),
			m.trajectory_default_question_goal_reached({}, { locale: 'ar' }),
			m.trajectory_default_question_family_change({}, { locale: 'ar' }),
			m.trajectory_default_question_noticed({}, { locale: 'ar' }),
			'Wat neem je mee naar je team?'
		]);
		expect((await texts('ar'))[0]).toMatch(/[\u0600-\u06FF]/);
		expect((await texts('nl'))[0]).toBe(m.trajectory_default_question_applied({}, { locale: 'nl' }));
	});

	it('the database holds a guest’s language only as one of the six client languages (migration 0036)', async () => {
		const staff = await buildStaff(t.ctx, await buildOrganisation(t.ctx));
		const set = (locale: string) =>
			t.ctx.db
				.updateTable('users')
				.set({ clientLocale: locale as 'nl' })
				.where('id', '=', staff.userId)
				.execute();
		await expect(set('xx')).rejects.toThrow();
		await set('uk');
		const row = await t.ctx.db.selectFrom('users').select('clientLocale').where('id', '=', staff.userId).executeTakeFirstOrThrow();
		expect(row.clientLocale).toBe('uk');
	});
});
