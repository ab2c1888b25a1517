import { CLIENT_LOCALES, type ClientLocale } from '#lib/locales.ts';

/**
 * The standard client texts an organisation may word its own way: every message translated into
 * all six client languages (the key-parity test, src/lib/client-languages.test.ts, keeps that set
 * equal to what client pages show), plain strings only: a message with plural variants (a counted
 * noun, as in traject_client_consent_what) has a text per number, which one own wording cannot
 * replace. Read from messages/*.json on first use: only the admin's wording pages need them, so a
 * server that never shows them never loads them.
 */
export interface ClientText {
	key: string;
	texts: Record<ClientLocale, string>;
}

let loaded: Promise<ReadonlyMap<string, ClientText>> | undefined;

export function clientTexts(): Promise<ReadonlyMap<string, ClientText>> {
	loaded ??= load();
	return loaded;
}

async function load(): Promise<ReadonlyMap<string, ClientText>> {
	const files = await Promise.all([
		import('../../../../messages/nl.json'),
		import('../../../../messages/en.json'),
		import('../../../../messages/ar.json'),
		import('../../../../messages/tr.json'),
		import('../../../../messages/pl.json'),
		import('../../../../messages/uk.json')
	]);
	const byLocale = Object.fromEntries(CLIENT_LOCALES.map((locale, i) => [locale, files[i]!.default as Record<string, unknown>])) as Record<
		ClientLocale,
		Record<string, unknown>
	>;
	const result = new Map<string, ClientText>();
	for (const key of Object.keys(byLocale.ar).sort()) {
		if (key.startsWith('$')) continue;
		const texts = {} as Record<ClientLocale, string>;
		let plain = true;
		for (const locale of CLIENT_LOCALES) {
			const text = byLocale[locale][key];
			if (typeof text !== 'string') plain = false;
			else texts[locale] = text;
		}
		if (plain) result.set(key, { key, texts });
	}
	return result;
}
