/**
 * Quarters in Europe/Amsterdam ('2026-Q3'): the only periods the dashboards know. Fixed,
 * non-overlapping buckets are half of the anti-subtraction rule (docs/decisions/006): no period
 * figure is ever the sum of others that are shown. Pure; callers pass "now".
 */

export type Quarter = string;

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** How many completed quarters a dashboard offers. */
export const AVAILABLE_QUARTERS = 8;
/** The default period: the last four completed quarters. */
export const DEFAULT_QUARTERS = 4;

export function isQuarter(value: string): boolean {
	const match = QUARTER_PATTERN.exec(value);
	return match !== null && Number(match[1]) >= 2000 && Number(match[1]) <= 2199;
}

function parse(quarter: Quarter): { year: number; index: number } {
	const match = QUARTER_PATTERN.exec(quarter);
	if (!match) throw new Error(`not a quarter: ${quarter}`);
	return { year: Number(match[1]), index: Number(match[2]) - 1 };
}

function format(year: number, index: number): Quarter {
	return `${year}-Q${index + 1}`;
}

const amsterdamParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' });
const amsterdamOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

/** The quarter an instant falls in, as the calendar reads in the Netherlands. */
export function quarterOf(instant: Date | string): Quarter {
	const parts = amsterdamParts.formatToParts(new Date(instant));
	const year = Number(parts.find((p) => p.type === 'year')?.value);
	const month = Number(parts.find((p) => p.type === 'month')?.value);
	return format(year, Math.floor((month - 1) / 3));
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 or 120). */
function offsetMinutes(instant: Date): number {
	const name = amsterdamOffset.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
	if (!match) return 0;
	return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * Midnight in Amsterdam on the first day of a quarter, as a UTC instant. Summer time never
 * starts or ends on the first of January, April, July or October, so the offset at UTC
 * midnight of that day is the offset at local midnight.
 */
function startInstant(year: number, index: number): Date {
	const utcMidnight = Date.UTC(year, index * 3, 1);
	return new Date(utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000);
}

export function shiftQuarter(quarter: Quarter, by: number): Quarter {
	const { year, index } = parse(quarter);
	const total = year * 4 + index + by;
	return format(Math.floor(total / 4), ((total % 4) + 4) % 4);
}

/** [start, end) as ISO strings, the way timestamps are stored, for range queries. */
export function quarterBounds(quarter: Quarter): { start: string; end: string } {
	const { year, index } = parse(quarter);
	const next = parse(shiftQuarter(quarter, 1));
	return { start: startInstant(year, index).toISOString(), end: startInstant(next.year, next.index).toISOString() };
}

/** The last `count` quarters that have ended at `now`, oldest first. */
export function completedQuarters(now: Date, count = AVAILABLE_QUARTERS): Quarter[] {
	const current = quarterOf(now);
	return Array.from({ length: count }, (_, i) => shiftQuarter(current, i - count));
}

/** Every quarter from `from` to `to`, both included, oldest first. */
export function quarterRange(from: Quarter, to: Quarter): Quarter[] {
	const a = parse(from);
	const b = parse(to);
	const length = b.year * 4 + b.index - (a.year * 4 + a.index) + 1;
	return Array.from({ length: Math.max(0, length) }, (_, i) => shiftQuarter(from, i));
}

export function compareQuarters(a: Quarter, b: Quarter): number {
	const x = parse(a);
	const y = parse(b);
	return x.year * 4 + x.index - (y.year * 4 + y.index);
}
