import { expect, it } from 'vitest';
import { LANGUAGE_NAMES } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildClientCopyWorld, type ClientCopyWorld } from '../testing/client-copy-world.ts';
import { pdfLanguageTag } from '../shared/pdf.ts';
import { extractPdfText, readingOrderText } from '../testing/pdf-text.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { getClientCopyJson, getClientCopyPdf, listClientCopyParticipants } from './client-copy.usecases.ts';

/**
 * The client's copy is in the participant's own language (decision 011, "The client's copy"),
 * like every other paper a participant gets; the professional may choose another language the
 * organisation offers, to read it along.
 */

/** Text is compared without white space: a line break may fall inside a long word of the PDF. */
const compact = (text: string) => text.replace(/\s+/g, '');
/** A message key left in the text instead of its words ("client_copy_title"). */
const RAW_KEY = /\b[a-z]+(?:_[a-zA-Z]+){2,}\b/;

/** The copy world with P1 reading Arabic, in an organisation that offers Dutch, English and Arabic. */
async function arabicWorld(ctx: TestContext): Promise<ClientCopyWorld> {
	const world = await buildClientCopyWorld(ctx);
	await ctx.db
		.updateTable('organisations')
		.set({ clientLocales: 'nl,en,ar' })
		.where('id', '=', world.professional.organisationId)
		.execute();
	await ctx.db.updateTable('participants').set({ locale: 'ar' }).where('id', '=', world.participantIds[0]).execute();
	return world;
}

async function copyEvents(ctx: TestContext, participantId: string) {
	const events = await ctx.db
		.selectFrom('auditEvents')
		.select('details')
		.where('action', '=', 'collaboration.client_copy_made')
		.where('targetId', '=', participantId)
		.execute();
	return events.map((event) => JSON.parse(event.details ?? '{}') as { format: string; locale: string });
}

describeOnBothDatabases("the client's copy in the participant's language", (dialect) => {
	const t = useTestContext(dialect);

	it('a copy for an Arabic-speaking participant is in Arabic, PDF and JSON, though the professional works in Dutch; with ?lang=nl the professional gets it in Dutch', async () => {
		const { ctx } = t;
		const world = await arabicWorld(ctx);
		const input = { ctx, actor: world.professional, collaborationId: world.collaborationId, participantId: world.participantIds[0] };
		expect(world.professional.locale).toBe('nl');

		const { copy } = await getClientCopyJson(input);
		expect(copy).toMatchObject({ language: 'ar', participant: { language: 'ar' } });
		const partly = m.collaboration_timeline_outcome_partly({}, { locale: 'ar' });
		expect(copy.conversations[2]!.reviewChoices).toEqual([{ agreement: world.inCopy.agreement, outcome: 'partly', outcomeLabel: partly }]);
		expect(copy.conversations.every((conversation) => /[\u0600-\u06FF]/.test(conversation.methodLabel))).toBe(true);
		expect(JSON.stringify(copy)).not.toMatch(RAW_KEY);

		const pdf = (await getClientCopyPdf(input)).pdf;
		const text = compact((await readingOrderText(pdf, 'rtl')).join(' '));
		for (const words of [
			m.client_copy_title({}, { locale: 'ar' }),
			m.client_copy_section_you({}, { locale: 'ar' }),
			m.client_copy_section_access({}, { locale: 'ar' }),
			m.client_copy_running_held_back({}, { locale: 'ar' }),
			LANGUAGE_NAMES.ar,
			partly,
			world.inCopy.agreement
		])
			expect(text, words).toContain(compact(words));
		expect(text).not.toMatch(RAW_KEY);
		expect(text).not.toContain(compact(m.client_copy_title({}, { locale: 'nl' })));
		expect(pdf.toString('latin1')).toContain(`/Lang (${pdfLanguageTag('ar')})`);

		// The Dutch professional reads it along first.
		const dutch = await getClientCopyJson({ ...input, language: 'nl' });
		expect(dutch.copy).toMatchObject({ language: 'nl', participant: { language: 'ar' } });
		const dutchPdf = (await extractPdfText((await getClientCopyPdf({ ...input, language: 'nl' })).pdf)).join(' ');
		expect(dutchPdf).toContain('Jouw gegevens in Tweespraak');
		expect(dutchPdf).toContain('Deels gelukt');

		// The log holds the language of each copy, and nothing of its content.
		const events = await copyEvents(ctx, world.participantIds[0]);
		expect(events.map((event) => `${event.format}:${event.locale}`).sort()).toEqual(['json:ar', 'json:nl', 'pdf:ar', 'pdf:nl']);
	});

	it('the page offers the participant’s own language first chosen, and every language the organisation offers', async () => {
		const { ctx } = t;
		const world = await arabicWorld(ctx);
		await ctx.db.updateTable('organisations').set({ clientLocales: 'nl,en' }).where('id', '=', world.professional.organisationId).execute();
		const listed = await listClientCopyParticipants({ ctx, actor: world.professional, collaborationId: world.collaborationId });
		// Arabic is no longer offered, but stays the participant's own: listed, and still made.
		expect(listed.map(({ locale, languages }) => ({ locale, languages }))).toEqual([
			{ locale: 'ar', languages: ['ar', 'nl', 'en'] },
			{ locale: 'nl', languages: ['nl', 'en'] }
		]);
		const { copy } = await getClientCopyJson({
			ctx,
			actor: world.professional,
			collaborationId: world.collaborationId,
			participantId: world.participantIds[0]
		});
		expect(copy.language).toBe('ar');
	});

	it('an unknown language, or one the organisation does not offer, is refused (400) and no copy is recorded', async () => {
		const { ctx } = t;
		const world = await arabicWorld(ctx);
		const input = { ctx, actor: world.professional, collaborationId: world.collaborationId, participantId: world.participantIds[0] };
		for (const language of ['xx', 'tr', 'NL', 'de']) {
			const refused = { code: 'collaboration.locale_not_offered', status: 400 };
			await expect(getClientCopyJson({ ...input, language }), language).rejects.toMatchObject(refused);
			await expect(getClientCopyPdf({ ...input, language }), language).rejects.toMatchObject(refused);
		}
		expect(await copyEvents(ctx, world.participantIds[0])).toEqual([]);
	});

	it("another organisation's professional gets no copy in any language: not found, nothing recorded", async () => {
		const { ctx } = t;
		const world = await arabicWorld(ctx);
		const outsider = await buildStaff(ctx, await buildOrganisation(ctx));
		const input = { ctx, actor: outsider, collaborationId: world.collaborationId, participantId: world.participantIds[0] };
		for (const language of [undefined, 'ar', 'nl', 'xx']) {
			await expect(getClientCopyJson({ ...input, language }), String(language)).rejects.toMatchObject({ code: 'not_found', status: 404 });
			await expect(getClientCopyPdf({ ...input, language }), String(language)).rejects.toMatchObject({ code: 'not_found', status: 404 });
		}
		expect(await copyEvents(ctx, world.participantIds[0])).toEqual([]);
	});
});
