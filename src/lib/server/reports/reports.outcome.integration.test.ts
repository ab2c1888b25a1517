import { expect, it } from 'vitest';
import type { OutcomeReaderActor } from '../access/actor.ts';
import {
	abandonConversation,
	closeConversation,
	saveAgreement,
	startAgreement,
	submitRatings
} from '../conversations/conversations.usecases.ts';
import { setParticipantLocale } from '../participation/language.usecases.ts';
import { authenticateDevice, endOutcomeReading } from '../participation/participation.usecases.ts';
import { ratingsOf } from '../testing/conversation-builders.ts';
import { buildRunningConversation, joinAs, type RunningConversation } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { buildStaff } from '../testing/builders.ts';
import { buildClosedQuickCheck } from '../testing/report-builders.ts';
import { readingOrderText } from '../testing/pdf-text.ts';
import { getConversationOutcomePdf, getOwnOutcome, getOwnOutcomePdf, mailOwnOutcome } from './reports.usecases.ts';

const agreement = { what: 'Elke maandag bellen', who: 'client' as const, dueOn: '2100-01-31', successMeasure: 'Vier keer gebeld' };

/** A quick check with one participant on their own phone, run to its close with one agreement. */
async function closedWithPhone(ctx: TestContext) {
	const world = await buildRunningConversation(ctx, { participants: 1 });
	const joined = await joinAs(ctx, world, world.partyIds[0]!);
	const lead = { ctx, actor: world.professional, conversationId: world.conversationId };
	await submitRatings({ ctx, actor: joined.actor, conversationId: world.conversationId, values: ratingsOf(30) });
	await submitRatings({ ...lead, values: ratingsOf(70) });
	await startAgreement(lead);
	await saveAgreement({ ...lead, input: agreement });
	await closeConversation({ ...lead, summary: 'Goed gesprek' });
	return { world, joined, lead };
}

async function readerOf(ctx: TestContext, token: string): Promise<OutcomeReaderActor> {
	const actor = await authenticateDevice(ctx, token);
	if (actor?.type !== 'outcomeReader') throw new Error(`expected an outcome reader, got ${actor?.type ?? 'none'}`);
	return actor;
}

async function setEmail(ctx: TestContext, world: RunningConversation, email: string) {
	await ctx.db.updateTable('participants').set({ email }).where('organisationId', '=', world.organisationId).execute();
}

describeOnBothDatabases('the client keeps the outcome', (dialect) => {
	const t = useTestContext(dialect);

	it('after the close the own phone reads what was agreed (what, who, by when), and nothing of the ratings', async () => {
		const { ctx } = t;
		const { joined } = await closedWithPhone(ctx);
		const reader = await readerOf(ctx, joined.token);
		const { outcome } = await getOwnOutcome({ ctx, actor: reader, format: 'html' });
		expect(outcome.sections.map((s) => s.key)).toEqual(['agreements', 'summary']);
		const [entry] = outcome.sections[0]!.blocks.flatMap((b) => (b.type === 'entries' ? b.entries : []));
		expect(entry?.title).toBe(agreement.what);
		expect(entry?.lines.map((l) => l.text)).toEqual(['Jij of jullie', '31 januari 2100', agreement.successMeasure]);
		const pdf = await getOwnOutcomePdf({ ctx, actor: reader });
		expect(pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('on the phone that reads the outcome the participant still changes their language, to one that is offered, and the outcome follows', async () => {
		const { ctx } = t;
		const { world, joined } = await closedWithPhone(ctx);
		const reader = await readerOf(ctx, joined.token);
		await expect(setParticipantLocale({ ctx, actor: reader, locale: 'ar' })).rejects.toMatchObject({
			code: 'collaboration.locale_not_offered'
		});
		expect((await readerOf(ctx, joined.token)).locale).toBe('nl');
		await ctx.db.updateTable('organisations').set({ clientLocales: 'nl,en,ar' }).where('id', '=', world.organisationId).execute();
		await setParticipantLocale({ ctx, actor: reader, locale: 'ar' });
		const after = await readerOf(ctx, joined.token);
		expect(after.locale).toBe('ar');
		const { outcome } = await getOwnOutcome({ ctx, actor: after, format: 'html' });
		expect(outcome.locale).toBe('ar');
		const audit = await ctx.db.selectFrom('auditEvents').select('action').where('organisationId', '=', world.organisationId).execute();
		expect(audit.map((event) => event.action)).toContain('participation.locale_changed');
	});

	it('the outcome stays readable for seven days after the close, then the phone reaches nothing', async () => {
		const { ctx } = t;
		const { joined } = await closedWithPhone(ctx);
		ctx.clock.advance(7 * 86_400_000 - 1000);
		expect((await authenticateDevice(ctx, joined.token))?.type).toBe('outcomeReader');
		ctx.clock.advance(2000);
		expect(await authenticateDevice(ctx, joined.token)).toBeNull();
	});

	it('an abandoned conversation leaves no outcome to read', async () => {
		const { ctx } = t;
		const world = await buildRunningConversation(ctx, { participants: 1 });
		const joined = await joinAs(ctx, world, world.partyIds[0]!);
		await abandonConversation({ ctx, actor: world.professional, conversationId: world.conversationId });
		expect(await authenticateDevice(ctx, joined.token)).toBeNull();
	});

	it('only the outcome reader of that party reaches it: not staff, not a running device, not a reader bound to another conversation', async () => {
		const { ctx } = t;
		const { world, joined } = await closedWithPhone(ctx);
		const reader = await readerOf(ctx, joined.token);
		await expect(getOwnOutcome({ ctx, actor: world.professional, format: 'html' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getOwnOutcome({ ctx, actor: joined.actor, format: 'html' })).rejects.toMatchObject({ code: 'not_found' });
		const other = await buildRunningConversation(ctx, { participants: 1 });
		const forged = { ...reader, conversationId: other.conversationId };
		await expect(getOwnOutcome({ ctx, actor: forged, format: 'html' })).rejects.toMatchObject({ code: 'not_found' });
		// The other conversation still runs: its party has no outcome either.
		const running = { ...reader, conversationId: other.conversationId, partyId: other.partyIds[0]! };
		await expect(getOwnOutcome({ ctx, actor: running, format: 'html' })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the phone mails the outcome only to the address the professional entered, and not without end', async () => {
		const { ctx } = t;
		const { world, joined } = await closedWithPhone(ctx);
		const reader = await readerOf(ctx, joined.token);
		await expect(mailOwnOutcome({ ctx, actor: reader })).rejects.toMatchObject({ code: 'outcome.no_address' });
		expect(ctx.mailer.sent).toHaveLength(0);
		await setEmail(ctx, world, 'ouder@example.nl');
		expect((await getOwnOutcome({ ctx, actor: reader, format: 'html' })).email).toBe('ouder@example.nl');
		await mailOwnOutcome({ ctx, actor: reader });
		expect(ctx.mailer.to('ouder@example.nl')).toHaveLength(1);
		expect(ctx.mailer.sent[0]?.text).toContain(agreement.what);
		await mailOwnOutcome({ ctx, actor: reader });
		await mailOwnOutcome({ ctx, actor: reader });
		await expect(mailOwnOutcome({ ctx, actor: reader })).rejects.toMatchObject({ code: 'rate_limited' });
		expect(ctx.mailer.sent).toHaveLength(3);
	});

	it('removing the outcome from the phone ends its session at once', async () => {
		const { ctx } = t;
		const { joined } = await closedWithPhone(ctx);
		await endOutcomeReading({ ctx, actor: await readerOf(ctx, joined.token) });
		expect(await authenticateDevice(ctx, joined.token)).toBeNull();
	});

	it('the professional can print the same outcome for a client without a phone; a colleague cannot', async () => {
		const { ctx } = t;
		const { world } = await closedWithPhone(ctx);
		const ids = { collaborationId: world.collaborationId, conversationId: world.conversationId };
		const made = await getConversationOutcomePdf({ ctx, actor: world.professional, ...ids, locale: 'nl' });
		expect(made.pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const colleague = await buildStaff(ctx, world.professional, { roles: ['professional'] });
		await expect(getConversationOutcomePdf({ ctx, actor: colleague, ...ids, locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the outcome handed over for participants of different languages is in the language of the request, not the professional’s stored one', async () => {
		const { ctx } = t;
		const qc = await buildClosedQuickCheck(ctx, { participants: 2 });
		expect(qc.professional.locale).toBe('nl');
		await ctx.db.updateTable('participants').set({ locale: 'tr' }).where('id', '=', qc.participants[1]!.participantId).execute();
		const ids = { collaborationId: qc.collaborationId, conversationId: qc.conversationId };
		const english = await getConversationOutcomePdf({ ctx, actor: qc.professional, ...ids, locale: 'en' });
		const englishText = (await readingOrderText(new Uint8Array(english.pdf), 'ltr')).join(' ');
		expect(englishText).toContain('What you agreed');
		expect(englishText).not.toContain('Wat jullie hebben afgesproken');
		expect(english.fileName).toMatch(/^agreements-\d{4}-\d{2}-\d{2}\.pdf$/);
		// The same professional on a Dutch page.
		const dutch = await getConversationOutcomePdf({ ctx, actor: qc.professional, ...ids, locale: 'nl' });
		expect((await readingOrderText(new Uint8Array(dutch.pdf), 'ltr')).join(' ')).toContain('Wat jullie hebben afgesproken');
		expect(dutch.fileName).toMatch(/^afspraken-\d{4}-\d{2}-\d{2}\.pdf$/);
	});

	it("the outcome a participant reads is in the participant's language: on the phone, as PDF (Arabic right to left), and handed over", async () => {
		const { ctx } = t;
		const { world, joined } = await closedWithPhone(ctx);
		await ctx.db.updateTable('participants').set({ locale: 'ar' }).where('organisationId', '=', world.organisationId).execute();
		const reader = await readerOf(ctx, joined.token);
		const { outcome } = await getOwnOutcome({ ctx, actor: reader, format: 'html' });
		expect(outcome.title).toBe('ما اتفقتم عليه');
		const own = await getOwnOutcomePdf({ ctx, actor: reader });
		expect(own.fileName).toMatch(/^[\x20-\x7e]+$/);
		const text = (await readingOrderText(new Uint8Array(own.pdf), 'rtl')).join(' ');
		for (const words of ['ما اتفقتم عليه', 'الاتفاقات: ماذا، من ومتى', 'أنت أو أنتم', agreement.what]) expect(text).toContain(words);
		expect(own.pdf.toString('latin1')).toContain('/Lang (ar)');
		// Handed over by the professional: every participant reads Arabic, so the PDF is in Arabic.
		const ids = { collaborationId: world.collaborationId, conversationId: world.conversationId };
		const handed = await getConversationOutcomePdf({ ctx, actor: world.professional, ...ids, locale: 'nl' });
		expect((await readingOrderText(new Uint8Array(handed.pdf), 'rtl')).join(' ')).toContain('ما اتفقتم عليه');
	});
});
