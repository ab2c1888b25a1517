import { isPictogramName } from '#lib/pictograms.ts';
import type { ClientLocale, DeckKind } from '#lib/server/db/schema.ts';
import { localize, type LocalizedText } from '#lib/server/instruments/instruments.models.ts';
import { clientTermIn } from '#lib/server/organisations/organisations.models.ts';
import { withDeckTranslation } from './decks.translations.ts';

/**
 * Card decks as data (decks.content_json): topic cards, value cards and wish cards, each card
 * with Dutch and English text and a pictogram. A published version never changes: an
 * organisation's edit is a new version of its own, and a conversation keeps the versions it was
 * planned with (conversation_decks). Pure: no database, no clock.
 */

/** Dutch and English always; the client languages where translated (a card without one reads in Dutch). */
export type Text = LocalizedText;

/**
 * Whose words a card speaks in. A card is worded for the client ("Blijf jij mijn vaste
 * begeleider?"); the professional reads their own wording of the same question (seed 000/001).
 */
export type Voice = 'client' | 'professional';

/** The words of a card that differ per reader: the front question and the back questions. */
export interface Wording {
	front: Text;
	back: Text[];
}

export interface DeckCard {
	/** Stable within a deck key across versions, e.g. 'onze-verbinding'. */
	key: string;
	/** A @lucide/svelte icon name, e.g. 'handshake' from the built-in set (src/lib/pictograms.ts). */
	pictogram: string;
	title: Text;
	/** The question on the front of the card. */
	front: Text;
	/** Questions and explanations on the back; may be empty (wish cards). */
	back: Text[];
	/** The "own topic" card: the party writes the topic in words. */
	ownTopic?: boolean;
	/**
	 * The professional's wording of front and back. Absent on versions published before cards
	 * had two wordings (built-in v1, an organisation's earlier edits): then the professional
	 * reads the client wording (`front`, `back`) until an admin edits the card.
	 */
	professional?: Wording;
}

export interface DeckContent {
	title: Text;
	description: Text;
	cards: DeckCard[];
}

export interface BuiltInDeck {
	key: string;
	version: number;
	kind: DeckKind;
	content: DeckContent;
}

/** A stored version, as the repository returns it. */
export interface StoredDeck {
	id: string;
	/** Null for a built-in version. */
	organisationId: string | null;
	key: string;
	version: number;
	kind: DeckKind;
	content: DeckContent;
	derivedFrom: string | null;
	publishedAt: string;
}

export const TITLE_MAX_LENGTH = 80;
export const QUESTION_MAX_LENGTH = 300;
export const BACK_MAX_QUESTIONS = 8;

function isText(value: unknown, maxLength: number, allowEmpty = false): value is Text {
	if (typeof value !== 'object' || value === null) return false;
	const text = value as Record<string, unknown>;
	return (['nl', 'en'] as const).every(
		(locale) =>
			typeof text[locale] === 'string' &&
			(allowEmpty || (text[locale] as string).trim() !== '') &&
			(text[locale] as string).length <= maxLength
	);
}

function isWording(value: unknown): value is Wording {
	if (typeof value !== 'object' || value === null) return false;
	const wording = value as Partial<Wording>;
	return (
		isText(wording.front, QUESTION_MAX_LENGTH) &&
		Array.isArray(wording.back) &&
		wording.back.length <= BACK_MAX_QUESTIONS &&
		wording.back.every((q) => isText(q, QUESTION_MAX_LENGTH))
	);
}

/** The words a reader sees on a card: the professional's wording when there is one, else the client's. */
export function cardWording(card: DeckCard, voice: Voice): Wording {
	if (voice === 'professional' && card.professional) return card.professional;
	return { front: card.front, back: card.back };
}

/** Why content is not a valid deck, or null when it is. */
export function deckContentProblem(content: unknown): string | null {
	if (typeof content !== 'object' || content === null) return 'not an object';
	const deck = content as Partial<DeckContent>;
	if (!isText(deck.title, TITLE_MAX_LENGTH)) return 'title';
	if (!isText(deck.description, QUESTION_MAX_LENGTH * 2, true)) return 'description';
	if (!Array.isArray(deck.cards) || deck.cards.length === 0) return 'cards';
	const keys = new Set<string>();
	for (const card of deck.cards as Partial<DeckCard>[]) {
		if (typeof card.key !== 'string' || !/^[a-z0-9-]{1,60}$/.test(card.key)) return 'card key';
		if (keys.has(card.key)) return `duplicate card ${card.key}`;
		keys.add(card.key);
		if (typeof card.pictogram !== 'string' || !isPictogramName(card.pictogram)) return `pictogram of ${card.key}`;
		if (!isText(card.title, TITLE_MAX_LENGTH)) return `title of ${card.key}`;
		if (!isText(card.front, QUESTION_MAX_LENGTH)) return `front of ${card.key}`;
		if (!Array.isArray(card.back) || card.back.length > BACK_MAX_QUESTIONS || !card.back.every((q) => isText(q, QUESTION_MAX_LENGTH))) {
			return `back of ${card.key}`;
		}
		if (card.ownTopic !== undefined && typeof card.ownTopic !== 'boolean') return `ownTopic of ${card.key}`;
		if (card.professional !== undefined && !isWording(card.professional)) return `professional wording of ${card.key}`;
	}
	return null;
}

export function parseDeckContent(json: string): DeckContent {
	const content = JSON.parse(json) as unknown;
	const problem = deckContentProblem(content);
	if (problem) throw new Error(`stored deck content is not valid: ${problem}`);
	return content as DeckContent;
}

export function findCard(content: DeckContent, cardKey: string): DeckCard | undefined {
	return content.cards.find((card) => card.key === cardKey);
}

/** Whether a card belongs to this deck version. */
export function isCardInDeck(deck: Pick<StoredDeck, 'content'>, cardKey: string): boolean {
	return findCard(deck.content, cardKey) !== undefined;
}

/** The words of one card an admin may change (both wordings); the key, the pictogram and ownTopic stay. */
export interface CardTexts {
	title: Text;
	front: Text;
	back: Text[];
	professional: Wording;
}

/** A new content with one card's texts replaced; the other cards stay exactly as they were. */
export function withCardTexts(content: DeckContent, cardKey: string, texts: CardTexts): DeckContent {
	if (!findCard(content, cardKey)) throw new Error(`no card ${cardKey}`);
	return {
		...content,
		cards: content.cards.map((card) =>
			card.key === cardKey ? { ...card, title: texts.title, front: texts.front, back: texts.back, professional: texts.professional } : card
		)
	};
}

/** The texts of a card as the editor shows them: the professional wording falls back to the client's. */
export function cardTextsOf(card: DeckCard): CardTexts {
	return { title: card.title, front: card.front, back: card.back, professional: cardWording(card, 'professional') };
}

/** Whether saving these texts would change nothing the readers see (a fallback wording equals its copy). */
export function sameCardTexts(card: DeckCard, texts: CardTexts): boolean {
	const shown = cardTextsOf(card);
	const order = (t: CardTexts) => [t.title, t.front, t.back, t.professional.front, t.professional.back];
	return JSON.stringify(order(shown)) === JSON.stringify(order(texts));
}

/**
 * The version an organisation uses for each deck key: the highest version among the built-in
 * versions and the organisation's own (an edit of version n is n + 1); on a tie the
 * organisation's own wins. Keys in the order of `keyOrder`, then alphabetically.
 */
export function pickCurrentVersions(decks: readonly StoredDeck[], keyOrder: readonly string[] = []): StoredDeck[] {
	const current = new Map<string, StoredDeck>();
	for (const deck of decks) {
		const best = current.get(deck.key);
		const newer = !best || deck.version > best.version || (deck.version === best.version && deck.organisationId !== null);
		if (newer) current.set(deck.key, deck);
	}
	const rank = (key: string) => (keyOrder.includes(key) ? keyOrder.indexOf(key) : keyOrder.length);
	return [...current.values()].toSorted((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A card in one language, for pages. */
export interface RenderedCard {
	key: string;
	pictogram: string;
	title: string;
	front: string;
	back: string[];
	ownTopic: boolean;
	/** The language the card reads in: the reader's, or 'nl' where it is not translated. */
	lang: ClientLocale;
}

export interface RenderedDeck {
	id: string;
	key: string;
	version: number;
	kind: DeckKind;
	title: string;
	description: string;
	cards: RenderedCard[];
}

/**
 * A card in the reader's language and voice: the client reads the client wording, the professional
 * their own, which names the client with `clientTerm`, the organisation's word for its clients.
 */
export function renderCard(card: DeckCard, locale: ClientLocale, voice: Voice = 'client', clientTerm = 'client'): RenderedCard {
	// The built-in translations fill in the client wording only: the professional's stays Dutch and English.
	const title = withDeckTranslation(card.title);
	const professional = voice === 'professional' && card.professional !== undefined;
	const wording = professional ? card.professional! : translatedClientWording(card);
	// One language per card: a card not (fully) translated reads wholly in Dutch, marked as such.
	const lang = [title, wording.front, ...wording.back].every((text) => text[locale]) ? locale : 'nl';
	const words = (text: Text) => (professional ? withClientWord(localize(text, lang).text, clientTerm, lang) : localize(text, lang).text);
	return {
		key: card.key,
		pictogram: card.pictogram,
		title: localize(title, lang).text,
		front: words(wording.front),
		back: wording.back.map(words),
		ownTopic: card.ownTopic === true,
		lang
	};
}

/**
 * "Cliënt" (with "mijn", "je", "de" or "een" before it) in the professional's wording, as a whole
 * word. Published versions never change, so the word is found in the text rather than written as a
 * placeholder; the plural ("cliënten") is another word and stays.
 */
const CLIENT_NOUN: Partial<Record<ClientLocale, { noun: RegExp; definite: string; indefinite: string }>> = {
	nl: { noun: /(?<![\p{L}\p{N}])(?:(mijn|je|jouw|de|een) )?cliënt(?![\p{L}\p{N}])/giu, definite: 'de', indefinite: 'een' },
	en: { noun: /(?<![\p{L}\p{N}])(?:(my|your|the|a) )?client(?![\p{L}\p{N}])/giu, definite: 'the', indefinite: 'a' }
};

/**
 * The professional's wording with the organisation's word for its clients (clientTermIn, as the
 * staff pages' {client}): "Voelt mijn cliënt zich gezien?" reads "Voelt de ouder zich gezien?" —
 * "de", because "mijn ouder" would be the professional's own parent. With "cliënt" itself the text
 * stays as written.
 */
export function withClientWord(text: string, clientTerm: string, lang: ClientLocale): string {
	const rule = CLIENT_NOUN[lang];
	const word = clientTermIn(clientTerm, lang);
	if (!rule || word === clientTermIn('client', lang)) return text;
	return text.replace(rule.noun, (found: string, determiner: string | undefined) => {
		const article = determiner === undefined ? '' : determiner.toLowerCase() === rule.indefinite ? rule.indefinite : rule.definite;
		const replaced = article ? `${article} ${word}` : word;
		return found.charAt(0) === found.charAt(0).toLocaleUpperCase() ? replaced.charAt(0).toLocaleUpperCase() + replaced.slice(1) : replaced;
	});
}

/** The client wording with the client languages filled in where the built-in translations have them. */
function translatedClientWording(card: DeckCard): Wording {
	return { front: withDeckTranslation(card.front), back: card.back.map(withDeckTranslation) };
}

/** A deck's title and description in the reader's language. */
export function deckWords(content: DeckContent, locale: ClientLocale): { title: string; description: string } {
	return {
		title: localize(withDeckTranslation(content.title), locale).text,
		description: localize(withDeckTranslation(content.description), locale).text
	};
}

export function renderDeck(deck: StoredDeck, locale: ClientLocale, voice: Voice = 'client', clientTerm = 'client'): RenderedDeck {
	return {
		id: deck.id,
		key: deck.key,
		version: deck.version,
		kind: deck.kind,
		...deckWords(deck.content, locale),
		cards: deck.content.cards.map((card) => renderCard(card, locale, voice, clientTerm))
	};
}
