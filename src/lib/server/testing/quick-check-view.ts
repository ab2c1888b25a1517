import { computeGaps } from '../conversations/conversations.models.ts';
import type { ConversationView, PartyView } from '../conversations/conversations.views.ts';
import { renderItems, renderScale } from '../instruments/instruments.models.ts';
import { samenSterkerV1 } from '../instruments/samen-sterker-v1.ts';

/**
 * The quick check the component tests render: Samen Sterker in Dutch for an adult, with Anna (a
 * participant) and Piet (the professional), both of whom submitted.
 */
export const quickCheckItems = renderItems(samenSterkerV1.content, 'adult', 'nl', 'plan');
export const quickCheckScale = renderScale(samenSterkerV1.content, 'nl');

/** Every item answered with `value` (stored, 0–100). */
export const allItems = (value: number) => Object.fromEntries(quickCheckItems.map((item) => [item.key, value]));

export type QuickCheckViewer = 'anna' | 'pro';

/**
 * Its view as `viewer` sees it in `phase`: each party answered every item with their value, and the
 * viewer's own answers are theirs. `markViewer: false` shows the parties as a third person would.
 */
export function quickCheckView(input: {
	phase: ConversationView['phase'];
	viewer: QuickCheckViewer;
	values: Record<QuickCheckViewer, number>;
	markViewer?: boolean;
	endedAt?: string | null;
	allowedActions?: ConversationView['allowedActions'];
}): ConversationView {
	const { viewer, values, markViewer = true } = input;
	const party = (id: QuickCheckViewer, kind: PartyView['kind'], displayName: string): PartyView => ({
		id,
		kind,
		displayName,
		audience: kind === 'professional' ? 'professional' : 'adult',
		present: true,
		submitted: true,
		paperFilledOn: null,
		isViewer: markViewer && id === viewer
	});
	const ratings = [
		{ partyId: 'anna', values: allItems(values.anna) },
		{ partyId: 'pro', values: allItems(values.pro) }
	];
	return {
		id: 'c1',
		collaborationId: 'col1',
		method: 'quickCheck',
		phase: input.phase,
		version: 7,
		startedAt: '2026-03-12T10:15:00.000Z',
		revealedAt: '2026-03-12T10:25:00.000Z',
		endedAt: input.endedAt ?? null,
		summary: null,
		joinCode: null,
		viewer:
			viewer === 'pro'
				? { partyId: 'pro', kind: 'professional', audience: 'professional' }
				: { partyId: 'anna', kind: 'participant', audience: 'adult' },
		instrument: { id: 'i1', key: 'samenSterker', version: 1, name: 'Samen Sterker' },
		items: quickCheckItems,
		scale: quickCheckScale,
		parties: [party('anna', 'participant', 'Anna'), party('pro', 'professional', 'Piet')],
		ownRatings: allItems(values[viewer]),
		ownTexts: null,
		texts: [],
		ratings,
		gaps: computeGaps(
			quickCheckItems.map((item) => item.key),
			ratings
		),
		review: [],
		reviewComplete: true,
		reflections: [],
		agreement: null,
		allowedActions: input.allowedActions ?? []
	};
}
