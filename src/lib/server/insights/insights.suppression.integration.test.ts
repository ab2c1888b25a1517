import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StaffActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { Dialect } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { getOrganisationSettings, updateOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { isDomainError, type DomainErrorCode } from '../shared/errors.ts';
import { changeRoles } from '../staff/staff.usecases.ts';
import { createTeam, removeTeamMember, setTeamMember } from '../teams/teams.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, buildTeam } from '../testing/builders.ts';
import { buildPastQuickCheck } from '../testing/insights-builders.ts';
import { persistentDatabase } from '../testing/persistent-database.ts';
import { describeOnBothDatabases } from '../testing/test-context.ts';
import { dashboardCsvRows } from './insights.export.ts';
import { toCsv } from '../shared/csv.ts';
import { agreementMeasure, COVERAGE_MEASURE, OUTCOMES, ratingMeasure, type Figure, type QuarterFigures } from './insights.models.ts';
import { combineGroups, isSafeGroup, NO_TEAM, type GroupSize } from './insights.policy.ts';
import { completedQuarters } from './insights.quarters.ts';
import { exportDashboardCsv, getDashboard, type Dashboard } from './insights.dashboard.usecases.ts';

/**
 * Issue 11, hole 1: no sequence of setting changes, period choices, team changes, role changes
 * or restarts may let anyone derive a figure that was ever suppressed. fast-check builds a small
 * organisation (teams of a few holders, some in no team, two quarters of quick checks) and plays
 * a random sequence of those actions through the real usecases, recording every dashboard and
 * CSV export anyone was shown. After each action it checks, from the views alone and the frozen
 * cells in the database, that
 *   - a figure is that quarter's cell, the same every time (no period figure sums quarters);
 *   - a figure once shown as hidden is never shown again (what is visible only shrinks);
 *   - the organisation figure minus every team figure anyone ever saw leaves nothing, or a
 *     group that was safe under the minimum group size the quarter was first shown with.
 * "Restart" closes the database and opens it again: nothing kept in memory may widen a view.
 */

const BUILT_AT = '2025-12-01T09:00:00.000Z';
/** 2026-Q1 has ended; 2026-Q2 is running. */
const FIRST_NOW = '2026-05-15T10:00:00.000Z';
/** After "advance": 2026-Q2 has ended too. */
const LATER_NOW = '2026-08-15T10:00:00.000Z';
const IN_Q1 = '2026-02-10T10:00:00.000Z';
const IN_Q2 = '2026-05-20T10:00:00.000Z';
/** Random organisations per database (PostgreSQL is slower per run); more with INSIGHTS_PROPERTY_RUNS. */
const runsOn = (dialect: Dialect) => Number(process.env.INSIGHTS_PROPERTY_RUNS ?? (dialect === 'postgres' ? 6 : 12));

interface CellRow extends GroupSize {
	teamId: string;
	valueCount: number;
	valueSum: number;
}

type Command =
	| { kind: 'setMinimum'; k: number }
	| { kind: 'view'; viewer: number; team: number | null; from: number; span: number; csv: boolean }
	| { kind: 'survey'; from: number; span: number }
	| { kind: 'move'; holder: number; team: number | null }
	| { kind: 'newTeam'; holder: number }
	| { kind: 'lead'; person: number; team: number }
	| { kind: 'toggleAdmin' }
	| { kind: 'restart' }
	| { kind: 'advance' };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('setMinimum' as const), k: fc.integer({ min: 5, max: 8 }) }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('survey' as const), from: fc.nat(2), span: fc.nat(2) }) },
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('view' as const),
			viewer: fc.nat(20),
			team: fc.option(fc.nat(10), { freq: 3 }),
			from: fc.nat(2),
			span: fc.nat(2),
			csv: fc.boolean()
		})
	},
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), holder: fc.nat(30), team: fc.option(fc.nat(10), { freq: 4 }) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('newTeam' as const), holder: fc.nat(30) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('lead' as const), person: fc.nat(30), team: fc.nat(10) }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'toggleAdmin' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'advance' as const }) }
);

/** Per team, how many collaborations each holder has; small, so groups sit around the minimum. */
const worldArb = fc.record({
	teams: fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
	loners: fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 }),
	k: fc.integer({ min: 5, max: 7 })
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

describeOnBothDatabases('insights: no sequence of changes lets anyone derive a suppressed figure', (dialect) => {
	const database = persistentDatabase(dialect);
	let ctx: AppContext;
	beforeAll(async () => {
		ctx = await database.open();
	});
	afterAll(async () => {
		await ctx?.database.destroy();
		await database.drop();
	});

	async function buildWorld(spec: World) {
		database.clock.set(BUILT_AT);
		const admin = await buildOrganisation(ctx, { minGroupSize: spec.k });
		const organisationId = admin.organisationId;
		const secondAdmin = await buildStaff(ctx, admin, { roles: ['admin'] });
		const people = new Map<string, Role[]>([
			[admin.userId, ['admin']],
			[secondAdmin.userId, ['admin']]
		]);
		const teamsOf = new Map<string, Set<string>>();
		const teams: string[] = [];
		const holders: string[] = [];
		let n = 0;
		const holderWith = async (collaborations: number) => {
			const holder = await buildStaff(ctx, admin, { roles: ['professional'] });
			people.set(holder.userId, ['professional']);
			teamsOf.set(holder.userId, new Set());
			holders.push(holder.userId);
			for (let c = 0; c < collaborations; c++) {
				n += 1;
				const collaboration = await buildCollaboration(ctx, holder);
				for (const endedAt of n % 3 === 0 ? [IN_Q1] : [IN_Q1, IN_Q2]) {
					await buildPastQuickCheck(ctx, {
						organisationId,
						collaborationId: collaboration.collaborationId,
						participantIds: collaboration.participantIds,
						professionalUserId: holder.userId,
						endedAt,
						participantValues: [(n * 37) % 101],
						professionalValue: (n * 53) % 101,
						reviews: n % 2 === 0 ? ['done'] : ['partly', 'notDone']
					});
				}
			}
			return holder.userId;
		};
		for (const [index, team] of spec.teams.entries()) {
			const members: string[] = [];
			for (const collaborations of team) members.push(await holderWith(collaborations));
			const { teamId } = await buildTeam(ctx, admin, { name: `Team ${index + 1}`, members: members.map((userId) => ({ userId })) });
			teams.push(teamId);
			for (const userId of members) teamsOf.get(userId)!.add(teamId);
			database.clock.advance(1000); // teams get distinct creation times
		}
		for (const collaborations of spec.loners) await holderWith(collaborations);
		database.clock.set(FIRST_NOW);
		return { organisationId, admin: admin.userId, secondAdmin: secondAdmin.userId, people, teams, holders, teamsOf, k: spec.k };
	}

	it('whatever is changed and looked at, in any order, no two views combine into a suppressed figure', { timeout: 900_000 }, async () => {
		await fc.assert(
			fc.asyncProperty(worldArb, fc.array(commandArb, { minLength: 6, maxLength: 20 }), async (spec, commands) => {
				const world = await buildWorld(spec);
				const actor = (userId: string): StaffActor => ({
					type: 'staff',
					userId,
					organisationId: world.organisationId,
					roles: world.people.get(userId)!,
					locale: 'nl'
				});
				/** Per quarter: the minimum group size in force when it was first shown, and its cells as then stored. */
				const published = new Map<string, { k: number; cells: Map<string, CellRow[]> }>();
				/** Per quarter, measure and scope: shown or hidden, in the order the views happened. */
				const history = new Map<string, boolean[]>();
				let teamCount = world.teams.length;
				let currentMinimum = world.k;

				async function readCells(quarter: string): Promise<Map<string, CellRow[]>> {
					const rows = await ctx.db
						.selectFrom('insightsCells')
						.select(['teamId', 'measure', 'collaborations', 'maxHolder', 'valueCount', 'valueSum'])
						.where('organisationId', '=', world.organisationId)
						.where('quarter', '=', quarter)
						.execute();
					const byMeasure = new Map<string, CellRow[]>();
					for (const row of rows)
						byMeasure.set(row.measure, [...(byMeasure.get(row.measure) ?? []), { ...row, valueSum: Number(row.valueSum) }]);
					return byMeasure;
				}

				function cellOf(quarter: string, measure: string, scope: string): CellRow | undefined {
					const cells = published.get(quarter)!.cells.get(measure) ?? [];
					if (scope !== 'organisation') return cells.find((cell) => cell.teamId === scope && scope !== NO_TEAM);
					if (cells.length === 0) return undefined;
					const sum = (f: (c: CellRow) => number) => cells.reduce((total, c) => total + f(c), 0);
					return {
						teamId: 'organisation',
						...combineGroups(cells),
						valueCount: sum((c) => c.valueCount),
						valueSum: sum((c) => c.valueSum)
					};
				}

				function record(quarter: string, measure: string, scope: string, shown: boolean): void {
					const key = `${quarter}|${measure}|${scope}`;
					const seen = history.get(key) ?? [];
					// What is visible of a published quarter only shrinks: hidden once, hidden for good.
					expect(shown && seen.includes(false), `${key} shown again after it was hidden`).toBe(false);
					history.set(key, [...seen, shown]);
				}

				/** Every figure of the view against the quarter's frozen cell, recorded as shown or hidden. */
				async function recordView(dashboard: Dashboard): Promise<void> {
					const scope = dashboard.scope!.kind === 'team' ? dashboard.scope!.teamId : 'organisation';
					for (const q of dashboard.quarters) {
						if (!published.has(q.quarter)) published.set(q.quarter, { k: currentMinimum, cells: await readCells(q.quarter) });
						const exact = (measure: string) => cellOf(q.quarter, measure, scope);
						const average = (measure: string) => {
							const cell = exact(measure)!;
							return cell.valueSum / cell.valueCount;
						};
						const check = (figure: Figure, measure: string, value: () => number) => {
							if (exact(measure) === undefined) return expect(figure.shown).toBe(false);
							record(q.quarter, measure, scope, figure.shown);
							if (figure.shown) expect(figure).toEqual({ shown: true, value: value(), collaborations: exact(measure)!.collaborations });
						};
						check(q.coverage, COVERAGE_MEASURE, () =>
							Math.round((100 * exact(COVERAGE_MEASURE)!.valueCount) / exact(COVERAGE_MEASURE)!.collaborations)
						);
						for (const item of q.items) {
							const client = ratingMeasure(item.instrumentKey, item.itemKey, 'participant');
							const professional = ratingMeasure(item.instrumentKey, item.itemKey, 'professional');
							check(item.client, client, () => Math.round(average(client)));
							check(item.professional, professional, () => Math.round(average(professional)));
							expect(item.gap.shown).toBe(item.client.shown && item.professional.shown);
							if (item.gap.shown) expect(item.gap.value).toBe(Math.round(average(professional)) - Math.round(average(client)));
						}
						checkAgreements(q, scope, exact);
					}
				}

				function checkAgreements(q: QuarterFigures, scope: string, exact: (measure: string) => CellRow | undefined): void {
					const cells = OUTCOMES.map((outcome) => exact(agreementMeasure(outcome)));
					if (cells.some((cell) => cell === undefined)) return expect(q.agreements.shown).toBe(false);
					for (const outcome of OUTCOMES) record(q.quarter, agreementMeasure(outcome), scope, q.agreements.shown);
					if (q.agreements.shown) {
						const [done, partly, notDone] = cells.map((cell) => cell!.valueCount);
						expect(q.agreements).toMatchObject({ done, partly, notDone, collaborations: cells[0]!.collaborations });
					}
				}

				/** From everything anyone was shown: organisation minus the teams seen must leave nothing or a safe group. */
				function expectNothingDerivable(): void {
					for (const [quarter, { k, cells }] of published) {
						for (const [measure, teams] of cells) {
							const seen = (scope: string) => history.get(`${quarter}|${measure}|${scope}`)?.includes(true) ?? false;
							for (const team of teams)
								if (seen(team.teamId)) expect(isSafeGroup(team, k), `${quarter} ${measure}: team shown below ${k}`).toBe(true);
							if (!seen('organisation')) continue;
							expect(isSafeGroup(combineGroups(teams), k), `${quarter} ${measure}: organisation shown below ${k}`).toBe(true);
							const hidden = teams.filter((team) => team.teamId === NO_TEAM || !seen(team.teamId));
							const rest = combineGroups(hidden);
							expect(
								rest.collaborations === 0 || isSafeGroup(rest, k),
								`${quarter} ${measure}: ${JSON.stringify(rest)} derivable at ${k}`
							).toBe(true);
						}
					}
				}

				async function tolerate(action: () => Promise<unknown>, ...codes: DomainErrorCode[]): Promise<void> {
					try {
						await action();
					} catch (error) {
						if (!codes.some((code) => isDomainError(error, code))) throw error;
					}
				}

				/** From and to among the last three completed quarters, so a range may hold several. */
				function period(choice: { from: number; span: number }): { from: string; to: string } {
					const available = completedQuarters(database.clock.now());
					const fromIndex = available.length - 1 - choice.from;
					return { from: available[fromIndex]!, to: available[Math.min(available.length - 1, fromIndex + choice.span)]! };
				}

				/** One dashboard (and its CSV export) as this viewer asks for it; refused ones show nothing. */
				async function look(viewer: StaffActor, query: { from: string; to: string; team?: string }, csv: boolean): Promise<void> {
					await tolerate(
						async () => {
							const dashboard = await getDashboard({ locale: 'nl', ctx, actor: viewer, query });
							if (!dashboard.scope) return;
							await recordView(dashboard);
							if (!csv) return;
							// The export is the page's figures, nothing more.
							const exported = await exportDashboardCsv({ locale: 'nl', ctx, actor: viewer, query });
							expect(exported.csv).toBe(toCsv(dashboardCsvRows(dashboard, 'nl')));
						},
						'not_found',
						'insights.unknown_team',
						'insights.nothing_to_export'
					);
				}

				for (const command of commands) {
					const admin = actor(world.admin);
					switch (command.kind) {
						case 'setMinimum': {
							const settings = await getOrganisationSettings({ ctx, actor: admin });
							await updateOrganisationSettings({ ctx, actor: admin, input: { ...settings, minGroupSize: command.k } });
							currentMinimum = command.k;
							break;
						}
						case 'view': {
							const viewers = [world.admin, world.secondAdmin, ...world.holders];
							const team = command.team === null ? undefined : world.teams[command.team % world.teams.length];
							await look(actor(viewers[command.viewer % viewers.length]!), { ...period(command), team }, command.csv);
							break;
						}
						case 'survey':
							// An admin looks at the organisation and at every team, for the same period.
							for (const team of [undefined, ...world.teams]) await look(admin, { ...period(command), team }, false);
							break;
						case 'move': {
							const userId = world.holders[command.holder % world.holders.length]!;
							for (const teamId of world.teamsOf.get(userId)!) await removeTeamMember({ ctx, actor: admin, input: { teamId, userId } });
							world.teamsOf.set(userId, new Set());
							if (command.team !== null) {
								const teamId = world.teams[command.team % world.teams.length]!;
								await setTeamMember({ ctx, actor: admin, input: { teamId, userId, role: 'member' } });
								world.teamsOf.get(userId)!.add(teamId);
							}
							break;
						}
						case 'newTeam': {
							teamCount += 1;
							const { teamId } = await createTeam({ ctx, actor: admin, input: { name: `Team ${teamCount}` } });
							world.teams.push(teamId);
							const userId = world.holders[command.holder % world.holders.length]!;
							await setTeamMember({ ctx, actor: admin, input: { teamId, userId, role: 'member' } });
							world.teamsOf.get(userId)!.add(teamId);
							break;
						}
						case 'lead': {
							const userId = world.holders[command.person % world.holders.length]!;
							const teamId = world.teams[command.team % world.teams.length]!;
							await setTeamMember({ ctx, actor: admin, input: { teamId, userId, role: 'lead' } });
							world.teamsOf.get(userId)!.add(teamId);
							const roles: Role[] = ['professional', 'teamLead'];
							await changeRoles({ ctx, actor: admin, input: { userId, roles } });
							world.people.set(userId, roles);
							break;
						}
						case 'toggleAdmin': {
							const roles: Role[] = world.people.get(world.secondAdmin)!.includes('admin') ? ['teamLead'] : ['admin'];
							await changeRoles({ ctx, actor: admin, input: { userId: world.secondAdmin, roles } });
							world.people.set(world.secondAdmin, roles);
							break;
						}
						case 'restart':
							await ctx.database.destroy();
							ctx = await database.open();
							break;
						case 'advance':
							database.clock.set(LATER_NOW);
							break;
					}
					// The strongest onlooker: after every step an admin looks at every published quarter,
					// for the organisation and every team there is now.
					for (const quarter of published.keys()) {
						for (const team of [undefined, ...world.teams]) await look(actor(world.admin), { from: quarter, to: quarter, team }, false);
					}
					expectNothingDerivable();
				}
			}),
			{ numRuns: runsOn(dialect), endOnFailure: true }
		);
	});
});
