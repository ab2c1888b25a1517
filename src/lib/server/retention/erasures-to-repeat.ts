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

/**
 * A staff account that was switched off (`deactivated`) or deleted (`deleted`, the numbered
 * tombstone user) in the database a restore replaced: a restored database must not bring its name,
 * address, password or access back. Ids, a time and the former number only.
 */
export interface StaffChange {
	organisationId: string;
	userId: string;
	change: 'deactivated' | 'deleted';
	at: string;
	formerNumber: number | null;
}

export interface ChangesToRepeat {
	erasures: ErasureTombstone[];
	staff: StaffChange[];
}

/**
 * The tombstones and the switched-off staff accounts in a SQLite database file; no tombstones when
 * it predates them (no table), and deactivations only when it predates staff deletion.
 */
export function readChangesOfSqliteFile(file: string): ChangesToRepeat {
	const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
	try {
		const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'erasure_tombstones'").get();
		const erasures = table
			? (db
					.prepare(
						'select organisation_id as organisationId, target_type as targetType, target_id as targetId, erased_at as erasedAt from erasure_tombstones order by erased_at, target_id'
					)
					.all() as ErasureTombstone[])
			: [];
		const columns = new Set((db.prepare('pragma table_info(memberships)').all() as { name: string }[]).map((c) => c.name));
		const rows = db
			.prepare(
				`select organisation_id as organisationId, user_id as userId, deactivated_at as deactivatedAt, ${
					columns.has('deleted_at') ? 'deleted_at' : 'null'
				} as deletedAt, ${columns.has('former_number') ? 'former_number' : 'null'} as formerNumber from memberships where status = 'deactivated'`
			)
			.all() as {
			organisationId: string;
			userId: string;
			deactivatedAt: string | null;
			deletedAt: string | null;
			formerNumber: number | null;
		}[];
		return { erasures, staff: rows.map(staffChangeOf) };
	} finally {
		db.close();
	}
}

/** A deactivated membership as the change a restored database must get again. */
export function staffChangeOf(row: {
	organisationId: string;
	userId: string;
	deactivatedAt: string | null;
	deletedAt: string | null;
	formerNumber: number | null;
}): StaffChange {
	return {
		organisationId: row.organisationId,
		userId: row.userId,
		change: row.deletedAt ? 'deleted' : 'deactivated',
		at: row.deletedAt ?? row.deactivatedAt ?? '',
		formerNumber: row.formerNumber === null ? null : Number(row.formerNumber)
	};
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

function isStaffChange(value: unknown): value is StaffChange {
	const c = value as Partial<StaffChange> | null;
	return (
		typeof c === 'object' &&
		c !== null &&
		typeof c.organisationId === 'string' &&
		typeof c.userId === 'string' &&
		(c.change === 'deactivated' || c.change === 'deleted') &&
		typeof c.at === 'string' &&
		(c.formerNumber === null || Number.isInteger(c.formerNumber))
	);
}

/**
 * What the file holds, or undefined when there is none (a file of version 1 holds no staff
 * changes). A file that cannot be read stops the caller: those erasures must not be lost.
 */
export function readErasuresToRepeat(dataDir: string): ChangesToRepeat | undefined {
	const file = path.join(dataDir, ERASURES_TO_REPEAT_FILE);
	if (!fs.existsSync(file)) return undefined;
	const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; erasures?: unknown; staff?: unknown };
	const staff = parsed.staff ?? [];
	if (
		parsed.format !== FORMAT ||
		!Array.isArray(parsed.erasures) ||
		!parsed.erasures.every(isTombstone) ||
		!Array.isArray(staff) ||
		!staff.every(isStaffChange)
	)
		throw new Error(`${file} is not a list of erasures to repeat; fix or remove it, then start again.`);
	return { erasures: parsed.erasures, staff };
}

/**
 * Adds tombstones and staff changes to the file (what it held stays: two restores before a start
 * lose nothing; a deletion outweighs a deactivation of the same account), written whole and
 * readable by its owner only. Returns how many erasures and staff changes it now holds.
 */
export function saveErasuresToRepeat(dataDir: string, changes: Partial<ChangesToRepeat>): { erasures: number; staff: number } {
	const held = readErasuresToRepeat(dataDir);
	const byKey = new Map<string, ErasureTombstone>();
	for (const t of [...(held?.erasures ?? []), ...(changes.erasures ?? [])])
		if (!byKey.has(`${t.organisationId}/${t.targetType}/${t.targetId}`)) byKey.set(`${t.organisationId}/${t.targetType}/${t.targetId}`, t);
	const byUser = new Map<string, StaffChange>();
	for (const c of [...(held?.staff ?? []), ...(changes.staff ?? [])]) {
		const key = `${c.organisationId}/${c.userId}`;
		const known = byUser.get(key);
		if (!known || (known.change === 'deactivated' && c.change === 'deleted')) byUser.set(key, c);
	}
	const byTime =
		<T>(at: (x: T) => string) =>
		(a: T, b: T) =>
			at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0;
	const erasures = [...byKey.values()].toSorted(byTime((t) => t.erasedAt));
	const staff = [...byUser.values()].toSorted(byTime((c) => c.at));
	if (erasures.length === 0 && staff.length === 0) return { erasures: 0, staff: 0 };
	const file = path.join(dataDir, ERASURES_TO_REPEAT_FILE);
	const temporary = `${file}.partial-${process.pid}`;
	fs.writeFileSync(temporary, JSON.stringify({ format: FORMAT, version: 2, erasures, staff }, null, '\t') + '\n', { mode: 0o600 });
	fs.chmodSync(temporary, 0o600);
	fs.renameSync(temporary, file);
	return { erasures: erasures.length, staff: staff.length };
}

export function removeErasuresToRepeat(dataDir: string): void {
	fs.rmSync(path.join(dataDir, ERASURES_TO_REPEAT_FILE), { force: true });
}
