import { describe, expect, it } from 'vitest';
import {
	buildEyeOpener,
	countComparedConversations,
	summariseEyeOpener,
	type OwnComparison
} from '#lib/server/insights/insights.trends.ts';
import { eyeOpenerSentence, signed } from './format.ts';

/**
 * Issue 12 part 7: the eye-opener said in green "Er is geen vraag waarbij u steeds hoger
 * beoordeelt" while its table showed the professional higher on all five items (the rule needs
 * three conversations and did not say so). The sentence now comes from the same figures as the
 * table, and always says how many conversations it rests on.
 */

const ITEMS = ['omgang', 'luisteren', 'contact', 'plan', 'afspraken'];
const LABELS: Record<string, string> = {
	omgang: 'Omgang',
	luisteren: 'Luisteren',
	contact: 'Contact',
	plan: 'Plan',
	afspraken: 'Afspraken'
};

/** `conversations` closed conversations where the professional rated every item `own` and the client `client`. */
function comparisons(conversations: number, own: number, client: number, items = ITEMS): OwnComparison[] {
	return Array.from({ length: conversations }, (_, i) =>
		items.map((itemKey) => ({
			conversationId: `c${i}`,
			endedAt: `2026-0${i + 1}-10T10:00:00.000Z`,
			instrumentKey: 'samenSterker',
			itemKey,
			own,
			clients: [client]
		}))
	).flat();
}

function sentenceFor(rows: OwnComparison[]) {
	const items = buildEyeOpener(rows).map((item) => ({ ...item, label: LABELS[item.itemKey]! }));
	const summary = summariseEyeOpener(items, countComparedConversations(rows));
	return { items, summary, sentence: summary ? eyeOpenerSentence(summary) : null };
}

describe('the eye-opener’s sentence agrees with the table beside it', () => {
	it('two conversations, higher on all five: says so, and that "always" needs three conversations', () => {
		const { items, summary, sentence } = sentenceFor(comparisons(2, 80, 55));
		expect(items.every((item) => signed(item.meanGap).startsWith('+'))).toBe(true);
		expect(summary).toEqual({ kind: 'tooFew', conversations: 2, needed: 3, higher: 5, total: 5 });
		expect(sentence).toContain('Afgeronde gesprekken met beoordelingen van jou en je cliënten: 2.');
		expect(sentence).toContain('vanaf 3 gesprekken');
		expect(sentence).toContain('5 van de 5 vragen gemiddeld hoger');
		expect(sentence).not.toContain('geen vraag');
	});

	it('three conversations, always higher by 2,5: names every item and the number of conversations', () => {
		const { summary, sentence } = sentenceFor(comparisons(3, 80, 55));
		expect(summary).toMatchObject({ kind: 'systematic', conversations: 3 });
		for (const label of Object.values(LABELS)) expect(sentence).toContain(label);
		expect(sentence).toContain('Aantal gesprekken: 3');
	});

	it('enough conversations, higher but by less than the rule: higher on average, not always', () => {
		const { items, summary, sentence } = sentenceFor(comparisons(4, 60, 55));
		expect(items.map((item) => signed(item.meanGap))).toEqual(Array(5).fill('+0,5'));
		expect(summary).toEqual({ kind: 'higherNotSystematic', conversations: 4, higher: 5, total: 5 });
		expect(sentence).toBe(
			'Je beoordeelt 5 van de 5 vragen gemiddeld hoger dan je cliënten. Maar bij geen vraag is dat steeds zo. Aantal gesprekken: 4.'
		);
	});

	it('never higher: says exactly that', () => {
		const { summary, sentence } = sentenceFor(comparisons(3, 40, 70));
		expect(summary).toEqual({ kind: 'notHigher', conversations: 3 });
		expect(sentence).toBe('Bij geen enkele vraag beoordeel je gemiddeld hoger dan je cliënten. Aantal gesprekken: 3.');
	});

	it('nothing compared yet: no sentence (the page says there is nothing yet)', () => {
		expect(sentenceFor([]).summary).toBeNull();
	});
});
