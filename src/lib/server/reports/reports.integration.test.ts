import { expect, it } from 'vitest';
import { systemActor, type Actor } from '../access/actor.ts';
import { submitSessionFeedback } from '../feedback/feedback.usecases.ts';
import { anonymousActor, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { buildSessionFeedback, feedbackOf } from '../testing/feedback-builders.ts';
import { extractPdfText } from '../testing/pdf-text.ts';
import { buildClosedLearningConversation, buildClosedQuickCheck, QUICK_CHECK_AGREEMENT } from '../testing/report-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import type { ReportDocument } from './reports.document.ts';
import { getConversationReport, getConversationReportPdf } from './reports.usecases.ts';

const text = (report: ReportDocument) => JSON.stringify(report);

describeOnBothDatabases('conversation report', (dialect) => {
	const t = useTestContext(dialect);

	it("a closed quick check's report and PDF hold the ratings and the agreement, with the client term, in the language asked for", async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx, { clientTerm: 'parent' });
		for (const [locale, clientTerm, title] of [
			['nl', 'Ouder', 'Gespreksverslag'],
			['en', 'Parent', 'Conversation report']
		] as const) {
			const professional = await buildStaff(ctx, admin, { locale });
			const qc = await buildClosedQuickCheck(ctx, { professional, participants: 2 });
			const input = { ctx, actor: professional, collaborationId: qc.collaborationId, conversationId: qc.conversationId, locale };
			const report = await getConversationReport({ ...input, format: 'html' });
			expect(report).toMatchObject({ locale, title });
			expect(report.facts).toContainEqual({ label: clientTerm, value: 'Participant 1, Participant 2' });
			expect(report.sections.map((s) => s.key)).toEqual(['summary', 'ratings', 'agreements']);
			const ratings = report.sections.find((s) => s.key === 'ratings')?.blocks[0];
			expect(ratings).toMatchObject({ type: 'table', columns: ['Participant 1', 'Participant 2', professional.name] });
			const { pdf, fileName } = await getConversationReportPdf(input);
			expect(fileName).toMatch(/\.pdf$/);
			const pdfText = (await extractPdfText(pdf)).join(' ');
			expect(pdfText).toContain(QUICK_CHECK_AGREEMENT.what);
			expect(pdfText).toContain(clientTerm);
			expect(pdfText).toContain(title);
		}
	});

	it('is worded in the language of the request, not the reader’s stored one: a Dutch-stored professional asking in English gets an English report and PDF', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx, { clientTerm: 'parent' });
		const professional = await buildStaff(ctx, admin, { locale: 'nl' });
		const qc = await buildClosedQuickCheck(ctx, { professional, participants: 1 });
		const input = { ctx, actor: professional, collaborationId: qc.collaborationId, conversationId: qc.conversationId };

		// The print page and the PDF, asked for from an English page.
		const page = await getConversationReport({ ...input, locale: 'en', format: 'html' });
		expect(page).toMatchObject({ locale: 'en', title: 'Conversation report' });
		expect(page.facts).toContainEqual({ label: 'Parent', value: 'Participant 1' });
		const english = await getConversationReportPdf({ ...input, locale: 'en' });
		const englishText = (await extractPdfText(english.pdf)).join(' ');
		for (const words of ['Conversation report', 'Parent', 'The answers side by side', 'Agreements'])
			expect(englishText, words).toContain(words);
		for (const words of ['Gespreksverslag', 'Ouder', 'De antwoorden naast elkaar', 'Afspraken'])
			expect(englishText, words).not.toContain(words);
		expect(english.fileName).toMatch(/^conversation-report-\d{4}-\d{2}-\d{2}\.pdf$/);

		// The same reader on a Dutch page.
		const dutch = await getConversationReportPdf({ ...input, locale: 'nl' });
		const dutchText = (await extractPdfText(dutch.pdf)).join(' ');
		for (const words of ['Gespreksverslag', 'Ouder', 'De antwoorden naast elkaar', 'Afspraken']) expect(dutchText, words).toContain(words);
		expect(dutch.fileName).toMatch(/^gespreksverslag-\d{4}-\d{2}-\d{2}\.pdf$/);
	});

	it('text typed as markup stays text in the PDF', async () => {
		const { ctx } = t;
		const typed = '<script>alert("x")</script> & <b>vet</b>';
		const qc = await buildClosedQuickCheck(ctx, { reflection: typed });
		const { pdf } = await getConversationReportPdf({
			locale: 'nl',
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId,
			conversationId: qc.conversationId
		});
		expect((await extractPdfText(pdf)).join(' ')).toContain(typed);
	});

	it("a learning conversation shows safety, chosen topics, sheets from both sides, the recording moments with time and topic, the wish card with its question, the action and the evaluation, and the PDF holds the moments and the wish card's question", async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx);
		const professional = await buildStaff(ctx, admin, { locale: 'en' });
		const lc = await buildClosedLearningConversation(ctx, professional);
		const report = await getConversationReport({ locale: 'en', ctx, actor: professional, ...lc, format: 'html' });
		expect(report.sections.map((s) => s.key)).toEqual(['safety', 'topics', 'sheets', 'moments', 'wishes', 'agreements', 'evaluation']);
		const moments = report.sections.find((s) => s.key === 'moments')?.blocks[0];
		// In the recording's order, each by its time stamp and its topic, with who noted it.
		expect(moments).toEqual({
			type: 'entries',
			entries: [
				{ title: '01:05 · no topic', lines: [{ label: professional.name, text: 'Begin van het gesprek.' }] },
				{ title: '12:34 · about Our connection', lines: [{ label: 'Participant 1', text: 'Hier keek je weg.' }] }
			]
		});
		const all = text(report);
		for (const part of [
			'Rustig praten, niet te snel.',
			'We let each other finish.',
			'Our connection',
			'School en huiswerk',
			'Ik voelde me niet gezien.',
			'De bus had vertraging.',
			'Listening without judging',
			'Will you listen to me without judging?',
			'We change this',
			'Het telefoonnummer van de ouder',
			'8 out of 10',
			'Fijn gesprek.'
		]) {
			expect(all, part).toContain(part);
		}
		const pdfText = (await extractPdfText((await getConversationReportPdf({ locale: 'en', ctx, actor: professional, ...lc })).pdf)).join(
			' '
		);
		expect(pdfText).toContain('We sturen een berichtje als we later komen.');
		expect(pdfText).toContain('Our connection');
		expect(pdfText).toContain('Will you listen to me without judging?');
		expect(pdfText).toContain('Moments from the recording');
		expect(pdfText).toContain('12:34 · about Our connection');
		expect(pdfText).toContain('Hier keek je weg.');
	});

	it("a closed session feedback's report shows the participants' answers", async () => {
		const { ctx } = t;
		const fb = await buildSessionFeedback(ctx);
		await submitSessionFeedback({ ctx, actor: fb.participants[0]!, conversationId: fb.conversationId, values: feedbackOf(70) });
		const report = await getConversationReport({
			locale: 'nl',
			ctx,
			actor: fb.professional,
			collaborationId: fb.collaborationId,
			conversationId: fb.conversationId,
			format: 'html'
		});
		const ratings = report.sections.find((s) => s.key === 'ratings')?.blocks[0];
		expect(ratings).toMatchObject({ type: 'table', columns: ['Participant 1'] });
		if (ratings?.type !== 'table') throw new Error('no table');
		expect(ratings.rows.map((row) => row.header.text)).toEqual(['Gehoord en begrepen', 'Doelen en onderwerpen', 'Aanpak', 'Het gesprek']);
		expect(ratings.rows.map((row) => row.cells)).toEqual([['7'], ['7'], ['7'], ['7']]);
	});

	it('is only there once the conversation is closed', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx);
		const fb = await buildSessionFeedback(ctx, { professional: qc.professional });
		for (const [collaborationId, conversationId] of [
			[qc.collaborationId, qc.conversationId],
			[fb.collaborationId, fb.conversationId]
		] as const) {
			await expect(
				getConversationReport({ locale: 'nl', ctx, actor: qc.professional, collaborationId, conversationId, format: 'pdf' })
			).rejects.toMatchObject({ code: 'report.not_closed' });
		}
	});

	it('team leads, admins, other professionals, other organisations, participants and other collaborations get not found', async () => {
		const { ctx } = t;
		const qc = await buildClosedQuickCheck(ctx);
		const org = { organisationId: qc.professional.organisationId };
		const other = await buildClosedQuickCheck(ctx, { professional: qc.professional });
		const denied: Actor[] = [
			await buildStaff(ctx, org, { roles: ['teamLead'] }),
			await buildStaff(ctx, org, { roles: ['admin'] }),
			await buildStaff(ctx, org, { roles: ['professional'] }),
			await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional', 'admin', 'teamLead'] }),
			qc.participants[0]!,
			anonymousActor,
			systemActor
		];
		const target = { collaborationId: qc.collaborationId, conversationId: qc.conversationId };
		for (const actor of denied) {
			await expect(getConversationReport({ locale: 'nl', ctx, actor, ...target, format: 'html' })).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(getConversationReportPdf({ locale: 'nl', ctx, actor, ...target })).rejects.toMatchObject({ code: 'not_found' });
		}
		// The professional's own conversation, named under another of their collaborations.
		await expect(
			getConversationReport({
				locale: 'nl',
				ctx,
				actor: qc.professional,
				collaborationId: other.collaborationId,
				conversationId: qc.conversationId,
				format: 'html'
			})
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('every report made is audited with its format, and nothing of its content', async () => {
		const { ctx } = t;
		const qc = await buildClosedQuickCheck(ctx);
		const input = {
			ctx,
			actor: qc.professional,
			collaborationId: qc.collaborationId,
			conversationId: qc.conversationId,
			locale: 'nl' as const
		};
		await getConversationReport({ ...input, format: 'html' });
		await getConversationReportPdf(input);
		const rows = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details', 'actorId'])
			.where('targetId', '=', qc.conversationId)
			.where('action', '=', 'report.viewed')
			.execute();
		expect(rows.map((row) => JSON.parse(row.details ?? '{}').format).toSorted()).toEqual(['html', 'pdf']);
		for (const row of rows) {
			expect(row.actorId).toBe(qc.professional.userId);
			expect(row.details).not.toContain('bellen');
		}
	});
});
