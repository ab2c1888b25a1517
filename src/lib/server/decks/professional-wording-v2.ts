import type { BuiltInDeck, Text, Wording } from './decks.models.ts';
import { samenleerwijzerV1, themesV1 } from './topic-decks-v1.ts';
import { valuesV1 } from './value-wish-decks-v1.ts';

/**
 * Version 2 of the topic and value decks: the same cards and client wording as version 1, plus
 * the professional's own wording of each question (seed 000/001: each party prepares with the
 * cards; a professional reads "Blijf ik de vaste begeleider van mijn cliënt?", not the client's
 * "Blijf jij mijn vaste begeleider?"). Wish cards have one wording: the client hands their own
 * question to the professional. Published versions never change.
 */

type Pair = [nl: string, en: string];

function text([nl, en]: Pair): Text {
	return { nl, en };
}

function wording(front: Pair, ...back: Pair[]): Wording {
	return { front: text(front), back: back.map(text) };
}

function withProfessionalWording(v1: BuiltInDeck, wordings: Record<string, Wording>): BuiltInDeck {
	return {
		...v1,
		version: 2,
		content: {
			...v1.content,
			cards: v1.content.cards.map((card) => {
				const professional = wordings[card.key];
				if (!professional) throw new Error(`no professional wording for ${v1.key}/${card.key}`);
				return { ...card, professional };
			})
		}
	};
}

export const samenleerwijzerV2 = withProfessionalWording(samenleerwijzerV1, {
	'onze-verbinding': wording(
		['Hoe is het contact tussen mij en mijn cliënt?', 'How is the contact between my client and me?'],
		['Voelt mijn cliënt zich gezien en gehoord?', 'Does my client feel seen and heard?'],
		['Durft mijn cliënt te zeggen wat hij of zij denkt en voelt?', 'Does my client dare to say what they think and feel?'],
		['Hoe praten we met elkaar?', 'How do we talk to each other?'],
		['Vertrouwen we elkaar?', 'Do we trust each other?']
	),
	'onze-aanpak': wording(
		['Hoe werken we samen?', 'How do we work together?'],
		['Past mijn manier van werken bij mijn cliënt?', 'Does my way of working suit my client?'],
		['Weet mijn cliënt wat er gaat gebeuren?', 'Does my client know what is going to happen?'],
		['Beslissen we samen?', 'Do we decide together?'],
		['Hebben we genoeg tijd in onze gesprekken?', 'Do we have enough time in our conversations?']
	),
	'onze-resultaten': wording(
		['Wat bereiken we samen?', 'What do we achieve together?'],
		['Aan welke doelen werken we?', 'Which goals are we working on?'],
		['Doen we wat we hebben afgesproken?', 'Do we do what we agreed?'],
		['Wat is al beter geworden voor mijn cliënt?', 'What has already got better for my client?'],
		['Wat heeft mijn cliënt nog nodig?', 'What does my client still need?']
	)
});

export const themesV2 = withProfessionalWording(themesV1, {
	'onze-samenwerking': wording(
		[
			'Hoe praten mijn cliënt en ik met elkaar, en hoe werken we samen?',
			'How do my client and I talk to each other, and how do we work together?'
		],
		['Dit gaat over hoe we met elkaar praten en samenwerken.', 'This is about how we talk and work together.'],
		['Voelt mijn cliënt zich gezien?', 'Does my client feel seen?'],
		['Voelt mijn cliënt zich gehoord?', 'Does my client feel heard?']
	),
	'wat-we-bereiken': wording(
		['Wat levert het op als we samen praten?', 'What comes out of our conversations?'],
		['Dit gaat over onze doelen, onze afspraken en wat we bereiken.', 'This is about our goals, our agreements and what we achieve.'],
		['Aan welke doelen werken we?', 'Which goals are we working on?'],
		['Welke afspraken maken we? Doen we wat we afspreken?', 'Which agreements do we make? Do we do what we agree?'],
		['Wat hebben we al bereikt?', 'What have we already achieved?']
	),
	'past-de-begeleiding': wording(
		['Past mijn hulp bij wie mijn cliënt is en wat hij of zij nodig heeft?', 'Does my help fit who my client is and what they need?'],
		['Dit gaat over hoe goed de begeleiding bij je cliënt past.', 'This is about how well the support fits your client.'],
		['Krijgt mijn cliënt de hulp die hij of zij nodig heeft?', 'Does my client get the help they need?'],
		['Past mijn manier van werken bij mijn cliënt?', 'Does my way of working suit my client?']
	),
	'eigen-onderwerp': wording(
		['Is er iets anders waar jij of je cliënt over wilt praten?', 'Is there something else you or your client want to talk about?'],
		[
			'Hier kies je zelf een onderwerp. Schrijf het op in je eigen woorden.',
			'Here you choose a topic yourself. Write it down in your own words.'
		]
	)
});

export const valuesV2 = withProfessionalWording(valuesV1, {
	'gezien-worden': wording(
		['Zie ik mijn cliënt als mens?', 'Do I see my client as a person?'],
		['We maken even een praatje.', 'We have a short chat.'],
		['Het contact is persoonlijk en ontspannen.', 'The contact is personal and relaxed.'],
		['Ik kijk mijn cliënt aan en ben vriendelijk.', 'I look at my client and I am friendly.']
	),
	'gehoord-worden': wording(
		['Luister ik echt naar mijn cliënt?', 'Do I really listen to my client?'],
		['Ik neem de tijd om te luisteren.', 'I take time to listen.'],
		['Ik vraag goed door.', 'I ask good follow-up questions.'],
		['Samen komen we bij wat echt het probleem is.', 'Together we get to what the problem really is.']
	),
	erkenning: wording(
		['Zie ik wat mijn cliënt meemaakt en wat hij of zij al doet?', 'Do I see what my client goes through and what they already do?'],
		['Ik erken de rol van mijn cliënt en wat hij of zij weet.', 'I recognise my client’s role and what they know.'],
		['Ik zie ook wat wél goed gaat.', 'I also see what does go well.'],
		['Ik oordeel niet over mijn cliënt.', 'I do not judge my client.'],
		['Ik hoef niet alles meteen op te lossen. Ik sta naast mijn cliënt.', 'I do not have to fix everything at once. I stand by my client.']
	),
	'serieus-genomen-worden': wording(
		['Neem ik mijn cliënt serieus?', 'Do I take my client seriously?'],
		['Ik doe iets met wat mijn cliënt zegt.', 'I do something with what my client says.'],
		['Ik durf mijn cliënt ook kritische vragen te stellen.', 'I also dare to ask my client critical questions.']
	),
	zakelijkheid: wording(
		['Letten we op tijd en afspraken?', 'Do we keep an eye on time and agreements?'],
		['We hoeven geen vrienden te zijn.', 'We do not have to be friends.'],
		['Ik let op de tijd en op wat we gaan doen.', 'I keep an eye on the time and on what we will do.'],
		['Aan het eind vraag ik: is alles duidelijk?', 'At the end I ask: is everything clear?']
	),
	'inhoudelijk-deskundig': wording(
		['Heeft mijn cliënt iets aan mijn advies?', 'Is my advice useful to my client?'],
		['Mijn advies is concreet. Mijn cliënt kan er echt iets mee.', 'My advice is concrete. My client can really use it.'],
		['Ik leg uit waarom ik of mijn organisatie iets zo doet.', 'I explain why I or my organisation do something this way.']
	),
	maatwerk: wording(
		['Zoeken we samen wat echt werkt voor mijn cliënt?', 'Do we look together for what really works for my client?'],
		['We kiezen samen een oplossing die past.', 'We choose a solution that fits, together.'],
		['Ik durf ook iets anders te doen dan normaal.', 'I also dare to do something different from usual.']
	),
	continuiteit: wording(
		['Blijf ik de vaste begeleider van mijn cliënt?', 'Will I stay my client’s regular professional?'],
		['Niet steeds iemand anders.', 'Not someone different every time.'],
		['Mijn cliënt hoeft het verhaal niet steeds opnieuw te vertellen.', 'My client does not have to tell their story again and again.'],
		['Ik blijf erbij zolang het nodig is.', 'I stay involved as long as needed.']
	),
	'betrouwbaar-transparant': wording(
		['Weet mijn cliënt waar hij of zij aan toe is met mij?', 'Does my client know where they stand with me?'],
		['Ik doe wat ik zeg.', 'I do what I say.'],
		['Ik ben open over mijn rol.', 'I am open about my role.'],
		[
			'Soms praten we gewoon als mensen. Soms ben ik de deskundige die advies geeft.',
			'Sometimes we just talk as people. Sometimes I am the expert who gives advice.'
		]
	)
});
