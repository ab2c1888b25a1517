import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { PARAGLIDE_OPTIONS, withoutLingeringTimers } from './scripts/messages.mjs';
import { staticScripts } from './src/static-scripts/static-scripts.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * SvelteKit's root component gives its route announcer (#svelte-announcer, added in the browser
 * once a page has started) a style="…" attribute, which the CSP's style-src 'self' blocks: a
 * violation on every page. This drops the attribute before the component is compiled; app.css gives the announcer
 * the same look. Fails the build when the component has any other inline style, so a SvelteKit
 * update cannot bring one back unnoticed (the e2e fixtures fail on every CSP violation too).
 */
function announcerWithoutInlineStyle(): Plugin {
	const root = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]components[\\/]root\.svelte$/;
	return {
		name: 'tweespraak:announcer-without-inline-style',
		enforce: 'pre',
		transform(code, id) {
			if (!root.test(id.split('?')[0]!)) return undefined;
			const changed = code.replace(/(<div\s+id="svelte-announcer"[^>]*?)\s+style="[^"]*"/, '$1');
			if (/\sstyle[=:]/.test(changed))
				throw new Error(`${id} has an inline style the CSP would block; see announcerWithoutInlineStyle in vite.config.ts`);
			return { code: changed, map: null };
		}
	};
}

/**
 * An organisation may word a client text its own way (src/lib/server/wording/, decision 021). In
 * the server build only, each compiled Paraglide message that a client reads (one translated into
 * every client language, as messages/ar.json lists them) is wrapped in `withOverride`, which
 * returns the organisation's wording when the request is a participant's. Browser bundles and
 * staff texts are left as Paraglide compiled them.
 */
function clientTextOverrides(): Plugin {
	// Plain texts only, as the admin's list of them (src/lib/server/wording/client-texts.ts): a
	// message with plural variants has a text per number, which one own wording cannot replace, and
	// an own wording the admin cannot see or reset must not show on a client's page either.
	const clientKeys = new Set(
		Object.entries(JSON.parse(readFileSync(new URL('./messages/ar.json', import.meta.url), 'utf8')) as Record<string, unknown>)
			.filter(([key, text]) => !key.startsWith('$') && typeof text === 'string')
			.map(([key]) => key)
	);
	// The message functions: all in messages/_index.js (the Vite plugin's output), or one file per
	// message (the CLI's); not the per-language files (messages/nl.js …) those call.
	const messageFile = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/](?!(?:nl|en|ar|tr|pl|uk)\.js$)[^\\/]+\.js$/;
	const runtime = JSON.stringify(fileURLToPath(new URL('./src/lib/server/wording/override-runtime.ts', import.meta.url)));
	// Which keys are wrapped is not in the file it transforms (messages/_index.js stays the same when
	// a text gains its translations): the name carries the set, so Vitest's module cache, which keys
	// on the plugins' names, never serves a wrapping made for another set.
	const keySet = createHash('sha1')
		.update([...clientKeys].sort().join())
		.digest('hex')
		.slice(0, 12);
	return {
		name: `tweespraak:client-text-overrides:${keySet}`,
		transform(code, id) {
			if (this.environment?.config.consumer !== 'server' || !messageFile.test(id.split('?')[0]!)) return undefined;
			const wrapped: string[] = [];
			let changed = code.replace(/^export const (\w+) = /gm, (whole, key: string) => {
				if (!clientKeys.has(key)) return whole;
				wrapped.push(`export const ${key} = __withOverride(${JSON.stringify(key)}, __standard_${key});`);
				return `const __standard_${key} = `;
			});
			changed = changed.replace(/^export \{ (\w+) as "(\w+)" \}/gm, (whole, local: string, key: string) => {
				if (!clientKeys.has(key)) return whole;
				wrapped.push(`const __overridable_${local} = __withOverride(${JSON.stringify(key)}, ${local});`);
				return `export { __overridable_${local} as "${key}" }`;
			});
			if (wrapped.length === 0) return undefined;
			return { code: `import { withOverride as __withOverride } from ${runtime};\n${changed}\n${wrapped.join('\n')}\n`, map: null };
		}
	};
}

/**
 * Paraglide's plugin with the project's options (scripts/messages.mjs), compiling at the start of a
 * build, a test run or the development server without leaving the compiler's 30-second timers to
 * hold the process open once its work is done (withoutLingeringTimers).
 */
function paraglideMessages(outputStructure: 'message-modules' | 'locale-modules'): Plugin[] {
	const plugins = [paraglideVitePlugin({ ...PARAGLIDE_OPTIONS, outputStructure })].flat();
	if (!plugins.some((plugin) => typeof plugin.buildStart === 'function'))
		throw new Error('The Paraglide plugin no longer compiles in buildStart; see paraglideMessages in vite.config.ts.');
	return plugins.map((plugin) => {
		const buildStart = plugin.buildStart;
		if (typeof buildStart !== 'function') return plugin;
		return {
			...plugin,
			buildStart(options) {
				return withoutLingeringTimers(async () => buildStart.call(this, options));
			}
		};
	});
}

// The development server takes the messages as one module per language: one per message would be
// thousands of requests for every page the browser loads from it (scripts/messages.mjs).
export default defineConfig(({ command, mode }) => ({
	plugins: [
		announcerWithoutInlineStyle(),
		clientTextOverrides(),
		staticScripts(),
		paraglideMessages(command === 'serve' && mode !== 'test' ? 'locale-modules' : PARAGLIDE_OPTIONS.outputStructure),
		sveltekit({
			adapter: adapter({ precompress: true }),
			// The origin is decided per request by our server wrapper (scripts/server.mjs), which
			// honours ORIGIN at run time; see docs/decisions/003-origin-and-security-headers.md.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none'],
					'base-uri': ['self'],
					'object-src': ['none']
				}
			},
			inlineStyleThreshold: 8192,
			version: { name: version, pollInterval: 0 }
		})
	],
	environments: {
		// The server keeps the source of every module in memory for as long as it runs; Paraglide's
		// JSDoc (types and an output table per message, in six languages) was two thirds of the
		// messages chunk. Browser bundles are minified anyway. And V8 holds a module's source at two
		// bytes a character once one letter needs it (Arabic, Ukrainian, a ’): written as escapes,
		// every server chunk stays at one byte a character (decision 025).
		ssr: { build: { rolldownOptions: { output: { comments: { jsdoc: false, legal: true, annotation: true }, charset: 'ascii' } } } }
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.integration.test.ts'],
					expect: { requireAssertions: true },
					// Pure functions and file checks: no test mocks a module or changes the environment,
					// so the files share their workers' imported modules instead of importing Svelte,
					// Paraglide, pdfkit … again per file, which was most of the stage (decision 024).
					isolate: false
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['src/**/*.integration.test.ts'],
					globalSetup: ['src/lib/server/testing/global-setup.ts'],
					expect: { requireAssertions: true },
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false,
					// The files run one after another in one worker that keeps its imported modules
					// (better-auth, Kysely, pdfkit …) instead of importing them again per file, which
					// took a fifth of the run; every file still builds its own database (decision 015).
					isolate: false
				}
			}
		]
	}
}));
