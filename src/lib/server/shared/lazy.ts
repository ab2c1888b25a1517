/**
 * A module loaded the first time it is needed, then kept (decision 023). The libraries for PDFs
 * and their fonts, FHIR validation, QR codes and mail are large and most requests never use
 * them: they stay out of the server's memory until a request does. A failed load is tried again
 * next time.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | undefined;
	return () => {
		loading ??= load().catch((error: unknown) => {
			loading = undefined;
			throw error;
		});
		return loading;
	};
}
