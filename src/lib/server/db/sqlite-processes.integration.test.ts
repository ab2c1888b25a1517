import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.ts';

/**
 * The server and another process on one SQLite file (the command-line tool, the bench): a
 * transaction that reads and then writes must not be refused because the other process wrote
 * in between. With a deferred BEGIN SQLite refused that write at once ("database is locked"); the
 * bench met it now and then. Another process is needed: in one thread, a write waiting for the
 * lock would block the very transaction it waits for.
 */
describe('SQLite shared with another process', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-sqlite-processes-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('a transaction that read before another process wrote still writes, and both writes are kept', { timeout: 30_000 }, async () => {
		const handle = createDatabase({ databaseUrl: undefined, dataDir: dir, sqliteFile: 'shared.db' });
		try {
			await sql`create table notes (id integer primary key, text text not null)`.execute(handle.authDb);
			const other = `
			const Database = require('better-sqlite3');
			const db = new Database(${JSON.stringify(path.join(dir, 'shared.db'))});
			db.pragma('busy_timeout = 10000');
			db.prepare("insert into notes (text) values ('from the other process')").run();
			db.close();
		`;
			let otherDone: Promise<number | null> | undefined;
			await handle.authDb.transaction().execute(async (trx) => {
				await sql`select count(*) as n from notes`.execute(trx);
				// The other process writes now, while this transaction is open.
				const child = spawn(process.execPath, ['-e', other], { cwd: process.cwd(), stdio: 'ignore' });
				otherDone = new Promise((resolve) => child.once('exit', resolve));
				await new Promise((resolve) => setTimeout(resolve, 500));
				await sql`insert into notes (text) values ('from the server')`.execute(trx);
			});
			expect(await otherDone).toBe(0);
			const { rows } = await sql<{ text: string }>`select text from notes order by id`.execute(handle.authDb);
			expect(rows.map((row) => row.text).toSorted()).toEqual(['from the other process', 'from the server']);
		} finally {
			await handle.destroy();
		}
	});
});
