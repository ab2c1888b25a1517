import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedScale } from '../../../../scripts/seed/scale.mjs';
import type { StaffActor } from '../access/actor.ts';
import { createTestContext, testDatabaseUrl, type TestContext } from '../testing/test-context.ts';
import { getDashboard } from './insights.usecases.ts';

/**
 * The same organisation (the scale generator with a fixed seed and date) on SQLite and on
 * PostgreSQL must give exactly the same dashboards: every figure, every suppressed cell.
 */
const NOW = '2026-05-15T10:00:00.000Z';

async function dashboardsOf(ctx: TestContext) {
	ctx.clock.set(NOW);
	const seeded = await seedScale(ctx, { ratings: 6000, seed: 7, now: NOW });
	const adminRow = await ctx.db
		.selectFrom('membershipRoles')
		.select('userId')
		.where('organisationId', '=', seeded.organisationId)
		.where('role', '=', 'admin')
		.executeTakeFirstOrThrow();
	const admin: StaffActor = {
		type: 'staff',
		userId: adminRow.userId,
		organisationId: seeded.organisationId,
		roles: ['admin'],
		locale: 'nl'
	};
	const query = { from: '2024-Q2', to: '2026-Q1' };
	const organisation = await getDashboard({ locale: 'nl', ctx, actor: admin, query });
	const teams: Record<string, unknown> = {};
	for (const team of organisation.teams) {
		teams[team.name] = (await getDashboard({ locale: 'nl', ctx, actor: admin, query: { ...query, team: team.id } })).quarters;
	}
	return {
		organisation: organisation.quarters,
		teams,
		counts: { ...seeded, organisationId: undefined, prefix: undefined, admin: undefined, teamLeads: undefined, professional: undefined }
	};
}

describe('insights on both databases', () => {
	let sqlite: TestContext | undefined;
	let postgres: TestContext | undefined;
	beforeAll(async () => {
		sqlite = await createTestContext('sqlite');
		if (testDatabaseUrl) postgres = await createTestContext('postgres');
	});
	afterAll(async () => {
		await sqlite?.cleanup();
		await postgres?.cleanup();
	});

	it.skipIf(!testDatabaseUrl)('the same organisation gives the same dashboards, figure for figure, on SQLite and PostgreSQL', async () => {
		const onSqlite = await dashboardsOf(sqlite!);
		const onPostgres = await dashboardsOf(postgres!);
		expect(onSqlite.counts.ratings).toBeGreaterThan(5000);
		expect(Object.keys(onSqlite.teams).length).toBeGreaterThan(1);
		expect(onPostgres).toEqual(onSqlite);
		// Both shown and suppressed figures occur, so the comparison covers both.
		const serialized = JSON.stringify(onSqlite);
		expect(serialized).toContain('"shown":true');
		expect(serialized).toContain('"shown":false');
	});
});
