import type { OwnPreparation } from '../preparation/preparation.view.usecases.ts';

/** Nothing prepared: a participant's own preparation before a first save (nothing shared, so nothing to take back yet). */
export const NOTHING_PREPARED = {
	wishes: null,
	cards: [],
	momentA: null,
	momentB: null,
	momentC: null,
	momentCard: '',
	safety: [],
	safetyOwn: null,
	sharedAt: null,
	sharedParts: [],
	canTakeBack: true,
	updatedAt: null
} satisfies OwnPreparation;
