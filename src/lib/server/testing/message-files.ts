import fs from 'node:fs';
import path from 'node:path';

/**
 * The message files (messages/{locale}.json, the inlang message format) as the tests read them. A
 * message is a plain text, or a message with variants: an array of one object whose declarations
 * name its inputs ("input count") and a plural of the number ("local countPlural = count: plural"),
 * and whose match gives a text for each plural category ("countPlural=one", "countPlural=few", …,
 * "countPlural=*" for the rest). Paraglide picks the variant with Intl.PluralRules, so a counted
 * noun takes the form its language needs (Polish 1 raz, 2 razy; 1 pytanie, 2 pytania, 5 pytań).
 * A test of the words checks every variant's text, not only plain ones.
 */
export interface VariantMessage {
	declarations: string[];
	selectors: string[];
	match: Record<string, string>;
}
export type Message = string | VariantMessage[];

const root = path.resolve(import.meta.dirname, '../../../..');

/** The messages of one language, by key, without the file's $schema. */
export function readMessages(locale: string): Record<string, Message> {
	const messages = JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, Message>;
	delete messages.$schema;
	return messages;
}

export function hasVariants(message: Message | undefined): message is VariantMessage[] {
	return Array.isArray(message);
}

/** Every text the message can show: the text, or each variant's in the file's order. */
export function textsOf(message: Message | undefined): string[] {
	if (message === undefined) return [];
	return hasVariants(message) ? message.flatMap((variant) => Object.values(variant.match)) : [message];
}

/** Every text of every message, named by its key, and a variant's also by its match ("key [countPlural=one]"). */
export function allTexts(messages: Record<string, Message>): [name: string, text: string][] {
	return Object.entries(messages).flatMap(([key, message]): [string, string][] =>
		hasVariants(message)
			? message.flatMap((variant) => Object.entries(variant.match).map(([match, text]): [string, string] => [`${key} [${match}]`, text]))
			: [[key, message]]
	);
}

/** A message that is missing, or has a text with nothing in it. */
export function isBlank(message: Message | undefined): boolean {
	const texts = textsOf(message);
	return texts.length === 0 || texts.some((text) => text.trim() === '');
}

/** The `{name}` placeholders of a text, sorted, each as often as it occurs. */
export function placeholdersIn(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).toSorted();
}

/** The inputs a message with variants declares ("input count" → count), sorted. */
export function declaredInputs(message: VariantMessage[]): string[] {
	return [
		...new Set(
			message.flatMap((variant) => variant.declarations.filter((line) => line.startsWith('input ')).map((line) => line.slice(6).trim()))
		)
	].toSorted();
}

/**
 * Whether a translation takes the same placeholders as the Dutch: two plain texts each as often;
 * where either has variants, the same inputs (a variant may leave the number out: Arabic says
 * "سؤالين", two questions, without a 2).
 */
export function samePlaceholders(message: Message | undefined, dutch: Message | undefined): boolean {
	if (message === undefined || dutch === undefined) return message === dutch;
	if (!hasVariants(message) && !hasVariants(dutch)) return placeholdersIn(message).join() === placeholdersIn(dutch).join();
	const inputs = (m: Message) => (hasVariants(m) ? declaredInputs(m) : [...new Set(placeholdersIn(m))]);
	return inputs(message).join() === inputs(dutch).join();
}
