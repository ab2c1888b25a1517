import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../context.ts';
import { createDatabase } from '../db/database.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { jobHandlers, jobSchedules } from '../background.ts';
import { createJobRunner } from '../shared/jobs.runner.ts';
import { nightlyBackupSchedule } from './backup.jobs.ts';
import {
	backupSqlite,
	BackupError,
	explainPostgresBackup,
	PID_FILE,
	pruneBackups,
	replacedDatabaseFile,
	restoreSqlite,
	SQLITE_FILE
} from './backup.ts';

/** Backup and restore of the embedded database, on real files. */
describe('backup and restore (sqlite)', () => {
	const dirs: string[] = [];
	const contexts: TestContext[] = [];
	function tempDir(): string {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-backup-'));
		dirs.push(dir);
		return dir;
	}
	async function liveInstallation(): Promise<{ ctx: TestContext; dataDir: string }> {
		const dataDir = tempDir();
		const ctx = await createTestContext('sqlite', { sqliteFile: SQLITE_FILE, dataDir });
		contexts.push(ctx);
		return { ctx, dataDir };
	}
	afterEach(async () => {
		for (const ctx of contexts.splice(0)) await ctx.cleanup();
		for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('a backup made while writes run holds every write acknowledged before it finished, and restores into a fresh DATA_DIR', async () => {
		const { ctx, dataDir } = await liveInstallation();
		// Enough pages that the copy takes more than one step.
		const filler = Array.from({ length: 3000 }, (_, i) => ({ key: `filler-${i}`, value: 'x'.repeat(200) }));
		for (let i = 0; i < filler.length; i += 500)
			await ctx.db
				.insertInto('systemSettings')
				.values(filler.slice(i, i + 500))
				.execute();

		const acknowledged: string[] = [];
		let writing = true;
		const writer = (async () => {
			for (let n = 0; writing; n++) {
				await ctx.db
					.insertInto('systemSettings')
					.values({ key: `write-${n}`, value: String(n) })
					.execute();
				acknowledged.push(`write-${n}`);
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		// Let some writes land first, so the backup starts in the middle of them.
		while (acknowledged.length < 20) await new Promise((resolve) => setImmediate(resolve));
		const file = path.join(tempDir(), 'nightly.db');
		await backupSqlite({ sourceFile: path.join(dataDir, SQLITE_FILE), destination: file, appVersion: '0.1.0' });
		const acknowledgedBeforeDone = [...acknowledged];
		writing = false;
		await writer;
		expect(acknowledgedBeforeDone.length).toBeGreaterThan(20);

		const freshDataDir = tempDir();
		const { replaced } = restoreSqlite({ file, dataDir: freshDataDir, appVersion: '0.1.0' });
		expect(replaced).toBeNull();
		// The restored installation starts (migrations, built-in data) and has every acknowledged write.
		const restored = await createAppContext({
			config: parseConfig({ DATA_DIR: freshDataDir, LOG_LEVEL: 'silent', AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth' }),
			logger: createLogger('silent')
		});
		try {
			const keys = new Set(
				(await restored.db.selectFrom('systemSettings').select('key').where('key', 'like', 'write-%').execute()).map((r) => r.key)
			);
			expect(acknowledgedBeforeDone.filter((key) => !keys.has(key))).toEqual([]);
			expect((await restored.db.selectFrom('systemSettings').select('key').where('key', 'like', 'filler-%').execute()).length).toBe(3000);
		} finally {
			await restored.database.destroy();
		}
	});

	it('a backup to a folder that does not exist, to an existing file or to a folder is refused with a clear message, and nothing is written', async () => {
		const { dataDir } = await liveInstallation();
		const source = path.join(dataDir, SQLITE_FILE);
		const missing = path.join(tempDir(), 'no-such-folder', 'backup.db');
		await expect(backupSqlite({ sourceFile: source, destination: missing, appVersion: '0.1.0' })).rejects.toMatchObject({
			code: 'backup.unwritable'
		});
		expect(fs.existsSync(path.dirname(missing))).toBe(false);
		const readOnly = tempDir();
		fs.chmodSync(readOnly, 0o500);
		// Root may write anywhere; the check is only meaningful for an ordinary user.
		if (process.getuid?.() !== 0) {
			await expect(backupSqlite({ sourceFile: source, destination: path.join(readOnly, 'b.db'), appVersion: '0.1.0' })).rejects.toThrow(
				/not writable/
			);
			expect(fs.readdirSync(readOnly)).toEqual([]);
		}
		const existing = path.join(tempDir(), 'existing.db');
		fs.writeFileSync(existing, 'keep me');
		await expect(backupSqlite({ sourceFile: source, destination: existing, appVersion: '0.1.0' })).rejects.toMatchObject({
			code: 'backup.exists'
		});
		expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
		const folder = tempDir();
		await expect(backupSqlite({ sourceFile: source, destination: folder, appVersion: '0.1.0' })).rejects.toThrow(
			`${folder} is a folder. Give the backup a file name`
		);
		expect(fs.readdirSync(folder)).toEqual([]);
	});

	it('a restore refuses a backup of a newer version, a file that is no backup, and a running server; the database stays as it was', async () => {
		const { ctx, dataDir } = await liveInstallation();
		const file = path.join(tempDir(), 'b.db');
		await backupSqlite({ sourceFile: path.join(dataDir, SQLITE_FILE), destination: file, appVersion: '0.1.0' });
		await ctx.cleanup();
		contexts.splice(0);
		const target = tempDir();
		fs.writeFileSync(path.join(target, SQLITE_FILE), 'current database');
		const unchanged = () => expect(fs.readdirSync(target)).toEqual([SQLITE_FILE]);

		// Made by a newer app version.
		await expect(async () => restoreSqlite({ file, dataDir: target, appVersion: '0.0.9' })).rejects.toMatchObject({
			code: 'restore.newer_version'
		});
		unchanged();
		// With a migration this version does not know.
		const newer = path.join(tempDir(), 'newer.db');
		fs.copyFileSync(file, newer);
		const raw = new SqliteDatabase(newer);
		raw.prepare("insert into schema_migrations (name, timestamp) values ('9999-from-the-future', '2099-01-01')").run();
		raw.close();
		await expect(async () => restoreSqlite({ file: newer, dataDir: target, appVersion: '0.1.0' })).rejects.toThrow(
			/newer Tweespraak.*9999-from-the-future/
		);
		unchanged();
		// Not a backup at all.
		const junk = path.join(tempDir(), 'junk.db');
		fs.writeFileSync(junk, 'not a database');
		await expect(async () => restoreSqlite({ file: junk, dataDir: target, appVersion: '0.1.0' })).rejects.toBeInstanceOf(BackupError);
		unchanged();
		// A server still running on that DATA_DIR (this process).
		fs.writeFileSync(path.join(target, PID_FILE), String(process.pid));
		await expect(async () => restoreSqlite({ file, dataDir: target, appVersion: '0.1.0' })).rejects.toMatchObject({
			code: 'restore.running'
		});
		fs.rmSync(path.join(target, PID_FILE));

		const { replaced } = restoreSqlite({ file, dataDir: target, appVersion: '0.1.0' });
		expect(fs.readFileSync(replaced!, 'utf8')).toBe('current database');
	});

	it('the database, a new DATA_DIR, backups and a restored database are readable by their owner only', async () => {
		const parent = tempDir();
		const dataDir = path.join(parent, 'data', 'tweespraak');
		const ctx = await createTestContext('sqlite', { sqliteFile: SQLITE_FILE, dataDir });
		contexts.push(ctx);
		const mode = (file: string) => fs.statSync(file).mode & 0o777;
		expect(mode(dataDir)).toBe(0o700);
		expect(mode(path.join(dataDir, SQLITE_FILE))).toBe(0o600);
		const file = path.join(tempDir(), 'manual.db');
		await backupSqlite({ sourceFile: path.join(dataDir, SQLITE_FILE), destination: file, appVersion: '0.1.0' });
		expect(mode(file)).toBe(0o600);
		const restoredDir = tempDir();
		restoreSqlite({ file, dataDir: restoredDir, appVersion: '0.1.0' });
		expect(mode(path.join(restoredDir, SQLITE_FILE))).toBe(0o600);
	});

	it('a DATA_DIR that cannot be used stops the start with one line naming DATA_DIR and the folder, without hanging', () => {
		const file = path.join(tempDir(), 'a-file');
		fs.writeFileSync(file, 'x');
		expect(() => createDatabase({ databaseUrl: undefined, dataDir: file, sqliteFile: SQLITE_FILE })).toThrow(
			`DATA_DIR (${file}) is a file, not a folder`
		);
		expect(() => createDatabase({ databaseUrl: undefined, dataDir: path.join(file, 'below'), sqliteFile: SQLITE_FILE })).toThrow(
			`DATA_DIR (${file}) is a file, not a folder`
		);
		if (process.platform === 'linux') {
			// A recursive mkdir under /proc spun for ever.
			expect(() => createDatabase({ databaseUrl: undefined, dataDir: '/proc/tweespraak-test/data', sqliteFile: SQLITE_FILE })).toThrow(
				/^DATA_DIR \(\/proc\/tweespraak-test\) cannot be created: /
			);
		}
	});

	it('nightly backups keep the newest ones, as many as the setting says', () => {
		const dir = tempDir();
		for (const day of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'])
			fs.writeFileSync(path.join(dir, `tweespraak-${day}.db`), day);
		fs.writeFileSync(path.join(dir, 'other.txt'), 'kept');
		expect(pruneBackups(dir, 2)).toEqual(['tweespraak-2026-01-01.db', 'tweespraak-2026-01-02.db']);
		expect(fs.readdirSync(dir).toSorted()).toEqual(['other.txt', 'tweespraak-2026-01-03.db', 'tweespraak-2026-01-04.db']);
	});

	it('the nightly job writes one backup a day to DATA_DIR/backups, from 02:00 in Amsterdam, and keeps BACKUP_KEEP of them', async () => {
		const { ctx, dataDir } = await liveInstallation();
		const backups = path.join(dataDir, 'backups');
		const night = async (iso: string) => {
			ctx.clock.set(iso);
			await nightlyBackupSchedule.run(ctx);
			await createJobRunner(ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
		};
		await night('2026-03-10T00:30:00Z'); // 01:30 in Amsterdam: not yet
		expect(fs.existsSync(backups)).toBe(false);
		for (const day of ['10', '11', '12', '13', '14', '15', '16', '17', '18']) {
			await night(`2026-03-${day}T02:30:00Z`);
			await night(`2026-03-${day}T05:30:00Z`); // a later tick the same day adds nothing
		}
		const files = fs.readdirSync(backups).toSorted();
		expect(files).toHaveLength(7);
		expect(files.at(-1)).toBe('tweespraak-2026-03-18.db');
		expect(jobSchedules).toContain(nightlyBackupSchedule);
	});

	it('with BACKUP_KEEP=0 the next night removes the nightly backups already on disk, says so in the log, and writes none', async () => {
		const lines: string[] = [];
		const dataDir = tempDir();
		const ctx = await createTestContext('sqlite', {
			sqliteFile: SQLITE_FILE,
			dataDir,
			logger: createLogger('info', { write: (line: string) => void lines.push(line) })
		});
		contexts.push(ctx);
		const backups = path.join(dataDir, 'backups');
		const night = async (iso: string) => {
			ctx.clock.set(iso);
			await nightlyBackupSchedule.run(ctx);
			await createJobRunner(ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
		};
		await night('2026-03-10T02:30:00Z');
		await night('2026-03-11T02:30:00Z');
		fs.writeFileSync(path.join(backups, 'manual-copy.db'), 'made by hand, not by the rotation');
		expect(fs.readdirSync(backups)).toHaveLength(3);

		ctx.config.backupKeep = 0;
		await night('2026-03-12T02:30:00Z');
		expect(fs.readdirSync(backups)).toEqual(['manual-copy.db']);
		const pruned = lines.map((line) => JSON.parse(line) as { event?: string; removed?: number }).filter((l) => l.event === 'backup.pruned');
		expect(pruned).toEqual([expect.objectContaining({ removed: 2, keep: 0, msg: expect.stringContaining('BACKUP_KEEP is 0') })]);
		await night('2026-03-13T02:30:00Z');
		expect(fs.readdirSync(backups)).toEqual(['manual-copy.db']);
	});

	it('a database a restore replaced is a backup too: the nightly rotation removes it, with its -wal and -shm, once BACKUP_KEEP days old', async () => {
		const { ctx, dataDir } = await liveInstallation();
		// What restoreSqlite leaves beside the restored database, on 1 and 8 March.
		const older = replacedDatabaseFile(dataDir, new Date('2026-03-01T10:00:00.000Z'));
		const newer = replacedDatabaseFile(dataDir, new Date('2026-03-08T10:00:00.000Z'));
		for (const file of [older, `${older}-wal`, `${older}-shm`, newer]) fs.writeFileSync(file, 'client data of before the restore');
		const night = async (iso: string) => {
			ctx.clock.set(iso);
			await nightlyBackupSchedule.run(ctx);
			await createJobRunner(ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000 }).runDueJobs();
		};
		const left = () =>
			fs
				.readdirSync(dataDir)
				.filter((name) => name.includes('before-restore'))
				.map((name) => path.join(dataDir, name))
				.toSorted();
		// 10 March: the one of 1 March is older than BACKUP_KEEP (7) days and goes; the one of 8 March stays.
		await night('2026-03-10T02:30:00Z');
		expect(left()).toEqual([newer]);
		await night('2026-03-16T02:30:00Z');
		expect(left()).toEqual([]);
		// The live database and the nightly backups are untouched.
		expect(fs.existsSync(path.join(dataDir, SQLITE_FILE))).toBe(true);
		expect(fs.readdirSync(path.join(dataDir, 'backups'))).toHaveLength(2);
	});

	it('on PostgreSQL the backup command checks that pg_dump can dump the server', () => {
		const pgDump = fs.existsSync('/usr/lib/postgresql/15/bin/pg_dump') ? '/usr/lib/postgresql/15/bin/pg_dump' : '/usr/bin/pg_dump';
		expect(explainPostgresBackup({ serverVersionNum: 150_004, pgDump })).toMatchObject({ ok: true });
		const tooOld = explainPostgresBackup({ serverVersionNum: 990_000, pgDump });
		expect(tooOld.ok).toBe(false);
		expect(tooOld.lines.at(-1)).toMatch(/older than the server/);
		expect(explainPostgresBackup({ serverVersionNum: 150_004, pgDump: '/nonexistent/pg_dump' }).lines.at(-1)).toMatch(/not found/);
	});

	it('on PostgreSQL the commands it gives use the file the operator named, quoted for the shell where needed', () => {
		const named = explainPostgresBackup({ serverVersionNum: 150_004, file: '/backups/pg.dump' }).lines;
		expect(named).toContain('  pg_dump --format=custom --file=/backups/pg.dump "$DATABASE_URL"');
		expect(named).toContain('  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" /backups/pg.dump');
		const spaced = explainPostgresBackup({ serverVersionNum: 150_004, file: "/mnt/o'neill backups/x.dump" }).lines;
		expect(spaced).toContain(`  pg_dump --format=custom --file='/mnt/o'\\''neill backups/x.dump' "$DATABASE_URL"`);
	});
});
