import { AsyncLocalStorage } from 'node:async_hooks';
import { getLocale } from '#lib/paraglide/runtime.js';
import { fillPlaceholders } from './wording.models.ts';

/**
 * How an organisation's own wording reaches a client page (docs/decisions/021): the server build
 * wraps every client message function in `withOverride` (vite.config.ts, clientTextOverrides), and
 * hooks.server.ts runs a participant's request inside `withOverrides` with their organisation's
 * wordings. Anywhere else — staff pages, the browser, tests — the wrapper returns the standard text.
 */
interface OverrideScope {
	/** "locale:key" → the organisation's wording. */
	readonly texts: ReadonlyMap<string, string>;
}

const scope = new AsyncLocalStorage<OverrideScope>();

export function withOverrides<T>(texts: ReadonlyMap<string, string>, work: () => T): T {
	return texts.size === 0 ? work() : scope.run({ texts }, work);
}

type MessageFunction = (inputs?: Record<string, unknown>, options?: { locale?: string }) => string;

export function withOverride<F extends MessageFunction>(key: string, standard: F): F {
	const wrapped = ((inputs?: Record<string, unknown>, options?: { locale?: string }) => {
		const texts = scope.getStore()?.texts;
		if (texts) {
			const own = texts.get(`${options?.locale ?? getLocale()}:${key}`);
			if (own !== undefined) return fillPlaceholders(own, inputs);
		}
		return standard(inputs, options);
	}) as F;
	return Object.assign(wrapped, standard);
}
