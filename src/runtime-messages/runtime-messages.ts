/**
 * The messages a page looks up by key at run time (`translate` and `errorMessage`, src/lib/i18n.ts):
 * a notice, a form field's refusal, an error code from the server, a privacy line. Every other
 * message is called by name (`m.join_title()`), so the bundler sees which page uses it.
 *
 * A lookup by key used to read it from the namespace of every message. Naming the namespace as a
 * value keeps every one of its 2,400 messages, in six languages, in the chunk of the module that
 * does it, and the root layout shows notices: every page, a client's too, fetched one chunk of
 * about 1 MB (184 KB compressed). The table holds only the keys that can be looked up, found
 * in the source when the table is written, so nobody keeps a list:
 *
 * - every key written as a whole string anywhere in src/ (a notice's `message: 'staff_invite_sent'`,
 *   a schema's `'validation_required'`, an error's key);
 * - every key a template or a concatenation starts (`` `error_${…}` ``, `'privacy_scope_' + …`):
 *   all keys with that start.
 *
 * A key named only as `m.key` is not in it; one that is in it and also called by name costs nothing
 * more. Server and browser use the same table, so a key missing from it shows the same fallback on
 * the server's page as in the browser, where the tests see it.
 *
 * The table is a source file, src/lib/runtime-messages.ts, written by `npm run messages:runtime`
 * (scripts/runtime-messages.mjs) and committed: the operator commands and seed:scale import the
 * server's modules in plain Node, without Vite, so it cannot be a module only the bundler makes.
 * runtime-messages.test.ts fails, naming the command, when the file is not what the source asks for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sourceFiles } from '#lib/server/testing/source-files.ts';

/** The table's file, from the project's root. */
export const TABLE_FILE = 'src/lib/runtime-messages.ts';

/** Sources the scan reads: the app's own code, without tests, the compiled messages and the table itself. */
function scannedFiles(root: string): string[] {
	return sourceFiles(path.join(root, 'src'), (name) => /\.(ts|js|svelte)$/.test(name) && !name.endsWith('.test.ts')).filter(
		(file) => file !== path.join(root, TABLE_FILE)
	);
}

/** Every message key (the base language has them all). */
export function messageKeys(root: string): string[] {
	const messages = JSON.parse(fs.readFileSync(path.join(root, 'messages', 'nl.json'), 'utf8')) as Record<string, unknown>;
	return Object.keys(messages).filter((key) => !key.startsWith('$'));
}

const WHOLE = /(['"`])([a-z][a-z0-9_]*)\1/g;
const TEMPLATE_START = /`([a-z][a-z0-9_]*_)\$\{/g;
const CONCATENATED_START = /(['"])([a-z][a-z0-9_]*_)\1\s*\+/g;

/** The keys `translate` can be asked for, as found in the source under `root` (see above), sorted. */
export function runtimeMessageKeys(
	root: string,
	sources: readonly string[] = scannedFiles(root).map((file) => fs.readFileSync(file, 'utf8'))
) {
	const keys = messageKeys(root);
	const known = new Set(keys);
	const found = new Set<string>();
	const starts = new Set<string>();
	for (const source of sources) {
		for (const [, , text] of source.matchAll(WHOLE)) if (known.has(text!)) found.add(text!);
		for (const [, start] of source.matchAll(TEMPLATE_START)) starts.add(start!);
		for (const [, , start] of source.matchAll(CONCATENATED_START)) starts.add(start!);
	}
	const prefixes = [...starts];
	for (const key of keys) if (prefixes.some((start) => key.startsWith(start))) found.add(key);
	return [...found].sort();
}

/** The table's source for these keys: the message functions by key, in an object without a prototype (so `constructor` is no message). */
export function renderRuntimeMessages(keys: readonly string[]): string {
	return [
		'// Written by `npm run messages:runtime` (src/runtime-messages/runtime-messages.ts): the messages a',
		'// page looks up by key. Do not edit by hand; runtime-messages.test.ts fails when it is out of date.',
		`import { ${keys.join(', ')} } from '#lib/paraglide/messages.js';`,
		'',
		'type LookedUp = (inputs?: Record<string, unknown>) => string;',
		'',
		`export const runtimeMessages: Readonly<Record<string, LookedUp | undefined>> = Object.freeze(Object.assign(Object.create(null), { ${keys.join(', ')} }));`,
		''
	].join('\n');
}

/** Writes the table for the source under `root`; returns how many keys it holds and whether the file changed. */
export function writeRuntimeMessages(root: string): { keys: number; changed: boolean } {
	const keys = runtimeMessageKeys(root);
	const file = path.join(root, TABLE_FILE);
	const text = renderRuntimeMessages(keys);
	const changed = !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
	if (changed) fs.writeFileSync(file, text);
	return { keys: keys.length, changed };
}
