import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import type { ConversationView } from '#lib/server/conversations/conversations.views.ts';
import { renderItems, renderScale } from '#lib/server/instruments/instruments.models.ts';
import { samenSterkerV1 } from '#lib/server/instruments/samen-sterker-v1.ts';
import ParticipantRating from './ParticipantRating.svelte';

const content = samenSterkerV1.content;

/** The rating screen of a quick check without agreements to review: it opens with why we do this. */
function ratingScreen(audience: 'adult' | 'child'): string {
	const view = {
		id: 'c1',
		method: 'quickCheck',
		phase: 'rating',
		viewer: { partyId: 'sam', kind: 'participant', audience },
		items: renderItems(content, audience, 'nl', 'plan'),
		scale: renderScale(content, 'nl'),
		parties: [],
		review: []
	} as unknown as ConversationView;
	return render(ParticipantRating, { props: { view, screen: 'rate', ownDevice: true, ratingError: null, ratingValues: undefined } }).body;
}

// A method review found a child's first screen explaining "samenwerking" and "respect" in nine adult sentences.
describe("the quick check's first screen says why we do this in the reader's words", () => {
	it('a child reads the short text for children, not the adult one', () => {
		const html = ratingScreen('child');
		expect(html).toContain(m.participant_quick_intro_text_child({}, { locale: 'nl' }));
		expect(html).not.toContain(m.participant_quick_intro_text({}, { locale: 'nl' }));
	});

	it('an adult reads the full text', () => {
		const html = ratingScreen('adult');
		expect(html).toContain(m.participant_quick_intro_text({}, { locale: 'nl' }));
		expect(html).not.toContain(m.participant_quick_intro_text_child({}, { locale: 'nl' }));
	});
});
