import { errorMessage } from '#lib/i18n.ts';
import { isDomainError } from '../shared/errors.ts';
import { errorPageFrom } from './forms.ts';

/** The kinds of file the app hands out. */
const CONTENT_TYPES = {
	pdf: 'application/pdf',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8'
} as const;

export type DownloadKind = keyof typeof CONTENT_TYPES;

/**
 * A file to save, never to show in place or to keep in a cache: every file the app hands out
 * holds client or organisation data (reports, copies, exports), so each is an attachment that no
 * browser or proxy cache stores. The usecase makes the file name, and it names no client.
 */
export function downloadResponse(kind: DownloadKind, fileName: string, content: string | Uint8Array): Response {
	const body = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
	return new Response(body, {
		headers: {
			'content-type': CONTENT_TYPES[kind],
			'content-disposition': `attachment; filename="${fileName}"`,
			'content-length': String(body.length),
			'cache-control': 'no-store'
		}
	});
}

/**
 * A download refused for a reason the reader can put right (a bad `?lang=`, say): the status and
 * the translated message as plain text, since an endpoint's error would show SvelteKit's bare
 * fallback page. Not found stays the 404 page; anything unexpected stays a logged 500.
 */
export function refusedDownload(caught: unknown): Response {
	if (!isDomainError(caught) || caught.code === 'not_found') errorPageFrom(caught);
	return new Response(errorMessage(caught.publicCode), {
		status: caught.status,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
}
