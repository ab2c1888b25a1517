/**
 * When an aggregate may be shown (docs/decisions/006-insights-suppression.md). Pure rules,
 * tested exhaustively: a figure rests on a group of collaborations, and a group may be shown
 * only when it is large enough, also after its largest holder takes out their own share; and
 * within one equation (organisation = its teams + the collaborations in no team) the hidden
 * cells together must form such a group, or the organisation figure is hidden as well.
 */

/** What a figure rests on: how many collaborations, and the most of those one professional holds. */
export interface GroupSize {
	collaborations: number;
	maxHolder: number;
}

/** The organisation setting may be higher, never lower. */
export const MIN_GROUP_SIZE_FLOOR = 5;

/** The team of collaborations whose holder is in no team: part of the organisation, never shown alone. */
export const NO_TEAM = '';

export function effectiveMinGroupSize(setting: number | null | undefined): number {
	const value = Number.isFinite(setting) ? Math.floor(setting as number) : 0;
	return Math.max(MIN_GROUP_SIZE_FLOOR, value);
}

/**
 * A group may be shown when it has at least `k` collaborations and, once the professional who
 * holds most of them subtracts their own (which they know), either nothing or at least `k − 1`
 * remain: the same protection the plain threshold gives anyone who knows one collaboration of
 * a group of `k`. So a team lead with a caseload of their own cannot work out the rest of a team.
 */
export function isSafeGroup(group: GroupSize, k: number): boolean {
	if (group.collaborations < k) return false;
	const rest = group.collaborations - group.maxHolder;
	return rest === 0 || rest >= k - 1;
}

/** Collaborations are counted in exactly one team each (by holder), so sizes add up and holders do not repeat. */
export function combineGroups(groups: Iterable<GroupSize>): GroupSize {
	let collaborations = 0;
	let maxHolder = 0;
	for (const group of groups) {
		collaborations += group.collaborations;
		maxHolder = Math.max(maxHolder, group.maxHolder);
	}
	return { collaborations, maxHolder };
}

export interface SuppressionPattern {
	/** Teams whose figure is shown; never NO_TEAM. */
	visibleTeams: Set<string>;
	organisationVisible: boolean;
}

/**
 * One figure of one quarter for every team and the organisation. Primary suppression hides
 * every unsafe team; NO_TEAM is always hidden. Whoever sees the organisation figure and the
 * shown teams can compute the hidden ones together (organisation minus the shown teams), so
 * while that remainder is not a safe group another team is hidden as well (complementary
 * suppression): the smallest that makes the remainder safe, else the smallest, and again.
 * When no team is left to hide, the organisation figure goes.
 * The pattern is the same for every viewer: a team lead sees exactly the team figures an
 * admin sees.
 */
export function suppressEquation(cells: ReadonlyMap<string, GroupSize>, k: number): SuppressionPattern {
	const hidden = new Map<string, GroupSize>();
	const shown = new Map<string, GroupSize>();
	for (const [teamId, cell] of cells) {
		if (teamId === NO_TEAM || !isSafeGroup(cell, k)) hidden.set(teamId, cell);
		else shown.set(teamId, cell);
	}
	let organisationVisible = isSafeGroup(combineGroups(cells.values()), k);
	while (organisationVisible) {
		const remainder = combineGroups(hidden.values());
		if (remainder.collaborations === 0 || isSafeGroup(remainder, k)) break;
		const candidates = [...shown.entries()].sort(([idA, a], [idB, b]) => a.collaborations - b.collaborations || (idA < idB ? -1 : 1));
		if (candidates.length === 0) {
			organisationVisible = false;
			break;
		}
		// The smallest team that makes the remainder safe on its own; else the smallest, and again.
		const [teamId, cell] = candidates.find(([, c]) => isSafeGroup(combineGroups([remainder, c]), k)) ?? candidates[0]!;
		shown.delete(teamId);
		hidden.set(teamId, cell);
	}
	return { visibleTeams: new Set(shown.keys()), organisationVisible };
}
