import { describe, expect, it } from 'vitest';
import { participantScreen, showsConversation, type ParticipantState } from './participant-screen.ts';

const base: ParticipantState = { phase: 'rating', mode: 'ownDevice', present: true, submitted: false, canRate: true };
const screen = (changes: Partial<ParticipantState>) => participantScreen({ ...base, ...changes });

describe('participantScreen', () => {
	it('lets a participant wait while the professional reviews the last agreement', () => {
		expect(screen({ phase: 'review', canRate: false })).toBe('waitForReview');
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
