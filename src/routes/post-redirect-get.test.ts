import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import { parseNotice } from '#lib/server/http/notice.ts';

// Issue 12 (4): every successful form post answers 303 to a page loaded with GET, so a reload
// never asks to send the form again. Each page's actions are typed `satisfies RedirectOnSuccess`:
// then svelte-check refuses an action that answers anything but fail(…) — a success must redirect.
// This test finds every route with form actions, so a new one cannot slip past that type.

const ROUTES = import.meta.dirname;

// No exceptions: a post that makes a secret kept only as a hash (a personal link, a two-factor
// secret) redirects too, and the page it lands on shows the secret once (redirectWithSecret).

describe('every form post redirects when it succeeds', () => {
	const withActions = sourceFiles(ROUTES, (name) => name === '+page.server.ts').filter((file) =>
		/export const actions\b/.test(readFileSync(file, 'utf8'))
	);

	it('finds the routes with form actions', () => {
		expect(withActions.length).toBeGreaterThan(20);
	});

	it.each(withActions.map((file) => [path.relative(ROUTES, file)]))('%s: its actions satisfy RedirectOnSuccess', (file) => {
		const source = readFileSync(path.join(ROUTES, file), 'utf8');
		expect(source).toMatch(/export const actions = \{[\s\S]*\n\} satisfies Actions satisfies RedirectOnSuccess;/);
	});
});

describe('the notice a redirect carries', () => {
	const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

	it('is a message key with short text values, and nothing else', () => {
		expect(parseNotice(encode({ message: 'staff_invite_sent', values: { email: 'a@example.nl' } }))).toEqual({
			message: 'staff_invite_sent',
			values: { email: 'a@example.nl' }
		});
		expect(parseNotice(encode({ message: 'form_saved' }))).toEqual({ message: 'form_saved' });
		expect(parseNotice(encode({ message: 'x', values: { long: 'y'.repeat(500) } }))?.values?.long).toHaveLength(200);
	});

	it('is ignored when it was tampered with', () => {
		expect(parseNotice('not base64 json')).toBeNull();
		expect(parseNotice(encode({ message: '<script>' }))).toBeNull();
		expect(parseNotice(encode({ message: 'form_saved', values: 'x' }))).toBeNull();
		expect(parseNotice(encode(['form_saved']))).toBeNull();
	});
});
