import type { LocalizedText } from '../instruments.models.ts';
import { TRANSLATION_EXTENSION } from './fhir.models.ts';

/**
 * Texts in more than one language, the FHIR way: the element's own value in the Questionnaire's
 * language, and a `translation` extension on its `_element` per other language. nl and en are
 * the languages Tweespraak shows now; any other language found is kept beside them under its
 * code, so adding a language to the app needs no new import.
 */

export interface FhirElementExtension {
	url: string;
	valueCode?: string;
	valueString?: string;
	extension?: FhirElementExtension[];
	[key: string]: unknown;
}

export interface FhirPrimitiveExtras {
	extension?: FhirElementExtension[];
}

const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** The language part of a code: 'nl-NL' → 'nl'; null when it is not a plain language code. */
export function languageOf(code: string | undefined): string | null {
	const language = code?.split('-')[0]?.toLowerCase();
	return language && LANGUAGE_CODE.test(language) ? language : null;
}

/** All texts of one element by language; the element's own value under the Questionnaire's language. */
export function readTexts(value: string | undefined, extras: FhirPrimitiveExtras | undefined, language: string): Map<string, string> {
	const texts = new Map<string, string>();
	if (value !== undefined) texts.set(language, value);
	for (const translation of extras?.extension ?? []) {
		if (translation.url !== TRANSLATION_EXTENSION) continue;
		const lang = languageOf(translation.extension?.find((part) => part.url === 'lang')?.valueCode);
		const content = translation.extension?.find((part) => part.url === 'content')?.valueString;
		if (lang && content !== undefined && !texts.has(lang)) texts.set(lang, content);
	}
	return texts;
}

/** nl and en (each falls back on the other, then on the first text), and every other language kept. */
export function toLocalizedText(texts: Map<string, string>): LocalizedText | undefined {
	const first = texts.values().next().value;
	if (first === undefined) return undefined;
	const nl = texts.get('nl') ?? texts.get('en') ?? first;
	const en = texts.get('en') ?? texts.get('nl') ?? first;
	return { ...Object.fromEntries(texts), nl, en };
}

/** A text for export: the Dutch value, with a translation extension for every other language. */
export function writeText(text: LocalizedText): { value: string; extras?: FhirPrimitiveExtras } {
	const others = Object.entries(text).filter(([lang, value]) => lang !== 'nl' && typeof value === 'string' && value !== text.nl);
	if (others.length === 0) return { value: text.nl };
	return {
		value: text.nl,
		extras: {
			extension: others.map(([lang, value]) => ({
				url: TRANSLATION_EXTENSION,
				extension: [
					{ url: 'lang', valueCode: lang },
					{ url: 'content', valueString: value as string }
				]
			}))
		}
	};
}

/** Markup or script in a text that a participant would read: refused, never rendered or stored. */
export function hasMarkup(text: string): boolean {
	return /<\s*[a-z!/?]|javascript:|&#|&[a-z]+;/i.test(text);
}
