/** SQLite's limit on bound values is far above this; PostgreSQL's too. */
const CHUNK = 500;

/** Splits a long list of ids into pieces small enough to bind in one `in (…)`. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
	const result: T[][] = [];
	for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
	return result;
}
