import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');
/** The account page shows the stored preference itself: the one place that reads it. */
const READS_THE_SETTING = [path.join('(staff)', 'account', '+page.server.ts')];

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(full);
		return /\.server\.ts$|\+server\.ts$/.test(entry.name) ? [full] : [];
	});
}

describe('a page speaks the language of the request', () => {
	// A professional's stored language can change on another device (or in another browser) while
	// this page's cookie says otherwise: a list rendered with the stored one mixed English names
	// into a Dutch page (found by a parallel e2e run). Text for the page follows getLocale().
	it('no route renders with the signed-in person’s stored language (actor.locale) instead of the page’s', () => {
		const offenders = serverFiles(ROUTES)
			.filter((file) => !READS_THE_SETTING.includes(path.relative(ROUTES, file)))
			.filter((file) => /\bactor\.locale\b/.test(readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROUTES, file));
		expect(offenders).toEqual([]);
	});
});
