/**
 * SQLite (3.54, as bundled with better-sqlite3) marks a statement's parameter "may change the plan"
 * when its planner looked at the bound value: an equality outside the index it chose (a join's other
 * table: is the value 0 or 1?), a `LIMIT ?`, or a partial index's condition. Clearing the bindings
 * then expires the whole statement, and better-sqlite3 clears them after every run, so each such
 * statement was parsed and planned again on every run, kept prepared or not: the device's session
 * lookup (four tables joined) on every participant request, the parties of a conversation on every
 * submission: 118 µs a run of that lookup instead of 15 µs, 5–6 % of the server's CPU under load
 * (docs/decisions/023, addendum of 2026-12-07, night).
 *
 * Written as `+?`, a parameter is an expression the planner does not look into (SQLite skips a
 * unary plus there), so the statement is planned once, as it is before its first run, when nothing
 * is bound. The unary plus changes no value and no comparison: it returns its operand as it is, and
 * neither `?` nor `+?` carries an affinity, so the column's affinity applies to both alike.
 *
 * Every `?` outside quoted text, quoted names and comments gets its plus; the SQL is Kysely's, whose
 * SQLite compiler writes each parameter as a `?`.
 */
export function planWithoutBoundValues(sql: string): string {
	let result = '';
	let copiedUpTo = 0;
	let i = 0;
	while (i < sql.length) {
		const char = sql[i];
		if (char === "'" || char === '"' || char === '`') i = afterQuoted(sql, i, char);
		else if (char === '[') i = after(sql, ']', i + 1);
		else if (char === '-' && sql[i + 1] === '-') i = after(sql, '\n', i + 2);
		else if (char === '/' && sql[i + 1] === '*') i = after(sql, '*/', i + 2);
		else {
			if (char === '?') {
				result += `${sql.slice(copiedUpTo, i)}+`;
				copiedUpTo = i;
			}
			i += 1;
		}
	}
	return result === '' ? sql : result + sql.slice(copiedUpTo);
}

/** The index just past the first `end` from `from` (the end of the text when there is none). */
function after(sql: string, end: string, from: number): number {
	const found = sql.indexOf(end, from);
	return found === -1 ? sql.length : found + end.length;
}

/** Past a quoted text or name that starts at `start`; a doubled quote inside it is the quote itself. */
function afterQuoted(sql: string, start: number, quote: string): number {
	let i = start + 1;
	for (;;) {
		i = after(sql, quote, i);
		if (i >= sql.length || sql[i] !== quote) return i;
		i += 1;
	}
}
