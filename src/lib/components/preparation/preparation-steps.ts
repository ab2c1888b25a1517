/**
 * A client prepares one step at a time (issue 16, part 6): on a cheap phone the whole preparation
 * was 5,000 px tall. Each step is one part of the preparation; each deck of cards is a step of
 * its own. The last step is sharing. Pure: the page and its tests use the same list.
 */

export type PreparationStep =
	| { kind: 'wishes' }
	| { kind: 'deck'; deckId: string; deckKind: 'topic' | 'value' }
	| { kind: 'moment' }
	| { kind: 'safety' }
	| { kind: 'share' };

export function preparationSteps(decks: readonly { id: string; kind: string }[]): PreparationStep[] {
	return [
		{ kind: 'wishes' },
		...decks.map((deck): PreparationStep => ({ kind: 'deck', deckId: deck.id, deckKind: deck.kind === 'value' ? 'value' : 'topic' })),
		{ kind: 'moment' },
		{ kind: 'safety' },
		{ kind: 'share' }
	];
}

/** The step a query asks for (`?step=3`, counted from 1); anything else is the first step. */
export function stepNumber(value: string | null | undefined, count: number): number {
	if (!value || !/^\d{1,3}$/.test(value)) return 1;
	const step = Number(value);
	return step >= 1 && step <= count ? step : 1;
}

/** Whether a field part is shown on this step; on the others its value travels as hidden fields. */
export function showsPart(step: PreparationStep, part: 'wishes' | 'moment' | 'safety'): boolean {
	return step.kind === part;
}

export function showsDeck(step: PreparationStep, deckId: string): boolean {
	return step.kind === 'deck' && step.deckId === deckId;
}
