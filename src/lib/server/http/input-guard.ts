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
 * Whether a form action or endpoint may be handed this request's body: a POST that says what it
 * carries. SvelteKit runs an action for a form's content types (`text/plain` among them) without
 * reading the body itself, and an action that takes no fields (reset a wording, start a
 * conversation) never reads it: such a body must be read here, or a broken one would still be acted on.
 */
function carriesBody(request: Request): boolean {
	return request.method === 'POST' && request.headers.has('content-type');
}

/**
 * Makes `request.formData()` of this request refuse a body it cannot read (broken multipart,
 * `text/plain`, JSON …) with a 400, and hand back every text field cleaned (see cleanText), so
 * every form action and endpoint reads clean text without doing anything itself. The body is read
 * at once, whether or not the action asks for it: 'malformed' when it cannot be read, and the
 * request is refused before any action runs (hooks.server.ts). Every later `formData()` answers
 * with a fresh copy of what was read. 'too large': a body sent without its size (chunked) that
 * outgrew adapter-node's BODY_SIZE_LIMIT while it was read, whose stream the adapter then failed
 * with a 413; not a broken body, and answered as the one that announced that size would be.
 */
export async function installCleanFormReader(request: Request): Promise<'read' | 'malformed' | 'too large'> {
	const parse = request.formData.bind(request);
	let parsed: Promise<[string, FormDataEntryValue][]> | undefined;
	const read = () =>
		(parsed ??= parse().then((raw) =>
			[...raw].map(([key, value]): [string, FormDataEntryValue] => [cleanText(key), typeof value === 'string' ? cleanText(value) : value])
		));
	Object.defineProperty(request, 'formData', {
		configurable: true,
		value: async (): Promise<FormData> => {
			let entries: [string, FormDataEntryValue][];
			try {
				entries = await read();
			} catch (caught) {
				// SvelteKit answers the adapter's own error with its 413.
				if (isOverLimit(caught)) throw caught;
				error(400, MALFORMED);
			}
			const clean = new FormData();
			for (const [key, value] of entries) clean.append(key, value);
			return clean;
		}
	});
	if (!carriesBody(request)) return 'read';
	return read().then(
		() => 'read',
		(caught: unknown) => (isOverLimit(caught) ? 'too large' : 'malformed')
	);
}

/** adapter-node fails a body's stream with its SvelteKitError(413) once it outgrows BODY_SIZE_LIMIT. */
function isOverLimit(caught: unknown): boolean {
	return caught instanceof Error && (caught as Error & { status?: unknown }).status === 413;
}
