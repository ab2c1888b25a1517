import { getAuthTables } from 'better-auth/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { inviteStaff, listOpenInvitations } from '../invitations/invitations.usecases.ts';
import { getOrganisation } from '../organisations/organisations.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { consumeRateLimit } from '../shared/rate-limit.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { listStaff } from '../staff/staff.usecases.ts';
import { listTeams } from '../teams/teams.usecases.ts';
import { buildOrganisation, buildStaff, buildTeam, testAuditAction } from '../testing/builders.ts';
import {
	createTestContext,
	createThrowawayDatabase,
	describeOnBothDatabases,
	testDatabaseUrl,
	useTestContext,
	type TestContext
} from '../testing/test-context.ts';
import { createDatabase, type Dialect } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type SchemaShape = Record<string, Record<string, { nullable: boolean; hasDefault: boolean }>>;

/**
 * Tables, columns, nullability and defaults. Column types differ by design (timestamptz/text,
 * boolean/integer; see migrations/types.ts). SQLite reports a single-column text primary key
 * as nullable (a legacy SQLite quirk); such columns count as NOT NULL here, as on PostgreSQL.
 */
async function describeSchema(ctx: TestContext): Promise<SchemaShape> {
	const tables = await ctx.database.authDb.introspection.getTables();
	const shape: SchemaShape = {};
	for (const table of tables.toSorted((a, b) => a.name.localeCompare(b.name))) {
		const primaryKey = await listSqlitePrimaryKeyColumns(ctx, table.name);
		shape[table.name] = {};
		for (const column of table.columns.toSorted((a, b) => a.name.localeCompare(b.name))) {
			const nullable = column.isNullable && !primaryKey.has(column.name);
			shape[table.name]![column.name] = { nullable, hasDefault: column.hasDefaultValue };
		}
	}
	return shape;
}

async function listSqlitePrimaryKeyColumns(ctx: TestContext, table: string): Promise<Set<string>> {
	if (ctx.database.dialect !== 'sqlite') return new Set();
	const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0`.execute(ctx.database.authDb);
	return new Set(rows.map((row) => row.name));
}

/**
 * One fixed scenario read back through the repositories and usecases; generated ids are
 * replaced by their order of appearance so both databases can be compared value for value.
 */
async function collectValues(ctx: TestContext) {
	ctx.clock.set('2030-01-02T03:04:05.678Z');
	const admin = await buildOrganisation(ctx, { name: 'Values BV', admin: { name: 'Ada Admin', email: 'ada@values.test' } });
	const pro = await buildStaff(ctx, admin, { name: 'Piet Pro', email: 'piet@values.test', roles: ['professional', 'teamLead'] });
	const late = await buildStaff(ctx, admin, { name: 'émile Laat', email: 'emile@values.test' });
	await buildTeam(ctx, admin, {
		name: 'Noord',
		members: [
			{ userId: pro.userId, role: 'lead' },
			{ userId: late.userId, role: 'member' }
		]
	});
	await buildTeam(ctx, admin, { name: 'achterhoek' });
	await inviteStaff({ ctx, actor: admin, input: { email: 'new@values.test', roles: ['professional'], teamId: '', locale: 'en' } });
	const values = {
		organisation: await getOrganisation({ ctx, actor: admin }),
		staff: await listStaff({ ctx, actor: admin }),
		teams: await listTeams({ ctx, actor: admin }),
		invitations: await listOpenInvitations({ ctx, actor: admin }),
		activeAdmins: await createStaffRepository(ctx.db).countActiveAdmins(admin.organisationId),
		membership: await createStaffRepository(ctx.db).findActiveMembership(pro.userId),
		rateLimitAllowed: (await consumeRateLimit(ctx.db, ctx.clock, 'values', { limit: 1, windowMs: 1000 })).allowed,
		auditCount: await ctx.db
			.selectFrom('auditEvents')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.executeTakeFirstOrThrow(),
		audit: await ctx.db.selectFrom('auditEvents').select(['occurredAt', 'actorType', 'action', 'details']).execute()
	};
	const ids = new Map<string, string>();
	return JSON.parse(
		JSON.stringify(values, (_key, value: unknown) => {
			if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) {
				if (!ids.has(value)) ids.set(value, `<id ${ids.size + 1}>`);
				return ids.get(value);
			}
			return value;
		})
	) as typeof values;
}

describeOnBothDatabases('database', (dialect) => {
	const t = useTestContext(dialect);

	it('creates every table and column better-auth reads and writes', async () => {
		const tables = await t.ctx.database.authDb.introspection.getTables();
		const columnsByTable = new Map(tables.map((table) => [table.name, new Set(table.columns.map((c) => c.name))]));
		const required = getAuthTables(t.ctx.auth.options);
		expect(Object.keys(required).length).toBeGreaterThanOrEqual(5);
		for (const table of Object.values(required)) {
			const columns = columnsByTable.get(table.modelName);
			expect(columns, `table ${table.modelName}`).toBeDefined();
			expect(columns!.has('id'), `${table.modelName}.id`).toBe(true);
			for (const [key, field] of Object.entries(table.fields)) {
				const column = field.fieldName ?? key;
				expect(columns!.has(column), `${table.modelName}.${column}`).toBe(true);
			}
		}
	});

	it('repositories return timestamps as ISO strings, booleans as booleans and counts as numbers', async () => {
		const ctx = await createTestContext(dialect);
		try {
			const values = await collectValues(ctx);
			expect(values.organisation.createdAt).toBe('2030-01-02T03:04:05.678Z');
			expect(values.organisation.requireTwoFactor).toBe(false);
			expect(values.organisation.minGroupSize).toBe(5);
			expect(values.staff.map((s) => [s.name, s.twoFactorEnabled, s.roles])).toEqual([
				['Ada Admin', false, ['admin']],
				['émile Laat', false, ['professional']],
				['Piet Pro', false, ['teamLead', 'professional']]
			]);
			expect(values.staff[0]!.createdAt).toMatch(ISO_TIMESTAMP);
			expect(values.invitations[0]!.expiresAt).toBe('2030-01-09T03:04:05.678Z');
			expect(values.invitations[0]!.acceptedAt).toBeNull();
			expect(values.activeAdmins).toBe(1);
			expect(values.auditCount.count).toBe(1);
			expect(values.membership).toEqual({
				organisationId: '<id 1>',
				locale: 'nl',
				roles: ['teamLead', 'professional'],
				twoFactorEnabled: false,
				requireTwoFactor: false
			});
			expect(values.rateLimitAllowed).toBe(true);
			expect(values.audit[0]!.occurredAt).toBe('2030-01-02T03:04:05.678Z');
		} finally {
			await ctx.cleanup();
		}
	});

	it('lists staff and teams alphabetically as a Dutch reader expects, whatever the database collation', async () => {
		const { ctx } = t;
		const admin = await buildOrganisation(ctx, { admin: { name: 'Zoë Zwart' } });
		for (const name of ['anna de Vries', 'Émile Blanc', 'Bert Bakker', 'bert bakker']) await buildStaff(ctx, admin, { name });
		for (const name of ['team 9', 'Team 10', 'Échelon', 'Alfa']) await buildTeam(ctx, admin, { name });
		const staff = await listStaff({ ctx, actor: admin });
		expect(staff.map((s) => s.name)).toEqual(['anna de Vries', 'bert bakker', 'Bert Bakker', 'Émile Blanc', 'Zoë Zwart']);
		const teams = await listTeams({ ctx, actor: admin });
		expect(teams.map((team) => team.name)).toEqual(['Alfa', 'Échelon', 'team 9', 'Team 10']);
	});

	it('keeps the audit log append-only: UPDATE and DELETE are refused', async () => {
		const { ctx } = t;
		await recordAudit(ctx.db, ctx.clock, { actor: systemActor, action: testAuditAction('test.append_only') });
		const row = ctx.db.selectFrom('auditEvents').select('id').where('action', '=', 'test.append_only');
		await expect(
			ctx.db.updateTable('auditEvents').set({ action: 'test.changed' }).where('action', '=', 'test.append_only').execute()
		).rejects.toThrow(/append-only/);
		await expect(ctx.db.deleteFrom('auditEvents').where('action', '=', 'test.append_only').execute()).rejects.toThrow(/append-only/);
		expect(await row.execute()).toHaveLength(1);
	});

	// A rollback without restoring the backup said only "corrupted migrations: … is missing".
	it('refuses a database a newer version migrated, saying so and what to do, and changes nothing', async () => {
		const future = '9999-from-a-newer-version';
		await t.ctx.db
			.insertInto('schema_migrations' as never)
			.values({ name: future, timestamp: new Date().toISOString() } as never)
			.execute();
		try {
			await expect(migrateToLatest(t.ctx.database)).rejects.toThrow(
				`the database was migrated by a newer version of Tweespraak (migration ${future} is unknown to this version): start that version again, or restore the backup made before the upgrade (README, "Rolling back")`
			);
		} finally {
			await t.ctx.db
				.deleteFrom('schema_migrations' as never)
				.where('name' as never, '=', future as never)
				.execute();
		}
	});

	it('applies no migration a second time when started again', async () => {
		expect(await migrateToLatest(t.ctx.database)).toEqual([]);
	});
});

describe.runIf(testDatabaseUrl)('database (sqlite and postgres compared)', () => {
	async function onEach<T>(read: (ctx: TestContext) => Promise<T>): Promise<Record<Dialect, T>> {
		const result = {} as Record<Dialect, T>;
		for (const dialect of ['sqlite', 'postgres'] as const) {
			const ctx = await createTestContext(dialect);
			try {
				result[dialect] = await read(ctx);
			} finally {
				await ctx.cleanup();
			}
		}
		return result;
	}

	it('migrations give both databases the same tables, columns and nullability', async () => {
		const schemas = await onEach(describeSchema);
		expect(Object.keys(schemas.sqlite)).toContain('audit_events');
		expect(schemas.postgres).toEqual(schemas.sqlite);
	});

	it('repositories return identical JavaScript values on both databases', async () => {
		const values = await onEach(collectValues);
		expect(values.postgres).toEqual(values.sqlite);
	});

	it('two instances migrating one PostgreSQL database at once both succeed and apply each migration once', async () => {
		const throwaway = await createThrowawayDatabase();
		const handles = [1, 2, 3].map(() => createDatabase({ databaseUrl: throwaway.url, dataDir: '.' }));
		try {
			const applied = await Promise.all(handles.map((handle) => migrateToLatest(handle)));
			expect(applied.flat().toSorted()).toEqual(Object.keys(migrations).toSorted());
			const rows = await sql<{
				name: string;
				times: number;
			}>`select name, count(*) as times from schema_migrations group by name order by name`.execute(handles[0]!.authDb);
			expect(rows.rows).toEqual(Object.keys(migrations).map((name) => ({ name, times: 1 })));
		} finally {
			await Promise.all(handles.map((handle) => handle.destroy()));
			await throwaway.drop();
		}
	});
});
