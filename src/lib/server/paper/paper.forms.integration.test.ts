import { expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { findPlanTerm } from '../conversations/conversations.view.usecases.ts';
import { renderItems, renderScale } from '../instruments/instruments.models.ts';
import { samenSterkerV1 } from '../instruments/samen-sterker-v1.ts';
import { isDomainError } from '../shared/errors.ts';
import { buildStaff } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { extractPdfText } from '../testing/pdf-text.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { paperCode } from './paper.models.ts';
import { getPaperFormPdf } from './paper.usecases.ts';

describeOnBothDatabases('paper forms', (dialect) => {
	const t = useTestContext(dialect);

	async function textOf(pdf: Uint8Array): Promise<string> {
		expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		return (await extractPdfText(pdf)).join(' ');
	}

	async function labelOf(ctx: TestContext, organisationId: string, collaborationId: string) {
		return (await createCollaborationsRepository(ctx.db).findCollaboration(organisationId, collaborationId))!.label;
	}

	it("an adult client's form holds the collaboration's label, the conversation's code, every question and the line's ends", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const input = { ctx, actor: qc.professional, collaborationId: qc.collaborationId, conversationId: qc.conversationId };
		const made = await getPaperFormPdf({ locale: 'nl', ...input, partyId: qc.participants[0]!.partyId });
		const code = paperCode(qc.conversationId);
		expect(made.fileName).toBe(`formulier-${code}.pdf`);
		const text = await textOf(made.pdf);
		expect(text).toContain(`Samenwerking: ${await labelOf(ctx, qc.professional.organisationId, qc.collaborationId)}`);
		expect(text).toContain(`Code: ${code}`);
		for (const item of renderItems(samenSterkerV1.content, 'adult', 'nl', await findPlanTerm(ctx.db, qc.professional.organisationId))) {
			expect(text).toContain(item.label);
			expect(text).toContain(item.text);
		}
		const scale = renderScale(samenSterkerV1.content, 'nl');
		expect(text).toContain(scale.min);
		expect(text).toContain(scale.max);
		expect(text).toContain('Ingevuld op:');
		// No name on the form: the label and the code say whose it is.
		expect(text).not.toContain('Participant 1');
	});

	it("a child's form has the faces' words, and an English-speaking client's form is in English", async () => {
		const { ctx } = t;
		const child = await buildQuickCheck(ctx, { participants: 1, audience: 'child' });
		const childText = await textOf(
			(
				await getPaperFormPdf({
					locale: 'nl',
					ctx,
					actor: child.professional,
					collaborationId: child.collaborationId,
					conversationId: child.conversationId,
					partyId: child.participants[0]!.partyId
				})
			).pdf
		);
		for (const smiley of renderScale(samenSterkerV1.content, 'nl').smileys) expect(childText).toContain(smiley.label);
		for (const item of renderItems(samenSterkerV1.content, 'child', 'nl', await findPlanTerm(ctx.db, child.professional.organisationId)))
			expect(childText).toContain(item.text);

		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const participantId = qc.participants[0]!.participantId;
		await ctx.db.updateTable('participants').set({ locale: 'en' }).where('id', '=', participantId).execute();
		const made = await getPaperFormPdf({
			locale: 'nl',
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId,
			conversationId: qc.conversationId,
			partyId: qc.participants[0]!.partyId
		});
		expect(made.fileName).toBe(`form-${paperCode(qc.conversationId)}.pdf`);
		const text = await textOf(made.pdf);
		expect(text).toContain('Collaboration:');
		for (const item of renderItems(samenSterkerV1.content, 'adult', 'en', await findPlanTerm(ctx.db, qc.professional.organisationId)))
			expect(text).toContain(item.text);
	});

	it("the professional's own form has the professional's wording", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const text = await textOf(
			(
				await getPaperFormPdf({
					locale: 'nl',
					ctx,
					actor: qc.professional,
					collaborationId: qc.collaborationId,
					conversationId: qc.conversationId,
					partyId: qc.professionalPartyId
				})
			).pdf
		);
		for (const item of renderItems(
			samenSterkerV1.content,
			'professional',
			'nl',
			await findPlanTerm(ctx.db, qc.professional.organisationId)
		))
			expect(text).toContain(item.text);
		expect(text).toContain('formulier voor de professional');
	});

	it("the professional's own form is in the language of the request, not their stored one; a client's stays in the client's", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		// The professional's stored language is Dutch; they download from an English page.
		expect(qc.professional.locale).toBe('nl');
		const input = { ctx, actor: qc.professional, collaborationId: qc.collaborationId, conversationId: qc.conversationId };
		const code = paperCode(qc.conversationId);
		const planTerm = await findPlanTerm(ctx.db, qc.professional.organisationId);

		const own = await getPaperFormPdf({ ...input, partyId: qc.professionalPartyId, locale: 'en' });
		expect(own.fileName).toBe(`form-${code}.pdf`);
		const ownText = await textOf(own.pdf);
		for (const words of ['form for the professional', 'Collaboration:', 'Filled in on:']) expect(ownText, words).toContain(words);
		for (const item of renderItems(samenSterkerV1.content, 'professional', 'en', planTerm)) expect(ownText).toContain(item.text);
		for (const words of ['formulier voor de professional', 'Samenwerking:', 'Ingevuld op:']) expect(ownText, words).not.toContain(words);
		// The same form from a Dutch page.
		const dutch = await getPaperFormPdf({ ...input, partyId: qc.professionalPartyId, locale: 'nl' });
		expect(dutch.fileName).toBe(`formulier-${code}.pdf`);
		expect(await textOf(dutch.pdf)).toContain('formulier voor de professional');

		// A Dutch client's form stays Dutch, file name too, whatever the page's language.
		const client = await getPaperFormPdf({ ...input, partyId: qc.participants[0]!.partyId, locale: 'en' });
		expect(client.fileName).toBe(`formulier-${code}.pdf`);
		expect(await textOf(client.pdf)).toContain('Ingevuld op:');
		// A client reading a language staff pages do not have: the file is named in the page's language.
		await ctx.db.updateTable('participants').set({ locale: 'tr' }).where('id', '=', qc.participants[1]!.participantId).execute();
		const turkish = await getPaperFormPdf({ ...input, partyId: qc.participants[1]!.partyId, locale: 'en' });
		expect(turkish.fileName).toBe(`form-${code}.pdf`);
		expect(await textOf(turkish.pdf)).toContain(m.paper_form_filled_on({}, { locale: 'tr' }));
	});

	it("only the conversation's professional prints its forms; the access log names the collaboration", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const colleague = await buildStaff(ctx, qc.admin, { roles: ['professional', 'teamLead'] });
		const elsewhere = await buildQuickCheck(ctx, { participants: 1 });
		const input = { collaborationId: qc.collaborationId, conversationId: qc.conversationId, partyId: qc.participants[0]!.partyId };
		for (const actor of [colleague, qc.admin, qc.participants[0]!, elsewhere.professional]) {
			await expect(getPaperFormPdf({ locale: 'nl', ctx, actor, ...input })).rejects.toSatisfy(
				(e) => isDomainError(e) && e.code === 'not_found'
			);
		}
		// The conversation must belong to the collaboration in the address; a party of another conversation has no form here.
		await expect(
			getPaperFormPdf({ locale: 'nl', ctx, actor: qc.professional, ...input, collaborationId: elsewhere.collaborationId })
		).rejects.toSatisfy((e) => isDomainError(e) && e.code === 'not_found');
		await expect(
			getPaperFormPdf({ locale: 'nl', ctx, actor: qc.professional, ...input, partyId: elsewhere.participants[0]!.partyId })
		).rejects.toSatisfy((e) => isDomainError(e) && e.code === 'paper.unknown_form');

		await getPaperFormPdf({ locale: 'nl', ctx, actor: qc.professional, ...input });
		const entries = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'collaborationId'])
			.where('organisationId', '=', qc.professional.organisationId)
			.where('action', '=', 'access.view')
			.where('collaborationId', '=', qc.collaborationId)
			.execute();
		expect(entries.length).toBeGreaterThan(0);
		// Printing changes nothing in the conversation.
		const parties = await createConversationsRepository(ctx.db).listParties(qc.professional.organisationId, qc.conversationId);
		expect(parties.every((p) => p.submittedAt === null)).toBe(true);
	});
});
