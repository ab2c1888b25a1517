import { expect, it } from 'vitest';
import { SAFETY_SUGGESTIONS } from '#lib/safety-suggestions.ts';
import { findPlanTerm } from '../conversations/conversations.view.usecases.ts';
import { renderItems } from '../instruments/instruments.models.ts';
import { sessionFeedbackV1 } from '../instruments/session-feedback-v1.ts';
import { safetyLabel } from '../reports/reports.models.ts';
import { isDomainError } from '../shared/errors.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { extractPdfText } from '../testing/pdf-text.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { paperCode } from './paper.models.ts';
import { getPaperFormPdf } from './paper.usecases.ts';

describeOnBothDatabases('paper forms of session feedback and the learning conversation', (dialect) => {
	const t = useTestContext(dialect);
	const text = async (made: { pdf: Uint8Array }) => (await extractPdfText(made.pdf)).join(' ');
	const refusedAs = (code: string) => (e: unknown) => isDomainError(e) && e.code === code;

	it("session feedback prints the client's questions with the code; the professional has no form", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		const input = { ctx, actor: fb.professional, collaborationId: fb.collaborationId, conversationId: fb.conversationId };
		const made = await getPaperFormPdf({ locale: 'nl', ...input, partyId: fb.participants[0]!.partyId });
		const pdfText = await text(made);
		expect(pdfText).toContain(`Code: ${paperCode(fb.conversationId)}`);
		const planTerm = await findPlanTerm(ctx.db, fb.professional.organisationId);
		for (const item of renderItems(sessionFeedbackV1.content, 'adult', 'nl', planTerm)) expect(pdfText).toContain(item.text);
		await expect(getPaperFormPdf({ locale: 'nl', ...input, partyId: fb.participants[0]!.partyId, kind: 'sheets' })).rejects.toSatisfy(
			refusedAs('paper.unknown_form')
		);
	});

	it('a learning conversation prints each party its preparation and the A/B/C sheets, and nothing else', async () => {
		const { ctx } = t;
		const lc = await buildLearningConversation(ctx);
		const input = { ctx, actor: lc.professional, collaborationId: lc.collaborationId, conversationId: lc.conversationId };
		const partyId = lc.participants[0]!.partyId;
		const preparation = await text(await getPaperFormPdf({ locale: 'nl', ...input, partyId, kind: 'preparation' }));
		expect(preparation).toContain(`Code: ${paperCode(lc.conversationId)}`);
		for (const words of ['Waar wil ik over praten?', 'A. Wat gebeurde er?', 'C. Waarom is dit belangrijk voor mij?'])
			expect(preparation).toContain(words);
		for (const key of SAFETY_SUGGESTIONS) expect(preparation).toContain(safetyLabel(key, 'nl'));

		const sheets = await text(await getPaperFormPdf({ locale: 'nl', ...input, partyId: lc.professionalPartyId, kind: 'sheets' }));
		for (const words of ['Gespreksbladen', 'B. Wat deed het met mij?', 'C. Waarom is dit belangrijk voor mij?'])
			expect(sheets).toContain(words);

		await expect(getPaperFormPdf({ locale: 'nl', ...input, partyId })).rejects.toSatisfy(refusedAs('paper.unknown_form'));
		await expect(getPaperFormPdf({ locale: 'nl', ...input, partyId, kind: 'anything' })).rejects.toSatisfy(refusedAs('paper.unknown_form'));
	});
});
