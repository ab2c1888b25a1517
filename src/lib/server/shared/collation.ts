/**
 * Names in the order a Dutch reader expects ("anna", "Bert", "Émile", "Team 9", "Team 10").
 * Sorted here rather than with ORDER BY: SQLite compares bytes and PostgreSQL follows the
 * database's collation, so the same query would list people differently on each.
 */
const collator = new Intl.Collator('nl', { numeric: true });

/** A new array sorted by name; equal names keep a fixed order by `tieBreak` (an id). */
export function sortByName<T extends { name: string }>(items: readonly T[], tieBreak: (item: T) => string): T[] {
	return [...items].sort((a, b) => collator.compare(a.name, b.name) || compareIds(tieBreak(a), tieBreak(b)));
}

function compareIds(a: string, b: string): number {
	if (a === b) return 0;
	return a < b ? -1 : 1;
}
