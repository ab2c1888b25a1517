import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import {
	CamelCasePlugin,
	CompiledQuery,
	Kysely,
	PostgresDialect,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type KyselyPlugin,
	type SqliteDialectConfig,
	type PluginTransformQueryArgs,
	type PostgresPool,
	type PostgresPoolClient,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import type { Logger } from '../shared/logger.ts';
import { ConfigError } from '../shared/config.ts';
import { countDatabaseErrors } from '../shared/metrics.ts';
import { createGroupCommit, shareStandaloneWrites, type GroupCommit } from './group-commit.ts';
import { planWithoutBoundValues } from './sqlite-plans.ts';
import type { Database } from './schema.ts';

const require = createRequire(import.meta.url);
/** pg loads only when the database is PostgreSQL: an SQLite server never holds it (decision 023). */
const loadPg = (): typeof pg => require('pg') as typeof pg;

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
	/** The application's query builder: camelCase names, timestamps as ISO strings. */
	db: Kysely<Database>;
	/** The same connection without our plugins, for better-auth, which maps its own names. */
	authDb: Kysely<any>;
	dialect: Dialect;
	/** For PostgreSQL only: the pool, e.g. to LISTEN on a dedicated client. */
	pool: pg.Pool | undefined;
	/** Small concurrent writes (submissions and their audit events) share one transaction: db/group-commit.ts. */
	commits: GroupCommit;
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

function createPostgres(url: string, logger: Logger | undefined): { kysely: Kysely<any>; pool: pg.Pool } {
	const postgres = loadPg();
	const pool = new postgres.Pool({
		connectionString: url,
		max: 10,
		// Counts (int8) and averages (numeric) come back as numbers, as they do from SQLite.
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
				return postgres.types.getTypeParser(oid, format);
			}) as typeof pg.types.getTypeParser
		}
	});
	// A connection that PostgreSQL ends (a restart, a failover, pg_terminate_backend, a network
	// cut) emits 'error' on its client: the pool listens only while the client is idle in it, and
	// Node ends the whole process on an 'error' nobody listens to. So every client the pool opens
	// gets a listener of its own, which covers a client in use too (its query fails, and its caller
	// answers as for any failed query); the pool drops a broken client when it comes back and opens
	// a new one when a query needs it. The pool's own 'error' (an idle client) is logged there.
	pool.on('connect', (client) => {
		client.on('error', (error: Error & { code?: string }) => {
			logger?.warn({ event: 'db.connection_lost', err: { code: error.code, message: error.message } }, 'database connection lost');
		});
	});
	pool.on('error', () => undefined);
	return {
		kysely: new Kysely<any>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool, logger) }), log: countDatabaseErrors }),
		pool
	};
}

/** Distinct statements prepared per connection; the rest run unprepared (IN lists of many lengths). */
const PREPARED_PER_CONNECTION = 100;

/**
 * PostgreSQL parses and plans every statement anew unless it is prepared, and for the short
 * statements of this app that is about half of its work (a rating submission: 2.4 → 1.3 ms of
 * PostgreSQL's CPU, hand measurement 2026-11-23). So a statement with parameters runs as a named
 * prepared statement, named after its SQL text and prepared once per connection; the values stay
 * parameters, as before. Not prepared: statements with a `*` — once a newer instance's migration
 * added a column, a prepared `select *` fails ("cached plan must not change result type") — and
 * a connection's statements beyond the first PREPARED_PER_CONNECTION. Should the server refuse
 * prepared statements anyway (e.g. a pooler in transaction mode in between), the statement fails
 * once, a warning is logged and this pool prepares nothing from then on.
 */
function withPreparedStatements(pool: pg.Pool, logger: Logger | undefined): PostgresPool {
	let preparing = true;
	const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
	const stopPreparing = (error: unknown) => {
		if (!preparing || !refusesPreparedStatements(error)) return;
		preparing = false;
		const { code, message } = error as pg.DatabaseError;
		logger?.warn(
			{ event: 'db.prepared_statements_off', code, err: { message } },
			'PostgreSQL refused a prepared statement; statements are no longer prepared'
		);
	};
	const wrap = (client: pg.PoolClient): PostgresPoolClient => {
		const prepared = new Set<string>();
		return {
			get processID() {
				return (client as pg.PoolClient & { processID?: number }).processID;
			},
			release: (destroy?: boolean) => client.release(destroy),
			query: ((sql: unknown, parameters?: readonly unknown[]) => {
				// A cursor (Kysely's stream) goes through as it is.
				if (typeof sql !== 'string') return client.query(sql as pg.Submittable);
				const values = parameters as unknown[] | undefined;
				const name = preparing && values?.length ? statementName(sql) : null;
				if (name === null) return client.query(sql, values);
				if (!prepared.has(name)) {
					if (prepared.size >= PREPARED_PER_CONNECTION) return client.query(sql, values);
					prepared.add(name);
				}
				return client.query({ name, text: sql, values }).catch((error: unknown) => {
					stopPreparing(error);
					throw error;
				});
			}) as unknown as PostgresPoolClient['query']
		};
	};
	return {
		Client: loadPg().Client,
		options: pool.options,
		async connect() {
			const client = await pool.connect();
			let wrapped = clients.get(client);
			if (!wrapped) {
				wrapped = wrap(client);
				clients.set(client, wrapped);
			}
			return wrapped;
		},
		end: () => pool.end()
	};
}

/** Statement names by SQL text (null: never prepared), so a text is looked at and hashed once rather than on every run. */
const statementNames = new Map<string, string | null>();
const STATEMENT_NAMES_KEPT = 1000;

function statementName(sql: string): string | null {
	let name = statementNames.get(sql);
	if (name === undefined) {
		name = sql.includes('*') ? null : `tw_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`;
		if (statementNames.size >= STATEMENT_NAMES_KEPT) statementNames.delete(statementNames.keys().next().value!);
		statementNames.set(sql, name);
	}
	return name;
}

/** A named statement that does not exist (any more) or already exists, or whose result changed. */
function refusesPreparedStatements(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	if (code === '26000' || code === '42P05') return true;
	return code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
}

/**
 * DATA_DIR as a folder only its owner reads (0700 when made here), one folder at a time: a
 * recursive mkdir under /proc spun for ever instead of failing. Any problem is one line that names
 * the variable and the folder (an IT department's review, 2026-12-06).
 */
function ensureDataDir(dataDir: string): void {
	const stat = fs.statSync(dataDir, { throwIfNoEntry: false });
	if (stat?.isDirectory()) return;
	if (stat) throw new ConfigError('DATA_DIR', `(${dataDir}) is a file, not a folder`);
	const parent = path.dirname(dataDir);
	if (parent !== dataDir) ensureDataDir(parent);
	try {
		fs.mkdirSync(dataDir, { mode: 0o700 });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
		throw new ConfigError('DATA_DIR', `(${dataDir}) cannot be created: ${(error as Error).message}`);
	}
}

function createSqlite(dataDir: string, fileName: string): Kysely<any> {
	let file = ':memory:';
	let created = false;
	if (fileName !== ':memory:') {
		ensureDataDir(dataDir);
		file = path.join(dataDir, fileName);
		created = !fs.existsSync(file);
	}
	let database: SqliteDatabase.Database;
	try {
		database = new SqliteDatabase(file);
	} catch (error) {
		throw new ConfigError('DATA_DIR', `(${dataDir}): the database ${file} cannot be opened: ${(error as Error).message}`);
	}
	// Client data: readable by the server's own user only (SQLite gives its -wal and -shm files the same mode).
	if (created) fs.chmodSync(file, 0o600);
	database.pragma('journal_mode = WAL');
	database.pragma('synchronous = FULL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	// Deleted rows are overwritten with zeros, so erased text does not linger in free pages
	// (docs/decisions/011-data-lifecycle.md); the WAL holds it until the next checkpoint.
	database.pragma('secure_delete = ON');
	return new Kysely<any>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }), log: countDatabaseErrors });
}

/**
 * SQLite transactions begin with BEGIN IMMEDIATE, which takes the write lock at once. Kysely's
 * BEGIN is deferred: a transaction reads first and asks for the write lock at its first write,
 * and when another process (the command-line tool, the bench, a restore check) committed in
 * between, SQLite refuses that write at once with SQLITE_BUSY — the busy timeout cannot help, as
 * the transaction's snapshot is already stale. Immediate, it waits its turn instead. The server
 * itself has one connection, so nothing else changes for it.
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;
	constructor(config: SqliteDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config);
	}
}

/** Enough for every statement the application builds; IN lists of other lengths come and go. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement again on every run; SQLite's prepare (parsing
 * and planning the SQL) is a tenth of a rating submission's time. This keeps prepared statements
 * by their SQL text, least recently used out first. The values stay parameters, as before.
 * better-sqlite3 runs nothing else on a connection while a statement is still being read, so a
 * kept statement is never in use twice. SQLite prepares it again by itself when the schema changed.
 * Its parameters are written so that SQLite does not plan it again when other values are bound
 * (sqlite-plans.ts).
 */
function withStatementCache(database: SqliteDatabase.Database) {
	const statements = new Map<string, SqliteDatabase.Statement>();
	return {
		prepare(sql: string): SqliteDatabase.Statement {
			const kept = statements.get(sql);
			if (kept) {
				statements.delete(sql);
				statements.set(sql, kept);
				return kept;
			}
			const statement = database.prepare(planWithoutBoundValues(sql));
			statements.set(sql, statement);
			if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
			return statement;
		},
		close(): void {
			statements.clear();
			database.close();
		}
	};
}

export interface DatabaseOptions {
	databaseUrl: string | undefined;
	dataDir: string;
	/** SQLite file name inside dataDir; ':memory:' for tests. */
	sqliteFile?: string;
	/** For a warning about the database's behaviour (PostgreSQL refusing prepared statements). */
	logger?: Logger;
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
	const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite';
	let raw: Kysely<any>;
	let pool: pg.Pool | undefined;
	if (options.databaseUrl) {
		({ kysely: raw, pool } = createPostgres(options.databaseUrl, options.logger));
	} else {
		raw = createSqlite(options.dataDir, options.sqliteFile ?? 'tweespraak.db');
	}
	const db = raw.withPlugin(new CamelCasePlugin()).withPlugin(new DatesAsIsoStringsPlugin()) as Kysely<Database>;
	// SQLite has one connection, so one batch at a time; PostgreSQL's pool (10) takes a few.
	const commits = createGroupCommit(db, { inFlight: dialect === 'sqlite' ? 1 : 4 });
	// On SQLite a write standing alone is a commit and an fsync that stop the event loop (the
	// driver is synchronous), so such writes share a batch. PostgreSQL commits them on its own
	// connections without stopping the server and flushes concurrent commits together itself; a
	// batch there only added a BEGIN, a savepoint and a COMMIT to each (decision 022).
	if (dialect === 'sqlite') shareStandaloneWrites(db, commits);
	return {
		db,
		authDb: raw,
		dialect,
		pool,
		commits,
		destroy: () => raw.destroy()
	};
}
