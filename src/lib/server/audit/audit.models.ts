import { addDaysToDate } from '../collaborations/collaborations.models.ts';
import { startOfDayInAmsterdam } from '../participation/links.models.ts';

/**
 * Cuts one page out of `rows` (fetched with limit + 1, newest first). The cursor is a time, so
 * when the row after the page shares the last shown row's time, those rows move to the next
 * page as a group; otherwise `occurredAt < before` would skip them.
 */
export function toPage<T extends { occurredAt: string }>(rows: T[], limit: number): { items: T[]; nextBefore: string | null } {
	if (rows.length <= limit) return { items: rows, nextBefore: null };
	const boundary = rows[limit]!.occurredAt;
	let end = limit;
	while (end > 0 && rows[end - 1]!.occurredAt === boundary) end -= 1;
	// A whole page within one millisecond cannot be split by time; accept the cut there.
	if (end === 0) end = limit;
	const items = rows.slice(0, end);
	return { items, nextBefore: items[items.length - 1]!.occurredAt };
}

/**
 * A period of Dutch calendar days (both ends included, either may be left open) as the instants
 * the log is searched with: `from` inclusive, `until` exclusive (the start of the day after `to`).
 */
export function periodInstants(from: string, to: string): { from?: string; until?: string } {
	return {
		from: from ? startOfDayInAmsterdam(from).toISOString() : undefined,
		until: to ? startOfDayInAmsterdam(addDaysToDate(to, 1)).toISOString() : undefined
	};
}
