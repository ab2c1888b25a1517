import contentDisposition from 'content-disposition';
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
			'content-disposition': attachment(fileName),
			'content-length': String(body.length),
			'cache-control': 'no-store'
		}
	});
}

/**
 * The Content-Disposition of a file to save. A file name may hold text an organisation chose (its
 * own wording of a file name, in any language): quotes are escaped and letters outside Latin-1 go
 * in the RFC 6266 `filename*` form (the `content-disposition` package), so a name can neither end
 * the header's value nor add a parameter, and never makes the header invalid. Control characters
 * and path separators become hyphens first; a browser would refuse them in a file name anyway.
 */
export function attachment(fileName: string): string {
	const safe = fileName.replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, '-');
	return contentDisposition(safe, { type: 'attachment' });
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

/** A file a usecase makes to hand out: a PDF, JSON text or CSV text (shared/csv.ts). */
export type MadeFile = { fileName: string; pdf: Uint8Array } | { fileName: string; json: string } | { fileName: string; csv: string };

/**
 * Hands out the file a usecase makes (downloadResponse). A refusal becomes the error page with its
 * status, as for a page (errorPageFrom), or what `refused` makes of it (refusedDownload).
 */
export async function serveMadeFile(
	make: () => Promise<MadeFile>,
	refused: (caught: unknown) => Response = errorPageFrom
): Promise<Response> {
	let made: MadeFile;
	try {
		made = await make();
	} catch (caught) {
		return refused(caught);
	}
	if ('pdf' in made) return downloadResponse('pdf', made.fileName, made.pdf);
	return 'csv' in made ? downloadResponse('csv', made.fileName, made.csv) : downloadResponse('json', made.fileName, made.json);
}
