import { expect, it } from 'vitest';
import { formatCalendarDate } from '#lib/i18n.ts';
import { buddiesTable, overviewTable, type TextTable } from '#lib/trajectory-report-tables.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { answerInput, buildTrajectory, type BuiltTrajectory } from '../testing/trajectory-builders.ts';
import { setParticipantFunction } from './trajectories.functions.usecases.ts';
import { saveAttendance } from './trajectories.meetings.usecases.ts';
import { pairBuddies, setParticipantStopped } from './trajectories.members.usecases.ts';
import { addBuddyEntry, setMyConsent, submitBuddyEvaluation, submitMyMomentResponse } from './trajectories.participant.usecases.ts';
import { exportMonitorCsv, exportMonitorPdf, getMonitorReport } from './trajectories.report.usecases.ts';
import { getTrajectoryForCoordinator } from './trajectories.usecases.ts';

/**
 * Seed 004's tables 1 and 2, as printed in the monitor report of "Gelijkwaardig Samenwerken"
 * (participant, consent, learning goals T1, T2, buddy evaluation; and participant, buddy
 * evaluation, explanation). The cohort below plays the seed's ten participants; participant 9
 * gave consent and withdrew it (the seed's 9 never gave it), so declined and withdrawn are both
 * covered. Where the seed kept data of people without consent (9: "Ja Ja"), the app shows only
 * "Nee": that is the point of the consent.
 */
const SEED_TABLE_1 = {
	header: ['Deelnemer', 'Toestemmingsverklaring', 'Leerdoelen T1', 'Leerdoelen T2', 'Buddy evaluatie'],
	rows: [
		['1', 'Nee', 'Nee', 'Nee', 'Nee'],
		['2', 'Ja', 'Gestopt', 'Gestopt', 'Gestopt'],
		['3', 'Ja', 'Gestopt', 'Gestopt', 'Gestopt'],
		['4', 'Ja', 'Ja', 'Ja', 'Ja'],
		['5', 'Ja', 'Nee', 'Nee', 'Ja'],
		['6', 'Ja', 'Ja', 'Ja', 'Ja'],
		['7', 'Ja', 'Ja', 'Ja', 'Via mail enkele reflecties'],
		['8', 'Ja', 'Ja', 'Ja', 'Ja'],
		['9', 'Nee', 'Ja', 'Ja', 'Nee'],
		['10', 'Ja', 'Nee', 'Ja', 'Ja']
	]
};
const SEED_TABLE_2 = {
	header: ['Proefpersoon nr.', 'Buddy evaluatie', 'Toelichting'],
	rows: [
		['1', 'Nee', 'Geen toestemming'],
		['2', 'Nee', 'Gestopt'],
		['3', 'Nee', 'Gestopt'],
		['4', 'Ja', ''],
		['5', 'Ja', ''],
		['6', 'Ja', 'Niet tussentijds uitgewisseld'],
		['7', 'Via email enkele reflecties', 'Buddy met pp 2 wel met elkaar gesproken, niet met onderzoeker.'],
		['8', 'Ja', 'Niet tussentijds uitgewisseld'],
		['9', 'Nee', 'Buddy met pp 1 (en zelf ook geen toestemming gegeven)'],
		['10', 'Ja', 'Buddy met pp 3 (geen buddy gesprek met elkaar gehad)']
	]
};

/** The seed's words for the app's columns; the app adds "Gestopt op" (table 1) and the buddy and log counts (table 2). */
const COLUMN_OF_SEED: Record<string, string> = {
	Deelnemer: 'Deelnemer',
	'Proefpersoon nr.': 'Deelnemer',
	Toestemmingsverklaring: 'Toestemming',
	'Leerdoelen T1': 'T1',
	'Leerdoelen T2': 'T2',
	'Buddy evaluatie': 'Buddy-evaluatie',
	Toelichting: 'Toelichting'
};

const DAY = 86_400_000;
const secretOf = (number: number) => `[geheim ${number}]`;

/** Sections of the report CSV: a title line, a header line, rows, an empty line. A cell is quoted when it must be (RFC 4180). */
function csvSections(csv: string): TextTable[] {
	const lines: string[][] = [];
	let row: string[] = [];
	for (const match of csv.replace(/^\uFEFF/, '').matchAll(/(?:"((?:[^"]|"")*)"|([^",\r\n]*))(,|\r\n)/gy)) {
		row.push(match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2]!);
		if (match[3] === '\r\n') {
			// A line with nothing on it ends a section.
			lines.push(row.length === 1 && match[0] === '\r\n' ? [] : row);
			row = [];
		}
	}
	const sections: TextTable[] = [];
	for (let start = 0; start < lines.length;) {
		const blank = lines.findIndex((line, index) => index >= start && line.length === 0);
		const end = blank < 0 ? lines.length : blank;
		const [title, header, ...rows] = lines.slice(start, end);
		sections.push({ id: '', title: title![0]!, header: header!, rows });
		start = end + 1;
	}
	return sections;
}

describeOnBothDatabases('trajectory monitor shaped like seed 004', (dialect) => {
	const t = useTestContext(dialect);

	/**
	 * The seed's cohort: T1 now, T2 six weeks later. 1 declines; 9 consents, answers and
	 * withdraws; 2 and 3 stop before T1; 5 fills in no moment; 10 only T2. Buddies 1+9, 2+7,
	 * 3+10, 4+5, 6+8. Everybody writes secrets, so it shows when something leaks.
	 */
	async function buildSeedCohort(): Promise<BuiltTrajectory & { stopDay: string }> {
		const built = await buildTrajectory(t.ctx, {
			participants: 10,
			moments: [
				[0, 7],
				[42, 49]
			]
		});
		const p = (number: number) => built.participants[number - 1]!;
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		for (const number of [2, 3, 4, 5, 6, 7, 8, 9, 10]) await setMyConsent({ ...input, actor: p(number).actor, agree: true });
		await setMyConsent({ ...input, actor: p(1).actor, agree: false });
		for (const [a, b] of [
			[1, 9],
			[2, 7],
			[3, 10],
			[4, 5],
			[6, 8]
		] as const) {
			await pairBuddies({ ...input, participantIds: [p(a).participantId, p(b).participantId] });
		}
		const stopDay = todayInAmsterdam(t.ctx.clock.now());
		for (const number of [2, 3]) await setParticipantStopped({ ...input, participantId: p(number).participantId, stoppedOn: stopDay });

		const answer = async (number: number, moment: number, barrier: string) =>
			submitMyMomentResponse({
				...input,
				actor: p(number).actor,
				momentId: built.momentIds[moment]!,
				input: answerInput(`Leerdoel ${secretOf(number)}`, {
					barrierPersonal: '',
					barrierOrganisation: barrier,
					resourceTeam: `Intervisie\n${secretOf(number)}`,
					explanation: secretOf(number)
				})
			});
		for (const number of [1, 4, 6, 7, 8, 9]) await answer(number, 0, number === 4 || number === 6 ? 'Werkdruk' : 'Beleidskaders');
		await addBuddyEntry({
			...input,
			actor: p(7).actor,
			input: { metOn: stopDay, topic: secretOf(7), valuable: 'yes', reflection: secretOf(7), shared: true }
		});

		t.ctx.clock.advance(42 * DAY);
		for (const number of [1, 4, 6, 7, 8, 9, 10]) await answer(number, 1, 'Werkdruk.');
		for (const [number, valuable] of [
			[4, 'yes'],
			[4, 'yes'],
			[5, 'yes'],
			[9, 'yes']
		] as const) {
			await addBuddyEntry({
				...input,
				actor: p(number).actor,
				input: { metOn: todayInAmsterdam(t.ctx.clock.now()), topic: secretOf(number), valuable, reflection: '', shared: false }
			});
		}
		for (const [number, rating, quoteAllowed] of [
			[1, 'yes', true],
			[4, 'yes', true],
			[5, 'yes', false],
			[6, 'somewhat', false],
			[7, 'yes', true],
			[8, 'no', false],
			[9, 'no', true],
			[10, 'somewhat', false]
		] as const) {
			await submitBuddyEvaluation({
				...input,
				actor: p(number).actor,
				input: { rating, whatHelped: `Opgeleverd ${secretOf(number)}`, tips: `Tip ${secretOf(number)}`, quoteAllowed }
			});
		}
		await setMyConsent({ ...input, actor: p(9).actor, agree: false });
		t.ctx.clock.advance(10 * DAY); // T2 closed
		return { ...built, stopDay };
	}

	it('the report\'s tables 1 and 2 have the seed\'s columns and a row per invited participant; without consent only "Nee" (page, CSV, PDF)', async () => {
		const built = await buildSeedCohort();
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false };
		const report = await getMonitorReport(input);
		const stopped = formatCalendarDate(built.stopDay, 'nl');

		// Table 1: the seed's columns in the seed's order, with "Gestopt op" before the buddy evaluation.
		const table1 = overviewTable(report, 'nl');
		expect(table1.header).toEqual(['Deelnemer', 'Toestemming', 'T1', 'T2', 'Gestopt op', 'Buddy-evaluatie']);
		expect(table1.header.filter((column) => column !== 'Gestopt op')).toEqual(SEED_TABLE_1.header.map((c) => COLUMN_OF_SEED[c]));
		// Row by row as the seed's, except that no consent leaves every other cell empty.
		const expected1 = SEED_TABLE_1.rows.map(([number, consent, t1, t2, evaluation]) =>
			consent === 'Nee'
				? [`Deelnemer ${number}`, 'Nee', '', '', '', '']
				: [`Deelnemer ${number}`, 'Ja', t1, t2, t1 === 'Gestopt' ? stopped : '–', evaluation!.startsWith('Via') ? 'Ja' : evaluation]
		);
		expect(table1.rows).toEqual(expected1);

		// Table 2: participant, buddy evaluation and explanation as in the seed, with the buddy and the log counts between.
		const table2 = buddiesTable(report, 'nl');
		expect(table2.header).toEqual(['Deelnemer', 'Buddy', 'Buddy-evaluatie', 'Gesprekken vastgelegd', 'Waarvan waardevol', 'Toelichting']);
		expect(table2.header.filter((c) => ['Deelnemer', 'Buddy-evaluatie', 'Toelichting'].includes(c))).toEqual(
			SEED_TABLE_2.header.map((c) => COLUMN_OF_SEED[c])
		);
		expect(table2.rows).toEqual([
			['Deelnemer 1', '', '', '', '', 'Geen toestemming'],
			['Deelnemer 2', 'Deelnemer 7', 'Gestopt', '0', '0', 'Gestopt'],
			['Deelnemer 3', 'Deelnemer 10', 'Gestopt', '0', '0', 'Gestopt'],
			['Deelnemer 4', 'Deelnemer 5', 'Ja', '2', '2', ''],
			['Deelnemer 5', 'Deelnemer 4', 'Ja', '1', '1', ''],
			['Deelnemer 6', 'Deelnemer 8', 'Ja', '0', '0', 'Geen uitwisseling vastgelegd'],
			['Deelnemer 7', 'Deelnemer 2', 'Ja', '1', '1', 'Buddy is gestopt'],
			['Deelnemer 8', 'Deelnemer 6', 'Ja', '0', '0', 'Geen uitwisseling vastgelegd'],
			['Deelnemer 9', '', '', '', '', 'Geen toestemming'],
			['Deelnemer 10', 'Deelnemer 3', 'Ja', '0', '0', 'Buddy is gestopt; Geen uitwisseling vastgelegd']
		]);
		// The seed's explanation where it is about consent or stopping is the app's too.
		for (const [number, , note] of SEED_TABLE_2.rows) {
			if (['Geen toestemming', 'Gestopt'].includes(note!)) expect(table2.rows[Number(number) - 1]![5]).toBe(note);
		}

		// The CSV holds the same two tables, cell for cell.
		const csv = (await exportMonitorCsv({ ...input, locale: 'nl' })).body;
		const sections = csvSections(csv);
		expect(sections.slice(0, 2).map(({ title, header, rows }) => ({ title, header, rows }))).toEqual(
			[table1, table2].map(({ title, header, rows }) => ({ title, header, rows }))
		);
		expect(sections[0]!.title).toBe('Tabel 1. Deelnemers, toestemming en meetmomenten');
		// One empty line between sections, none after the last: a spreadsheet shows no stray row.
		expect(csv.endsWith('\r\n') && !csv.endsWith('\r\n\r\n')).toBe(true);
		expect(sections.every((section) => section.header.length > 0 && section.title !== '')).toBe(true);

		// The PDF has the tables' titles and cells; nothing of 1 and 9 reaches any of the three.
		const pdf = await pdfText((await exportMonitorPdf({ ...input, locale: 'nl' })).body);
		for (const text of [table1.title, table2.title, 'Toestemming', 'Geen toestemming', 'Buddy is gestopt', stopped])
			expect(pdf).toContain(text);
		for (const text of [JSON.stringify(report), csv, pdf]) {
			for (const number of [1, 9]) {
				expect(text).not.toContain(secretOf(number));
				expect(text).not.toContain(built.participants[number - 1]!.actor.email);
			}
		}
		expect(csv).toContain(secretOf(4));
	});

	it('with names, a participant without consent is still only a number in tables 1 and 2', async () => {
		const built = await buildSeedCohort();
		const report = await getMonitorReport({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: true });
		const [one, , , four] = built.participants;
		expect(overviewTable(report, 'nl').rows[0]).toEqual(['Deelnemer 1', 'Nee', '', '', '', '']);
		expect(overviewTable(report, 'nl').rows[3]![0]).toBe(`${four!.actor.name} (Organisatie 4)`);
		expect(buddiesTable(report, 'nl').rows[8]).toEqual(['Deelnemer 9', '', '', '', '', 'Geen toestemming']);
		expect(JSON.stringify(report)).not.toContain(one!.actor.name);
	});

	it("the buddy evaluation is counted (Nee / Enigszins / Ja) and its texts are quoted only with the writer's consent, without names", async () => {
		const built = await buildSeedCohort();
		const input = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: true };
		const report = await getMonitorReport(input);
		// 1 declined and 9 withdrew: their ratings are not counted.
		expect(report.evaluation.counts).toEqual({ no: 1, somewhat: 2, yes: 3 });
		expect(report.evaluation.quotes).toEqual({
			whatHelped: [`Opgeleverd ${secretOf(4)}`, `Opgeleverd ${secretOf(7)}`],
			tips: [`Tip ${secretOf(4)}`, `Tip ${secretOf(7)}`]
		});
		const csv = (await exportMonitorCsv({ ...input, locale: 'nl' })).body;
		const pdf = await pdfText((await exportMonitorPdf({ ...input, locale: 'nl' })).body);
		expect(csvSections(csv).find((s) => s.title === 'Was het contact met de buddy waardevol?')?.rows).toEqual([
			['Nee', '1'],
			['Enigszins', '2'],
			['Ja', '3']
		]);
		expect(pdf).toContain(`Opgeleverd ${secretOf(7)}`);
		for (const text of [JSON.stringify(report), csv, pdf]) {
			for (const number of [5, 6, 8, 10]) expect(text).not.toContain(`Opgeleverd ${secretOf(number)}`);
		}
		// The rating of one person is never shown beside their number or name.
		expect(JSON.stringify(report.buddies)).not.toContain('somewhat');
	});

	it('barriers are counted per level and moment with the change from T1 to T2, like the seed\'s "Werkdruk (n=5)"', async () => {
		const built = await buildSeedCohort();
		const report = await getMonitorReport({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false });
		expect(report.namedCounts.positions).toEqual([1, 2]);
		// T1: 4 and 6 name "Werkdruk"; T2: 4, 6, 7, 8 and 10 (9 withdrew). 1 declined and is never counted.
		expect(report.namedCounts.barriers).toEqual([
			{ label: 'Werkdruk', level: 'organisation', perMoment: [2, 5], changes: [3] },
			{ label: 'Beleidskaders', level: 'organisation', perMoment: [2, 0], changes: [-2] }
		]);
		expect(report.namedCounts.resources).toContainEqual({ label: 'Intervisie', level: 'team', perMoment: [4, 5], changes: [1] });
		const csv = (
			await exportMonitorCsv({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false, locale: 'nl' })
		).body;
		expect(csvSections(csv).find((s) => s.title === 'Belemmeringen')).toMatchObject({
			header: ['Belemmering', 'Niveau', 'T1', 'T2', 'Verschil T1 → T2'],
			rows: [
				// A spreadsheet shows +3: the apostrophe only keeps it from being read as a formula.
				['Werkdruk', 'organisatie', '2', '5', "'+3"],
				['Beleidskaders', 'organisatie', '2', '0', '−2']
			]
		});
	});

	it('meetings report their place and how many consenting participants attended', async () => {
		const built = await buildSeedCohort();
		const view = await getTrajectoryForCoordinator({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId });
		const meetingId = view.meetings[0]!.id;
		await saveAttendance({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			meetingId,
			present: built.participants.filter((p) => p.number !== 3).map((p) => p.participantId)
		});
		const report = await getMonitorReport({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false });
		// Nine were there; 1 and 9 have no consent, so the report counts seven of the eight in the monitor.
		expect(report.meetings).toEqual([
			{
				heldOn: view.meetings[0]!.heldOn,
				title: 'Theaterlezing',
				place: 'Arnhem',
				programme: 'Theaterlezing Samenwerken met ouders',
				present: 7
			}
		]);
		const csv = (
			await exportMonitorCsv({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, showNames: false, locale: 'nl' })
		).body;
		expect(csvSections(csv).find((s) => s.title === 'Bijeenkomsten')?.rows[0]).toEqual([
			'Theaterlezing',
			formatCalendarDate(view.meetings[0]!.heldOn, 'nl'),
			'Arnhem',
			'Theaterlezing Samenwerken met ouders',
			'7 van 8'
		]);
	});

	it("the split per function shows only groups of at least the organisation's minimum group size, in page, CSV and PDF", async () => {
		async function cohort(minGroupSize: number) {
			const coordinator = await buildStaff(t.ctx, await buildOrganisation(t.ctx, { minGroupSize }), { roles: ['trajectoryCoordinator'] });
			const built = await buildTrajectory(t.ctx, { participants: 11, coordinator });
			const input = { ctx: t.ctx, actor: coordinator, trajectoryId: built.trajectoryId };
			const { functions } = await getTrajectoryForCoordinator(input);
			const worker = functions.find((f) => f.builtin === 'neighbourhoodTeamWorker')!;
			const expert = functions.find((f) => f.builtin === 'experienceExpert')!;
			for (const p of built.participants) {
				// 1–5 neighbourhood team workers, 6–10 experts by experience; 11 declines.
				await setMyConsent({ ...input, actor: p.actor, agree: p.number !== 11 });
				const functionId = p.number <= 5 ? worker.id : expert.id;
				await setParticipantFunction({ ...input, participantId: p.participantId, functionId });
				if (p.number === 1) {
					await submitMyMomentResponse({ ...input, actor: p.actor, momentId: built.momentIds[0]!, input: answerInput('doel') });
				}
			}
			return { ...input, showNames: false };
		}

		const five = await cohort(5);
		const shown = await getMonitorReport(five);
		expect(shown.byFunction).toEqual({
			minGroupSize: 5,
			hiddenGroups: 0,
			groups: [
				{
					function: { builtin: 'neighbourhoodTeamWorker', name: null },
					participants: 5,
					delivered: [1, 0, 0],
					evaluations: { no: 0, somewhat: 0, yes: 0 },
					attendances: 0
				},
				{
					function: { builtin: 'experienceExpert', name: null },
					participants: 5,
					delivered: [0, 0, 0],
					evaluations: { no: 0, somewhat: 0, yes: 0 },
					attendances: 0
				}
			]
		});
		const csvShown = (await exportMonitorCsv({ ...five, locale: 'nl' })).body;
		expect(
			csvSections(csvShown)
				.find((s) => s.title === 'Per functie')
				?.rows.map((row) => row.slice(0, 2))
		).toEqual([
			['Buurtteam- of gebiedsteamwerker (jeugd en gezin)', '5'],
			['Ervaringsdeskundige', '5']
		]);

		// The same cohort in an organisation whose minimum is 6: no function is split out.
		const six = await cohort(6);
		const hidden = await getMonitorReport(six);
		expect(hidden.byFunction).toEqual({ minGroupSize: 6, hiddenGroups: 2, groups: [] });
		const csvHidden = (await exportMonitorCsv({ ...six, locale: 'nl' })).body;
		expect(csvSections(csvHidden).find((s) => s.title === 'Per functie')?.rows).toEqual([]);
		const pdfHidden = await pdfText((await exportMonitorPdf({ ...six, locale: 'nl' })).body);
		expect(pdfHidden).toContain('Geen functie heeft genoeg deelnemers om apart te tonen.');
		expect(pdfHidden).not.toContain('Ervaringsdeskundige');
	});
});
