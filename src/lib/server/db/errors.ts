/** True when a write failed on a unique constraint, on either database. */
export function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when PostgreSQL gave up a statement because of another transaction, not because of the
 * statement itself: a deadlock (40P01) or a serialization failure (40001). Run again, it succeeds.
 */
export function isConcurrencyConflict(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '40P01' || code === '40001';
}

/**
 * True when a write lost to a concurrent request rather than failing on its own: a unique
 * constraint another transaction claimed first, a deadlock or serialization failure on
 * PostgreSQL, or SQLite still busy after its timeout. Nothing of that transaction is stored, and
 * the user is told that the page changed meanwhile (failFromError), never a 500.
 */
export function isWriteConflict(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return isUniqueViolation(error) || isConcurrencyConflict(error) || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}
