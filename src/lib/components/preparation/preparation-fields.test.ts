import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { RenderedDeck } from '#lib/server/decks/decks.models.ts';
import { NOTHING_PREPARED as own } from '#lib/server/testing/preparation-fixtures.ts';
import PreparationFields from './PreparationFields.svelte';
import { preparationSteps } from './preparation-steps.ts';

const deck = (id: string, kind: 'topic' | 'value', title: string): RenderedDeck => ({
	id,
	key: id,
	version: 1,
	kind,
	title,
	description: '',
	cards: []
});

/** The title of each card step a client walks through, as the page shows it. */
function deckStepTitles(decks: RenderedDeck[]): string[] {
	const Fields = PreparationFields as unknown as Component<Record<string, unknown>>;
	return preparationSteps(decks)
		.filter((step) => step.kind === 'deck')
		.map((step) => {
			const { body } = render(Fields, { props: { decks, own, step, voice: 'participant' } });
			return /<h2[^>]*>([\s\S]*?)<\/h2>/
				.exec(body)![1]!
				.replace(/<!--[\s\S]*?-->/g, '')
				.trim();
		});
}

describe("a client's preparation: every step has a title of its own", () => {
	it('two decks of topics are told apart by a part number (not by their names, which may name a method); one keeps the plain title', () => {
		expect(deckStepTitles([deck('d1', 'topic', 'Samenwerking'), deck('d2', 'topic', 'Thuis'), deck('d3', 'value', 'Waarden')])).toEqual([
			'Kies onderwerpen, deel 1 van 2',
			'Kies onderwerpen, deel 2 van 2',
			'Wat vind jij belangrijk?'
		]);
		expect(deckStepTitles([deck('d1', 'topic', 'Samenwerking'), deck('d3', 'value', 'Waarden')])).toEqual([
			'Kies onderwerpen',
			'Wat vind jij belangrijk?'
		]);
	});
});
