import { describe, expect, it } from 'vitest';
import { participantScreen, showsConversation, type ParticipantState } from './participant-screen.ts';

const base: ParticipantState = { phase: 'rating', mode: 'ownDevice', present: true, submitted: false, canRate: true };
const screen = (changes: Partial<ParticipantState>) => participantScreen({ ...base, ...changes });

describe('participantScreen', () => {
	it('shows a participant the agreements under review, to judge them together', () => {
		expect(screen({ phase: 'review', canRate: false })).toBe('review');
	});

	it('shows the rating form while the participant may rate', () => {
		expect(screen({})).toBe('rate');
		expect(screen({ mode: 'handover' })).toBe('rate');
	});

	it('thanks a participant on their own phone and lets them wait for the others', () => {
		expect(screen({ submitted: true, canRate: false })).toBe('waitForOthers');
	});

	it('sends a handed-over device back to the professional after the answers are in, without showing them', () => {
		const handBack = screen({ mode: 'handover', submitted: true, canRate: false });
		expect(handBack).toBe('handBack');
		expect(showsConversation(handBack)).toBe(false);
	});

	it('tells a participant marked absent why there is nothing to fill in', () => {
		expect(screen({ present: false, canRate: false })).toBe('absent');
	});

	it('shows everyone the reveal and the reflections, also on a handed-over device', () => {
		expect(screen({ phase: 'revealed', submitted: true, canRate: false, mode: 'handover' })).toBe('reveal');
		expect(screen({ phase: 'reflection', canRate: false })).toBe('reveal');
		expect(showsConversation('reveal')).toBe(true);
	});

	it('shows the agreement, then the thank-you at the end', () => {
		expect(screen({ phase: 'agreement', canRate: false })).toBe('agreement');
		expect(screen({ phase: 'closed', canRate: false })).toBe('closed');
		expect(screen({ phase: 'abandoned', canRate: false })).toBe('closed');
	});
});

describe('participantScreen in a learning conversation', () => {
	const learning = (phase: ParticipantState['phase'], mode: ParticipantState['mode'] = 'ownDevice') =>
		participantScreen({ phase, mode, present: true, submitted: false, canRate: false });

	it('lets each party prepare before the professional starts the conversation', () => {
		expect(learning('preparation')).toBe('prepare');
	});

	it('shows the open agreements under review to judge together, as in the quick check', () => {
		expect(learning('review')).toBe('review');
	});

	it('follows every phase with its own screen, on an own phone and on a handed-over device alike', () => {
		for (const phase of ['safety', 'topics', 'sheets', 'actions', 'evaluation'] as const) {
			expect(learning(phase)).toBe(phase);
			expect(learning(phase, 'handover')).toBe(phase);
			expect(showsConversation(learning(phase))).toBe(true);
		}
	});

	it('thanks everyone once the conversation is closed or stopped', () => {
		expect(learning('closed')).toBe('closed');
		expect(learning('abandoned')).toBe('closed');
	});
});
