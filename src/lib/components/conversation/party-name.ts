import * as m from '#lib/paraglide/messages.js';

/** How a party is named on the screen: their name, with "(jij)" or "(u)" for the viewer themselves. */
export function partyName(party: { displayName: string | null; kind: string; isViewer: boolean }, formal: boolean): string {
	const name =
		party.displayName ?? (party.kind === 'professional' ? m.conversation_party_professional() : m.conversation_party_participant());
	if (!party.isViewer) return name;
	return formal ? m.conversation_party_you_formal({ name }) : m.conversation_party_you({ name });
}
