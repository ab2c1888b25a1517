import type { ConversationPhase } from '#lib/server/db/schema.ts';

/**
 * Which screen a participant's device shows, from the conversation's phase, this participant's
 * state and how the device takes part. Pure, so the rules are tested in one place; the page
 * renders the screen and the load leaves out what that screen does not show.
 */
export type ParticipantScreen =
	| 'review'
	| 'rate'
	| 'waitForOthers'
	| 'absent'
	| 'handBack'
	| 'reveal'
	| 'agreement'
	| 'closed'
	// A learning conversation: preparing before it starts, then one screen per phase.
	| 'prepare'
	| 'safety'
	| 'topics'
	| 'sheets'
	| 'actions'
	| 'evaluation';

export interface ParticipantState {
	phase: ConversationPhase;
	mode: 'ownDevice' | 'handover';
	present: boolean;
	submitted: boolean;
	/** The engine allows this participant to submit ratings now. */
	canRate: boolean;
}

export function participantScreen(state: ParticipantState): ParticipantScreen {
	switch (state.phase) {
		case 'review':
			return 'review';
		case 'rating':
			if (state.canRate) return 'rate';
			// A handed-over device goes back to the professional once its answers are in; they are not shown again.
			if (state.submitted) return state.mode === 'handover' ? 'handBack' : 'waitForOthers';
			return state.present ? 'waitForOthers' : 'absent';
		case 'revealed':
		case 'reflection':
			return 'reveal';
		case 'agreement':
			return 'agreement';
		case 'closed':
		case 'abandoned':
			return 'closed';
		// A learning conversation: before the start each party prepares; then each phase has its screen.
		case 'preparation':
			return 'prepare';
		case 'safety':
		case 'topics':
		case 'sheets':
		case 'actions':
		case 'evaluation':
			return state.phase;
	}
}

/** Screens that show the conversation's content at all; the hand-back screen shows none of it. */
export function showsConversation(screen: ParticipantScreen): boolean {
	return screen !== 'handBack';
}
