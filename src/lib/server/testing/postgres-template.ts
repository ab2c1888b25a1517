import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAppContext } from '../context.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';

/**
 * One migrated PostgreSQL database per integration run (tw_tpl_<random>): every migration and
 * the built-in instruments and decks, applied once. Each test context is then a copy of it
 * (CREATE DATABASE … TEMPLATE, see test-context.ts) instead of an empty database that runs all
 * migrations again. Returns the name and a function that drops it at the end of the run.
 */
export async function createMigratedTemplate(adminUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
	const name = `tw_tpl_${randomBytes(6).toString('hex')}`;
	const admin = async (statement: string) => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	try {
		await admin(`create database ${name} template template0 locale_provider icu icu_locale 'nl-NL'`);
	} catch {
		await admin(`create database ${name}`); // a server built without ICU
	}
	const drop = () => admin(`drop database if exists ${name} with (force)`);
	try {
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		const config = parseConfig({
			DATABASE_URL: url.toString(),
			DATA_DIR: path.join(os.tmpdir(), 'tweespraak-tests'),
			ORIGIN: 'http://tweespraak.test',
			LOG_LEVEL: 'silent',
			AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth'
		});
		const ctx = await createAppContext({ config, logger: createLogger('silent') });
		await ctx.database.destroy();
		// A template must have no open connections when it is copied; pg's pool may still be closing.
		await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
	} catch (error) {
		await drop();
		throw error;
	}
	return { name, drop };
}
