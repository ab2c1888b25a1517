import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import type { DatabaseHandle } from './database.ts';
import { migrations } from './migrations/index.ts';

/**
 * Brings the schema up to date. Kysely's migrator holds a PostgreSQL advisory lock while it
 * migrates (and a lock table on SQLite), so instances starting at once wait for each
 * other instead of applying a migration twice.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
	return runMigrator(handle, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema up to and including one migration; for tests of a migration on existing data. */
export async function migrateTo(handle: DatabaseHandle, name: string): Promise<string[]> {
	return runMigrator(handle, (migrator) => migrator.migrateTo(name));
}

async function runMigrator(handle: DatabaseHandle, step: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
	const provider: MigrationProvider = {
		async getMigrations() {
			const result: Record<string, Migration> = {};
			for (const [name, migration] of Object.entries(migrations)) {
				result[name] = { up: (db) => migration.up(db, handle.dialect) };
			}
			return result;
		}
	};
	const migrator = new Migrator({
		db: handle.authDb,
		provider,
		migrationTableName: 'schema_migrations',
		migrationLockTableName: 'schema_migrations_lock'
	});
	const { error, results } = await step(migrator);
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
