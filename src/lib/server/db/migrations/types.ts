import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Column types that differ per dialect, so one migration gives equivalent schemas on both. */
export function columnTypes(dialect: Dialect) {
	return {
		timestamp: dialect === 'postgres' ? ('timestamptz' as const) : ('text' as const),
		boolean: dialect === 'postgres' ? ('boolean' as const) : ('integer' as const)
	};
}

export interface DialectMigration {
	up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}
