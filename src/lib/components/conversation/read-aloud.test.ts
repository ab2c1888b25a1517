import { describe, expect, it } from 'vitest';
import type { RenderedAnswer, RenderedItem } from '#lib/server/instruments/instruments.models.ts';
import { questionText, revealSummaryText } from './read-aloud.ts';

const scale = { min: 'Slecht', max: 'Goed', points: 10, smileys: [] };
const party = (id: string, displayName: string, isViewer = false) => ({
	id,
	kind: 'participant' as const,
	displayName,
	audience: 'adult' as const,
	present: true,
	submitted: true,
	paperFilledOn: null,
	isViewer
});
const item = (key: string, label: string, answer?: RenderedAnswer): RenderedItem => ({
	key,
	pictogram: 'heart',
	label,
	text: `${label}?`,
	lang: 'nl' as const,
	...(answer && { answer })
});

describe('revealSummaryText', () => {
	it('reads the questions in words after the line, with each answer as the page shows it, and skips an empty one', () => {
		const text = revealSummaryText(
			{
				items: [
					item('omgang', 'Omgang'),
					item('plek', 'Waar', { type: 'choice', options: [{ code: 'thuis', label: 'Thuis' }] }),
					item('woord', 'Eén woord', { type: 'string', maxLength: 200 })
				],
				parties: [party('a', 'Anna', true), party('b', 'Pieter')],
				scale,
				gaps: [{ itemKey: 'omgang', spread: 40, highlighted: true, values: [{ partyId: 'a', value: 70 }] }],
				texts: [
					{ partyId: 'a', texts: { plek: 'thuis', woord: 'moe' } },
					{ partyId: 'b', texts: { plek: 'thuis' } }
				]
			},
			'nl'
		);
		expect(text).toMatch(/^Omgang: .*Anna.*7.*\./);
		expect(text).toContain('Waar: Anna (jij): Thuis; Pieter: Thuis.');
		expect(text).toContain('Eén woord: Anna (jij): moe.');
		expect(text).not.toContain('Pieter: moe');
	});

	it('reads a question in words too: a choice with its options, an open question as it is', () => {
		const choice = item('plek', 'Waar', {
			type: 'choice',
			options: [
				{ code: 'thuis', label: 'Thuis' },
				{ code: 'werk', label: 'Werk' }
			]
		});
		expect(questionText(choice, scale, false, 'nl')).toBe('Waar? Thuis, Werk.');
		expect(questionText(item('woord', 'Eén woord', { type: 'string', maxLength: 200 }), scale, false, 'nl')).toBe('Eén woord?');
	});
});
