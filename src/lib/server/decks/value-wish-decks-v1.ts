import type { BuiltInDeck } from './decks.models.ts';

/**
 * Value cards and wish cards ("uitdelers"), version 1, after the report "Niet gelijk, maar wel
 * gelijkwaardig" (seed 002). The value cards say in our own B1 words what makes working
 * together equal; the wish cards keep the questions of the uitdelers, which a participant can
 * hand to the professional. Published versions never change.
 */

export const valuesV1: BuiltInDeck = {
	key: 'values',
	version: 1,
	kind: 'value',
	content: {
		title: { nl: 'Wat vind ik belangrijk?', en: 'What matters to me?' },
		description: {
			nl: 'Negen kaarten over wat samenwerken gelijkwaardig maakt. Kies de kaarten die voor jou het meest tellen.',
			en: 'Nine cards about what makes working together equal. Choose the cards that count most for you.'
		},
		cards: [
			{
				key: 'gezien-worden',
				pictogram: 'eye',
				title: { nl: 'Gezien worden', en: 'Being seen' },
				front: { nl: 'Zie je mij als mens?', en: 'Do you see me as a person?' },
				back: [
					{ nl: 'We maken even een praatje.', en: 'We have a short chat.' },
					{ nl: 'Het contact is persoonlijk en ontspannen.', en: 'The contact is personal and relaxed.' },
					{ nl: 'Je kijkt me aan en je bent vriendelijk.', en: 'You look at me and you are friendly.' }
				]
			},
			{
				key: 'gehoord-worden',
				pictogram: 'ear',
				title: { nl: 'Gehoord worden', en: 'Being heard' },
				front: { nl: 'Luister je echt naar mij?', en: 'Do you really listen to me?' },
				back: [
					{ nl: 'Je neemt de tijd om te luisteren.', en: 'You take time to listen.' },
					{ nl: 'Je vraagt goed door.', en: 'You ask good follow-up questions.' },
					{ nl: 'Samen komen we bij wat echt het probleem is.', en: 'Together we get to what the problem really is.' }
				]
			},
			{
				key: 'erkenning',
				pictogram: 'award',
				title: { nl: 'Erkenning', en: 'Recognition' },
				front: { nl: 'Zie je wat ik meemaak en wat ik al doe?', en: 'Do you see what I go through and what I already do?' },
				back: [
					{ nl: 'Je erkent mijn rol en wat ik weet.', en: 'You recognise my role and what I know.' },
					{ nl: 'Je ziet ook wat wél goed gaat.', en: 'You also see what does go well.' },
					{ nl: 'Je oordeelt niet over mij. Ik ben niet gek.', en: 'You do not judge me. I am not crazy.' },
					{
						nl: 'Je hoeft niet alles meteen op te lossen. Je staat naast me.',
						en: 'You do not have to fix everything at once. You stand by me.'
					}
				]
			},
			{
				key: 'serieus-genomen-worden',
				pictogram: 'scale',
				title: { nl: 'Serieus genomen worden', en: 'Being taken seriously' },
				front: { nl: 'Neem je mij serieus?', en: 'Do you take me seriously?' },
				back: [
					{ nl: 'Je doet iets met wat ik zeg.', en: 'You do something with what I say.' },
					{ nl: 'Je durft mij ook kritische vragen te stellen.', en: 'You also dare to ask me critical questions.' }
				]
			},
			{
				key: 'zakelijkheid',
				pictogram: 'briefcase',
				title: { nl: 'Zakelijkheid', en: 'Being businesslike' },
				front: { nl: 'Letten we op tijd en afspraken?', en: 'Do we keep an eye on time and agreements?' },
				back: [
					{ nl: 'We hoeven geen vrienden te zijn.', en: 'We do not have to be friends.' },
					{ nl: 'Je let op de tijd en op wat we gaan doen.', en: 'You keep an eye on the time and on what we will do.' },
					{ nl: 'Aan het eind vraag je: is alles duidelijk?', en: 'At the end you ask: is everything clear?' }
				]
			},
			{
				key: 'inhoudelijk-deskundig',
				pictogram: 'graduation-cap',
				title: { nl: 'Deskundig', en: 'Expertise' },
				front: { nl: 'Heb ik iets aan je advies?', en: 'Is your advice useful to me?' },
				back: [
					{ nl: 'Je advies is concreet. Ik kan er echt iets mee.', en: 'Your advice is concrete. I can really use it.' },
					{
						nl: 'Je legt uit waarom jij of je organisatie iets zo doet.',
						en: 'You explain why you or your organisation do something this way.'
					}
				]
			},
			{
				key: 'maatwerk',
				pictogram: 'puzzle',
				title: { nl: 'Maatwerk', en: 'Tailor-made' },
				front: { nl: 'Zoeken we samen wat echt werkt voor mij?', en: 'Do we look together for what really works for me?' },
				back: [
					{ nl: 'We kiezen samen een oplossing die past.', en: 'We choose a solution that fits, together.' },
					{ nl: 'Je durft ook iets anders te doen dan normaal.', en: 'You also dare to do something different from usual.' }
				]
			},
			{
				key: 'continuiteit',
				pictogram: 'repeat',
				title: { nl: 'Continuïteit', en: 'Continuity' },
				front: { nl: 'Blijf jij mijn vaste begeleider?', en: 'Will you stay my regular professional?' },
				back: [
					{ nl: 'Niet steeds iemand anders.', en: 'Not someone different every time.' },
					{ nl: 'Ik hoef mijn verhaal niet steeds opnieuw te vertellen.', en: 'I do not have to tell my story again and again.' },
					{ nl: 'Je blijft erbij zolang het nodig is.', en: 'You stay involved as long as needed.' }
				]
			},
			{
				key: 'betrouwbaar-transparant',
				pictogram: 'shield-check',
				title: { nl: 'Betrouwbaar en open', en: 'Reliable and open' },
				front: { nl: 'Weet ik waar ik aan toe ben met jou?', en: 'Do I know where I stand with you?' },
				back: [
					{ nl: 'Je doet wat je zegt.', en: 'You do what you say.' },
					{ nl: 'Je bent open over je rol.', en: 'You are open about your role.' },
					{
						nl: 'Soms praten we gewoon als mensen. Soms ben je de deskundige die advies geeft.',
						en: 'Sometimes we just talk as people. Sometimes you are the expert who gives advice.'
					}
				]
			}
		]
	}
};

function wish(key: string, pictogram: string, title: [string, string], front: [string, string]) {
	return { key, pictogram, title: { nl: title[0], en: title[1] }, front: { nl: front[0], en: front[1] }, back: [] };
}

export const wishesV1: BuiltInDeck = {
	key: 'wishes',
	version: 1,
	kind: 'wish',
	content: {
		title: { nl: 'Wenskaarten', en: 'Wish cards' },
		description: {
			nl: 'Twaalf wensen. Je kunt een kaart aan je begeleider geven.',
			en: 'Twelve wishes. You can hand a card to your professional.'
		},
		cards: [
			wish(
				'zonder-oordeel',
				'ear',
				['Luisteren zonder oordeel', 'Listening without judging'],
				['Wil je zonder oordeel naar me luisteren?', 'Will you listen to me without judging?']
			),
			wish(
				'weten-wat-er-komt',
				'list-checks',
				['Weten wat er komt', 'Knowing what comes next'],
				['Zorg je ervoor dat ik weet wat er te gebeuren staat?', 'Will you make sure I know what is going to happen?']
			),
			wish(
				'veilig-leren',
				'shield',
				['Veilig om te leren', 'Safe to learn'],
				['Wil je zorgen dat ik me veilig voel om te leren?', 'Will you make sure I feel safe to learn?']
			),
			wish(
				'serieus-nemen',
				'scale',
				['Serieus nemen', 'Taking me seriously'],
				['Wil je mij serieus nemen?', 'Will you take me seriously?']
			),
			wish(
				'mijn-deskundigheid',
				'lightbulb',
				['Wat ik weet', 'What I know'],
				['Wil je mijn deskundigheid serieus nemen?', 'Will you take my expertise seriously?']
			),
			wish(
				'wat-ik-goed-doe',
				'thumbs-up',
				['Wat ik goed doe', 'What I do well'],
				['Wil je ook oog hebben voor wat ik goed doe?', 'Will you also notice what I do well?']
			),
			wish(
				'kennis-delen',
				'book-open',
				['Kennis delen', 'Sharing knowledge'],
				['Wil je jouw kennis met me delen als ik het zelf niet meer weet?', 'Will you share your knowledge with me when I no longer know?']
			),
			wish(
				'jezelf-laten-zien',
				'user-round',
				['Jezelf laten zien', 'Showing yourself'],
				['Ga je ook jezelf laten zien?', 'Will you also show who you are?']
			),
			wish(
				'initiatief-nemen',
				'footprints',
				['Initiatief nemen', 'Taking the first step'],
				['Wil jij het initiatief nemen?', 'Will you take the first step?']
			),
			wish(
				'afspraken-onthouden',
				'bell',
				['Afspraken onthouden', 'Remembering appointments'],
				['Wil je me helpen herinneren als we een afspraak hebben?', 'Will you help me remember when we have an appointment?']
			),
			wish(
				'ik-ben-belangrijk',
				'heart',
				['Ik ben belangrijk', 'I matter'],
				['Wil je me laten merken dat ik belangrijk ben?', 'Will you let me feel that I matter?']
			),
			wish(
				'tijd-om-te-begrijpen',
				'hourglass',
				['Tijd om te begrijpen', 'Time to understand'],
				['Wil je mij de tijd geven om je goed te verstaan?', 'Will you give me time to understand you well?']
			)
		]
	}
};
