import type { DeckKind } from '../db/schema.ts';
import type { DeckContent } from '../learning/learning.models.ts';

/**
 * Small decks for tests, in the shape of decks.content_json, so the learning conversation can
 * be tested before (and independent of) the built-in decks. Stored as an organisation's own
 * decks, their keys never clash with the built-in ones.
 */
export const TEST_DECKS: { key: string; kind: DeckKind; content: DeckContent }[] = [
	{
		key: 'test-samenleerwijzer',
		kind: 'topic',
		content: {
			title: { nl: 'Onderwerpkaarten', en: 'Topic cards' },
			description: { nl: 'Waar willen we het over hebben?', en: 'What do we want to talk about?' },
			cards: [
				{
					key: 'onze-verbinding',
					pictogram: 'handshake',
					title: { nl: 'Onze verbinding', en: 'Our connection' },
					front: { nl: 'Hoe gaan we met elkaar om?', en: 'How do we treat each other?' },
					back: [
						{ nl: 'Voel je je gezien en gehoord?', en: 'Do you feel seen and heard?' },
						{ nl: 'Durf je te zeggen wat je denkt?', en: 'Do you dare to say what you think?' }
					]
				},
				{
					key: 'onze-aanpak',
					pictogram: 'route',
					title: { nl: 'Onze aanpak', en: 'Our approach' },
					front: { nl: 'Past de manier van werken bij jou?', en: 'Does the way we work suit you?' },
					back: [{ nl: 'Wat helpt jou? Wat helpt niet?', en: 'What helps you? What does not?' }]
				},
				{
					key: 'onze-resultaten',
					pictogram: 'target',
					title: { nl: 'Onze resultaten', en: 'Our results' },
					front: { nl: 'Wat bereiken we samen?', en: 'What do we achieve together?' },
					back: [{ nl: 'Welke doelen zijn gehaald?', en: 'Which goals have we reached?' }]
				},
				{
					key: 'eigen-onderwerp',
					pictogram: 'message-circle',
					title: { nl: 'Eigen onderwerp', en: 'Own topic' },
					front: { nl: 'Wat willen we nog meer bespreken?', en: 'What else do we want to talk about?' },
					back: [],
					ownTopic: true
				}
			]
		}
	},
	{
		key: 'test-values',
		kind: 'value',
		content: {
			title: { nl: 'Waardenkaarten', en: 'Value cards' },
			description: { nl: 'Wat vind ik belangrijk?', en: 'What matters to me?' },
			cards: [
				{
					key: 'gezien-worden',
					pictogram: 'eye',
					title: { nl: 'Gezien worden', en: 'Being seen' },
					front: { nl: 'Zie je mij als mens?', en: 'Do you see me as a person?' },
					back: []
				},
				{
					key: 'gehoord-worden',
					pictogram: 'ear',
					title: { nl: 'Gehoord worden', en: 'Being heard' },
					front: { nl: 'Luister je echt naar mij?', en: 'Do you really listen to me?' },
					back: []
				}
			]
		}
	},
	{
		key: 'test-wishes',
		kind: 'wish',
		content: {
			title: { nl: 'Wenskaarten', en: 'Wish cards' },
			description: { nl: 'Een wens voor de begeleider', en: 'A wish for the professional' },
			cards: [
				{
					key: 'luisteren-zonder-oordeel',
					pictogram: 'ear',
					title: { nl: 'Wil je zonder oordeel naar me luisteren?', en: 'Will you listen to me without judging?' },
					front: { nl: 'Wil je zonder oordeel naar me luisteren?', en: 'Will you listen to me without judging?' },
					back: []
				},
				{
					key: 'weten-wat-er-gebeurt',
					pictogram: 'calendar-check',
					title: { nl: 'Zorg je dat ik weet wat er gaat gebeuren?', en: 'Will you make sure I know what will happen?' },
					front: { nl: 'Zorg je dat ik weet wat er gaat gebeuren?', en: 'Will you make sure I know what will happen?' },
					back: []
				}
			]
		}
	}
];

/** A deck of the organisation that the conversation does not use: its cards are refused. */
export const OTHER_DECK: { key: string; kind: DeckKind; content: DeckContent } = {
	key: 'test-other',
	kind: 'topic',
	content: {
		title: { nl: 'Andere kaarten', en: 'Other cards' },
		description: { nl: 'Niet in dit gesprek', en: 'Not in this conversation' },
		cards: [
			{
				key: 'onze-verbinding',
				pictogram: 'handshake',
				title: { nl: 'Onze verbinding (ander)', en: 'Our connection (other)' },
				front: { nl: 'Een andere kaart', en: 'Another card' },
				back: []
			}
		]
	}
};
