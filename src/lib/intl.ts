/**
 * Intl formatters are dear to make (a NumberFormat tens of microseconds, a DateTimeFormat over a
 * hundred, measured on this project's server) and cannot change once made, so each is made once
 * per language and options and reused: a rating page formats dozens of numbers, a staff list a
 * date per row. Every formatter of the app comes from here.
 */
const KEPT = 256;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function kept<T>(cache: Map<string, T>, key: string, make: () => T): T {
	let formatter = cache.get(key);
	if (formatter === undefined) {
		// Languages and options come from the code, not from requests: the bound only guards against a mistake.
		if (cache.size >= KEPT) cache.clear();
		formatter = make();
		cache.set(key, formatter);
	}
	return formatter;
}

export function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	// eslint-disable-next-line no-restricted-syntax -- the one place formatters are made, once each
	return kept(numberFormats, `${tag}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag, options));
}

export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
	// eslint-disable-next-line no-restricted-syntax -- the one place formatters are made, once each
	return kept(dateTimeFormats, `${tag}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));
}
