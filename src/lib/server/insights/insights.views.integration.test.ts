import { expect, it } from 'vitest';
import {
	closeConversation,
	saveAgreement,
	startAgreement,
	startReflection,
	submitRatings
} from '../conversations/conversations.usecases.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { buildCollaboration, buildOrganisation, buildStaff, buildTeam } from '../testing/builders.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { buildPastQuickCheck, CLIENT_TEXT } from '../testing/insights-builders.ts';
import { newId } from '../shared/tokens.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { exportCaseloadCsv, getCaseloadInsights, getCollaborationInsights, getDashboard } from './insights.usecases.ts';

const agreement = { what: 'Elke maandag bellen', who: 'both' as const, dueOn: '2100-01-31', successMeasure: 'Vier keer gebeld' };

describeOnBothDatabases('insights for the professional', (dialect) => {
	const t = useTestContext(dialect);

	async function professionalWithCollaboration(label = 'Gezin Jansen', participants = 2) {
		const admin = await buildOrganisation(t.ctx);
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const collaboration = await buildCollaboration(t.ctx, professional, { label, participants });
		const past = (
			endedAt: string,
			participantValues: (number | Record<string, number> | null)[],
			professionalValue: number | Record<string, number>
		) =>
			buildPastQuickCheck(t.ctx, {
				organisationId: admin.organisationId,
				collaborationId: collaboration.collaborationId,
				participantIds: collaboration.participantIds,
				professionalUserId: professional.userId,
				endedAt,
				participantValues,
				professionalValue,
				clientText: CLIENT_TEXT
			});
		return { admin, professional, collaboration, past };
	}

	it('the collaboration view draws a line per party over the closed conversations, with the gap and the agreements kept', async () => {
		const { admin, professional, collaboration, past } = await professionalWithCollaboration();
		await past('2026-01-10T10:00:00.000Z', [40, 60], 80);
		await past('2026-04-10T10:00:00.000Z', [70, null], 75);
		// Rated, but never revealed: the blind rule keeps it out of every view.
		await buildPastQuickCheck(t.ctx, {
			organisationId: admin.organisationId,
			collaborationId: collaboration.collaborationId,
			participantIds: collaboration.participantIds,
			professionalUserId: professional.userId,
			endedAt: '2026-05-10T10:00:00.000Z',
			participantValues: [1, 1],
			professionalValue: 1,
			phase: 'rating',
			reviews: ['notDone']
		});
		await buildPastQuickCheck(t.ctx, {
			organisationId: admin.organisationId,
			collaborationId: collaboration.collaborationId,
			participantIds: collaboration.participantIds,
			professionalUserId: professional.userId,
			endedAt: '2026-05-11T10:00:00.000Z',
			participantValues: [],
			professionalValue: 90,
			reviews: ['done', 'partly']
		});
		const insights = await getCollaborationInsights({
			locale: 'nl',
			ctx: t.ctx,
			actor: professional,
			collaborationId: collaboration.collaborationId
		});
		expect(insights.collaboration.label).toBe('Gezin Jansen');
		const [instrument] = insights.instruments;
		expect(instrument!.name).toBe('Samen Sterker');
		expect(instrument!.conversations.map((c) => c.endedAt)).toEqual([
			'2026-01-10T10:00:00.000Z',
			'2026-04-10T10:00:00.000Z',
			'2026-05-11T10:00:00.000Z'
		]);
		const omgang = instrument!.items.find((i) => i.key === 'omgang')!;
		expect(omgang.label).toBe('Omgang');
		expect(omgang.series).toEqual([
			{ key: `participant:${collaboration.participantIds[0]}`, kind: 'participant', name: 'Participant 1', values: [40, 70, null] },
			{ key: `participant:${collaboration.participantIds[1]}`, kind: 'participant', name: 'Participant 2', values: [60, null, null] },
			{ key: `professional:${professional.userId}`, kind: 'professional', name: professional.name, values: [80, 75, 90] }
		]);
		expect(omgang.gaps).toEqual([30, 5, null]);
		expect(insights.agreements).toEqual({ done: 1, partly: 1, notDone: 0 });
		expect(JSON.stringify(insights)).not.toContain('"values":[1');
	});

	it('only the professionals of the collaboration see its insights; other professionals, team leads and admins get not found', async () => {
		const { admin, professional, collaboration } = await professionalWithCollaboration();
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead', 'professional'] });
		await buildTeam(t.ctx, admin, { members: [{ userId: professional.userId }, { userId: lead.userId, role: 'lead' }] });
		const other = await buildOrganisation(t.ctx);
		for (const actor of [admin, lead, await buildStaff(t.ctx, admin), await buildStaff(t.ctx, other)]) {
			await expect(
				getCollaborationInsights({ locale: 'nl', ctx: t.ctx, actor, collaborationId: collaboration.collaborationId })
			).rejects.toMatchObject({
				code: 'not_found'
			});
		}
		await expect(
			getCollaborationInsights({ locale: 'nl', ctx: t.ctx, actor: professional, collaborationId: collaboration.collaborationId })
		).resolves.toBeTruthy();
	});

	it('a quick check closed through the usecases counts; one still being rated does not, for anyone', async () => {
		const { ctx } = t;
		ctx.clock.set('2026-02-03T09:00:00.000Z');
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		await submitRatings({ ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(30) });
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(90) });
		await startReflection({ ctx, actor: qc.professional, conversationId: qc.conversationId });
		await startAgreement({ ctx, actor: qc.professional, conversationId: qc.conversationId });
		await saveAgreement({ ctx, actor: qc.professional, conversationId: qc.conversationId, input: agreement });
		await closeConversation({ ctx, actor: qc.professional, conversationId: qc.conversationId });
		// A second collaboration of the same professional: the participant rated, nobody revealed yet.
		const running = await buildQuickCheck(ctx, { professional: qc.professional, participants: 1 });
		await submitRatings({ ctx, actor: running.participants[0]!, conversationId: running.conversationId, values: ratingsOf(0) });
		await submitRatings({ ctx, actor: qc.professional, conversationId: running.conversationId, values: ratingsOf(100) });
		ctx.clock.set('2026-05-01T09:00:00.000Z');

		const closed = await getCollaborationInsights({ locale: 'nl', ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		expect(closed.instruments[0]!.items[0]!.series.map((s) => s.values)).toEqual([[30], [90]]);
		const open = await getCollaborationInsights({ locale: 'nl', ctx, actor: qc.professional, collaborationId: running.collaborationId });
		expect(open.instruments).toEqual([]);
		const caseload = await getCaseloadInsights({ locale: 'nl', ctx, actor: qc.professional });
		expect(caseload.eyeOpener.map((i) => [i.itemKey, i.meanGap, i.conversations])).toContainEqual(['omgang', 60, 1]);
		expect(caseload.trend).toEqual([{ quarter: '2026-Q1', conversations: 1, own: 90, clients: 30, gap: 60 }]);
		const csv = (await exportCaseloadCsv({ locale: 'nl', ctx, actor: qc.professional })).csv;
		expect(csv).not.toMatch(/,(5|95)\r\n/);
		const admin = qc.admin;
		const dashboard = await getDashboard({ locale: 'nl', ctx, actor: admin, query: { from: '2026-Q1', to: '2026-Q1' } });
		expect(dashboard.quarters[0]!.items[0]!.client).toEqual({ shown: false });
	});

	it('the caseload view lists due and overdue collaborations, open agreements, and where the professional rates systematically higher', async () => {
		const { ctx } = t;
		ctx.clock.set('2026-05-15T10:00:00.000Z');
		const { admin, professional, collaboration, past } = await professionalWithCollaboration('Gezin Bakker', 1);
		for (const endedAt of ['2025-09-01T10:00:00.000Z', '2025-12-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z']) {
			await past(endedAt, [{ omgang: 70, luisteren: 50, contact: 70, plan: 70, afspraken: 70 }], {
				omgang: 70,
				luisteren: 80,
				contact: 70,
				plan: 60,
				afspraken: 70
			});
		}
		const overdue = await buildCollaboration(ctx, professional, { label: 'Te laat', nextDueOn: '2026-05-01' });
		await buildCollaboration(ctx, professional, { label: 'Later', nextDueOn: '2026-09-01' });
		await buildCollaboration(ctx, professional, { label: 'Bijna', nextDueOn: '2026-05-20' });
		await createConversationsRepository(ctx.db).insertAgreement({
			id: newId(),
			organisationId: admin.organisationId,
			collaborationId: overdue.collaborationId,
			conversationId: (await past('2026-04-20T10:00:00.000Z', [null], 50)).conversationId,
			what: 'Samen naar school bellen',
			who: 'both',
			whoOther: null,
			dueOn: '2026-06-01',
			successMeasure: 'Gebeld',
			status: 'open',
			carriedOverFrom: null,
			createdAt: '2026-04-20T10:00:00.000Z'
		});
		const caseload = await getCaseloadInsights({ locale: 'nl', ctx, actor: professional });
		expect(caseload.due.map((d) => [d.label, d.dueState])).toEqual([
			['Te laat', 'overdue'],
			['Bijna', 'due']
		]);
		expect(caseload.openAgreements).toEqual([
			expect.objectContaining({
				collaborationId: overdue.collaborationId,
				label: 'Te laat',
				what: 'Samen naar school bellen',
				dueOn: '2026-06-01'
			})
		]);
		const luisteren = caseload.eyeOpener.find((i) => i.itemKey === 'luisteren')!;
		expect(luisteren).toEqual({
			instrumentKey: 'samenSterker',
			itemKey: 'luisteren',
			label: 'Luisteren',
			meanGap: 30,
			conversations: 3,
			above: 3,
			systematic: true
		});
		expect(caseload.eyeOpener[0]!.itemKey).toBe('luisteren');
		expect(caseload.eyeOpener.find((i) => i.itemKey === 'plan')).toMatchObject({ meanGap: -10, systematic: false });
		expect(caseload.trend.map((q) => q.quarter)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
		expect(collaboration.label).toBe('Gezin Bakker');
		// Private: nobody else reaches it, not even an admin.
		await expect(getCaseloadInsights({ locale: 'nl', ctx, actor: admin })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the professional’s CSV has their ratings under pseudonymous labels, participants numbered, formulas neutralised; none is a clear answer', async () => {
		const { professional, past } = await professionalWithCollaboration('=HYPERLINK("http://x")', 2);
		await expect(exportCaseloadCsv({ locale: 'nl', ctx: t.ctx, actor: professional })).rejects.toMatchObject({
			code: 'insights.nothing_to_export'
		});
		await past('2026-01-10T10:00:00.000Z', [40, 60], 80);
		const { csv, fileName } = await exportCaseloadCsv({ locale: 'nl', ctx: t.ctx, actor: professional });
		expect(fileName).toMatch(/^tweespraak-\d{4}-\d{2}-\d{2}\.csv$/);
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('Samenwerking,Datum,Vragenlijst,Vraag,Wie,Beoordeling (getal),Antwoord,Schaal,Op papier ingevuld op');
		expect(lines).toHaveLength(1 + 15);
		// On the 0–10 line the answers were given on, with the words of that scale.
		const range = 'van 0 (ontevreden) tot 10 (tevreden)';
		expect(lines).toContain(`"'=HYPERLINK(""http://x"")",2026-01-10,Samen Sterker,Omgang,Deelnemer 1,4,4 van 10,${range},`);
		expect(lines).toContain(`"'=HYPERLINK(""http://x"")",2026-01-10,Samen Sterker,Omgang,Ik (professional),8,8 van 10,${range},`);
		expect(csv).not.toContain('Participant 1');
		expect(csv).not.toContain(CLIENT_TEXT);
		const other = await buildStaff(t.ctx, { organisationId: professional.organisationId });
		await expect(exportCaseloadCsv({ locale: 'nl', ctx: t.ctx, actor: other })).rejects.toMatchObject({
			code: 'insights.nothing_to_export'
		});
	});

	it('the professional’s CSV is worded in the language of the request, not their stored one: English headings and answers for a Dutch-stored professional on an English page', async () => {
		const { professional, past } = await professionalWithCollaboration('Gezin Jansen', 1);
		expect(professional.locale).toBe('nl');
		await past('2026-01-10T10:00:00.000Z', [40], 80);
		const english = await exportCaseloadCsv({ locale: 'en', ctx: t.ctx, actor: professional });
		const lines = english.csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('Collaboration,Date,Questionnaire,Question,Who,Rating (number),Answer,Scale,Filled in on paper on');
		const range = 'from 0 (not satisfied) to 10 (satisfied)';
		expect(lines).toContain(
			`Gezin Jansen,2026-01-10,Samen Sterker (Stronger Together),Getting along,Participant 1,4,4 out of 10,${range},`
		);
		expect(lines).toContain(
			`Gezin Jansen,2026-01-10,Samen Sterker (Stronger Together),Getting along,Me (professional),8,8 out of 10,${range},`
		);
		expect(english.csv).not.toContain('Deelnemer 1');
		expect(english.fileName).toMatch(/^tweespraak-\d{4}-\d{2}-\d{2}\.csv$/);
		// The same professional on a Dutch page.
		const dutch = await exportCaseloadCsv({ locale: 'nl', ctx: t.ctx, actor: professional });
		expect(dutch.csv.replace('\uFEFF', '').split('\r\n')[0]).toBe(
			'Samenwerking,Datum,Vragenlijst,Vraag,Wie,Beoordeling (getal),Antwoord,Schaal,Op papier ingevuld op'
		);
	});
});
