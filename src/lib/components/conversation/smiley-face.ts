/**
 * A child's smiley, drawn by its place on the scale: from a sad face (never an angry one) to a
 * broad smile, each in its own soft colour with a dark outline. The words beside it carry the
 * meaning as well, so neither colour nor shape is the only cue (issue 16, part 5). The stored
 * instrument names a pictogram per smiley; the face follows the place, so every instrument's
 * smileys look alike and published versions need not change.
 */

/** Soft fills from warm to fresh; the outline (#1b1f24 on white, 16:1) gives the contrast. */
export const SMILEY_FILLS = ['#f9c0a8', '#fcd79a', '#fde98c', '#cbe8a4', '#9fdcaa'] as const;

export interface SmileyFace {
	/** SVG path of the mouth in a -12…12 box, centred on 0,0. */
	mouth: string;
	/** How far the mouth bends: -1 sad … 1 happy. */
	mood: number;
	fill: string;
}

/** The face for smiley `step` (0 = the lowest) of `steps` smileys. */
export function smileyFace(step: number, steps: number): SmileyFace {
	const share = steps > 1 ? Math.min(Math.max(step / (steps - 1), 0), 1) : 0.5;
	const mood = Math.round((share * 2 - 1) * 100) / 100;
	// The corners sit at y = 4.5; the middle of the mouth moves down for a smile, up for a frown.
	const corner = 4.5 - mood;
	const middle = 4.5 + 6 * mood;
	const fill = SMILEY_FILLS[Math.round(share * (SMILEY_FILLS.length - 1))] ?? SMILEY_FILLS[2];
	return { mouth: `M -5.5 ${corner} Q 0 ${middle} 5.5 ${corner}`, mood, fill };
}
