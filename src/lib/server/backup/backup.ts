import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { migrations } from '../db/migrations/index.ts';
import { readChangesOfSqliteFile, saveErasuresToRepeat, type ChangesToRepeat } from '../retention/erasures-to-repeat.ts';

export { ERASURES_TO_REPEAT_FILE } from '../retention/erasures-to-repeat.ts';

/**
 * Backup and restore of the embedded SQLite database (README, operators; decision 011). A backup
 * is made with SQLite's online backup API on a connection of its own, so the server keeps running
 * and writing; WAL readers see one consistent snapshot. The copy records the app's version, so a
 * restore can refuse a backup made by a newer Tweespraak. On PostgreSQL, pg_dump does this job.
 */

export const SQLITE_FILE = 'tweespraak.db';
export const PID_FILE = 'tweespraak.pid';
const VERSION_KEY = 'backup.app_version';
const MADE_AT_KEY = 'backup.made_at';
/** The name of a nightly backup (backup.jobs.ts): the day it was made, in Amsterdam. */
const NIGHTLY_BACKUP = /^tweespraak-\d{4}-\d{2}-\d{2}\.db$/;

/** A refusal with one line for the operator; nothing was changed. */
export class BackupError extends Error {
	readonly code: string;
	constructor(code: string, message: string) {
		super(message);
		this.name = 'BackupError';
		this.code = code;
	}
}

function compareVersions(a: string, b: string): number {
	const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
	const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

/** Where a new file may be written: the folder exists and is writable, the file does not exist yet. */
function checkWritableDestination(destination: string): void {
	const dir = path.dirname(path.resolve(destination));
	try {
		fs.accessSync(dir, fs.constants.W_OK);
	} catch {
		throw new BackupError(
			'backup.unwritable',
			`Cannot write to ${dir}: the folder does not exist or is not writable. Nothing was written.`
		);
	}
	if (fs.existsSync(destination) && fs.statSync(destination).isDirectory())
		throw new BackupError(
			'backup.exists',
			`${destination} is a folder. Give the backup a file name, such as ${path.join(destination, 'tweespraak-backup.db')}; nothing was written.`
		);
	if (fs.existsSync(destination))
		throw new BackupError('backup.exists', `${destination} already exists. Choose another file name; nothing was overwritten.`);
}

/** Copies the live database at `sourceFile` to `destination`, consistent while the server writes. */
export async function backupSqlite(input: {
	sourceFile: string;
	destination: string;
	appVersion: string;
	now?: Date;
}): Promise<{ bytes: number }> {
	const { sourceFile, destination } = input;
	if (!fs.existsSync(sourceFile)) throw new BackupError('backup.no_database', `There is no database at ${sourceFile}. Is DATA_DIR right?`);
	checkWritableDestination(destination);
	const temporary = `${destination}.partial-${process.pid}`;
	const source = new SqliteDatabase(sourceFile, { fileMustExist: true });
	try {
		source.pragma('busy_timeout = 5000');
		// All pages in one step: within that step SQLite reads one snapshot, and a writer on another
		// connection cannot make the backup start over and over.
		await source.backup(temporary, { progress: () => 1_000_000 });
	} catch (error) {
		fs.rmSync(temporary, { force: true });
		throw error;
	} finally {
		source.close();
	}
	const copy = new SqliteDatabase(temporary);
	try {
		const stamp = copy.prepare(
			'insert into system_settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value'
		);
		stamp.run(VERSION_KEY, input.appVersion);
		stamp.run(MADE_AT_KEY, (input.now ?? new Date()).toISOString());
		const check = copy.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new BackupError('backup.corrupt', `The copy failed its integrity check (${String(check)}).`);
		copy.pragma('journal_mode = DELETE');
	} catch (error) {
		copy.close();
		fs.rmSync(temporary, { force: true });
		throw error;
	}
	copy.close();
	// A backup holds every client's data: readable by its owner only, wherever it is written.
	fs.chmodSync(temporary, 0o600);
	fs.renameSync(temporary, destination);
	return { bytes: fs.statSync(destination).size };
}

export interface BackupInfo {
	appVersion: string | null;
	madeAt: string | null;
	migrations: string[];
}

/** What a backup file holds; refuses a file that is not an intact Tweespraak database. */
export function inspectBackup(file: string): BackupInfo {
	if (!fs.existsSync(file)) throw new BackupError('restore.no_file', `${file} does not exist.`);
	let db: SqliteDatabase.Database | undefined;
	try {
		db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
		if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity');
		const names = db.prepare('select name from schema_migrations order by name').pluck().all() as string[];
		const setting = (key: string) =>
			(db!.prepare('select value from system_settings where key = ?').pluck().get(key) as string | undefined) ?? null;
		return { appVersion: setting(VERSION_KEY), madeAt: setting(MADE_AT_KEY), migrations: names };
	} catch {
		throw new BackupError('restore.not_a_backup', `${file} is not a Tweespraak backup (or it is damaged). Nothing was changed.`);
	} finally {
		db?.close();
	}
}

/** True while a server started from this DATA_DIR still runs. */
export function isServerRunning(dataDir: string): boolean {
	const pidFile = path.join(dataDir, PID_FILE);
	if (!fs.existsSync(pidFile)) return false;
	const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10);
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Puts a backup in place of DATA_DIR's database, on a stopped installation. Refuses a backup from
 * a newer version (a migration or app version this code does not know); an older one is brought
 * up to date by the migrations at the next start. The database it replaces is kept beside it, and
 * its tombstones (every erasure on request) and its deactivated and deleted staff accounts go to
 * `DATA_DIR/erasures-to-repeat.json`, which the next start applies again (decision 011): all of
 * them, not only those after the backup was made, since erasing or switching off again what is
 * gone or off changes nothing and no clock needs to be trusted.
 */
export function restoreSqlite(input: { file: string; dataDir: string; appVersion: string; now?: Date }): {
	replaced: string | null;
	info: BackupInfo;
	/** How many erasures the next start repeats (also those of an earlier restore not yet started). */
	erasuresToRepeat: number;
	/** How many deactivated or deleted staff accounts the next start switches off or deletes again. */
	staffToRepeat: number;
	/** The replaced database could not be read for its tombstones: its erasures must be done again by hand. */
	tombstonesUnreadable: boolean;
} {
	const { file, dataDir } = input;
	if (isServerRunning(dataDir))
		throw new BackupError('restore.running', `Tweespraak is still running on ${dataDir}. Stop the server first; nothing was changed.`);
	const info = inspectBackup(file);
	const unknown = info.migrations.filter((name) => !(name in migrations));
	if (unknown.length > 0 || (info.appVersion && compareVersions(info.appVersion, input.appVersion) > 0)) {
		throw new BackupError(
			'restore.newer_version',
			`This backup was made by a newer Tweespraak (${info.appVersion ?? 'unknown version'}${unknown.length ? `, migration ${unknown.join(', ')}` : ''}) than this one (${input.appVersion}). Update Tweespraak first; nothing was changed.`
		);
	}
	fs.mkdirSync(dataDir, { recursive: true });
	const target = path.join(dataDir, SQLITE_FILE);
	const temporary = `${target}.restoring-${process.pid}`;
	fs.copyFileSync(file, temporary);
	fs.chmodSync(temporary, 0o600);
	let changes: ChangesToRepeat = { erasures: [], staff: [] };
	let tombstonesUnreadable = false;
	if (fs.existsSync(target)) {
		try {
			// Read only: the database (and its WAL) stays as it was.
			changes = readChangesOfSqliteFile(target);
		} catch {
			// A damaged database is a reason to restore; the restore goes on and says so.
			tombstonesUnreadable = true;
		}
	}
	let toRepeat: { erasures: number; staff: number };
	try {
		// Before anything moves: a restore that stops here leaves the old database in place, and
		// erasing it again at the next start changes nothing.
		toRepeat = saveErasuresToRepeat(dataDir, changes);
	} catch (error) {
		fs.rmSync(temporary, { force: true });
		throw error;
	}
	let replaced: string | null = null;
	if (fs.existsSync(target)) {
		replaced = replacedDatabaseFile(dataDir, input.now ?? new Date());
		fs.renameSync(target, replaced);
		for (const suffix of ['-wal', '-shm']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, replaced + suffix);
	}
	fs.renameSync(temporary, target);
	return { replaced, info, erasuresToRepeat: toRepeat.erasures, staffToRepeat: toRepeat.staff, tombstonesUnreadable };
}

/** Where a restore keeps the database it replaced (`tweespraak.db.before-restore-<time>`), beside the restored one. */
export function replacedDatabaseFile(dataDir: string, now: Date): string {
	return path.join(dataDir, `${SQLITE_FILE}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
}

const REPLACED_DATABASE = /^tweespraak\.db\.before-restore-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Removes the databases a restore replaced (replacedDatabaseFile, with their -wal and -shm) once
 * older than `keepDays`: each is a whole copy of the client data as it was, and only the backup
 * rotation ever removes one, so it must not outlive the nightly backups (decision 011). Returns
 * the names removed.
 */
export function pruneReplacedDatabases(dataDir: string, keepDays: number, now: Date): string[] {
	if (!fs.existsSync(dataDir)) return [];
	const removed: string[] = [];
	for (const name of fs.readdirSync(dataDir).toSorted()) {
		const match = REPLACED_DATABASE.exec(name);
		if (!match) continue;
		const [, day, hours, minutes, seconds, millis] = match;
		const replacedAt = Date.parse(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
		if (Number.isNaN(replacedAt) || now.getTime() - replacedAt <= keepDays * DAY_MS) continue;
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, name + suffix), { force: true });
		removed.push(name);
	}
	return removed;
}

/** Keeps the newest `keep` nightly backups in `dir` (tweespraak-YYYY-MM-DD.db), removing older ones. */
export function pruneBackups(dir: string, keep: number): string[] {
	const files = listNightlyBackups(dir);
	const removed = files.slice(0, Math.max(0, files.length - keep));
	for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
	return removed;
}

/** The nightly backups in `dir` (`tweespraak-YYYY-MM-DD.db`), oldest first; none when the folder does not exist. */
function listNightlyBackups(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => NIGHTLY_BACKUP.test(name))
		.toSorted();
}

/**
 * The day (YYYY-MM-DD, Amsterdam) of the oldest nightly backup still in `dir`, if any: erasure
 * tombstones of erasures since then must stay, or restoring it would bring the erased data back.
 */
export function oldestNightlyBackupDay(dir: string): string | undefined {
	return listNightlyBackups(dir)
		.map((name) => name.slice('tweespraak-'.length, -'.db'.length))
		.find((day) => !Number.isNaN(Date.parse(day)));
}

/**
 * On PostgreSQL a backup is pg_dump's job: this checks that pg_dump is there and not older than
 * the server (pg_dump refuses to dump a newer server), and returns the commands to use.
 */
export function explainPostgresBackup(input: { serverVersionNum: number; pgDump?: string; file?: string }): {
	ok: boolean;
	lines: string[];
} {
	const pgDump = input.pgDump ?? 'pg_dump';
	// The file the operator named: the commands can be copied as they are.
	const dumpFile = input.file ?? 'tweespraak.dump';
	const serverMajor = Math.floor(input.serverVersionNum / 10_000);
	let dumpVersion: string | null = null;
	try {
		dumpVersion = execFileSync(pgDump, ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		dumpVersion = null;
	}
	const dumpMajor = dumpVersion ? Number.parseInt(dumpVersion.match(/(\d+)(?:\.\d+)?/)?.[1] ?? '0', 10) : 0;
	const lines = [
		'This installation uses PostgreSQL (DATABASE_URL). Back it up with pg_dump, while Tweespraak runs:',
		`  pg_dump --format=custom --file=${shellWord(dumpFile)} "$DATABASE_URL"`,
		'and restore it, with Tweespraak stopped, into an empty database of the same or a newer PostgreSQL:',
		`  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${shellWord(dumpFile)}`
	];
	if (!dumpVersion)
		return {
			ok: false,
			lines: [...lines, `pg_dump was not found (${pgDump}). Install the PostgreSQL client tools, version ${serverMajor} or newer.`]
		};
	if (dumpMajor < serverMajor)
		return {
			ok: false,
			lines: [
				...lines,
				`${dumpVersion} is older than the server (PostgreSQL ${serverMajor}); it will refuse. Install pg_dump ${serverMajor} or newer.`
			]
		};
	return { ok: true, lines: [...lines, `Found ${dumpVersion}: it can dump this server (PostgreSQL ${serverMajor}).`] };
}

/** A word for a POSIX shell: as it is when it holds only safe characters, else in single quotes. */
function shellWord(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
