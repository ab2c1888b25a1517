import { expect, it } from 'vitest';
import { buildCollaboration, buildOrganisation, buildStaff, buildTeam } from '../testing/builders.ts';
import { buildPastQuickCheck, CLIENT_TEXT } from '../testing/insights-builders.ts';
import { BUILT_AT, buildInsightsWorld, buildMinimumFlipWorld, IN_Q1, NOW, type InsightsWorld } from '../testing/insights-world.ts';
import { getOrganisationSettings, updateOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import type { QuarterFigures } from './insights.models.ts';
import { exportDashboardCsv, getDashboard } from './insights.usecases.ts';

const OMGANG = { instrumentKey: 'samenSterker', itemKey: 'omgang' };
const item = (q: QuarterFigures) => q.items.find((i) => i.instrumentKey === OMGANG.instrumentKey && i.itemKey === OMGANG.itemKey)!;
const q1 = { from: '2026-Q1', to: '2026-Q1' };

describeOnBothDatabases('insights dashboards', (dialect) => {
	const t = useTestContext(dialect);

	async function world(options: { minGroupSize?: number } = {}): Promise<InsightsWorld> {
		t.ctx.clock.set(BUILT_AT);
		const built = await buildInsightsWorld(t.ctx, options);
		t.ctx.clock.set(NOW);
		return built;
	}

	it('an admin sees the organisation and every team; the figures are the averages of closed conversations only', async () => {
		const w = await world();
		const dashboard = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: q1 });
		expect(dashboard.canSeeOrganisation).toBe(true);
		expect(dashboard.teams.map((team) => team.name)).toEqual(['Klein', 'Noord', 'Zuid']);
		expect(dashboard.scope).toEqual({ kind: 'organisation', name: null });
		const [quarter] = dashboard.quarters;
		expect(item(quarter!)).toEqual({
			...OMGANG,
			label: 'Omgang',
			// (330 + 560 + 6 + 30) / 18 and (420 + 525 + 194 + 270) / 18
			client: { shown: true, value: 51, collaborations: 18 },
			professional: { shown: true, value: 78, collaborations: 18 },
			gap: { shown: true, value: 27, collaborations: 18 }
		});
		expect(quarter!.coverage).toEqual({ shown: true, value: 100, collaborations: 18 });
		expect(quarter!.agreements).toEqual({ shown: true, done: 15, partly: 6, notDone: 0, doneShare: 71, collaborations: 15 });

		const north = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: { ...q1, team: w.north.teamId } });
		// The running and the abandoned quick check rated everything 0; they count nowhere.
		expect(item(north.quarters[0]!)).toMatchObject({ client: { shown: true, value: 55 }, professional: { shown: true, value: 70 } });
	});

	it('a team lead sees only the teams they lead; any other team, of theirs or another organisation, is not found', async () => {
		const w = await world();
		const other = await buildOrganisation(t.ctx);
		const foreignTeam = await buildTeam(t.ctx, other);
		const own = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.northLead, query: q1 });
		expect(own.teams).toEqual([{ id: w.north.teamId, name: 'Noord' }]);
		expect(own.canSeeOrganisation).toBe(false);
		expect(own.scope).toEqual({ kind: 'team', teamId: w.north.teamId, name: 'Noord' });
		expect(item(own.quarters[0]!).client).toEqual({ shown: true, value: 55, collaborations: 6 });
		for (const team of [w.south.teamId, w.small.teamId, foreignTeam.teamId, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
			await expect(getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.northLead, query: { team } }), team).rejects.toMatchObject({
				code: 'insights.unknown_team',
				status: 404
			});
		}
		await expect(getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: { team: foreignTeam.teamId } })).rejects.toMatchObject({
			code: 'insights.unknown_team'
		});
		// A professional and a team lead without a team see no dashboard at all.
		await expect(getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.northProfessional, query: {} })).rejects.toMatchObject({
			code: 'not_found'
		});
		const idle = await buildStaff(t.ctx, w.admin, { roles: ['teamLead'] });
		expect(await getDashboard({ locale: 'nl', ctx: t.ctx, actor: idle, query: {} })).toMatchObject({
			scope: null,
			quarters: [],
			teams: []
		});
	});

	it('a small team shows te weinig gegevens, and organisation minus the shown teams never isolates it (minimum 6)', async () => {
		const w = await world({ minGroupSize: 6 });
		const read = async (team?: string) =>
			item((await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: { ...q1, team } })).quarters[0]!).client;
		const organisation = await read();
		const teams = { north: await read(w.north.teamId), south: await read(w.south.teamId), small: await read(w.small.teamId) };
		expect(teams.small).toEqual({ shown: false });
		// Klein (2) and the three collaborations in no team make 5 < 6: Noord, the smallest team, is hidden with them.
		expect(teams.north).toEqual({ shown: false });
		expect(teams.south).toMatchObject({ shown: true, collaborations: 7 });
		expect(organisation).toMatchObject({ shown: true, collaborations: 18 });
		const subtractable = 18 - 7;
		expect(subtractable).toBeGreaterThanOrEqual(6);
		// The lead of Noord sees the same pattern an admin sees.
		const lead = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.northLead, query: q1 });
		expect(item(lead.quarters[0]!).client).toEqual({ shown: false });
	});

	it('raising the minimum group size from 5 to 6 and back never shows a team beside a total it could be subtracted from (issue 11)', async () => {
		t.ctx.clock.set(BUILT_AT);
		const { admin, groot } = await buildMinimumFlipWorld(t.ctx, { endedAt: IN_Q1 });
		t.ctx.clock.set(NOW);
		const setMinimum = async (minGroupSize: number) => {
			const settings = await getOrganisationSettings({ ctx: t.ctx, actor: admin });
			await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...settings, minGroupSize } });
		};
		const read = async (team?: string) =>
			item((await getDashboard({ locale: 'nl', ctx: t.ctx, actor: admin, query: { ...q1, team } })).quarters[0]!);
		const seen: { organisation: boolean; groot: boolean }[] = [];
		const look = async () => {
			const [organisation, team] = [await read(), await read(groot.teamId)];
			seen.push({ organisation: organisation.client.shown, groot: team.client.shown });
			return { organisation, team };
		};

		const first = await look();
		expect(first.organisation.client).toEqual({ shown: true, value: 50, collaborations: 10 });
		expect(first.team.client).toEqual({ shown: false });
		await setMinimum(6);
		const stricter = await look();
		// Under 6 alone Groot would be shown: organisation (seen under 5) minus Groot would give Klein's 4.
		expect(stricter.team.client).toEqual({ shown: false });
		expect(stricter.organisation.client).toEqual({ shown: false });
		await setMinimum(5);
		await look();
		expect(seen.some((s) => s.organisation) && seen.some((s) => s.groot)).toBe(false);
		// Hidden once, hidden for good: lowering the minimum again shows nothing that was hidden.
		expect(seen.at(-1)).toEqual({ organisation: false, groot: false });
	});

	it('a quarter summarised before its shown figures were stored is published at its next read, and never widens after', async () => {
		t.ctx.clock.set(BUILT_AT);
		const { admin, groot } = await buildMinimumFlipWorld(t.ctx, { endedAt: IN_Q1 });
		t.ctx.clock.set(NOW);
		await getDashboard({ locale: 'nl', ctx: t.ctx, actor: admin, query: q1 });
		// As migration 0011 finds it: summarised, nothing decided.
		await t.ctx.db.deleteFrom('insightsShownFigures').where('organisationId', '=', admin.organisationId).execute();
		await t.ctx.db.updateTable('insightsQuarters').set({ minGroupSize: null }).where('organisationId', '=', admin.organisationId).execute();
		const settings = await getOrganisationSettings({ ctx: t.ctx, actor: admin });
		await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...settings, minGroupSize: 6 } });
		const team = async () =>
			item((await getDashboard({ locale: 'nl', ctx: t.ctx, actor: admin, query: { ...q1, team: groot.teamId } })).quarters[0]!);
		expect((await team()).client).toMatchObject({ shown: true, collaborations: 6 });
		await updateOrganisationSettings({ ctx: t.ctx, actor: admin, input: { ...settings, minGroupSize: 5 } });
		// Published under 6: lowering the minimum does not bring the organisation figure back beside Groot.
		expect(item((await getDashboard({ locale: 'nl', ctx: t.ctx, actor: admin, query: q1 })).quarters[0]!).client).toEqual({ shown: false });
		expect((await team()).client).toMatchObject({ shown: true, collaborations: 6 });
	});

	it('every period is a whole quarter on offer: anything else is refused, and a quarter reads the same in every range', async () => {
		const w = await world();
		const dashboard = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: {} });
		expect(dashboard.availableQuarters).toEqual(['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
		expect([dashboard.from, dashboard.to]).toEqual(['2025-Q2', '2026-Q1']);
		const wide = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: { from: '2025-Q3', to: '2026-Q1' } });
		expect(wide.quarters.at(-1)).toEqual(dashboard.quarters.at(-1));
		expect(wide.quarters[0]!.coverage).toEqual({ shown: false });
		for (const query of [
			{ from: '2026-Q2' },
			{ to: '2026-Q2' },
			{ from: '2027-Q1' },
			{ from: '2024-Q1' },
			{ from: '2026-Q1', to: '2025-Q4' },
			{ from: 'gisteren' },
			{ to: '2026-Q5' }
		]) {
			await expect(getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query }), JSON.stringify(query)).rejects.toMatchObject({
				code: 'insights.invalid_period',
				status: 400
			});
		}
	});

	it('a completed quarter is summarised once and never changes, so no figure can be compared with an earlier version of itself', async () => {
		const w = await world();
		const before = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: q1 });
		const holder = await buildStaff(t.ctx, w.admin);
		const late = await buildCollaboration(t.ctx, holder);
		await buildPastQuickCheck(t.ctx, {
			organisationId: w.admin.organisationId,
			collaborationId: late.collaborationId,
			participantIds: late.participantIds,
			professionalUserId: holder.userId,
			endedAt: IN_Q1,
			participantValues: [0],
			professionalValue: 0
		});
		const after = await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: q1 });
		expect(after.quarters).toEqual(before.quarters);
	});

	it('no dashboard or export holds a client label, free text, an id or a figure resting on fewer collaborations than the minimum', async () => {
		const w = await world();
		const outputs: string[] = [];
		for (const [actor, team] of [
			[w.admin, undefined],
			[w.admin, w.north.teamId],
			[w.admin, w.south.teamId],
			[w.admin, w.small.teamId],
			[w.northLead, undefined],
			[w.southLead, undefined]
		] as const) {
			const query = { ...q1, team };
			const dashboard = await getDashboard({ locale: 'nl', ctx: t.ctx, actor, query });
			for (const figure of dashboard.quarters.flatMap((q) => [
				q.coverage,
				q.agreements,
				...q.items.flatMap((i) => [i.client, i.professional, i.gap])
			])) {
				if (figure.shown) expect(figure.collaborations).toBeGreaterThanOrEqual(5);
			}
			outputs.push(JSON.stringify(dashboard));
			try {
				outputs.push((await exportDashboardCsv({ locale: 'nl', ctx: t.ctx, actor, query })).csv);
			} catch (error) {
				expect(error).toMatchObject({ code: 'insights.nothing_to_export' });
			}
		}
		const serialized = outputs.join('\n');
		for (const secret of [...w.labels, ...w.collaborationIds, CLIENT_TEXT, 'Participant 1']) expect(serialized).not.toContain(secret);
		// Klein's ratings (3 and 97) are distinctive: no figure carries them.
		expect(serialized).not.toMatch(/"value":(3|97)\b/);
		// The CSV shows ratings on the 0–10 line: 3 and 97 would read 0.3 and 9.7.
		expect(serialized.match(/^.*(Cliënten|Professionals),(3|97|0\.3|9\.7),.*$/m)?.[0]).toBeUndefined();
		expect(serialized).toContain('te weinig gegevens');
	});

	it('the CSV export has the dashboard’s figures; a period without figures is a clear answer, not an empty file', async () => {
		const w = await world();
		const { csv, fileName } = await exportDashboardCsv({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: q1 });
		expect(fileName).toBe('tweespraak-organisation-2026-Q1-2026-Q1.csv');
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('Kwartaal,Team of organisatie,Onderwerp,Wie of wat,Waarde,Aantal samenwerkingen,Schaal');
		// Ratings on the 0–10 line they were given on; the gap is the difference of the two figures shown.
		const figureOf = (group: string) => Number(lines.find((l) => l.startsWith(`2026-Q1,Hele organisatie,Omgang,${group},`))?.split(',')[4]);
		expect(lines).toContain('2026-Q1,Hele organisatie,Omgang,Cliënten,5.1,18,0-10');
		expect(figureOf('Verschil')).toBeCloseTo(figureOf('Professionals') - figureOf('Cliënten'), 10);
		expect(figureOf('Verschil')).toBeGreaterThan(2);
		const small = await exportDashboardCsv({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: { ...q1, team: w.north.teamId } });
		expect(small.csv).toContain('2026-Q1,Noord,Afspraken nagekomen,Gelukt,te weinig gegevens,');
		await expect(
			exportDashboardCsv({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: { from: '2025-Q1', to: '2025-Q2' } })
		).rejects.toMatchObject({
			code: 'insights.nothing_to_export'
		});
		const empty = await buildTeam(t.ctx, w.admin, { name: 'Leeg', members: [{ userId: w.northLead.userId, role: 'lead' }] });
		await expect(exportDashboardCsv({ locale: 'nl', ctx: t.ctx, actor: w.northLead, query: { team: empty.teamId } })).rejects.toMatchObject(
			{
				code: 'insights.nothing_to_export'
			}
		);
	});

	it('the CSV export is worded in the language of the request, not the reader’s stored one: English headings for a Dutch-stored admin on an English page', async () => {
		const w = await world();
		expect(w.admin.locale).toBe('nl');
		const english = await exportDashboardCsv({ locale: 'en', ctx: t.ctx, actor: w.admin, query: q1 });
		const lines = english.csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('Quarter,Team or organisation,Subject,Who or what,Value,Number of collaborations,Scale');
		expect(lines).toContain('2026-Q1,Whole organisation,Getting along,Clients,5.1,18,0-10');
		expect(english.csv).not.toContain('Hele organisatie');
		expect(english.fileName).toBe('tweespraak-organisation-2026-Q1-2026-Q1.csv');
		// The same admin on a Dutch page.
		const dutch = await exportDashboardCsv({ locale: 'nl', ctx: t.ctx, actor: w.admin, query: q1 });
		expect(dutch.csv.replace('\uFEFF', '').split('\r\n')[0]).toBe(
			'Kwartaal,Team of organisatie,Onderwerp,Wie of wat,Waarde,Aantal samenwerkingen,Schaal'
		);
	});

	it('viewing and exporting are audited with the scope, never with figures or names', async () => {
		const w = await world();
		await getDashboard({ locale: 'nl', ctx: t.ctx, actor: w.northLead, query: q1 });
		const events = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'targetType', 'targetId', 'details'])
			.where('organisationId', '=', w.admin.organisationId)
			.where('action', 'like', 'insights.%')
			.execute();
		expect(events).toEqual([
			{
				action: 'insights.dashboard_viewed',
				targetType: 'team',
				targetId: w.north.teamId,
				details: JSON.stringify({ scope: 'team', from: '2026-Q1', to: '2026-Q1' })
			}
		]);
	});
});
