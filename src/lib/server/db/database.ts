import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
	CamelCasePlugin,
	Kysely,
	PostgresDialect,
	SqliteDialect,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
	/** The application's query builder: camelCase names, timestamps as ISO strings. */
	db: Kysely<Database>;
	/** The same connection without our plugins, for better-auth, which maps its own names. */
	authDb: Kysely<any>;
	dialect: Dialect;
	/** For PostgreSQL only: the pool, e.g. to LISTEN on a dedicated client. */
	pool: pg.Pool | undefined;
	destroy(): Promise<void>;
}

/**
 * Both databases must return the same JavaScript values. PostgreSQL returns timestamptz as
 * Date while SQLite stores ISO-8601 text, so every Date in a result becomes its ISO string.
 * See docs/decisions/001-database.md.
 */
class DatesAsIsoStringsPlugin implements KyselyPlugin {
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return args.node;
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		for (const row of args.result.rows) {
			for (const key in row) {
				const value = row[key];
				if (value instanceof Date) row[key] = value.toISOString();
			}
		}
		return args.result;
	}
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

function createPostgres(url: string): { kysely: Kysely<any>; pool: pg.Pool } {
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		// Counts (int8) and averages (numeric) come back as numbers, as they do from SQLite.
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
				return pg.types.getTypeParser(oid, format);
			}) as typeof pg.types.getTypeParser
		}
	});
	return { kysely: new Kysely<any>({ dialect: new PostgresDialect({ pool }) }), pool };
}

function createSqlite(dataDir: string, fileName: string): Kysely<any> {
	let file = ':memory:';
	if (fileName !== ':memory:') {
		fs.mkdirSync(dataDir, { recursive: true });
		file = path.join(dataDir, fileName);
	}
	const database = new SqliteDatabase(file);
	database.pragma('journal_mode = WAL');
	database.pragma('synchronous = FULL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	return new Kysely<any>({ dialect: new SqliteDialect({ database }) });
}

export interface DatabaseOptions {
	databaseUrl: string | undefined;
	dataDir: string;
	/** SQLite file name inside dataDir; ':memory:' for tests. */
	sqliteFile?: string;
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
	const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite';
	let raw: Kysely<any>;
	let pool: pg.Pool | undefined;
	if (options.databaseUrl) {
		({ kysely: raw, pool } = createPostgres(options.databaseUrl));
	} else {
		raw = createSqlite(options.dataDir, options.sqliteFile ?? 'tweespraak.db');
	}
	const db = raw.withPlugin(new CamelCasePlugin()).withPlugin(new DatesAsIsoStringsPlugin()) as Kysely<Database>;
	return {
		db,
		authDb: raw,
		dialect,
		pool,
		destroy: () => raw.destroy()
	};
}
