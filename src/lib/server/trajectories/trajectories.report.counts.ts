import { NO_TEAM, suppressEquation, type GroupSize } from '../insights/insights.policy.ts';
import { LEVELS, SCALE3, type Level, type Scale3Answer } from './trajectories.models.ts';

/**
 * The counts of the monitor report (seed 004's "n=5"): how often each barrier and resource was
 * named per level and moment, the buddy evaluation's ratings, and the split per function, which
 * follows the insights suppression rules (docs/decisions/006) with each participant as one.
 * Pure functions over what a ReportSource holds (consenting participants only).
 */

const collator = new Intl.Collator('nl', { numeric: true });

/** Leading bullets and numbering of a typed list: "- ", "• ", "1. ", "2) ". */
const BULLET = /^(?:[-–—*•·]+|\d+[.)])\s*/u;

/**
 * The items a participant named in one field: one per line or separated by semicolons (the form
 * asks for a line each), without bullets or a closing full stop. "Werkdruk" and "werkdruk." are
 * the same item.
 */
export function namedItems(text: string | null): string[] {
	if (!text) return [];
	return text
		.split(/\r?\n|;/)
		.map((line) =>
			line
				.replace(BULLET, '')
				.replace(/[\s.,;:]+$/u, '')
				.trim()
		)
		.filter((line) => itemKey(line) !== '');
}

/** What makes two items the same: letters and words, not capitals, spacing or end punctuation. */
export function itemKey(item: string): string {
	return item
		.normalize('NFKC')
		.toLocaleLowerCase('nl')
		.replace(/\s+/g, ' ')
		.replace(/[\s.,;:!?…]+$/u, '')
		.replace(/^["'“”‘’]+|["'“”‘’]+$/gu, '')
		.trim();
}

export interface NamedCount {
	/** The wording most participants used (the first in Dutch order when tied). */
	label: string;
	level: Level;
	/** Per moment in `positions`: how many participants named it. */
	perMoment: number[];
	/** Per pair of consecutive moments: the later count minus the earlier. */
	changes: number[];
}

export interface NamedCounts {
	/** The moments counted: those that have opened, in order (a moment to come would show a false drop). */
	positions: number[];
	barriers: NamedCount[];
	resources: NamedCount[];
}

export interface LevelAnswer {
	position: number;
	barriers: Record<Level, string | null>;
	resources: Record<Level, string | null>;
}

/** Counts per item, level and moment; a participant who names an item twice in one field counts once. */
function countItems(answers: readonly LevelAnswer[], positions: readonly number[], pick: (a: LevelAnswer) => Record<Level, string | null>) {
	const items = new Map<string, { level: Level; perMoment: number[]; wordings: Map<string, number> }>();
	for (const answer of answers) {
		const index = positions.indexOf(answer.position);
		if (index < 0) continue;
		for (const level of LEVELS) {
			const seen = new Set<string>();
			for (const item of namedItems(pick(answer)[level])) {
				const key = `${level}\u0000${itemKey(item)}`;
				if (seen.has(key)) continue;
				seen.add(key);
				const entry = items.get(key) ?? { level, perMoment: positions.map(() => 0), wordings: new Map<string, number>() };
				entry.perMoment[index]! += 1;
				entry.wordings.set(item, (entry.wordings.get(item) ?? 0) + 1);
				items.set(key, entry);
			}
		}
	}
	const total = (item: NamedCount) => item.perMoment.reduce((sum, n) => sum + n, 0);
	return [...items.values()]
		.map(({ level, perMoment, wordings }): NamedCount => {
			const label = [...wordings.entries()].sort(([a, x], [b, y]) => y - x || collator.compare(a, b))[0]![0];
			return { label, level, perMoment, changes: perMoment.slice(1).map((n, i) => n - perMoment[i]!) };
		})
		.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || total(b) - total(a) || collator.compare(a.label, b.label));
}

export function countNamedItems(answers: readonly LevelAnswer[], positions: readonly number[]): NamedCounts {
	return {
		positions: [...positions],
		barriers: countItems(answers, positions, (a) => a.barriers),
		resources: countItems(answers, positions, (a) => a.resources)
	};
}

export interface EvaluationSummary {
	/** How many consenting participants rated the buddy contact Nee, Enigszins, Ja. */
	counts: Record<Scale3Answer, number>;
	/** Texts of those who allowed quoting, without names and in Dutch order (not in participant order). */
	quotes: { whatHelped: string[]; tips: string[] };
}

export function summariseEvaluations(
	evaluations: readonly { valuable: Scale3Answer; whatHelped: string | null; tips: string | null; quoteAllowed: boolean }[]
): EvaluationSummary {
	const counts = Object.fromEntries(SCALE3.map((rating) => [rating, evaluations.filter((e) => e.valuable === rating).length])) as Record<
		Scale3Answer,
		number
	>;
	const quoted = evaluations.filter((e) => e.quoteAllowed);
	const texts = (pick: (e: (typeof quoted)[number]) => string | null) =>
		quoted
			.map(pick)
			.filter((text): text is string => !!text)
			.sort(collator.compare);
	return { counts, quotes: { whatHelped: texts((e) => e.whatHelped), tips: texts((e) => e.tips) } };
}

/**
 * Which function groups the report may show. Each consenting participant counts in exactly one
 * group (no function: the hidden group NO_TEAM), as a team's collaborations do in insights; a
 * participant knows their own answers, so each "holds" one. The whole group is shown anyway (the
 * report's totals), so the same complementary suppression applies; when it hides the total,
 * no function is shown.
 */
export function visibleFunctionGroups(groupOf: ReadonlyMap<string, string | null>, minGroupSize: number): Set<string> {
	const cells = new Map<string, GroupSize>();
	for (const functionId of groupOf.values()) {
		const key = functionId ?? NO_TEAM;
		const cell = cells.get(key) ?? { collaborations: 0, maxHolder: 1 };
		cell.collaborations += 1;
		cells.set(key, cell);
	}
	const pattern = suppressEquation(cells, minGroupSize);
	return pattern.organisationVisible ? pattern.visibleTeams : new Set();
}
