import path from 'node:path';
import type { Kysely } from 'kysely';
import { createAuth, type Auth } from './auth/auth.ts';
import { sendPasswordResetMail } from './auth/auth.mails.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ensureBuiltInDecks } from './decks/decks.usecases.ts';
import { organisationProvidersFor } from './identity/identity.sign-in.usecases.ts';
import { ensureBuiltInInstruments } from './instruments/instruments.usecases.ts';
import type { Database } from './db/schema.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { ConfigError, type Config } from './shared/config.ts';
import type { Logger } from './shared/logger.ts';
import { createMailer, type Mailer } from './shared/mail.ts';
import { getOrCreateStoredSecret } from './shared/secrets.ts';

/** Everything a usecase may need, created once at start (or per test). */
export interface AppContext {
	config: Config;
	logger: Logger;
	clock: Clock;
	database: DatabaseHandle;
	db: Kysely<Database>;
	auth: Auth;
	mailer: Mailer;
	/** Where links in mails point: ORIGIN, or http://localhost:PORT. */
	publicOrigin: string;
	/** Work to do before the database closes, e.g. releasing the live-updates LISTEN connection. */
	onClose(task: () => Promise<void>): void;
}

export interface CreateContextOptions {
	config: Config;
	logger: Logger;
	clock?: Clock;
	/** Tests use ':memory:'. */
	sqliteFile?: string;
	mailer?: Mailer;
}

export async function createAppContext(options: CreateContextOptions): Promise<AppContext> {
	const { config, logger } = options;
	const database = createDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		sqliteFile: options.sqliteFile,
		logger
	});
	const applied = await migrateToLatest(database).catch(async (error: unknown) => {
		// The first query: a database that cannot be reached is a DATABASE_URL to correct, named as such.
		if (!config.databaseUrl || !isConnectionError(error)) throw error;
		await database.destroy().catch(() => undefined);
		throw new ConfigError('DATABASE_URL', `names a PostgreSQL database Tweespraak cannot reach: ${(error as Error).message}`);
	});
	if (applied.length > 0) logger.info({ event: 'db.migrated', migrations: applied }, 'database migrated');
	const secret = config.authSecret ?? (await getOrCreateStoredSecret(database.db, 'auth_secret'));
	const publicOrigin = config.origin ?? `http://localhost:${config.port}`;
	const mailer =
		options.mailer ??
		createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox'), logger });
	// Features holding a connection (live updates) let go of it first, or the pool never ends.
	const closeTasks: (() => Promise<void>)[] = [];
	const destroyDatabase = database.destroy;
	database.destroy = async () => {
		await Promise.allSettled(closeTasks.splice(0).map((task) => task()));
		await destroyDatabase();
	};
	const context = {
		config,
		logger,
		clock: options.clock ?? systemClock,
		database,
		db: database.db,
		mailer,
		publicOrigin,
		onClose: (task: () => Promise<void>) => void closeTasks.push(task)
	} as AppContext;
	context.auth = createAuth({
		authDb: database.authDb,
		dialect: database.dialect,
		secret,
		baseUrl: publicOrigin,
		logger,
		sendResetPassword: (input) => sendPasswordResetMail(context, input),
		providers: organisationProvidersFor(context)
	});
	// Built-in instruments (Samen Sterker) are data: stored once, after the schema exists.
	await ensureBuiltInInstruments(context);
	// Built-in card decks likewise.
	await ensureBuiltInDecks(context);
	return context;
}

let current: AppContext | undefined;

export function setAppContext(context: AppContext): void {
	current = context;
}

export function getAppContext(): AppContext {
	if (!current) throw new Error('The application context is not initialised yet');
	return current;
}

/** Refused, unknown host, timed out, wrong password or no such database: not a fault of the app. */
function isConnectionError(error: unknown): boolean {
	const code = String((error as { code?: unknown } | undefined)?.code ?? '');
	return /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(code) || /^(28|3D)/.test(code);
}
