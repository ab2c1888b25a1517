import { baseLocale, overwriteGetLocale, toLocale, type Locale } from '#lib/paraglide/runtime.js';

/**
 * The browser renders a page in the language the server sent it in (hooks.server.ts,
 * server/http/page-locale.ts), not in the one Paraglide reads from the language cookie. The two
 * differ on a staff page opened while the cookie holds a client language (after a hand-over, say:
 * the server wrote Dutch, the browser then rewrote the shell and every translated text in Turkish
 * while hydrating) and on a participant's device whose language was changed elsewhere. The root
 * layout's load hands the server's decision over on every navigation (routes/+layout.ts).
 */
let shown: Locale | undefined;

/** In the browser only: on the server every request has its own language (hooks.server.ts). */
export function followPageLocale(locale: string): void {
	if (shown === undefined) overwriteGetLocale(() => shown ?? baseLocale);
	shown = toLocale(locale) ?? baseLocale;
}
