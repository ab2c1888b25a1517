import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_FACING_PREFIXES, CLIENT_PAGE_FOLDERS, CLIENT_SHELL_FILES, isStaffVariant } from './client-facing.ts';
import { CLIENT_LOCALES, STAFF_LOCALES } from './locales.ts';

/**
 * Every client language has every client-facing message (issue 16): a client never reads a raw key,
 * and never a Dutch sentence in the middle of their own language. Staff-only messages stay Dutch
 * and English. The client-facing keys are found from the client pages' source (client-facing.ts).
 */
const root = path.resolve(import.meta.dirname, '../..');
const read = (locale: string) => {
	const messages = JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
	delete messages.$schema;
	return messages;
};
const nl = read('nl');

const filesUnder = (folder: string): string[] =>
	fs
		.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
		.filter((file) => /\.(svelte|ts)$/.test(file) && !file.endsWith('.test.ts'))
		.map((file) => path.join(folder, file));

/** A module's imports inside the project (#lib/… and relative), never the generated messages. */
function importsOf(file: string, source: string): string[] {
	const found: string[] = [];
	for (const [, target] of source.matchAll(/(?:import|from)\s*['"]([^'"]+)['"]/g)) {
		if (!target || target.includes('paraglide')) continue;
		const resolved = target.startsWith('#lib/')
			? path.join('src/lib', target.slice(5))
			: target.startsWith('.')
				? path.join(path.dirname(file), target)
				: null;
		if (!resolved || resolved.includes(`${path.sep}server${path.sep}`) || !fs.existsSync(path.join(root, resolved))) continue;
		if (fs.statSync(path.join(root, resolved)).isFile()) found.push(resolved);
	}
	return found;
}

const keysIn = (source: string) => [...source.matchAll(/\bm\.([a-z][a-z0-9_]*)/g)].map(([, key]) => key!);

/** Keys used by the client pages and everything they import. */
function clientPageKeys(): Set<string> {
	const keys = new Set<string>();
	const seen = new Set<string>();
	const queue = CLIENT_PAGE_FOLDERS.flatMap(filesUnder);
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const source = fs.readFileSync(path.join(root, file), 'utf8');
		for (const key of keysIn(source)) keys.add(key);
		queue.push(...importsOf(file, source));
	}
	for (const file of CLIENT_SHELL_FILES) for (const key of keysIn(fs.readFileSync(path.join(root, file), 'utf8'))) keys.add(key);
	return keys;
}

const clientFacing = [...new Set([...clientPageKeys(), ...Object.keys(nl).filter((key) => CLIENT_FACING_PREFIXES.some((p) => key.startsWith(p)))])]
	.filter((key) => key in nl && !isStaffVariant(key))
	.sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
const clientOnly = CLIENT_LOCALES.filter((locale) => !(STAFF_LOCALES as readonly string[]).includes(locale));

describe('client languages', () => {
	it('the rule finds the client pages’ messages (join, rating, reveal, agreement, preparation, mails)', () => {
		for (const key of ['join_title', 'rating_title', 'reveal_title', 'agreement_title', 'prep_participant_title', 'links_mail_personal'])
			expect(clientFacing, key).toContain(key);
		expect(clientFacing).not.toContain('shell_nav_staff');
		expect(clientFacing.length).toBeGreaterThan(300);
	});

	for (const locale of clientOnly) {
		const messages = read(locale);
		it(`${locale}: every client-facing message is translated, with the same placeholders as the Dutch`, () => {
			expect(clientFacing.filter((key) => !messages[key]?.trim())).toEqual([]);
			const changed = clientFacing.filter((key) => messages[key] && placeholders(messages[key]).join() !== placeholders(nl[key]!).join());
			expect(changed).toEqual([]);
		});

		it(`${locale}: has no message that Dutch does not have, and no markup`, () => {
			expect(Object.keys(messages).filter((key) => !(key in nl))).toEqual([]);
			expect(Object.entries(messages).filter(([, text]) => /<[a-z/]/i.test(text))).toEqual([]);
		});
	}
});
