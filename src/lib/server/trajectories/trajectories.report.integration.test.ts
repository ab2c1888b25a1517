import { expect, it } from 'vitest';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { answerInput, buildTrajectory, type BuiltTrajectory } from '../testing/trajectory-builders.ts';
import { addBuddyEntry, setMyConsent, submitBuddyEvaluation, submitMyMomentResponse } from './trajectories.participant.usecases.ts';
import { pairBuddies, setParticipantStopped } from './trajectories.members.usecases.ts';
import { exportMonitorCsv, exportMonitorPdf, getMonitorReport } from './trajectories.report.usecases.ts';

describeOnBothDatabases('trajectory monitor report', (dialect) => {
	const t = useTestContext(dialect);

	/** Four participants answer T1 with recognisable words: 1 consents, 2 declines, 3 never answers consent, 4 consents. */
	async function buildCohort(): Promise<BuiltTrajectory> {
		const built = await buildTrajectory(t.ctx, { participants: 4 });
		const [one, two, , four] = built.participants;
		await setMyConsent({ ctx: t.ctx, actor: one!.actor, trajectoryId: built.trajectoryId, agree: true });
		await setMyConsent({ ctx: t.ctx, actor: two!.actor, trajectoryId: built.trajectoryId, agree: false });
		await setMyConsent({ ctx: t.ctx, actor: four!.actor, trajectoryId: built.trajectoryId, agree: true });
		for (const p of built.participants) {
			await submitMyMomentResponse({
				ctx: t.ctx,
				actor: p.actor,
				trajectoryId: built.trajectoryId,
				momentId: built.momentIds[0]!,
				input: answerInput(`doel-van-${p.number}`, { explanation: `uitleg-van-${p.number}` })
			});
		}
		return built;
	}

	const shownOf = (built: BuiltTrajectory, number: number) => {
		const p = built.participants[number - 1]!;
		return [`doel-van-${number}`, `uitleg-van-${number}`, `werkdruk (doel-van-${number})`, p.actor.name];
	};
	const secretsOf = (built: BuiltTrajectory, number: number) => [...shownOf(built, number), built.participants[number - 1]!.actor.email];

	it('of participants without consent only the number is in the report, the CSV and the PDF, even with names shown', async () => {
		const built = await buildCohort();
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: true };
		const report = await getMonitorReport(input);
		expect(report.overview.map((row) => [row.number, row.consent])).toEqual([
			[1, 'yes'],
			[2, 'no'],
			[3, 'no'],
			[4, 'yes']
		]);
		expect(report.goals.map((row) => row.number)).toEqual([1, 4]);
		expect(report.totals).toEqual({ participants: 4, consenting: 2 });
		const csv = (await exportMonitorCsv({ ...input, locale: 'nl' })).body;
		const pdf = await pdfText((await exportMonitorPdf({ ...input, locale: 'nl' })).body);
		const page = JSON.stringify(report);
		for (const text of [page, csv, pdf]) {
			for (const shown of [...shownOf(built, 1), ...shownOf(built, 4)]) expect(text).toContain(shown);
			for (const secret of [...secretsOf(built, 2), ...secretsOf(built, 3)]) expect(text).not.toContain(secret);
		}
	});

	it('participant numbers replace names unless the coordinator chooses names', async () => {
		const built = await buildCohort();
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false };
		const report = await getMonitorReport(input);
		const csv = (await exportMonitorCsv({ ...input, locale: 'nl' })).body;
		const pdf = await pdfText((await exportMonitorPdf({ ...input, locale: 'nl' })).body);
		const { name, email } = built.participants[0]!.actor;
		for (const text of [JSON.stringify(report), csv, pdf]) {
			expect(text).not.toContain(name);
			expect(text).not.toContain(email);
			expect(text).not.toContain('Organisatie 1');
		}
		expect(csv).toContain('Deelnemer 1');
		expect(pdf).toContain('Deelnemer 1');
	});

	it('a withdrawal removes that person from the next report and export', async () => {
		const built = await buildCohort();
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: true };
		const consenting = (report: Awaited<ReturnType<typeof getMonitorReport>>) =>
			report.overview.filter((row) => row.consent === 'yes').map((row) => row.number);
		expect(consenting(await getMonitorReport(input))).toEqual([1, 4]);
		await setMyConsent({ ctx: t.ctx, actor: built.participants[3]!.actor, trajectoryId: built.trajectoryId, agree: false });
		const report = await getMonitorReport(input);
		expect(consenting(report)).toEqual([1]);
		expect(report.overview[3]).toEqual({
			number: 4,
			name: null,
			organisationName: null,
			function: null,
			consent: 'no',
			moments: null,
			stoppedOn: null,
			buddyEvaluation: null
		});
		const csv = (await exportMonitorCsv({ ...input, locale: 'en' })).body;
		const pdf = await pdfText((await exportMonitorPdf({ ...input, locale: 'en' })).body);
		for (const text of [JSON.stringify(report), csv, pdf]) {
			for (const secret of secretsOf(built, 4)) expect(text).not.toContain(secret);
		}
	});

	it('the overview shows delivered, missing and stopped per moment, and the buddy evaluation (table 1)', async () => {
		const built = await buildCohort();
		const [one, , , four] = built.participants;
		await pairBuddies({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			participantIds: [one!.participantId, four!.participantId]
		});
		await submitBuddyEvaluation({
			ctx: t.ctx,
			actor: one!.actor,
			trajectoryId: built.trajectoryId,
			input: { rating: 'yes', whatHelped: '', tips: '', quoteAllowed: false }
		});
		await addBuddyEntry({
			ctx: t.ctx,
			actor: one!.actor,
			trajectoryId: built.trajectoryId,
			input: { metOn: '2026-01-10', topic: 'casus', valuable: 'yes', reflection: 'privé-reflectie', shared: false }
		});
		const stopDay = todayInAmsterdam(t.ctx.clock.now());
		await setParticipantStopped({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			participantId: four!.participantId,
			stoppedOn: stopDay
		});
		t.ctx.clock.advance(10 * 86_400_000); // T1 closed, T2 not open yet
		const report = await getMonitorReport({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false });
		expect(report.overview).toEqual([
			expect.objectContaining({ number: 1, moments: ['delivered', 'upcoming', 'upcoming'], stoppedOn: null, buddyEvaluation: 'yes' }),
			expect.objectContaining({ number: 2, consent: 'no', moments: null }),
			expect.objectContaining({ number: 3, consent: 'no', moments: null }),
			expect.objectContaining({ number: 4, moments: ['delivered', 'stopped', 'stopped'], stoppedOn: stopDay, buddyEvaluation: 'stopped' })
		]);
		expect(report.pairs).toEqual([
			expect.objectContaining({
				number: 1,
				entries: 1,
				valuableEntries: 1,
				members: [expect.objectContaining({ number: 1 }), expect.objectContaining({ number: 4 })]
			})
		]);
		// The buddy log's text never reaches the coordinator.
		expect(JSON.stringify(report)).not.toContain('privé-reflectie');
	});

	it('a buddy pair with a participant without consent shows only the consenting buddy', async () => {
		const built = await buildCohort();
		const [one, two] = built.participants;
		await pairBuddies({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			participantIds: [one!.participantId, two!.participantId]
		});
		await addBuddyEntry({
			ctx: t.ctx,
			actor: two!.actor,
			trajectoryId: built.trajectoryId,
			input: { metOn: '2026-01-10', topic: 'x', valuable: 'yes', reflection: '', shared: true }
		});
		const report = await getMonitorReport({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false });
		expect(report.pairs).toEqual([expect.objectContaining({ members: [expect.objectContaining({ number: 1 })], entries: 0 })]);
	});

	it('counts per scale per moment, with unanswered questions as no response', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 3,
			moments: [
				[-20, -10],
				[0, 5]
			]
		});
		// Questions of the default template start at T2.
		for (const [index, p] of built.participants.entries()) {
			await setMyConsent({ ctx: t.ctx, actor: p.actor, trajectoryId: built.trajectoryId, agree: true });
			const answers: Record<string, string> = index === 2 ? {} : { applied: index === 0 ? 'yes' : 'somewhat', familyChange: 'aLittle' };
			await submitMyMomentResponse({
				ctx: t.ctx,
				actor: p.actor,
				trajectoryId: built.trajectoryId,
				momentId: built.momentIds[1]!,
				input: answerInput('doel', { answers })
			});
		}
		const report = await getMonitorReport({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false });
		const applied = report.scales.find((scale) => scale.key === 'applied')!;
		expect(applied.perMoment).toEqual([{ position: 2, counts: { no: 0, somewhat: 1, yes: 1 }, noResponse: 1 }]);
		const family = report.scales.find((scale) => scale.key === 'familyChange')!;
		expect(family.perMoment[0]!.counts).toEqual({ not: 0, aLittle: 2, somewhat: 0, largely: 0 });
		// All three named the same barrier at T2: one item, n=3.
		expect(report.namedCounts.barriers).toEqual([{ label: 'werkdruk (doel)', level: 'personal', perMoment: [0, 3], changes: [3] }]);
	});

	it('a CSV cell that a spreadsheet would run as a formula is kept as text', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const [p] = built.participants;
		await setMyConsent({ ctx: t.ctx, actor: p!.actor, trajectoryId: built.trajectoryId, agree: true });
		await submitMyMomentResponse({
			ctx: t.ctx,
			actor: p!.actor,
			trajectoryId: built.trajectoryId,
			momentId: built.momentIds[0]!,
			input: answerInput('=HYPERLINK("http://evil.example","klik")')
		});
		const { body } = await exportMonitorCsv({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			showNames: false,
			locale: 'nl'
		});
		expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
		expect(body).not.toMatch(/(^|,)"=HYPERLINK/m);
	});
});
