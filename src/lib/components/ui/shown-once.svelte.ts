import { page } from '$app/state';

/**
 * A secret the page shows once (a printed link, a QR code; notice.ts, takeSecret): it stays on
 * screen when a live update fetches the page's data again — that fetch never brings it back —
 * and goes when the person goes to another page. Call while the component starts.
 */
export function keepShown<T>(current: () => T | null): () => T | null {
	let kept = $state<{ path: string; value: T } | null>(null);
	$effect.pre(() => {
		const value = current();
		if (value !== null) kept = { path: page.url.pathname, value };
	});
	return () => current() ?? (kept && kept.path === page.url.pathname ? kept.value : null);
}
