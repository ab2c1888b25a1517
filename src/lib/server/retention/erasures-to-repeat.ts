import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * The erasures on request a restored database must get again (decision 011): a restore reads the
 * tombstones (migration 0040) of the database it replaces and writes them to
 * `DATA_DIR/erasures-to-repeat.json`; the next start erases each again and removes the file
 * (`repeatErasuresAfterRestore`). Ids and times only. No app imports: the restore command runs
 * without an app context.
 */

export const ERASURES_TO_REPEAT_FILE = 'erasures-to-repeat.json';
const FORMAT = 'tweespraak.erasures-to-repeat';

export interface ErasureTombstone {
	organisationId: string;
	targetType: 'collaboration' | 'participant';
	targetId: string;
	erasedAt: string;
}

/** The tombstones in a SQLite database file; none when it predates them (no table). */
export function readTombstonesOfSqliteFile(file: string): ErasureTombstone[] {
	const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
	try {
		const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'erasure_tombstones'").get();
		if (!table) return [];
		return db
			.prepare(
				'select organisation_id as organisationId, target_type as targetType, target_id as targetId, erased_at as erasedAt from erasure_tombstones order by erased_at, target_id'
			)
			.all() as ErasureTombstone[];
	} finally {
		db.close();
	}
}

function isTombstone(value: unknown): value is ErasureTombstone {
	const t = value as Partial<ErasureTombstone> | null;
	return (
		typeof t === 'object' &&
		t !== null &&
		typeof t.organisationId === 'string' &&
		(t.targetType === 'collaboration' || t.targetType === 'participant') &&
		typeof t.targetId === 'string' &&
		typeof t.erasedAt === 'string'
	);
}

/** What the file holds, or undefined when there is none. A file that cannot be read stops the caller: those erasures must not be lost. */
export function readErasuresToRepeat(dataDir: string): ErasureTombstone[] | undefined {
	const file = path.join(dataDir, ERASURES_TO_REPEAT_FILE);
	if (!fs.existsSync(file)) return undefined;
	const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; erasures?: unknown };
	if (parsed.format !== FORMAT || !Array.isArray(parsed.erasures) || !parsed.erasures.every(isTombstone))
		throw new Error(`${file} is not a list of erasures to repeat; fix or remove it, then start again.`);
	return parsed.erasures;
}

/**
 * Adds tombstones to the file (what it held stays: two restores before a start lose nothing),
 * written whole and readable by its owner only. Returns how many erasures it now holds.
 */
export function saveErasuresToRepeat(dataDir: string, tombstones: readonly ErasureTombstone[]): number {
	const byKey = new Map<string, ErasureTombstone>();
	for (const t of [...(readErasuresToRepeat(dataDir) ?? []), ...tombstones])
		if (!byKey.has(`${t.organisationId}/${t.targetType}/${t.targetId}`)) byKey.set(`${t.organisationId}/${t.targetType}/${t.targetId}`, t);
	const erasures = [...byKey.values()].toSorted((a, b) => (a.erasedAt < b.erasedAt ? -1 : a.erasedAt > b.erasedAt ? 1 : 0));
	if (erasures.length === 0) return 0;
	const file = path.join(dataDir, ERASURES_TO_REPEAT_FILE);
	const temporary = `${file}.partial-${process.pid}`;
	fs.writeFileSync(temporary, JSON.stringify({ format: FORMAT, version: 1, erasures }, null, '\t') + '\n', { mode: 0o600 });
	fs.chmodSync(temporary, 0o600);
	fs.renameSync(temporary, file);
	return erasures.length;
}

export function removeErasuresToRepeat(dataDir: string): void {
	fs.rmSync(path.join(dataDir, ERASURES_TO_REPEAT_FILE), { force: true });
}
