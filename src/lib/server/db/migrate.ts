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
	// Kysely's words for a database a newer version migrated ("corrupted migrations: previously
	// executed migration … is missing") read as damage; it is a rollback without the backup.
	const unknown = /previously executed migration (\S+) is missing/.exec(String((error as Error | undefined)?.message ?? ''));
	if (unknown) throw new NewerDatabaseError(unknown[1]!);
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The database was migrated by a newer Tweespraak: this version must not start on it (README, "Rolling back"). */
export class NewerDatabaseError extends Error {
	constructor(migration: string) {
		super(
			`the database was migrated by a newer version of Tweespraak (migration ${migration} is unknown to this version): start that version again, or restore the backup made before the upgrade (README, "Rolling back")`
		);
		this.name = 'NewerDatabaseError';
	}
}
