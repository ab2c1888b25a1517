import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createAppContext, type AppContext } from '../context.ts';
import type { Dialect } from '../db/database.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { CapturingMailer, createThrowawayDatabase, TEST_ORIGIN, TestClock } from './test-context.ts';

/** A database that outlives a context, so a run can restart: a SQLite file, or a throwaway PostgreSQL database. */
export function persistentDatabase(dialect: Dialect) {
	let dataDir: string | undefined;
	let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
	const clock = new TestClock();
	return {
		clock,
		async open(): Promise<AppContext> {
			if (dialect === 'postgres') throwaway ??= await createThrowawayDatabase();
			else dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-suppression-'));
			const config = parseConfig({
				DATABASE_URL: throwaway?.url,
				DATA_DIR: dataDir ?? os.tmpdir(),
				ORIGIN: TEST_ORIGIN,
				LOG_LEVEL: 'silent',
				AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth'
			});
			const ctx = await createAppContext({
				config,
				logger: createLogger('silent'),
				clock,
				mailer: new CapturingMailer(),
				sqliteFile: dialect === 'sqlite' ? 'suppression.db' : undefined
			});
			// Speed only: the test never loses power between a commit and a restart.
			if (dialect === 'sqlite') await sql`pragma synchronous = off`.execute(ctx.db);
			return ctx;
		},
		async drop(): Promise<void> {
			await throwaway?.drop();
			if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
