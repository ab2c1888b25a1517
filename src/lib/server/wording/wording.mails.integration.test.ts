import { expect, it } from 'vitest';
import type { OutcomeReaderActor } from '../access/actor.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import { closeConversation, saveAgreement, startAgreement, submitRatings } from '../conversations/conversations.usecases.ts';
import type { ClientLocale } from '../db/schema.ts';
import { sendParticipantLink } from '../participation/links.usecases.ts';
import { authenticateDevice } from '../participation/participation.usecases.ts';
import { mailOwnOutcome } from '../reports/reports.usecases.ts';
import { mailTemplates, type MailTemplate, type MailTemplateName } from '../reminders/reminders.mails.ts';
import { createMailJobHandler, enqueueParticipantMail } from '../reminders/reminders.usecases.ts';
import { createJobRunner } from '../shared/jobs.runner.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { ratingsOf } from '../testing/conversation-builders.ts';
import { buildRunningConversation, joinAs, type RunningConversation } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { CLIENT_LOCALES } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import { createWordingRepository } from './wording.repository.ts';
import { saveClientWording } from './wording.usecases.ts';

/** The world's first participant gets an address and a language, as the professional would give them. */
async function addressAndLanguage(ctx: TestContext, world: RunningConversation, email: string, locale: ClientLocale) {
	const repo = createParticipantsRepository(ctx.db);
	const [participant] = await repo.listParticipants(world.organisationId, world.collaborationId);
	await repo.updateParticipant(world.organisationId, world.collaborationId, participant!.id, {
		displayName: participant!.displayName,
		audience: participant!.audience,
		locale,
		email
	});
}

async function mailLink(ctx: TestContext, world: RunningConversation, email: string) {
	await sendParticipantLink({
		ctx,
		actor: world.professional,
		conversationId: world.conversationId,
		partyId: world.partyIds[0]!,
		purpose: 'preparation'
	});
	const mails = ctx.mailer.to(email);
	expect(mails).toHaveLength(1);
	return mails[0]!;
}

async function rewordAsAdmin(ctx: TestContext, world: RunningConversation, locale: ClientLocale, key: string, text: string) {
	const admin = await buildStaff(ctx, world, { roles: ['admin'] });
	expect(await saveClientWording({ ctx, actor: admin, locale, key, text })).toEqual({ ok: true });
}

/** A queued mail to a participant, written when its job runs, with a client text in the recipient's language. */
const queuedParticipantMail: MailTemplate = async ({ locale }) => ({
	subject: m.links_mail_preparation_subject({}, { locale }),
	paragraphs: [m.links_mail_personal({}, { locale })]
});
const QUEUED = 'test.wording' as MailTemplateName;

describeOnBothDatabases("mails to participants: in the participant's language, with the organisation's own wording", (dialect) => {
	const t = useTestContext(dialect);

	it("a text the organisation reworded reaches its participant's mail; another organisation's participant gets the standard text", async () => {
		const own = await buildRunningConversation(t.ctx, { participants: 1 });
		const other = await buildRunningConversation(t.ctx, { participants: 1 });
		const wording = 'Bu bağlantı sadece senin için. Sorun mu var? "Ekip Doğu" & biz yardım ederiz.';
		await rewordAsAdmin(t.ctx, own, 'tr', 'links_mail_personal', wording);
		await addressAndLanguage(t.ctx, own, 'ayse@example.test', 'tr');
		await addressAndLanguage(t.ctx, other, 'elif@example.test', 'tr');

		const ours = await mailLink(t.ctx, own, 'ayse@example.test');
		expect(ours.text).toContain(wording);
		// Shown as text in the HTML part: quotes and ampersand escaped, never markup.
		expect(ours.html).toContain('<p>Bu bağlantı sadece senin için. Sorun mu var? &quot;Ekip Doğu&quot; &amp; biz yardım ederiz.</p>');
		expect(ours.subject).toBe(m.links_mail_preparation_subject({}, { locale: 'tr' }));

		const theirs = await mailLink(t.ctx, other, 'elif@example.test');
		expect(theirs.text).not.toContain(wording);
		expect(theirs.text).toContain(m.links_mail_personal({}, { locale: 'tr' }));
	});

	it('the wording applies only in the language it was written for: a participant reading Polish gets the standard Polish text', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		await rewordAsAdmin(t.ctx, world, 'nl', 'links_mail_personal', 'Deze link is alleen voor jou. Vragen? Bel ons team.');
		await addressAndLanguage(t.ctx, world, 'jan@example.test', 'pl');
		const mail = await mailLink(t.ctx, world, 'jan@example.test');
		expect(mail.text).toContain(m.links_mail_personal({}, { locale: 'pl' }));
		expect(mail.text).not.toContain('Bel ons team');
	});

	it('a stored wording with markup (saved before the rule refused it) is still shown as text in the HTML mail', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		// Straight into the table: saveClientWording refuses this, the mail must not trust that it did.
		await createWordingRepository(t.ctx.db).save(world.organisationId, {
			locale: 'nl',
			messageKey: 'links_mail_personal',
			text: '<a href="https://evil.test">Klik</a><script>alert(1)</script>',
			updatedAt: t.ctx.clock.now().toISOString()
		});
		await addressAndLanguage(t.ctx, world, 'kim@example.test', 'nl');
		const mail = await mailLink(t.ctx, world, 'kim@example.test');
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).not.toContain('evil.test">');
		expect(mail.html).toContain('&lt;a href=&quot;https://evil.test&quot;&gt;Klik&lt;/a&gt;&lt;script&gt;');
	});

	it("the mail follows the participant's language, in each of the six: subject, text, and lang and dir on the HTML", async () => {
		for (const locale of CLIENT_LOCALES) {
			const world = await buildRunningConversation(t.ctx, { participants: 1 });
			const email = `${locale}@example.test`;
			await addressAndLanguage(t.ctx, world, email, locale);
			const mail = await mailLink(t.ctx, world, email);
			expect(mail.subject, locale).toBe(m.links_mail_preparation_subject({}, { locale }));
			expect(mail.text, locale).toContain(m.links_mail_preparation_private({}, { locale }));
			expect(mail.html, locale).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
		}
	});

	it('an Arabic mail reads right to left; its plain-text part has the Arabic text and the link as it is', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		await addressAndLanguage(t.ctx, world, 'mariam@example.test', 'ar');
		const mail = await mailLink(t.ctx, world, 'mariam@example.test');
		expect(mail.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
		expect(mail.text).toMatch(/[\u0600-\u06FF]/);
		expect(mail.text).toContain(`${m.links_mail_preparation_action({}, { locale: 'ar' })}: http://tweespraak.test/l/`);
		expect(mail.text).not.toContain('<');
	});

	it('the outcome mail speaks the participant’s Arabic with the organisation’s wording, and so does the outcome inside it', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 1 });
		await addressAndLanguage(t.ctx, world, 'ouder@example.test', 'ar');
		const wording = 'طلبت هذه الاتفاقات بالبريد. احتفظ بها جيدًا، وتحدث معنا إذا كان لديك سؤال.';
		await rewordAsAdmin(t.ctx, world, 'ar', 'outcome_mail_intro', wording);
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		const lead = { ctx: t.ctx, actor: world.professional, conversationId: world.conversationId };
		await submitRatings({ ctx: t.ctx, actor: joined.actor, conversationId: world.conversationId, values: ratingsOf(30) });
		await submitRatings({ ...lead, values: ratingsOf(70) });
		await startAgreement(lead);
		await saveAgreement({ ...lead, input: { what: 'Elke maandag bellen', who: 'client', dueOn: '2100-01-31', successMeasure: 'Gebeld' } });
		await closeConversation({ ...lead, summary: 'Goed gesprek' });
		const reader = (await authenticateDevice(t.ctx, joined.token)) as OutcomeReaderActor;
		expect(reader.type).toBe('outcomeReader');

		await mailOwnOutcome({ ctx: t.ctx, actor: reader });
		const [mail] = t.ctx.mailer.to('ouder@example.test');
		expect(mail!.subject).toBe(m.outcome_mail_subject({}, { locale: 'ar' }));
		expect(mail!.text.startsWith(wording)).toBe(true);
		expect(mail!.text).toContain('Elke maandag bellen');
		expect(mail!.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
		expect(mail!.html).toMatch(/<div lang="ar" dir="rtl">[^]*Elke maandag bellen/);
		expect(mail!.text).toContain(m.outcome_section_agreements({}, { locale: 'ar' }));
	});

	it('a mail queued for a participant is written, when its job runs, in their language with their organisation’s wording', async () => {
		const wording = 'Це посилання лише для вас. Питання? Зателефонуйте нашій команді.';
		const ours = await buildOrganisation(t.ctx);
		const theirs = await buildOrganisation(t.ctx);
		expect(await saveClientWording({ ctx: t.ctx, actor: ours, locale: 'uk', key: 'links_mail_personal', text: wording })).toEqual({
			ok: true
		});
		for (const [org, email] of [
			[ours, 'oksana@example.test'],
			[theirs, 'taras@example.test']
		] as const) {
			const professional = await buildStaff(t.ctx, org, { roles: ['professional'] });
			const { collaborationId, participantIds } = await buildCollaboration(t.ctx, professional, { participants: 1, rhythmWeeks: null });
			const participantId = participantIds[0]!;
			await createParticipantsRepository(t.ctx.db).updateParticipant(org.organisationId, collaborationId, participantId, {
				displayName: 'Ouder',
				audience: 'adult',
				locale: 'uk',
				email
			});
			await enqueueParticipantMail({
				ctx: t.ctx,
				organisationId: org.organisationId,
				collaborationId,
				participantId,
				template: QUEUED,
				dedupeKey: participantId
			});
		}
		const handlers = { mail: createMailJobHandler({ ...mailTemplates, [QUEUED]: queuedParticipantMail }) };
		await createJobRunner(t.ctx, { handlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();

		const [ourMail] = t.ctx.mailer.to('oksana@example.test');
		expect(ourMail!.subject).toBe(m.links_mail_preparation_subject({}, { locale: 'uk' }));
		expect(ourMail!.text).toContain(wording);
		expect(ourMail!.html).toMatch(/^<!doctype html><html lang="uk" dir="ltr">/);
		const [theirMail] = t.ctx.mailer.to('taras@example.test');
		expect(theirMail!.text).toContain(m.links_mail_personal({}, { locale: 'uk' }));
		expect(theirMail!.text).not.toContain(wording);
	});
});
