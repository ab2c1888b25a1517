import * as m from '#lib/paraglide/messages.js';

/** How a party is named on the screen: their name, with "(jij)" for the viewer themselves. */
export function partyName(party: { displayName: string | null; kind: string; isViewer: boolean }, formal: boolean): string {
	const name =
		party.displayName ?? (party.kind === 'professional' ? m.conversation_party_professional() : m.conversation_party_participant());
	if (!party.isViewer) return name;
	return formal ? m.conversation_party_you_formal({ name }) : m.conversation_party_you({ name });
}

/** A rated party's name as a legend or a list shows it: with "op papier" when their answers were typed in from paper. */
export function ratedPartyName(
	party: { displayName: string | null; kind: string; isViewer: boolean; paperFilledOn?: string | null },
	formal: boolean
): string {
	const name = partyName(party, formal);
	return party.paperFilledOn ? m.paper_party_on_paper({ name }) : name;
}
