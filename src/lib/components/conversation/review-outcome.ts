import * as m from '#lib/paraglide/messages.js';

/** How an agreement went, in the words every review screen uses. */
export const REVIEW_OUTCOME_OPTIONS = [
	{ value: 'done', label: m.review_outcome_done },
	{ value: 'partly', label: m.review_outcome_partly },
	{ value: 'notDone', label: m.review_outcome_not_done }
] as const;

export function reviewOutcomeLabel(outcome: string): string {
	return REVIEW_OUTCOME_OPTIONS.find((option) => option.value === outcome)?.label() ?? outcome;
}
