import * as m from '#lib/paraglide/messages.js';

/** Display helpers shared by the insights pages; every text through the messages. */

/** '2026-Q1' → "K1 2026" / "Q1 2026". */
export function quarterLabel(quarter: string): string {
	const [year, part] = quarter.split('-Q');
	return m.insights_quarter_label({ number: part ?? '', year: year ?? '' });
}

/** A figure's value for a table cell, or "te weinig gegevens". */
export function figureText(figure: { shown: true; value: number } | { shown: false }, percent = false): string {
	if (!figure.shown) return m.insights_suppressed();
	return percent ? m.insights_percent({ value: figure.value }) : String(figure.value);
}

/** A signed gap: "+12", "−3", "0". */
export function signed(value: number): string {
	if (value > 0) return `+${value}`;
	if (value < 0) return `−${Math.abs(value)}`;
	return '0';
}
