import { error } from '@sveltejs/kit';
import { cleanText, hasControlCharacters } from '../shared/validation.ts';

/**
 * Malformed input is refused here, once, before any action, endpoint or usecase sees it
 * (hooks.server.ts), so a broken body or a stray NUL byte answers 400 on both databases instead
 * of failing deep inside with a 500. The answer's message is the code `malformed_request`.
 */
export const MALFORMED = 'malformed_request';

interface GuardedEvent {
	url: URL;
	params: Partial<Record<string, string>>;
	request: Request;
}

/** A reason to refuse the request before routing it further, or null when it is well formed. */
export function findMalformedInput(event: GuardedEvent): string | null {
	// `//host/x` (also `/\host/x`, which URL parsing makes the same) is an address on another site to
	// a browser: no page of the app has one, and a redirect back to it (Post/Redirect/Get) is refused.
	if (event.url.pathname.startsWith('//')) return 'path';
	for (const value of Object.values(event.params)) {
		if (value !== undefined && hasControlCharacters(value)) return 'route parameter';
	}
	for (const [key, value] of event.url.searchParams) {
		if (hasControlCharacters(key) || hasControlCharacters(value)) return 'query parameter';
		// SvelteKit reserves the name; posting to it is a programming error there (a 500), a bad request here.
		if (key === '/default' && event.request.method === 'POST') return 'action name';
	}
	return null;
}

/**
 * Makes `request.formData()` of this request refuse a body it cannot read (broken multipart,
 * `text/plain`, JSON …) with a 400, and hand back every text field cleaned (see cleanText), so
 * every form action and endpoint reads clean text without doing anything itself.
 */
export function installCleanFormReader(request: Request): void {
	const parse = request.formData.bind(request);
	Object.defineProperty(request, 'formData', {
		configurable: true,
		value: async (): Promise<FormData> => {
			let raw: FormData;
			try {
				raw = await parse();
			} catch {
				error(400, MALFORMED);
			}
			const clean = new FormData();
			for (const [key, value] of raw) clean.append(cleanText(key), typeof value === 'string' ? cleanText(value) : value);
			return clean;
		}
	});
}
