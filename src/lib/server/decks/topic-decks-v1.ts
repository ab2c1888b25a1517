import type { BuiltInDeck } from './decks.models.ts';

/**
 * The topic cards, version 1, in our own B1 words after the Samenleerwijzer (HAN, 2023; seed
 * 000) and the theme cards of "Het Samenleergesprek" (seed 001). Published versions never
 * change: to change a word, add version 2 and list it in BUILT_IN_DECKS.
 */

export const samenleerwijzerV1: BuiltInDeck = {
	key: 'samenleerwijzer',
	version: 1,
	kind: 'topic',
	content: {
		title: { nl: 'Onderwerpen van de Samenleerwijzer', en: 'Topics of the Samenleerwijzer' },
		description: {
			nl: 'Drie onderwerpen om samen over te praten. Je hoeft niet alles te bespreken. Kies wat voor jou belangrijk is.',
			en: 'Three topics to talk about together. You do not have to discuss everything. Choose what matters to you.'
		},
		cards: [
			{
				key: 'onze-verbinding',
				pictogram: 'handshake',
				title: { nl: 'Onze verbinding', en: 'Our connection' },
				front: { nl: 'Hoe is het contact tussen ons?', en: 'How is the contact between us?' },
				back: [
					{ nl: 'Voel ik me gezien en gehoord?', en: 'Do I feel seen and heard?' },
					{ nl: 'Durf ik te zeggen wat ik denk en voel?', en: 'Do I dare to say what I think and feel?' },
					{ nl: 'Hoe praten we met elkaar?', en: 'How do we talk to each other?' },
					{ nl: 'Vertrouwen we elkaar?', en: 'Do we trust each other?' }
				]
			},
			{
				key: 'onze-aanpak',
				pictogram: 'route',
				title: { nl: 'Onze aanpak', en: 'Our approach' },
				front: { nl: 'Hoe werken we samen?', en: 'How do we work together?' },
				back: [
					{ nl: 'Past de manier van werken bij mij?', en: 'Does the way we work suit me?' },
					{ nl: 'Weet ik wat er gaat gebeuren?', en: 'Do I know what is going to happen?' },
					{ nl: 'Beslissen we samen?', en: 'Do we decide together?' },
					{ nl: 'Hebben we genoeg tijd in onze gesprekken?', en: 'Do we have enough time in our conversations?' }
				]
			},
			{
				key: 'onze-resultaten',
				pictogram: 'target',
				title: { nl: 'Onze resultaten', en: 'Our results' },
				front: { nl: 'Wat bereiken we samen?', en: 'What do we achieve together?' },
				back: [
					{ nl: 'Aan welke doelen werken we?', en: 'Which goals are we working on?' },
					{ nl: 'Doen we wat we hebben afgesproken?', en: 'Do we do what we agreed?' },
					{ nl: 'Wat is al beter geworden?', en: 'What has already got better?' },
					{ nl: 'Wat is er nog nodig?', en: 'What is still needed?' }
				]
			}
		]
	}
};

export const themesV1: BuiltInDeck = {
	key: 'themes',
	version: 1,
	kind: 'topic',
	content: {
		title: { nl: 'Thema’s van het Samenleergesprek', en: 'Themes of the learning conversation' },
		description: {
			nl: 'Vier thema’s. Bij het laatste thema kies je zelf een onderwerp.',
			en: 'Four themes. With the last theme you choose a topic yourself.'
		},
		cards: [
			{
				key: 'onze-samenwerking',
				pictogram: 'users',
				title: { nl: 'Hoe gaat onze samenwerking?', en: 'How is our collaboration going?' },
				front: {
					nl: 'Hoe praten we met elkaar, en hoe werken we samen?',
					en: 'How do we talk to each other, and how do we work together?'
				},
				back: [
					{ nl: 'Dit gaat over hoe we met elkaar praten en samenwerken.', en: 'This is about how we talk and work together.' },
					{ nl: 'Voel ik me gezien?', en: 'Do I feel seen?' },
					{ nl: 'Voel ik me gehoord?', en: 'Do I feel heard?' }
				]
			},
			{
				key: 'wat-we-bereiken',
				pictogram: 'flag',
				title: { nl: 'Wat bereiken we met elkaar?', en: 'What do we achieve together?' },
				front: { nl: 'Wat levert het op als we samen praten?', en: 'What comes out of our conversations?' },
				back: [
					{
						nl: 'Dit gaat over onze doelen, onze afspraken en wat we bereiken.',
						en: 'This is about our goals, our agreements and what we achieve.'
					},
					{ nl: 'Aan welke doelen werken we?', en: 'Which goals are we working on?' },
					{ nl: 'Welke afspraken maken we? Doen we wat we afspreken?', en: 'Which agreements do we make? Do we do what we agree?' },
					{ nl: 'Wat hebben we al bereikt?', en: 'What have we already achieved?' }
				]
			},
			{
				key: 'past-de-begeleiding',
				pictogram: 'user-check',
				title: { nl: 'Hoe past de begeleiding?', en: 'How well does the support fit?' },
				front: { nl: 'Past de hulp bij wie ik ben en wat ik nodig heb?', en: 'Does the help fit who I am and what I need?' },
				back: [
					{ nl: 'Dit gaat over hoe goed de begeleiding bij jou past.', en: 'This is about how well the support fits you.' },
					{ nl: 'Krijg ik de hulp die ik nodig heb?', en: 'Do I get the help I need?' },
					{ nl: 'Past de manier van werken bij mij?', en: 'Does the way of working suit me?' }
				]
			},
			{
				key: 'eigen-onderwerp',
				pictogram: 'pencil',
				title: { nl: 'Wat willen we nog meer bespreken?', en: 'What else do we want to talk about?' },
				front: { nl: 'Is er iets anders waar je over wilt praten?', en: 'Is there something else you want to talk about?' },
				back: [
					{
						nl: 'Hier kies je zelf een onderwerp. Schrijf het op in je eigen woorden.',
						en: 'Here you choose a topic yourself. Write it down in your own words.'
					}
				],
				ownTopic: true
			}
		]
	}
};
