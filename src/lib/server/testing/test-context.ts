import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { createAppContext, type AppContext } from '../context.ts';
import { createDatabase, type DatabaseHandle, type Dialect } from '../db/database.ts';
import { migrateTo } from '../db/migrate.ts';
import type { Clock } from '../shared/clock.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import type { MailMessage, Mailer } from '../shared/mail.ts';

/**
 * The integration-test harness: a real database with real migrations (SQLite in memory, or a
 * throwaway PostgreSQL database), a clock the test moves, and a mailer that keeps what it sent.
 */

export const TEST_ORIGIN = 'http://tweespraak.test';

/**
 * Starts at the real "now", because better-auth stamps sessions and reset tokens with the
 * real time and our checks compare them with this clock; tests move it forward from there.
 */
export class TestClock implements Clock {
	#now = new Date();
	now(): Date {
		return new Date(this.#now.getTime());
	}
	set(date: Date | string): void {
		this.#now = new Date(date);
	}
	advance(ms: number): void {
		this.#now = new Date(this.#now.getTime() + ms);
	}
	reset(): void {
		this.#now = new Date();
	}
}

export class CapturingMailer implements Mailer {
	readonly sent: MailMessage[] = [];
	async send(message: MailMessage): Promise<void> {
		this.sent.push(message);
	}
	to(address: string): MailMessage[] {
		return this.sent.filter((mail) => mail.to === address);
	}
	clear(): void {
		this.sent.length = 0;
	}
}

export interface TestContext extends AppContext {
	clock: TestClock;
	mailer: CapturingMailer;
	/** Closes the connections and, on PostgreSQL, drops the throwaway database. */
	cleanup(): Promise<void>;
}

export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL?.trim() || undefined;

export interface ThrowawayDatabase {
	url: string;
	drop(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database next to TEST_DATABASE_URL's, named tw_it_<random>. It
 * sorts text the way a Dutch server does (ICU nl-NL), not byte-wise like SQLite, so a query
 * whose order depends on the database's collation shows up as a difference between the two.
 */
export async function createThrowawayDatabase(options: { template?: string } = {}): Promise<ThrowawayDatabase> {
	if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `tw_it_${randomBytes(6).toString('hex')}`;
	if (options.template) {
		// A copy keeps the template's locale provider and collation (ICU nl-NL when it has it).
		await runAdminStatement(`create database ${name} template ${options.template}`);
	} else {
		try {
			await runAdminStatement(`create database ${name} template template0 locale_provider icu icu_locale 'nl-NL'`);
		} catch {
			await runAdminStatement(`create database ${name}`); // a server built without ICU
		}
	}
	// A throwaway database need not wait for the disk on every commit; a crash of the test
	// server loses nothing a test needs (the app's own durability is tested against kill -9).
	await runAdminStatement(`alter database ${name} set synchronous_commit = off`);
	const url = new URL(testDatabaseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () => dropDatabase(name)
	};
}

/**
 * pg's pool.end() resolves before its sockets have closed; dropping `with (force)` at that
 * moment kills them and the pool reports the error after the test. So wait for them to go.
 */
async function dropDatabase(name: string): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		try {
			await runAdminStatement(`drop database if exists ${name}`);
			return;
		} catch (error) {
			if ((error as { code?: string }).code !== '55006') throw error; // 55006: still in use
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
	await runAdminStatement(`drop database if exists ${name} with (force)`);
}

async function runAdminStatement(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: testDatabaseUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/**
 * For the tests of a migration on data written before it, in a describe block: each call opens a
 * fresh, empty database of the dialect (SQLite in memory, or a throwaway PostgreSQL database) and
 * brings it up to and including `migration`; the test writes its rows with that schema and runs
 * the rest (migrateToLatest). What a test opened is closed, and dropped, after it.
 */
export function useDatabaseAtMigration(dialect: Dialect): (migration: string) => Promise<DatabaseHandle> {
	const opened: { handle?: DatabaseHandle; throwaway?: ThrowawayDatabase }[] = [];
	afterEach(async () => {
		for (const { handle, throwaway } of opened.splice(0)) {
			await handle?.destroy();
			await throwaway?.drop();
		}
	});
	return async (migration) => {
		const database: (typeof opened)[number] = {};
		opened.push(database);
		if (dialect === 'postgres') database.throwaway = await createThrowawayDatabase();
		const handle = createDatabase({
			databaseUrl: database.throwaway?.url,
			dataDir: path.join(os.tmpdir(), 'tweespraak-tests'),
			sqliteFile: ':memory:'
		});
		database.handle = handle;
		await migrateTo(handle, migration);
		return handle;
	};
}

export interface TestContextOptions {
	/** A database file in dataDir instead of memory (SQLite), to look at the raw file. */
	sqliteFile?: string;
	dataDir?: string;
	logger?: Logger;
	/** The PostgreSQL database's URL, for pg_dump. */
	onDatabaseUrl?: (url: string) => void;
}

/**
 * The migrated PostgreSQL database that global-setup.ts prepared for this run, if any. Copying it
 * (CREATE DATABASE … TEMPLATE) takes a fraction of running every migration again per test file;
 * the migrations themselves still run on an empty database in their own tests and once here.
 */
function migratedTemplate(): string | undefined {
	try {
		return inject('postgresTemplate') || undefined;
	} catch {
		return undefined; // outside a Vitest worker
	}
}

export async function createTestContext(dialect: Dialect, options: TestContextOptions = {}): Promise<TestContext> {
	const throwaway = dialect === 'postgres' ? await createThrowawayDatabase({ template: migratedTemplate() }) : undefined;
	if (throwaway) options.onDatabaseUrl?.(throwaway.url);
	const config = parseConfig({
		DATABASE_URL: throwaway?.url,
		DATA_DIR: options.dataDir ?? path.join(os.tmpdir(), 'tweespraak-tests'),
		ORIGIN: TEST_ORIGIN,
		LOG_LEVEL: 'silent',
		AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth',
		// The tests' identity providers listen on 127.0.0.1; the guard's own tests turn this off.
		ALLOW_PRIVATE_PROVIDERS: 'true'
	});
	const clock = new TestClock();
	const mailer = new CapturingMailer();
	try {
		const logger = options.logger ?? createLogger('silent');
		const ctx = await createAppContext({ config, logger, clock, mailer, sqliteFile: options.sqliteFile ?? ':memory:' });
		return Object.assign(ctx, {
			clock,
			mailer,
			async cleanup() {
				await ctx.database.destroy();
				await throwaway?.drop();
			}
		});
	} catch (error) {
		await throwaway?.drop();
		throw error;
	}
}

/**
 * SQLite always; PostgreSQL only when TEST_DATABASE_URL is set (global-setup.ts warns once when
 * not). TEST_DIALECTS (a comma list) narrows it: `npm test` runs the SQLite half first and then
 * only the PostgreSQL half (TEST_DIALECTS=postgres), instead of the SQLite half a second time.
 */
export function getTestDialects(): Dialect[] {
	const available: Dialect[] = testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];
	const wanted = (process.env.TEST_DIALECTS ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	return wanted.length > 0 ? available.filter((dialect) => wanted.includes(dialect)) : available;
}

/** Runs the same suite on every test dialect: `describe('invitations (sqlite)')` and `(postgres)`. */
export function describeOnBothDatabases(name: string, fn: (dialect: Dialect) => void): void {
	for (const dialect of getTestDialects()) {
		describe(`${name} (${dialect})`, () => fn(dialect));
	}
}

/**
 * One context for the whole describe block: tests stay independent by building their own
 * organisation. Before each test the clock returns to now and the captured mails are cleared.
 */
export function useTestContext(dialect: Dialect): { readonly ctx: TestContext } {
	let ctx: TestContext | undefined;
	beforeAll(async () => {
		ctx = await createTestContext(dialect);
	});
	afterAll(async () => {
		await ctx?.cleanup();
	});
	beforeEach(() => {
		ctx?.clock.reset();
		ctx?.mailer.clear();
	});
	return {
		get ctx() {
			if (!ctx) throw new Error('The test context is only available inside tests');
			return ctx;
		}
	};
}
