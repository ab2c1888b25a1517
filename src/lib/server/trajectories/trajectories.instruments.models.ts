import { linePointValues } from '#lib/answer-scale.ts';
import { keepEnabledAnswers } from '#lib/enable-when.ts';
import type { ClientLocale, TrajectoryClientConsent, TrajectoryPerspective } from '../db/schema.ts';
import {
	checkTextAnswer,
	isOnLine,
	localize,
	renderItems,
	renderScale,
	type InstrumentContent,
	type LocalizedText,
	type TextAnswerProblem,
	type WordingAudience
} from '../instruments/instruments.models.ts';
import { withClientTranslations } from '../instruments/instruments.translations.ts';

/**
 * Instruments in trajectory moments (issue 14; seed 004: the WAV-12 and SRS at T1/T2): which
 * ratings are valid, and what the monitor report may show of them. Pure.
 */

export const PERSPECTIVES: readonly TrajectoryPerspective[] = ['professional', 'client'];

/**
 * Whether a stored answer may be counted or exported: it has ratings, and a client's only with the
 * client's own consent (the consent step of their link; decision 009). The participant's consent
 * is checked apart (`loadReportSource`).
 */
export function isCountable(answer: {
	perspective: TrajectoryPerspective;
	values: Record<string, number> | null;
	clientConsent: TrajectoryClientConsent | null;
}): boolean {
	return answer.values !== null && (answer.perspective === 'professional' || answer.clientConsent === 'given');
}

/**
 * Every asked item rated, each on one of the line's points; null when anything asked is missing or
 * off the line. A conditional question (enableWhen) is asked only when its conditions hold on the
 * answers before it: otherwise it is not required, and an answer to it is dropped, not kept.
 */
export function cleanRatings(content: InstrumentContent, raw: Readonly<Record<string, number | string>>): Record<string, number> | null {
	const allowed = linePointValues(content.scale.points);
	const onLine = Object.fromEntries(Object.entries(raw).filter(([, value]) => typeof value === 'number' && allowed.includes(value)));
	const { values, asked } = keepEnabledAnswers(content.items, onLine as Record<string, number>);
	const onLineKeys = new Set(content.items.filter(isOnLine).map((item) => item.key));
	for (const key of asked) if (onLineKeys.has(key) && typeof values[key] !== 'number') return null;
	// A number sent for an item in words is not kept as a rating.
	return Object.fromEntries(Object.entries(values).filter(([key]) => onLineKeys.has(key)));
}

/**
 * The answers in words of the asked items not on the line (issue 14): free text may be left
 * empty, a nominal choice must be made (like a point on the line). Returns the texts to store, or
 * the first reason they cannot be stored; nothing is stored then.
 */
export function cleanTexts(
	content: InstrumentContent,
	asked: readonly string[],
	raw: Readonly<Record<string, string>>
): { problem: TextAnswerProblem } | { problem: null; texts: Record<string, string> } {
	const texts: Record<string, string> = {};
	for (const item of content.items) {
		if (!item.answer || !asked.includes(item.key)) continue;
		const given = raw[item.key];
		if (given === undefined || given === '') {
			if (item.answer.type === 'choice') return { problem: 'trajectory.invalid_answer' };
			continue;
		}
		const checked = checkTextAnswer(item.answer, given);
		if ('problem' in checked) return checked;
		if (checked.text !== null) texts[item.key] = checked.text;
		else if (item.answer.type === 'choice') return { problem: 'trajectory.invalid_answer' };
	}
	return { problem: null, texts };
}

/**
 * All of one person's answers, or why not: every asked item on the line rated (cleanRatings) and
 * the answers in words checked (cleanTexts). Answers in words are only for asked items; an
 * answer to an item that is not asked is dropped.
 */
export function cleanAnswers(
	content: InstrumentContent,
	raw: Readonly<Record<string, number | string>>,
	rawTexts: Readonly<Record<string, string>>
): { problem: TextAnswerProblem } | { problem: null; values: Record<string, number>; texts: Record<string, string> } {
	const values = cleanRatings(content, raw);
	if (!values) return { problem: 'trajectory.invalid_answer' };
	const { asked } = keepEnabledAnswers(content.items, values);
	const texts = cleanTexts(content, asked, rawTexts);
	return texts.problem ? texts : { problem: null, values, texts: texts.texts };
}

export interface InstrumentAnswer {
	/** Whose answer it is (a client's answer: the participant who asked them), to pair moments. */
	participantId: string;
	momentPosition: number;
	perspective: TrajectoryPerspective;
	values: Record<string, number>;
}

export interface PerspectiveResult {
	perspective: TrajectoryPerspective;
	/** How many answered (consenting participants, or their clients). */
	answered: number;
	/** False when fewer than the minimum group size answered: then no mean is shown. */
	shown: boolean;
	/** Per item key, the mean stored value (0–100); empty when not shown. */
	means: Record<string, number>;
}

export interface InstrumentResult {
	key: string;
	/**
	 * The version the answers of this result were given on, when the moment's instrument has
	 * versions that ask differently (other items or another line): then each has a result of its
	 * own. Null when all answers share one way of asking: one result, as the newest asks.
	 */
	version: number | null;
	name: LocalizedText;
	/** The line's number of steps, to show a mean on it. */
	points: number;
	items: { key: string; label: LocalizedText }[];
	moments: { position: number; perspectives: PerspectiveResult[] }[];
	/** The change from each moment to the next one with this instrument (T1 → T2 …), paired. */
	changes: ChangeResult[];
}

export interface PerspectiveChange {
	perspective: TrajectoryPerspective;
	/** How many answered both moments (a participant themselves; or a participant's client at both). */
	paired: number;
	/** False when no change is shown: see `hidden` for why. */
	shown: boolean;
	/**
	 * Why no change is shown: fewer than the minimum group answered both moments ('tooFew'); or the
	 * people who answered a moment but not both are more than none and fewer than the minimum
	 * ('wouldReveal'): with that moment's mean beside it, their own answers could be worked out.
	 */
	hidden: 'tooFew' | 'wouldReveal' | null;
	/** The mean change over all items (later − earlier, stored units −100…100); null when not shown. */
	overall: number | null;
	/** Per item key, the mean change over the pairs that rated it at both moments; only where enough did. */
	items: Record<string, number>;
}

export interface ChangeResult {
	from: number;
	to: number;
	perspectives: PerspectiveChange[];
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * The change from one moment to a later one (issue 14, part 3), for one perspective: paired, so
 * only people who answered both moments count, and each person's change is their own later answer
 * minus their own earlier one — a group that grew or shrank between the moments does not look
 * like a change. A client is paired through the participant who asked them (one client per
 * participant per moment). Shown only where at least `minGroupSize` pairs exist (decision 006),
 * per item as well (a conditional question is asked of some only). The overall change is the mean
 * of the items' changes that are shown.
 */
export function pairedChange(
	itemKeys: readonly string[],
	earlier: readonly InstrumentAnswer[],
	later: readonly InstrumentAnswer[],
	perspective: TrajectoryPerspective,
	minGroupSize: number
): PerspectiveChange {
	const before = new Map(earlier.filter((a) => a.perspective === perspective).map((a) => [a.participantId, a.values]));
	const pairs = later
		.filter((a) => a.perspective === perspective && before.has(a.participantId))
		.map((a) => ({ earlier: before.get(a.participantId)!, later: a.values }));
	const bothRated = (pair: (typeof pairs)[number], key: string) =>
		typeof pair.earlier[key] === 'number' && typeof pair.later[key] === 'number';
	// Differencing within one report (decision 006): a moment's mean is over everyone who answered it,
	// the change over the pairs only. Where the two groups differ by one to minimum − 1 people, the
	// moment's mean and the change together give away those people's answers.
	const answered = (list: readonly InstrumentAnswer[]) => list.filter((a) => a.perspective === perspective).length;
	const wouldReveal = [answered(earlier), answered(later)].some((n) => n > pairs.length && n - pairs.length < minGroupSize);
	const shown = pairs.length >= minGroupSize && !wouldReveal;
	const items: Record<string, number> = {};
	let overall: number | null = null;
	// The same holds per item: an item a moment asked only some (a conditional question, an older
	// version without it) has a mean over its own raters, beside a change over its own pairs.
	const rated = (list: readonly InstrumentAnswer[], key: string) =>
		list.filter((a) => a.perspective === perspective && typeof a.values[key] === 'number').length;
	if (shown) {
		for (const key of itemKeys) {
			const changes = pairs.filter((pair) => bothRated(pair, key)).map((pair) => pair.later[key]! - pair.earlier[key]!);
			const revealsItem = [rated(earlier, key), rated(later, key)].some((n) => n > changes.length && n - changes.length < minGroupSize);
			if (changes.length >= minGroupSize && !revealsItem) items[key] = mean(changes);
		}
		// The overall change is the mean of the items' changes shown, so it tells nothing they do not.
		// A mean over each person's own mean did: where one person rated fewer items (a conditional
		// question), it weighed their changes differently from the others', and beside the items'
		// changes it gave that person's own total change.
		const shownChanges = itemKeys.filter((key) => key in items).map((key) => items[key]!);
		if (shownChanges.length > 0) overall = mean(shownChanges);
	}
	const hidden = pairs.length < minGroupSize ? 'tooFew' : wouldReveal ? 'wouldReveal' : overall === null ? 'tooFew' : null;
	return { perspective, paired: pairs.length, shown: hidden === null, hidden, overall, items };
}

/** A published version of an instrument, as far as the report reads it. */
export interface InstrumentVersion {
	id: string;
	key: string;
	version: number;
	content: InstrumentContent;
}

/**
 * An instrument's versions by the way they ask what the report counts: versions with the same line
 * and the same items on it (keys, words, answer options) are one group, shown as its newest
 * version asks; any difference is a group of its own, so an answer is never counted on a line or
 * an item it was not given on. Oldest group first.
 */
export function groupVersionsByScale<T extends InstrumentVersion>(versions: readonly T[]): { instrument: T; ids: string[] }[] {
	const shape = (content: InstrumentContent) => JSON.stringify({ scale: content.scale, items: content.items.filter(isOnLine) });
	const groups = new Map<string, { instrument: T; ids: string[] }>();
	for (const version of [...versions].sort((a, b) => a.version - b.version)) {
		const group = groups.get(shape(version.content));
		if (group) {
			group.instrument = version;
			group.ids.push(version.id);
		} else groups.set(shape(version.content), { instrument: version, ids: [version.id] });
	}
	return [...groups.values()];
}

/**
 * One instrument's results per moment and perspective: the mean per item, only where at least
 * `minGroupSize` answered (the insights rule of docs/decisions/006; each answer is one person,
 * and a participant knows only their own). Fewer shows the count and no mean. The answers are
 * all given on `instrument` or a version that asks the same (groupVersionsByScale).
 */
export function summariseInstrument(
	instrument: { key: string; content: InstrumentContent },
	positions: readonly number[],
	answers: readonly InstrumentAnswer[],
	minGroupSize: number,
	version: number | null = null
): InstrumentResult {
	const { content } = instrument;
	// Means and changes only on the line: an answer in words is never counted or shown here (issue 14).
	const lineItems = content.items.filter(isOnLine);
	const itemKeys = lineItems.map((item) => item.key);
	const sorted = [...positions].sort((a, b) => a - b);
	const at = (position: number) => answers.filter((a) => a.momentPosition === position);
	return {
		key: instrument.key,
		version,
		name: content.name,
		points: content.scale.points ?? 10,
		items: lineItems.map((item) => ({ key: item.key, label: item.label })),
		moments: positions.map((position) => ({
			position,
			perspectives: PERSPECTIVES.map((perspective) => {
				const group = answers.filter((a) => a.momentPosition === position && a.perspective === perspective);
				const shown = group.length >= minGroupSize;
				const means: Record<string, number> = {};
				if (shown) {
					for (const item of lineItems) {
						const values = group.map((a) => a.values[item.key]).filter((v): v is number => typeof v === 'number');
						if (values.length >= minGroupSize) means[item.key] = values.reduce((sum, v) => sum + v, 0) / values.length;
					}
				}
				return { perspective, answered: group.length, shown, means };
			})
		})),
		changes: sorted.slice(1).map((to, i) => {
			const from = sorted[i]!;
			return {
				from,
				to,
				perspectives: PERSPECTIVES.map((perspective) => pairedChange(itemKeys, at(from), at(to), perspective, minGroupSize))
			};
		})
	};
}

/** An instrument as a moment's page shows it: its name, items in the audience's words, and its scale. */
export function renderMomentInstrument(instrument: InstrumentContent, audience: WordingAudience, locale: ClientLocale) {
	const content = withClientTranslations(instrument);
	return {
		name: localize(content.name, locale).text,
		items: renderItems(content, audience, locale, 'plan'),
		scale: renderScale(content, locale)
	};
}
