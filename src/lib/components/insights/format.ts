import type { EyeOpenerSummary } from '#lib/server/insights/insights.trends.ts';
import { DEFAULT_LINE_POINTS, meanText, signedText, spreadText, toLinePoint } from '#lib/answer-scale.ts';
import * as m from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

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

/**
 * Ratings are stored 0–100 but were given on a line from 0 to 10 (a child's smileys lie on it
 * too), so every rating figure on these pages is shown on that line, with one decimal.
 */
export const RATING_LINE = { points: DEFAULT_LINE_POINTS } as const;

/** An average rating (stored 0–100) on the line: 63 → "6,3". */
export function ratingText(value: number): string {
	return meanText(value, RATING_LINE, getLocale());
}

/** A rating figure, or "te weinig gegevens". */
export function ratingFigureText(figure: { shown: true; value: number } | { shown: false }): string {
	return figure.shown ? ratingText(figure.value) : m.insights_suppressed();
}

/** A rating axis label: 0, 2, 4 … 10. */
export function ratingTick(value: number): string {
	return spreadText(value, RATING_LINE, getLocale());
}

/**
 * A signed gap between two rounded averages (stored units, already the difference of the two
 * rounded figures shown beside it) on the line: 15 → "+1,5", −3 → "−0,3", 0 → "0,0".
 */
export function signed(value: number): string {
	return signedText(toLinePoint(value, RATING_LINE.points), getLocale());
}

/** The eye-opener's sentence, from the same figures as its table; it always says how many conversations it rests on. */
export function eyeOpenerSentence(summary: EyeOpenerSummary): string {
	switch (summary.kind) {
		case 'systematic':
			return m.insights_eye_opener_systematic({ items: summary.items.join(', '), conversations: summary.conversations });
		case 'tooFew': {
			const first = m.insights_eye_opener_too_few({ conversations: summary.conversations, needed: summary.needed });
			return summary.higher > 0
				? `${first} ${m.insights_eye_opener_higher_so_far({ higher: summary.higher, total: summary.total })}`
				: first;
		}
		case 'higherNotSystematic':
			return m.insights_eye_opener_none_systematic({
				higher: summary.higher,
				total: summary.total,
				conversations: summary.conversations
			});
		case 'notHigher':
			return m.insights_eye_opener_not_higher({ conversations: summary.conversations });
	}
}
