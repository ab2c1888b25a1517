import { linePointValues } from '#lib/answer-scale.ts';
import type { TrajectoryPerspective } from '../db/schema.ts';
import type { InstrumentContent, LocalizedText } from '../instruments/instruments.models.ts';

/**
 * Instruments in trajectory moments (issue 14; seed 004: the WAV-12 and SRS at T1/T2): which
 * ratings are valid, and what the monitor report may show of them. Pure.
 */

export const PERSPECTIVES: readonly TrajectoryPerspective[] = ['professional', 'client'];

/** Every item rated, each on one of the line's points; null when anything is missing, unknown or off the line. */
export function cleanRatings(content: InstrumentContent, raw: Readonly<Record<string, number | string>>): Record<string, number> | null {
	const allowed = linePointValues(content.scale.points);
	const values: Record<string, number> = {};
	for (const item of content.items) {
		const value = raw[item.key];
		if (typeof value !== 'number' || !allowed.includes(value)) return null;
		values[item.key] = value;
	}
	return values;
}

export interface InstrumentAnswer {
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
	name: LocalizedText;
	/** The line's number of steps, to show a mean on it. */
	points: number;
	items: { key: string; label: LocalizedText }[];
	moments: { position: number; perspectives: PerspectiveResult[] }[];
}

/**
 * One instrument's results per moment and perspective: the mean per item, only where at least
 * `minGroupSize` answered (the insights rule of docs/decisions/006; each answer is one person,
 * and a participant knows only their own). Fewer shows the count and no mean. Answers from an
 * older version count for the items it shares with the newest.
 */
export function summariseInstrument(
	instrument: { key: string; content: InstrumentContent },
	positions: readonly number[],
	answers: readonly InstrumentAnswer[],
	minGroupSize: number
): InstrumentResult {
	const { content } = instrument;
	return {
		key: instrument.key,
		name: content.name,
		points: content.scale.points ?? 10,
		items: content.items.map((item) => ({ key: item.key, label: item.label })),
		moments: positions.map((position) => ({
			position,
			perspectives: PERSPECTIVES.map((perspective) => {
				const group = answers.filter((a) => a.momentPosition === position && a.perspective === perspective);
				const shown = group.length >= minGroupSize;
				const means: Record<string, number> = {};
				if (shown) {
					for (const item of content.items) {
						const values = group.map((a) => a.values[item.key]).filter((v): v is number => typeof v === 'number');
						if (values.length >= minGroupSize) means[item.key] = values.reduce((sum, v) => sum + v, 0) / values.length;
					}
				}
				return { perspective, answered: group.length, shown, means };
			})
		}))
	};
}
