import { describe, expect, it } from 'vitest';
import { preparationSteps, showsDeck, showsPart, stepNumber } from './preparation-steps.ts';

const decks = [
	{ id: 'd1', kind: 'topic' },
	{ id: 'd2', kind: 'topic' },
	{ id: 'd3', kind: 'value' }
];

describe('a client’s preparation, one step at a time', () => {
	it('asks wishes first, then each deck on its own, the moment, what they need, and sharing last', () => {
		expect(preparationSteps(decks).map((step) => (step.kind === 'deck' ? `${step.deckId}:${step.deckKind}` : step.kind))).toEqual([
			'wishes',
			'd1:topic',
			'd2:topic',
			'd3:value',
			'moment',
			'safety',
			'share'
		]);
	});

	it('shows each deck on its own step only', () => {
		const [, first, second] = preparationSteps(decks);
		expect(showsDeck(first!, 'd1')).toBe(true);
		expect(showsDeck(second!, 'd1')).toBe(false);
		expect(showsPart(first!, 'wishes')).toBe(false);
	});

	it('reads the step from the address and falls back to the first for anything else', () => {
		expect(stepNumber('3', 7)).toBe(3);
		expect(stepNumber('7', 7)).toBe(7);
		for (const odd of [null, '', '0', '8', '-1', '2.5', 'abc', '1e3', '9'.repeat(400)]) expect(stepNumber(odd, 7), String(odd)).toBe(1);
	});
});
