import { describe, expect, it } from 'vitest';
import {
	PREPARATION_TEXT_MAX,
	SAFETY_SUGGESTIONS,
	cardChoiceValue,
	cleanText,
	findPreparationProblem,
	orderSafety,
	parseCardChoice,
	uniqueCards
} from './preparation.models.ts';
import { canEditPreparation, canSeePreparation, canSharePreparation } from './preparation.policy.ts';

describe('who sees a preparation', () => {
	it('its owner always, shared or not', () => {
		expect(canSeePreparation('me', 'me', null)).toBe(true);
	});
	it('anyone else only once it is shared', () => {
		expect(canSeePreparation('other', 'me', null)).toBe(false);
		expect(canSeePreparation(null, 'me', null)).toBe(false);
		expect(canSeePreparation('other', 'me', '2026-01-01T10:00:00.000Z')).toBe(true);
		expect(canSeePreparation(null, 'me', '2026-01-01T10:00:00.000Z')).toBe(true);
	});
	it('it is written before the conversation starts and shared until it ends', () => {
		expect(canEditPreparation('preparation')).toBe(true);
		for (const phase of ['review', 'safety', 'topics', 'closed'] as const) expect(canEditPreparation(phase)).toBe(false);
		expect(canSharePreparation('topics')).toBe(true);
		expect(canSharePreparation('abandoned')).toBe(false);
	});
});

describe('preparation input', () => {
	it(`text up to ${PREPARATION_TEXT_MAX} characters (after trimming) is fine; longer is refused`, () => {
		expect(findPreparationProblem({ cards: [], safety: [], momentA: ` ${'x'.repeat(PREPARATION_TEXT_MAX)} ` })).toBeNull();
		expect(findPreparationProblem({ cards: [], safety: [], safetyOwn: 'x'.repeat(PREPARATION_TEXT_MAX + 1) })).toBe(
			'conversation.text_too_long'
		);
	});
	it('only the fixed safety suggestions', () => {
		expect(findPreparationProblem({ cards: [], safety: [...SAFETY_SUGGESTIONS] })).toBeNull();
		expect(findPreparationProblem({ cards: [], safety: ['beNice'] })).toBe('preparation.invalid_safety');
	});
	it('card values are <deck id>:<card key>', () => {
		expect(parseCardChoice('deck-1:onze-aanpak')).toEqual({ deckId: 'deck-1', cardKey: 'onze-aanpak' });
		for (const bad of ['', ':x', 'x:', 'nocolon']) expect(parseCardChoice(bad)).toBeNull();
		expect(cardChoiceValue({ deckId: 'd', cardKey: 'k' })).toBe('d:k');
	});
	it('the same card twice counts once; safety keeps the fixed order; blank text is nothing', () => {
		expect(
			uniqueCards([
				{ deckId: 'd', cardKey: 'a' },
				{ deckId: 'd', cardKey: 'a' },
				{ deckId: 'd', cardKey: 'b' }
			])
		).toHaveLength(2);
		expect(orderSafety(['mayPause', 'letFinish', 'mayPause'])).toEqual(['letFinish', 'mayPause']);
		expect(cleanText('  ')).toBeNull();
		expect(cleanText(' hoi ')).toBe('hoi');
	});
});
