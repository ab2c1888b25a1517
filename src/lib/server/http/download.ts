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
